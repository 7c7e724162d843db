import dayjs from 'dayjs';
import type { Period } from '../model/types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// Compiled once: every column header and prose line is asked for its date.
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+${MONTH_RE},?\\s+((?:19|20)\\d{2})\\b`, 'i');
const MONTH_DAY = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})\\b`, 'i');
const MONTH_DAY_TEXT = new RegExp(`\\b${MONTH_RE}\\s+\\d{1,2}`, 'i');
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, twenty: 20, 'twenty-four': 24, 'twenty-six': 26,
  'thirty-nine': 39, 'fifty-two': 52, 'fifty-three': 53, twentysix: 26,
};

function numberWord(w: string): number | null {
  if (/^\d+$/.test(w)) return Number(w);
  return WORD_NUMBERS[w.toLowerCase()] ?? null;
}

/** "September 30, 2024" / "Sept. 30 2024" / "30 September 2024" → ISO date, or null. */
export function parseDate(text: string): string | null {
  const md = MONTH_DAY_YEAR.exec(text);
  const dm = md ? null : DAY_MONTH_YEAR.exec(text);
  let m: number; let d: number; let y: number;
  if (md) {
    m = MONTHS.indexOf(md[1].slice(0, 3).toLowerCase()); d = Number(md[2]); y = Number(md[3]);
  } else if (dm) {
    m = MONTHS.indexOf(dm[2].slice(0, 3).toLowerCase()); d = Number(dm[1]); y = Number(dm[3]);
  } else return null;
  // A day past the month's end rolls over as a calendar does ("February 30" is March 1 or 2).
  return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
}

/** "2024-09-30" → "Sep-30-2024". */
function shortDate(iso: string): string {
  return dayjs(iso).format('MMM-DD-YYYY');
}

/**
 * Reads a column's period from its header text, all header lines joined ("Three months ended
 * September 30, 2023 RMB"). `instantHint` is true for balance sheets, whose dates are instants.
 */
export function parsePeriod(header: string, instantHint: boolean): Period | null {
  // A release repeats its column headings over every table: each distinct heading is read once.
  const memo = instantHint ? READ_INSTANT : READ;
  let p = memo.get(header);
  if (p === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    p = readPeriod(header, instantHint);
    memo.set(header, p);
  }
  // Each caller gets its own copy to keep.
  return p && { end: p.end, months: p.months, weeks: p.weeks, start: p.start, instant: p.instant, fiscalYear: p.fiscalYear, label: p.label };
}

const MEMO_MAX = 10_000;
const READ = new Map<string, Period | null>();
const READ_INSTANT = new Map<string, Period | null>();

function readPeriod(header: string, instantHint: boolean): Period | null {
  const text = header.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  let months: number | null = null;
  let weeks: number | null = null;
  const dur = /\b(\d+|[a-z]+(?:-[a-z]+)?)[\s-]+(months?|weeks?)\b/i.exec(lower);
  if (dur) {
    const n = numberWord(dur[1]);
    if (n !== null) {
      if (dur[2].startsWith('month')) months = n;
      else { weeks = n; months = Math.round((n * 12) / 52); }
    }
  } else if (/\bquarters? ended\b|\bquarter\b|\bq[1-4]\b|\bq[1-4]\s*'?\d{2}\b|\b[1-4]q\s*'?\d{2}\b/.test(lower)) months = 3;
  else if (/\b(fiscal )?years? ended\b|\bfull[-\s]year\b|\bfy\s*'?\d{2,4}\b|\btwelve months\b|\bannual\b|\byear to date\b/.test(lower)) months = /year to date/.test(lower) ? null : 12;
  else if (/\bsix months\b|\bhalf[-\s]year\b|\bh[12]\b/.test(lower)) months = 6;

  let end = parseDate(text);
  let fiscalYear: string | null = null;
  if (!end) {
    // Month and day in one header row and the year in another ("September 30," over "2024").
    const md = MONTH_DAY.exec(text);
    const year = /\b(19|20)\d{2}\b/.exec(text.replace(MONTH_DAY_TEXT, ''));
    if (md && year) end = parseDate(`${md[1]} ${md[2]}, ${year[0]}`);
  }
  if (!end) {
    const q = /\bq([1-4])\s*'?(\d{2,4})\b|\b([1-4])q\s*'?(\d{2,4})\b/i.exec(text);
    const fy = /\b(?:fy|fiscal(?: year)?)\s*'?((?:19|20)?\d{2})\b/i.exec(text);
    const y = /\b((?:19|20)\d{2})\b/.exec(text);
    if (q) fiscalYear = `${q[1] ? 'Q' + q[1] : 'Q' + q[3]} ${normYear(q[2] ?? q[4])}`;
    else if (fy) fiscalYear = `FY${normYear(fy[1])}`;
    else if (y) fiscalYear = y[1];
  }
  if (!end && !fiscalYear && months === null && weeks === null) return null;
  const instant = months === null && weeks === null && (instantHint || /\bas (of|at)\b/.test(lower) || end !== null);
  const label = periodLabel({ end, months, weeks, instant, fiscalYear });
  return { end, months, weeks, start: null, instant, fiscalYear, label };
}

function normYear(y: string): string {
  return y.length === 2 ? `20${y}` : y;
}

export function periodLabel(p: { end: string | null; months: number | null; weeks: number | null; instant: boolean; fiscalYear: string | null }): string {
  const when = p.end ? shortDate(p.end) : (p.fiscalYear ?? '');
  if (p.instant) return when;
  const span = p.weeks ? `${p.weeks}W` : p.months ? `${p.months}M` : '';
  return [span, when].filter(Boolean).join(' ');
}

/** Two periods are the same span ending on the same day (used to pair a USD column with its RMB column). */
export function samePeriod(a: Period | null, b: Period | null): boolean {
  if (!a || !b) return false;
  return a.end === b.end && a.months === b.months && a.weeks === b.weeks && a.instant === b.instant && a.fiscalYear === b.fiscalYear;
}
