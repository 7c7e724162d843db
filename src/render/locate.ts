import { daysBetween, yearBefore } from '../infer/facts-tie';
import type { Decimal } from '../model/decimal';
import type { Column, Figure, Release, Row, StatementKind, Table } from '../model/types';

// Finding the figures a briefing shows — revenue, operating income, net income, cash — in any
// release: by the inferred relations where they say it, otherwise by general accounting words.

/** Months a column covers; weeks count as months (13 weeks = 3). */
export function spanOf(c: Column): number | null {
  const p = c.period;
  if (!p || p.instant) return null;
  if (p.months) return p.months;
  if (p.weeks) return Math.round(p.weeks / 4.345);
  return null;
}

const days = daysBetween;

export interface Periods {
  end: string | null;
  /** The release's own span (3 for a quarter) and a longer one ending the same day (9, 12), if reported. */
  spans: number[];
  home: string | null;
}

/** The period the briefing is about: the release's period end and the spans reported to it. */
export function periodsOf(release: Release): Periods {
  const cols = release.statements.filter((s) => s.kind === 'income').flatMap((s) => s.tables.flatMap((t) => t.columns));
  const all = cols.length ? cols : release.statements.flatMap((s) => s.tables.flatMap((t) => t.columns));
  const ends = all.map((c) => c.period?.end).filter((e): e is string => !!e).sort();
  const end = release.meta.periodEnd ?? ends[ends.length - 1] ?? null;
  const atEnd = all.filter((c) => end && c.period?.end && days(c.period.end, end) <= 7);
  const spans = [...new Set(atEnd.map(spanOf).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  const own = /^FY/i.test(release.meta.fiscalPeriod ?? '') ? 12 : 3;
  const main = spans.includes(own) ? own : spans[0];
  const longer = spans.filter((s) => main !== undefined && s > main).pop();
  return { end, spans: main === undefined ? [] : longer ? [main, longer] : [main], home: release.meta.currency };
}

export interface Located {
  statement: string;
  kind: StatementKind;
  table: Table;
  tableIndex: number;
  row: Row;
  rowIndex: number;
}

/** Figures of one row for one span: now, a year earlier, and the convenience translation. */
export interface Triple {
  now: Figure | null;
  prior: Figure | null;
  usd: Figure | null;
  /** The column header's period label of "now", for captions. */
  label: string | null;
}

function fits(c: Column, end: string, span: number | null, home: string | null): boolean {
  if (!c.period?.end || days(c.period.end, end) > 7) return false;
  if (span === null ? !c.period.instant : spanOf(c) !== span) return false;
  return !c.convenience && (!home || !c.currency || c.currency === home);
}

/** The row's figures for a span (null span: a balance-sheet instant). */
export function triple(loc: Located, p: Periods, span: number | null): Triple | null {
  if (!p.end) return null;
  const cols = loc.table.columns;
  const now = cols.findIndex((c) => fits(c, p.end as string, span, p.home));
  if (now < 0) return null;
  const priorEnd = yearBefore(p.end);
  let prior = cols.findIndex((c) => fits(c, priorEnd, span, p.home));
  // A balance sheet compares with the last year end, not always the same day a year ago.
  if (prior < 0 && span === null) prior = cols.findIndex((c, i) => i !== now && c.period?.instant && !c.convenience && (!p.home || c.currency === p.home));
  const usd = cols.findIndex((c) => c.convenience && c.period?.end && days(c.period.end, p.end as string) <= 7 && (span === null ? c.period.instant : spanOf(c) === span));
  const cell = (i: number) => (i >= 0 ? loc.row.cells[i] ?? null : null);
  const n = cell(now);
  if (!n || n.value === null) return null;
  return { now: n, prior: cell(prior), usd: cell(usd), label: cols[now].period?.label ?? null };
}

/** Every row of the given statement kinds, in reading order. */
export function rowsOf(release: Release, kinds: StatementKind[]): Located[] {
  const out: Located[] = [];
  for (const kind of kinds) {
    for (const st of release.statements.filter((s) => s.kind === kind)) {
      st.tables.forEach((table, tableIndex) => table.rows.forEach((row, rowIndex) => {
        out.push({ statement: st.id, kind: st.kind, table, tableIndex, row, rowIndex });
      }));
    }
  }
  return out;
}

/** The first row of the kinds whose label passes `test` and that has a figure for the span. */
export function find(release: Release, p: Periods, kinds: StatementKind[], test: RegExp, span: number | null, not?: RegExp): Located | null {
  for (const loc of rowsOf(release, kinds)) {
    const label = loc.row.label.replace(/\s+/g, ' ').trim();
    if (!test.test(label) || (not && not.test(label))) continue;
    if (triple(loc, p, span)) return loc;
  }
  return null;
}

/** The row the ratio relations divide by most often: the top line others are ratios of. */
export function ratioDenominator(release: Release): Located | null {
  const counts = new Map<string, number>();
  for (const r of release.relations) {
    if (r.type !== 'ratio') continue;
    const k = `${r.denominator.statement}/${r.denominator.table}/${r.denominator.row}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) return null;
  const [statement, t, r] = best[0].split('/');
  const st = release.statements.find((s) => s.id === statement);
  const table = st?.tables[Number(t)];
  const row = table?.rows[Number(r)];
  if (!st || !table || !row) return null;
  return { statement, kind: st.kind, table, tableIndex: Number(t), row, rowIndex: Number(r) };
}

/** Decimal value of a figure in units (scale applied). */
export function units(f: Figure): Decimal {
  return (f.value as Decimal).times(`1e${f.scale}`);
}

// General accounting words for the lines a briefing shows; no company's own names.
export const WORDS = {
  revenue: /^(?:total\s+)?(?:net\s+)?(?:operating\s+)?(?:revenues?|sales|net sales|turnover)(?:,?\s*net)?$|^total (?:net )?(?:revenues?|sales)/i,
  revenueLoose: /\b(?:revenues?|net sales|sales|turnover)\b/i,
  notRevenue: /\bcost|expense|deferred|unearned|per\b/i,
  costs: /^total\s+(?:operating\s+)?(?:costs?|expenses)(?:\s+and\s+(?:costs?|expenses))?$/i,
  operating: /^(?:total\s+)?(?:operating\s+(?:income|profit|earnings|loss)|(?:income|profit|earnings|loss)(?:\s*\(loss\))?\s+from\s+operations)/i,
  pretax: /before\s+(?:income\s+)?tax/i,
  tax: /^(?:provision for\s+|benefit from\s+)?income\s+tax/i,
  net: /^net\s+(?:income|earnings|profit|loss)(?:\s*\((?:loss|income)\))?(?:\s+for the (?:period|quarter|year))?$/i,
  netAttributable: /^net\s+(?:income|earnings|profit|loss).*attributable to (?:ordinary|common|shareholders|stockholders|the company|owners|equity holders)/i,
  nonGaapNet: /^(?:non-gaap|adjusted)\s+net\s+(?:income|earnings|profit)(?:\s*\(loss\))?$/i,
  diluted: /\bdiluted\b/i,
  perAds: /\bADS\b|\bADR\b|depositary/i,
  cash: /^cash and cash equivalents$|^cash(?:,| and) cash equivalents/i,
  totalAssets: /^total\s+assets$/i,
  totalLiabilities: /^total\s+liabilities$/i,
  equity: /^total\s+(?:shareholders['’]?\s+|stockholders['’]?\s+)?equity$|^total\s+equity/i,
  equityLoose: /^total\s+.*equity$/i,
  notLiabEquity: /liabilities/i,
};
