import { Decimal } from '../model/decimal';
import type { ProseFact, Release } from '../model/types';
import { fiscalPeriodOf } from '../read/meta';
import { formatFigure } from './format';

// The briefing's prose sections, built from release.facts: operating highlights, outlook and
// capital return. Every figure is re-printed from the fact's value, never copied from the text.

export interface ProseItem {
  label: string;
  value: string;
  note: string | null;
  change: { text: string; sign: 'pos' | 'neg' | 'flat' } | null;
}

/** A prose figure printed in its own stated unit ("RMB82,436 million", "2.72%", "55.2 million"). */
export function factText(f: ProseFact, home: string | null, value: Decimal = f.value, withUnit = true): string {
  if (f.kind === 'percent') return formatFigure(value, { decimals: f.decimals, percent: true });
  return formatFigure(value, { decimals: f.decimals, currency: withUnit ? f.currency : null, home, from: f.scale, to: f.scale, unitWord: withUnit && f.scale >= 3 });
}

const QUOTE = /[\u201c"]|\b(?:commented|said|added|stated)\b/;

function clean(subject: string): string {
  const s = subject.replace(/\s+/g, ' ').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Operating figures the release states in prose that no table holds: the first of each item. */
export function highlights(release: Release, max = 10): ProseItem[] {
  const home = release.meta.currency;
  const facts = release.facts;
  const inSection = (f: ProseFact) => /highlight|operat|business|key (?:metric|figure)/i.test(f.section) && !/financial/i.test(f.section);
  const pool = facts.some(inSection) ? facts.filter(inSection) : facts.filter((f) => /highlight/i.test(f.section));
  const seenLines = new Set<number>();
  const seenSubjects = new Set<string>();
  const out: ProseItem[] = [];
  for (const f of pool) {
    if (out.length >= max) break;
    if (f.role !== 'current' || f.tie || !f.subject || f.subject.length > 70 || QUOTE.test(f.sentence)) continue;
    if (seenLines.has(f.place.line) || seenSubjects.has(f.subject.toLowerCase())) continue;
    seenLines.add(f.place.line);
    seenSubjects.add(f.subject.toLowerCase());
    // The change the same sentence states right after, when the figure after it is a year ago.
    const i = facts.indexOf(f);
    const chg = facts[i + 1]?.subject === `${f.subject} (change)` && facts[i + 1].sentence === f.sentence ? facts[i + 1] : null;
    const yoy = chg && facts[i + 2]?.role === 'prior-year' && facts[i + 2].sentence === f.sentence;
    let change: ProseItem['change'] = null;
    if (chg && yoy) {
      const before = f.sentence.slice(0, f.sentence.indexOf(chg.text, f.sentence.indexOf(f.text) + f.text.length));
      const down = /\b(?:decrease|decline|fall|drop|down|fell|declined|decreased|reduction)\w*\s*(?:of|by)?\s*(?:approximately|about)?\s*$/i.test(before);
      const v = down ? chg.value.negated() : chg.value;
      change = { text: `${formatFigure(v, { decimals: chg.decimals, percent: true, sign: true })} YoY`, sign: v.isZero() ? 'flat' : v.isNegative() ? 'neg' : 'pos' };
    }
    out.push({ label: clean(f.subject), value: factText(f, home), note: null, change });
  }
  return out;
}

/** Guidance as stated: one line per measure, ranges joined, with the period it is for. */
export function outlook(release: Release): ProseItem[] {
  const home = release.meta.currency;
  const groups: { subject: string; facts: ProseFact[]; period: string | null }[] = [];
  for (const f of release.facts) {
    if (f.role !== 'outlook' || !f.subject || QUOTE.test(f.sentence)) continue;
    const g = groups.find((x) => x.subject === f.subject && x.facts[0].sentence === f.sentence);
    if (g) g.facts.push(f);
    else groups.push({ subject: f.subject, facts: [f], period: fiscalPeriodOf(f.sentence) });
  }
  return groups.slice(0, 6).map((g) => {
    const [lo, hi] = g.facts;
    let value = factText(lo, home);
    if (hi && hi.kind === lo.kind && hi.scale === lo.scale && hi.currency === lo.currency) {
      // A range prints its unit once: RMB1.75–1.85 billion, 57–65%.
      const first = formatFigure(lo.value, { decimals: lo.decimals, currency: lo.currency, home });
      const last = lo.kind === 'percent'
        ? formatFigure(hi.value, { decimals: hi.decimals, percent: true })
        : formatFigure(hi.value, { decimals: hi.decimals, from: hi.scale, to: hi.scale, unitWord: hi.scale >= 3 });
      value = `${first}\u2013${last}`;
    }
    return { label: clean(g.subject), value, note: g.period, change: null };
  });
}

/** Repurchases and dividends as stated: the first amount of each paragraph about them. */
export function capitalReturn(release: Release, max = 3): ProseItem[] {
  const home = release.meta.currency;
  const about = /repurchase|buyback|buy-back|dividend|return of capital|capital return/i;
  const candidates = release.facts.filter((f) => f.role === 'current' && f.kind === 'amount' && about.test(f.sentence) && !QUOTE.test(f.sentence));
  // Paragraphs under a capital-return heading come first; the same figure restated elsewhere is not repeated.
  candidates.sort((a, b) => Number(about.test(b.section)) - Number(about.test(a.section)));
  const lines = new Set<number>();
  const values = new Set<string>();
  const out: (ProseItem & { line: number })[] = [];
  for (const f of candidates) {
    const key = `${f.currency}${f.value.times(`1e${f.scale}`).toString()}`;
    if (lines.has(f.place.line) || values.has(key)) continue;
    lines.add(f.place.line);
    values.add(key);
    const label = about.test(f.section) ? f.section : clean(f.subject) || 'Capital return';
    out.push({ label, value: factText(f, home), note: f.sentence.length > 260 ? `${f.sentence.slice(0, 257)}…` : f.sentence, change: null, line: f.place.line });
  }
  return out.slice(0, max).sort((a, b) => a.line - b.line).map(({ line: _line, ...item }) => item);
}
