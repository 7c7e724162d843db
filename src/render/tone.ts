import type { Decimal } from '../model/decimal';
import type { Release, RowRef } from '../model/types';

// Whether a change is good or bad news for the company, so the page colours it as a reader reads it:
// a net loss shrinking from (86.9) to (38.5) is good though its figure's magnitude fell, an expense
// rising is bad though its figure rose. The evidence is the statement's own arithmetic first: a
// line the footing relations subtract on the way to their total (cost of sales under gross profit,
// tax under net income) counts against the result, one they add counts for it, through every level
// of totals. A line in no relation is judged by what it is called (costs, expenses, charges).

/** 1: a higher figure is better; −1: a lower one is; 0: neither (a liability, a share count). */
export type Direction = 1 | -1 | 0;

const EXPENSE = /\b(?:costs?|expenses?|expenditures?|charges?|impairments?|provision|losses? and loss adjustment|depreciation|amortization|write-?downs?|restructuring)\b|^(?:income )?tax(?:es)?\b|\btax(?:es)? (?:expense|provision)\b/i;
/** Words of a result, whatever expense words follow ("Income before income taxes", "Gross profit"). */
const RESULT = /^(?:net |total |gross |operating )*(?:income|earnings|profit|revenues?|sales|margin)\b(?! tax)/i;
/** Balance-sheet lines whose rise is neither good nor bad news by itself. */
const NEUTRAL = /liabilit|\bdebt\b|borrowings?|payables?|deferred revenue|deposits|\bnotes?\b|leases?/i;

/**
 * Measures a reader wants lower, whatever their arithmetic or sign: an insurer's combined, loss and
 * expense ratios, a bank's efficiency and cost-to-income ratios, cost of risk and bad loans, leverage
 * (debt to equity, capital, assets or EBITDA, loan-to-value, gearing), days sales or inventory
 * outstanding and the cash conversion cycle, churn, vacancy. A ratio is not a footing's line, so its
 * name is all there is to go by.
 */
const LOWER_BETTER = new RegExp([
  String.raw`\b(?:combined|loss|losses|expense|expenses|efficiency|cost|costs|claims)(?:\s+and\s+(?:LAE|(?:loss\s+adjustment\s+)?expenses?))?\s+ratios?\b`,
  String.raw`\bcost[-\s]+(?:to|\/)[-\s]*income\b|\bcost\/income\b|\bcost of risk\b`,
  String.raw`\bloan[-\s]+to[-\s]+(?:value|cost)\b|\bLTV\b|\bgearing\b|(?<!operating\s)\bleverage\b`,
  String.raw`\bdebt\s*(?:[-\s]to[-\s]|\/)\s*(?:(?:total|gross|book)\s+)?(?:equity|capital|capitalization|assets|(?:adjusted\s+)?ebitda)`,
  String.raw`\bdays?\s+(?:sales|inventory|inventories|receivables?)\s+outstanding\b|\bDSO\b|\bcash conversion cycle\b`,
  String.raw`\bchurn\b|\bvacancy\b|\bdelinquen|\bnon-?performing\b|\bcharge-?off`,
].join('|'), 'i');
/** A bank's capital ratios are read the other way: a Tier 1 leverage ratio is more capital, and higher is better. */
const CAPITAL = /\btier\s*[12]\b|\bCET\s*1\b|\bcommon equity\b|\bsupplementary leverage\b|\bcapital ratio/i;

/** A measure a reader wants lower by what it is, whatever the statement's arithmetic says. */
export function lowerIsBetter(label: string): boolean {
  const l = label.replace(/\s+/g, ' ');
  return LOWER_BETTER.test(l) && !CAPITAL.test(l);
}

const cache = new WeakMap<Release, Map<string, { total: RowRef; sign: number }>>();

const key = (r: RowRef) => `${r.statement}/${r.table}/${r.row}`;

/** Each row that is a term of a footing, with its total and the sign it enters with. */
function parents(release: Release): Map<string, { total: RowRef; sign: number }> {
  const hit = cache.get(release);
  if (hit) return hit;
  const out = new Map<string, { total: RowRef; sign: number }>();
  for (const r of release.relations) {
    if (r.type !== 'footing') continue;
    for (const t of r.terms) if (!out.has(key(t.ref))) out.set(key(t.ref), { total: r.total, sign: t.sign < 0 ? -1 : 1 });
  }
  cache.set(release, out);
  return out;
}

function labelAt(release: Release, at: RowRef): { label: string; kind: string } | null {
  const st = release.statements.find((s) => s.id === at.statement);
  const row = st?.tables[at.table]?.rows[at.row];
  return st && row ? { label: row.label.replace(/\s+/g, ' ').trim(), kind: st.kind } : null;
}

/** By its words alone: an expense counts against the result, anything else for it. */
function byWords(label: string): Direction {
  const l = label.replace(/\bincome tax(es)?\b/gi, 'tax$1');
  return !RESULT.test(l) && EXPENSE.test(l) && !INCOME.test(l) ? -1 : 1;
}

/** Words of something earned: a line naming them beside an expense word ("Other income and expense") is not an expense by its words. */
const INCOME = /\b(?:income|gains?|revenues?|earnings|profit|sales)\b/i;

/**
 * Whether a higher figure of the row at `at` is good news (1), bad news (−1) or neither (0). A tax
 * printed as a positive figure is bad news when it rises even where a relation adds it (a pretax
 * line footed as tax plus net income).
 */
export function direction(release: Release, at: RowRef, printedPositive = false): Direction {
  const own = labelAt(release, at);
  if (!own) return 0;
  if (lowerIsBetter(own.label)) return -1;
  if (own.kind === 'balance-sheet' && NEUTRAL.test(own.label) && !/equity|assets/i.test(own.label)) return 0;
  const up = parents(release);
  let sign = 1;
  let cur = at;
  const seen = new Set<string>();
  // Up the chain of totals to the line that is a term of nothing: its own words say what it is.
  for (;;) {
    seen.add(key(cur));
    const p = up.get(key(cur));
    if (!p || seen.has(key(p.total))) break;
    sign *= p.sign;
    cur = p.total;
  }
  const root = labelAt(release, cur);
  const d = (sign * (root ? byWords(root.label) : 1)) as Direction;
  return d > 0 && printedPositive && /\btax/i.test(own.label) && byWords(own.label) < 0 ? -1 : d;
}

/** The colour class of a change from prior to now: good news green, bad news red, else muted. */
export function tone(release: Release, at: RowRef | null, now: Decimal | null, prior: Decimal | null, fallback: 'pos' | 'neg' | 'flat'): 'pos' | 'neg' | 'flat' {
  if (!at || !now || !prior) return fallback;
  const d = direction(release, at, now.isPositive() && prior.isPositive());
  const moved = now.minus(prior);
  if (d === 0 || moved.isZero()) return 'flat';
  return (moved.isNegative() ? -1 : 1) * d > 0 ? 'pos' : 'neg';
}

/**
 * The colour of a change by a measure's name alone, where no statement row stands behind it (a
 * figure the release states in prose): `moved` is the sign of the change, the result good or bad news.
 */
export function toneByWords(label: string, moved: 'pos' | 'neg' | 'flat'): 'pos' | 'neg' | 'flat' {
  if (moved === 'flat') return moved;
  const d = lowerIsBetter(label) ? -1 : byWords(label);
  return d < 0 ? (moved === 'pos' ? 'neg' : 'pos') : moved;
}
