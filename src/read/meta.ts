import { Decimal } from '../model/decimal';
import { calendarOf, fiscalLabel, fiscalOf, quartersIn, type FiscalCalendar } from '../model/fiscal';
import type { Column, ExchangeRate, Period, ReleaseMeta, Statement } from '../model/types';
import { companyName, ownTickers, proseTickers, tickerGroups } from './company';
import { releaseDateOf } from './dateline';
import { parseDate } from './period';
import type { ProseBlock } from './raw';
import { statedPeriod, type StatedPeriod } from './stated-period';
import { currenciesIn } from './units';

// Release metadata as the prose states it: who, which period, when, and the convenience rate.

const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** Q3 2024 from "Third Quarter 2024", "Q4 FY2025", "Fiscal 2024 Fourth Quarter"; FY2024 for full-year releases. */
export function fiscalPeriodOf(text: string): string | null {
  const ord = /\b(first|second|third|fourth)\s+(?:fiscal\s+)?quarter\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?((?:19|20)\d{2})/i.exec(text);
  if (ord) return `Q${ORDINAL[ord[1].toLowerCase()]} ${ord[2]}`;
  const ordAfter = /\b(?:fiscal\s+)?((?:19|20)\d{2})\s+(first|second|third|fourth)\s+quarter/i.exec(text);
  if (ordAfter) return `Q${ORDINAL[ordAfter[2].toLowerCase()]} ${ordAfter[1]}`;
  const q = /\bQ([1-4])\s*(?:FY\s*)?'?((?:19|20)?\d{2})\b/.exec(text);
  if (q) return `Q${q[1]} ${q[2].length === 2 ? '20' + q[2] : q[2]}`;
  const fy = /\b(?:full[-\s]year|fiscal(?:\s+year)?|annual)\s+((?:19|20)\d{2})\b|\b((?:19|20)\d{2})\s+(?:full[-\s]year|annual)\b|\bFY\s*((?:19|20)\d{2})\b/i.exec(text);
  if (fy) return `FY${fy[1] ?? fy[2] ?? fy[3]}`;
  return null;
}

const IDENTITY_KINDS = new Set(['income', 'cash-flow', 'comprehensive-income']);

type Dated = Period & { end: string };

/**
 * Calls `visit` for every column of every table, in order. Indexed loops: this runs over every
 * table of the release, and nested for-of loops make iterators (and an object a step) per table
 * until they are optimised.
 */
function eachColumn(statements: Statement[], visit: (c: Column, s: Statement) => void): void {
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    for (let j = 0; j < s.tables.length; j++) {
      const columns = s.tables[j].columns;
      for (let k = 0; k < columns.length; k++) visit(columns[k], s);
    }
  }
}

/** Every dated column of the statements, primary statements first. */
function datedColumns(statements: Statement[], periodEnd: string | null = null): { durations: Dated[]; instants: Dated[] } {
  const durations: Dated[] = [];
  const others: Dated[] = [];
  const instants: Dated[] = [];
  eachColumn(statements, (c, s) => {
    // A span headed by its year alone ("Three Months Ended" over "2024") ends at the period end of that year.
    const p = !c.period?.end && periodEnd && c.period?.fiscalYear === periodEnd.slice(0, 4) ? { ...c.period, end: periodEnd } : c.period;
    if (!p?.end || c.convenience) return;
    if (p.instant) { if (s.kind === 'balance-sheet') instants.push(p as Dated); return; }
    if (p.months === null && p.weeks === null) return;
    (IDENTITY_KINDS.has(s.kind) ? durations : others).push(p as Dated);
  });
  return { durations: durations.length ? durations : others, instants };
}

const latest = (ps: Dated[]): string | null => ps.map((p) => p.end).sort().pop() ?? null;
const daysApart = (a: string, b: string): number => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/**
 * The release's own period end: the latest period its statements report (the balance sheet's
 * date when no statement of a period is dated), the stated "quarter ended …" day when it agrees.
 */
function periodEndOf(statements: Statement[], lead: string[], all: string[]): string | null {
  const { durations, instants } = datedColumns(statements);
  const fromColumns = latest(durations) ?? latest(instants);
  const stated = firstEnded(lead);
  if (fromColumns && stated && daysApart(fromColumns, stated) <= 7) return stated;
  // No dated column: the stated end, else the latest period any paragraph says ended.
  return fromColumns ?? stated ?? latestEnded(all);
}

const ENDED = /\b(?:quarter|period|year|months|weeks)\s+ended\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/g;

/** The dates paragraphs say periods ended on, in order ("… quarter ended September 30, 2024"), each passed to `take` until it returns true. */
function eachEnded(texts: string[], take: (date: string) => boolean): void {
  for (let i = 0; i < texts.length; i++) {
    // Every match has the word: most paragraphs (a title, a line of prose) have none and are passed over.
    if (!texts[i].includes('ended')) continue;
    for (const m of texts[i].matchAll(ENDED)) {
      const d = parseDate(m[1]);
      if (d && take(d)) return;
    }
  }
}

function firstEnded(texts: string[]): string | null {
  let first: string | null = null;
  eachEnded(texts, (d) => { first = d; return true; });
  return first;
}

/** The latest date any paragraph says a period ended on (the last of them sorted, as ISO dates sort by time). */
function latestEnded(texts: string[]): string | null {
  let latest: string | null = null;
  eachEnded(texts, (d) => { if (latest === null || d > latest) latest = d; return false; });
  return latest;
}

interface Fiscal { year: number | null; quarter: number | null; calendar: FiscalCalendar | null; label: string | null }

/**
 * The release's period placed in its fiscal year. The calendar comes from the column that runs
 * from the fiscal year's start to the period end (the quarter of a Q1 release, 39 weeks of a Q3
 * release; never a trailing-twelve-months column of a Q3 release), or from the stated quarter
 * counted back from the period end. The year's name is the year it ends in, unless the release
 * names its fiscal year by the one it starts in ("third quarter of fiscal 2024" ending November 2024).
 */
function fiscalIdentity(stated: StatedPeriod, periodEnd: string | null, statements: Statement[]): Fiscal {
  if (!periodEnd) return { year: stated.year, quarter: stated.quarter, calendar: null, label: null };
  const atEnd = datedColumns(statements, periodEnd).durations.filter((p) => daysApart(p.end, periodEnd) <= 7);
  const quartersOf = (p: Period) => quartersIn(p.months, p.weeks) ?? 0;
  const hasQuarter = atEnd.some((p) => quartersOf(p) === 1);
  // The release's quarter: as stated, else the longest span to the period end when a quarter is reported too.
  const spans = atEnd.map(quartersOf).filter((n) => n >= 1 && n <= 4);
  const longest = spans.length ? Math.max(...spans) : null;
  const quarter = stated.quarter ?? (hasQuarter && longest ? longest : null);
  // A quarter alone, unnamed, cannot be placed in a year whose start nothing shows.
  if (stated.quarter === null && longest === 1) return { year: null, quarter: null, calendar: null, label: null };
  const ytd = quarter ? atEnd.find((p) => quartersOf(p) === quarter) ?? null : atEnd.find((p) => quartersOf(p) === 4) ?? null;
  const months = ytd ? ytd.months : (quarter ?? 4) * 3;
  const weeks = ytd ? ytd.weeks : null;
  let calendar = calendarOf(periodEnd, months, weeks, null);
  if (!calendar) return { year: stated.year, quarter, calendar: null, label: null };
  if (stated.year !== null) {
    const named = calendarOf(periodEnd, months, weeks, stated.year);
    // A year named by its start is said so ("fiscal 2024"); any other disagreement is not a naming.
    if (named && (named.offset === 0 || (named.offset === -1 && stated.fiscal))) calendar = named;
  }
  const own = fiscalOf(periodEnd, quarter ? 3 : 12, null, calendar);
  if (!own) return { year: stated.year, quarter, calendar, label: null };
  const q = quarter ? own.quarter : null;
  const span = q ? own : { ...own, quarters: 4, quarter: 4 as const };
  return { year: own.year, quarter: q, calendar, label: fiscalLabel(span, calendar) };
}

/** The headline: a front matter's title, else the first heading that announces results. */
function headlineOf(prose: ProseBlock[]): string | null {
  const front = /^title:\s*"((?:[^"\\]|\\.)*)"/m.exec(prose[0]?.text ?? '');
  if (front) return front[1].replace(/\\"/g, '"').trim();
  const block = prose.find((p) => p.heading > 0 && /\b(announces|reports|results|releases)\b/i.test(p.text))
    ?? prose.slice(0, 15).find((p) => /\b(announces|reports)\b.*\b(results|quarter|year|earnings|income)\b/i.test(p.text) && p.text.length < 300);
  if (!block) return null;
  // A headline in capitals may run on over the next lines ("… FOURTH QUARTER AND FISCAL" / "YEAR 2024 OPERATING RESULTS").
  const parts = [block.text];
  for (const next of prose.slice(prose.indexOf(block) + 1, prose.indexOf(block) + 3)) {
    if (block.text !== block.text.toUpperCase() || next.text !== next.text.toUpperCase() || next.text.length > 160) break;
    parts.push(next.text);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const NAMED_CURRENCY = /U\.S\.|\bUS\b|US\$|\bUSD\b|United States|Canadian|C\$|\bCAD\b|\beuros?\b|\bEUR\b|€|renminbi|\bRMB\b|\byuan\b|NT\$|\bTWD\b|Taiwan|\byen\b|\bJPY\b|sterling|\bGBP\b|£|HK\$|Hong Kong|Australian|A\$/i;

/** The reporting currency: as the statements' units captions state it, else as most columns carry it. */
function currencyOf(statements: Statement[]): string | null {
  const stated = new Map<string, number>();
  const counts = new Map<string, number>();
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    // Only a currency the caption names outright: "(in thousands of dollars)" says no more than the columns do.
    const named = NAMED_CURRENCY.test(s.units) ? currenciesIn(s.units)[0] : undefined;
    if (named) stated.set(named, (stated.get(named) ?? 0) + 1);
  }
  eachColumn(statements, (c) => { if (c.currency && !c.convenience) counts.set(c.currency, (counts.get(c.currency) ?? 0) + 1); });
  return top(stated) ?? top(counts);
}

function top<K>(m: Map<K, number>): K | null {
  return [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** An EDGAR submission header's "FILED AS OF DATE: 20050125", as prose or as the table a reader made of it. */
function edgarFiled(prose: ProseBlock[], statements: Statement[]): string | null {
  const text = prose.find((p) => p.text.includes('FILED AS OF DATE:'))?.text;
  if (text) return text;
  // Indexed loops over every row of the release, as in eachColumn.
  for (let i = 0; i < statements.length; i++) {
    const tables = statements[i].tables;
    for (let j = 0; j < tables.length; j++) {
      const rows = tables[j].rows;
      for (let k = 0; k < rows.length; k++) if (FILED_LABEL.test(rows[k].label.trim())) return `FILED AS OF DATE: ${rows[k].cells.find((c) => c)?.text ?? ''}`;
    }
  }
  return null;
}

const FILED_LABEL = /^FILED AS OF DATE:?$/;

/**
 * A wire copy's front matter dates its publication ("date: \"2025-02-12 10:35:45\""): the release
 * date when the text states none, as an EDGAR header's filing date is; never one before the period ends.
 */
function published(front: string, periodEnd: string | null): string | null {
  const m = /^date:\s*"?(\d{4}-\d{2}-\d{2})\b/m.exec(front);
  return m && (!periodEnd || m[1] > periodEnd) ? m[1] : null;
}

const ANNOUNCES = /\btoday\s+(?:announced|reported|reports|announces|released)\b|\b(?:announced|reported|reports)\s+today\b|\b(?:NASDAQ|Nasdaq|NYSE|TSX)\s*:/;

export function readMeta(prose: ProseBlock[], statements: Statement[]): ReleaseMeta {
  // A front matter's summary repeats the release run together: its title is the headline, the rest is skipped.
  const front = /^title:/m.test(prose[0]?.text ?? '') ? 1 : 0;
  const header = edgarFiled(prose, statements);
  const texts = prose.slice(front).map((p) => p.text);
  const headline = headlineOf(prose);
  // The lead: from a few paragraphs above the one that announces the results (headline, date line)
  // to some paragraphs below it; an EDGAR filing's cover pages come before it and are not the release.
  const anchor = Math.max(0, texts.findIndex((t) => ANNOUNCES.test(t)));
  const lead = texts.slice(Math.max(0, anchor - 8), anchor + 20);
  const groups = tickerGroups(texts);
  const periodEnd = periodEndOf(statements, lead, texts);
  // The quarter as the headline or the announcing paragraph names it (a later paragraph may name
  // another quarter: "disposals between Q1 2024 and Q1 2025"); its year as any lead paragraph does.
  const quarter = statedPeriod([headline ?? '', texts[anchor] ?? '']).quarter;
  const stated = quarter === null ? { quarter: null, year: statedPeriod([headline ?? '', texts[anchor] ?? '']).year, fiscal: false } : statedPeriod([headline ?? '', ...lead], quarter);
  const fiscal = fiscalIdentity(stated, periodEnd, statements);

  const scales = new Map<number, number>();
  eachColumn(statements, (c) => { scales.set(c.amountScale, (scales.get(c.amountScale) ?? 0) + 1); });
  const company = companyName(headline, lead, texts, groups.map((g) => g.name).filter((n): n is string => !!n));
  return {
    company,
    tickers: groups.length ? ownTickers(groups, company) : proseTickers(texts),
    fiscalPeriod: fiscal.label,
    fiscalYear: fiscal.year,
    fiscalQuarter: fiscal.quarter,
    calendar: fiscal.calendar,
    periodEnd,
    releaseDate: releaseDateOf(lead, periodEnd, header, (t) => ANNOUNCES.test(t)) ?? published(front ? prose[0].text : '', periodEnd),
    headline,
    currency: currencyOf(statements),
    amountScale: top(scales),
  };
}

const RATE_DECIMALS = /[\d,]\.\d/;

/** "a rate of RMB 7.0176 to US$1.00 ... as of September 30, 2024" → the convenience rate. */
export function readExchangeRate(prose: ProseBlock[]): ExchangeRate | null {
  const patterns = [
    /(RMB|NT\$|HK\$|€|EUR|C\$|CAD|TWD|JPY|¥|KRW|₩|INR|₹)\s*([\d,]+\.\d+)\s*(?:to|=|per)\s*(US\$|USD|\$)\s*1(?:\.00)?/i,
    /(US\$|USD|\$)\s*1(?:\.00)?\s*(?:to|=|:)\s*(RMB|NT\$|HK\$|€|EUR|C\$|CAD|TWD|JPY|¥)\s*([\d,]+\.\d+)/i,
  ];
  for (const p of prose) {
    // Both patterns need a rate with decimals; most paragraphs have none and are passed over quickly.
    if (!RATE_DECIMALS.test(p.text)) continue;
    for (const [i, re] of patterns.entries()) {
      const m = re.exec(p.text);
      if (!m) continue;
      const base = currenciesIn(i === 0 ? m[1] : m[2])[0] ?? m[1];
      const rate = new Decimal((i === 0 ? m[2] : m[3]).replace(/,/g, ''));
      const sentence = sentenceAround(p.text, m.index);
      return { base, quote: 'USD', rate, asOf: parseDate(sentence.slice(sentence.indexOf(m[0]))), text: sentence, place: p.place };
    }
  }
  return null;
}

// A full stop ends a sentence unless it ends an abbreviation ("U.S.", "Inc.", "Mr.").
export const SENTENCE_END = /(?<!\b(?:U\.S|U\.K|Inc|No|Co|Ltd|Corp|Mr|Ms|Mrs|Dr|vs|approx|i\.e|e\.g|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))[.!?](?=\s+[A-Z(\u201c"])/g;

/** The sentence of `text` that holds position `at`. */
export function sentenceAround(text: string, at: number): string {
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(SENTENCE_END)) {
    const stop = (m.index ?? 0) + 1;
    if (stop <= at) start = stop;
    else { end = stop; break; }
  }
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}
