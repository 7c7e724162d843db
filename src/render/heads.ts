import { yearBefore } from '../infer/facts-tie';
import { fiscalLabel, fiscalOf } from '../model/fiscal';
import type { Release } from '../model/types';
import type { Periods } from '../infer/locate';

// Column heads of the briefing's statements, as analysts name periods: "Q3 FY25", "9M FY25",
// "Q4 2024", "FY2024", placed in the company's fiscal year by model/fiscal.ts; a span that cannot be
// placed keeps its length and the calendar year it ends in ("3M 2024").

const SPAN_NAME: Record<number, string> = { 3: '3M', 6: '6M', 9: '9M', 12: '12M' };
const MONTHS_WORD: Record<number, string> = { 6: 'six', 9: 'nine' };

/**
 * The weeks a span of `months` counts where the release counts it in weeks and never calls it by its
 * months ("Thirty-Nine Weeks Ended" and no "nine months"): a year to date of 26 or 39 weeks is named
 * by its weeks, as the release names it. Quarters and years keep their names (Q3, FY).
 */
export function weeksOf(release: Release, months: number): number | null {
  if (months % 12 === 0 || months === 3) return null;
  const known = WEEKS.get(release) ?? new Map<number, number | null>();
  WEEKS.set(release, known);
  if (!known.has(months)) known.set(months, countedInWeeks(release, months));
  return known.get(months) ?? null;
}

const WEEKS = new WeakMap<Release, Map<number, number | null>>();

function countedInWeeks(release: Release, months: number): number | null {
  const cols = release.statements.flatMap((s) => s.tables.flatMap((t) => t.columns));
  const weeks = cols.find((c) => c.period?.weeks && !c.period.instant && Math.round(c.period.weeks / 4.345) === months)?.period?.weeks;
  if (!weeks) return null;
  const word = MONTHS_WORD[months];
  const said = new RegExp(`\\b(?:${months}${word ? `|${word}` : ''})[- ]months?\\b${months === 6 ? '|\\b(?:first|1st) half\\b|\\bhalf[- ]year\\b' : ''}`, 'i');
  const texts = [...(release.prose ?? []).map((p) => p.text), ...release.statements.flatMap((s) => [s.title, ...s.tables.flatMap((t) => t.columns.flatMap((c) => c.header))])];
  return texts.some((t) => said.test(t)) ? null : weeks;
}

/** The head of a span of `months` ending on `end`. */
export function spanHead(release: Release, end: string, months: number): string {
  const cal = release.meta.calendar;
  const f = cal ? fiscalOf(end, months, null, cal) : null;
  const weeks = weeksOf(release, months);
  if (cal && f) {
    const label = fiscalLabel(f, cal, 'short');
    return weeks ? label.replace(/^\d+M\b/, `${weeks} wks`) : label;
  }
  return `${weeks ? `${weeks} wks` : SPAN_NAME[months] ?? `${months}M`} ${end.slice(0, 4)}`;
}

/** Heads for each span: the year-ago span, the span, and the change when asked. */
export function spanHeads(release: Release, p: Periods, withChange: boolean): string[] {
  if (!p.end) return p.spans.flatMap(() => (withChange ? ['', '', 'YoY'] : ['', '']));
  const end = p.end;
  const prior = yearBefore(end);
  return p.spans.flatMap((s) => {
    const heads = [spanHead(release, prior, s), spanHead(release, end, s)];
    return withChange ? [...heads, 'YoY'] : heads;
  });
}
