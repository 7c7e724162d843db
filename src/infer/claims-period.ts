import { isCalendarYear } from '../model/fiscal';
import type { ReleaseMeta } from '../model/types';
import { parseDate } from '../read/period';

// The period a sentence speaks of, named with the release's fiscal calendar: "third quarter of
// fiscal 2024" is Q3 FY2024 for a company whose years do not end in December, "fourth quarter" with
// no year is the next fourth quarter after the reported one. A period the sentence compares with
// ("compared with fourth quarter 2023") is not the period it speaks of.

/** A named period: its label and an ordinal (year × 4 + last quarter) to compare with the release's. */
export interface NamedPeriod {
  label: string;
  ordinal: number;
}

const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };
// Comparisons name another period: they are removed before the period is looked for.
const COMPARED = /\b(?:compared\s+(?:with|to)|versus|vs\.?|relative\s+to|from|over(?!\s+the\s+(?:full\s+|fiscal\s+)?year\b)|than|since|surpassed|exceed\w*|above|below)\s+[^,;:]*/gi;
const QUARTER = /\b(?:(first|second|third|fourth)\s+(fiscal\s+)?quarter|Q([1-4]))(?:\s+of)?(?:\s+(fiscal\s+(?:year\s+)?|FY\s?))?\s*((?:19|20)\d{2})?\b/i;
const HALF = /\b(?:(first|second)\s+half|H([12]))(?:\s+of)?(?:\s+(fiscal\s+(?:year\s+)?|FY\s?))?\s*((?:19|20)\d{2})?\b/i;
const YEAR = /\b(?:(?:full[-\s]year|fiscal(?:\s+year)?|FY\s?|year)\s*(?:of\s+)?((?:19|20)\d{2})|((?:19|20)\d{2})\s+(?:guidance|outlook)|(?:for|in|during|through)\s+((?:19|20)\d{2})\b(?!\s*(?:and|to)\s+(?:19|20)\d{2}))/i;
const THE_YEAR = /\b(?:for|in|during|over)\s+the\s+(?:full\s+|fiscal\s+)?year\b|\bfull[-\s]year\b/i;

function fiscalNaming(meta: ReleaseMeta, saysFiscal: boolean): boolean {
  return saysFiscal || (meta.calendar !== null && !isCalendarYear(meta.calendar));
}

/** The release's own year and quarter, as an ordinal; null when the release does not say. */
export function reportedOrdinal(meta: ReleaseMeta): number | null {
  if (meta.fiscalYear === null) return null;
  return meta.fiscalYear * 4 + (meta.fiscalQuarter ?? 4);
}

/** Months of the release's own period: 3 for a quarter's release, 12 for a year's. */
export function reportedMonths(meta: ReleaseMeta): number {
  return meta.fiscalQuarter === null || /^FY/i.test(meta.fiscalPeriod ?? '') ? 12 : 3;
}

/** The year a quarter or half with no year stated falls in: the next one after the release's period. */
function yearFor(lastQuarter: number, meta: ReleaseMeta, past: boolean): number | null {
  const year = meta.fiscalYear ?? (meta.periodEnd ? Number(meta.periodEnd.slice(0, 4)) : null);
  if (year === null) return null;
  // Said of what was done, it is the last such quarter up to the reported one.
  if (past) return meta.fiscalQuarter !== null && lastQuarter > meta.fiscalQuarter ? year - 1 : year;
  return meta.fiscalQuarter !== null && lastQuarter <= meta.fiscalQuarter ? year + 1 : year;
}

const MONTH_END = /\b(quarter|(?:three|six|nine|twelve|3|6|9|12)\s+months|year)\s+ended\s+[A-Z][a-z]+\.?\s+\d{1,2},?\s+((?:19|20)\d{2})/i;

/**
 * The period a piece of text names, comparisons aside; null when it names none. With several,
 * the first is taken (`last` for a heading, whose last words name what follows it).
 */
export function periodIn(text: string, meta: ReleaseMeta, which: 'first' | 'last' = 'first', past = false): NamedPeriod | null {
  const t = text.replace(COMPARED, (m) => ' '.repeat(m.length));
  const found: { at: number; end: number; period: NamedPeriod }[] = [];
  // A year inside a quarter's or half's words ("Q1 2025") is that quarter's, not a period of its own.
  const add = (at: number, len: number, period: NamedPeriod | null) => {
    if (period && !found.some((f) => at >= f.at && at < f.end)) found.push({ at, end: at + len, period });
  };
  for (const q of t.matchAll(new RegExp(QUARTER.source, 'gi'))) {
    const quarter = q[1] ? ORDINAL[q[1].toLowerCase()] : Number(q[3]);
    // "the third quarter ended September 30, 2024": the year follows the date.
    const ended = /^\s*ended\s+[A-Z][a-z]+\.?\s+\d{1,2},?\s+((?:19|20)\d{2})/.exec(t.slice((q.index ?? 0) + q[0].length));
    const year = q[5] ? Number(q[5]) : ended ? Number(ended[1]) : yearFor(quarter, meta, past);
    if (year === null) continue;
    const fy = fiscalNaming(meta, !!(q[2] || q[4]));
    add(q.index ?? 0, q[0].length, { label: `Q${quarter} ${fy ? 'FY' : ''}${year}`, ordinal: year * 4 + quarter });
  }
  for (const h of t.matchAll(new RegExp(HALF.source, 'gi'))) {
    const half = h[1] ? ORDINAL[h[1].toLowerCase()] : Number(h[2]);
    const year = h[4] ? Number(h[4]) : yearFor(half * 2, meta, past);
    if (year === null) continue;
    const fy = fiscalNaming(meta, !!h[3]);
    add(h.index ?? 0, h[0].length, { label: `H${half} ${fy ? 'FY' : ''}${year}`, ordinal: year * 4 + half * 2 });
  }
  for (const y of t.matchAll(new RegExp(YEAR.source, 'gi'))) {
    const year = Number(y[1] ?? y[2] ?? y[3]);
    add(y.index ?? 0, y[0].length, { label: `FY${year}`, ordinal: year * 4 + 4 });
  }
  for (const e of t.matchAll(new RegExp(MONTH_END.source, 'gi'))) {
    // "the three months ended December 31, 2024": the reported quarter when it ends where the release's period does.
    if (/quarter|three|3/i.test(e[1])) {
      const date = parseDate(e[0].replace(/^.*?ended\s+/i, ''));
      const reported = reportedOrdinal(meta);
      if (date && date === meta.periodEnd && meta.fiscalPeriod && reported !== null && meta.fiscalQuarter !== null) add(e.index ?? 0, e[0].length, { label: meta.fiscalPeriod, ordinal: reported });
      continue;
    }
    if (!/year|twelve|12/i.test(e[1])) continue;
    const year = Number(e[2]);
    add(e.index ?? 0, e[0].length, { label: `FY${year}`, ordinal: year * 4 + 4 });
  }
  const the = THE_YEAR.exec(t);
  // "For the full year 2025": the year it names is the period, not the year after the release's.
  const named = the ? found.some((f) => the.index < f.end && the.index + the[0].length > f.at) : false;
  if (the && !named && meta.fiscalYear !== null && !/\bended\b/i.test(t.slice(the.index, the.index + 30))) {
    const year = !past && (meta.fiscalQuarter === null || meta.fiscalQuarter === 4) ? meta.fiscalYear + 1 : meta.fiscalYear;
    add(the.index, the[0].length, { label: `FY${year}`, ordinal: year * 4 + 4 });
  }
  if (!found.length) return null;
  found.sort((a, b) => a.at - b.at);
  return (which === 'first' ? found[0] : found[found.length - 1]).period;
}
