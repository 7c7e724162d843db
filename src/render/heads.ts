import { yearBefore } from '../infer/facts-tie';
import { fiscalLabel, fiscalOf } from '../model/fiscal';
import type { Release } from '../model/types';
import type { Periods } from '../infer/locate';

// Column heads of the briefing's statements, as analysts name periods: "Q3 FY25", "9M FY25",
// "Q4 2024", "FY2024", placed in the company's fiscal year by model/fiscal.ts; a span that cannot be
// placed keeps its length and the calendar year it ends in ("3M 2024").

const SPAN_NAME: Record<number, string> = { 3: '3M', 6: '6M', 9: '9M', 12: '12M' };

/** The head of a span of `months` ending on `end`. */
export function spanHead(release: Release, end: string, months: number): string {
  const cal = release.meta.calendar;
  const f = cal ? fiscalOf(end, months, null, cal) : null;
  if (cal && f) return fiscalLabel(f, cal, 'short');
  return `${SPAN_NAME[months] ?? `${months}M`} ${end.slice(0, 4)}`;
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
