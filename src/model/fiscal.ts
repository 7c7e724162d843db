// Fiscal calendars: which fiscal year and quarter a column's period belongs to, as the company
// counts them. One module for the release's identity, its column headings and the company model,
// so the three can never name one period two ways.
//
// A fiscal year ends at (or, for 52/53-week years, within a week of) the end of one month; its name
// is the calendar year it ends in, plus an offset for companies that name a year by the one it
// starts in (a retailer's "fiscal 2024" that ends on February 1, 2025 has offset −1).

/** How a company counts its fiscal years. */
export interface FiscalCalendar {
  /** Month (1–12) whose end the fiscal year ends at or near. */
  endMonth: number;
  /** Fiscal year name = calendar year of the year's end + offset (0 for most companies). */
  offset: number;
}

export const CALENDAR_YEAR: FiscalCalendar = { endMonth: 12, offset: 0 };

/** A period placed in its fiscal year: quarter for a one-quarter span, null for a longer one. */
export interface FiscalSpan {
  year: number;
  /** Quarters covered, ending with `quarter`: 1 for a quarter, 2 for a half year, 4 for the full year. */
  quarters: number;
  /** The last quarter the span covers (4 for a full year). */
  quarter: 1 | 2 | 3 | 4;
}

// A 52/53-week year ends up to a week from its month's end; a quarter of 12 to 17 weeks is one quarter.
const SLACK_DAYS = 10;
const DAY = 86_400_000;

function utc(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** The last day of a month (1–12) of a year, as a UTC time. */
function monthEnd(year: number, month: number): number {
  return Date.UTC(year, month, 0);
}

/** Number of quarters a duration covers: 13 weeks or 3 months is one, 52 weeks or 12 months four. */
export function quartersIn(months: number | null, weeks: number | null): number | null {
  if (weeks) return Math.max(1, Math.round(weeks / 13));
  if (months) return Math.max(1, Math.round(months / 3));
  return null;
}

/** The fiscal year end (UTC time) that a period ending on `end` falls in. */
function yearEndFor(end: string, cal: FiscalCalendar): number {
  const t = utc(end);
  const y = new Date(t).getUTCFullYear();
  for (const year of [y - 1, y, y + 1]) {
    const e = monthEnd(year, cal.endMonth);
    if (e >= t - SLACK_DAYS * DAY) return e;
  }
  return monthEnd(y + 1, cal.endMonth);
}

/**
 * The calendar a release implies: its year-to-date span (the longest column ending at the period
 * end, e.g. 39 weeks to November 2, 2024) says when the fiscal year began, and the fiscal year the
 * release names (2024) says how the years are named. `statedYear` null keeps the usual naming.
 */
export function calendarOf(periodEnd: string, ytdMonths: number | null, ytdWeeks: number | null, statedYear: number | null): FiscalCalendar | null {
  const end = utc(periodEnd);
  if (Number.isNaN(end)) return null;
  let start: number;
  if (ytdWeeks) start = end - ytdWeeks * 7 * DAY;
  else if (ytdMonths) {
    const d = new Date(end);
    start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - ytdMonths, d.getUTCDate());
  } else return null;
  // The day before the year began, snapped to the nearest month end, is the last year's end.
  const before = new Date(start - DAY);
  const y = before.getUTCFullYear();
  const m = before.getUTCMonth() + 1;
  const candidates = [monthEnd(y, m - 1), monthEnd(y, m), monthEnd(y, m + 1)];
  const nearest = candidates.reduce((a, b) => (Math.abs(b - before.getTime()) < Math.abs(a - before.getTime()) ? b : a));
  const endMonth = new Date(nearest).getUTCMonth() + 1;
  const cal: FiscalCalendar = { endMonth, offset: 0 };
  if (statedYear !== null) cal.offset = statedYear - new Date(yearEndFor(periodEnd, cal)).getUTCFullYear();
  return cal;
}

/** The fiscal year and quarter of a period (end date and duration); null when the duration is unknown. */
export function fiscalOf(end: string, months: number | null, weeks: number | null, cal: FiscalCalendar): FiscalSpan | null {
  const t = utc(end);
  if (Number.isNaN(t)) return null;
  const quarters = quartersIn(months, weeks);
  if (quarters === null || quarters > 4) return null;
  const ye = yearEndFor(end, cal);
  // Whole quarters left in the fiscal year after this period's end.
  const left = Math.max(0, Math.min(3, Math.round((ye - t) / DAY / 91.31)));
  const quarter = (4 - left) as FiscalSpan['quarter'];
  if (quarters > quarter) return null; // a span reaching into the year before: not a year-to-date span
  return { year: new Date(ye).getUTCFullYear() + cal.offset, quarters, quarter };
}

/** The fiscal year a balance-sheet date (an instant) falls in, with the quarter it closes. */
export function fiscalOfInstant(date: string, cal: FiscalCalendar): FiscalSpan | null {
  return fiscalOf(date, 3, null, cal);
}

/** True for a calendar that is the calendar year, whose periods are named without "FY". */
export function isCalendarYear(cal: FiscalCalendar): boolean {
  return cal.endMonth === 12 && cal.offset === 0;
}

/**
 * How analysts name a fiscal span: "Q3 FY2025", "9M FY2025", "FY2025" (short: "Q3 FY25"); a calendar
 * year's periods are "Q3 2024", "9M 2024", "FY2024".
 */
export function fiscalLabel(f: FiscalSpan, cal: FiscalCalendar, style: 'long' | 'short' = 'long'): string {
  const year = style === 'short' && !isCalendarYear(cal) ? String(f.year).slice(2) : String(f.year);
  const fy = isCalendarYear(cal) ? year : `FY${year}`;
  if (f.quarters === 4) return `FY${year}`;
  if (f.quarters === 1) return `Q${f.quarter} ${fy}`;
  return `${f.quarters * 3}M ${fy}`;
}
