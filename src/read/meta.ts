import { Decimal } from '../model/decimal';
import { calendarOf, fiscalLabel, fiscalOf, quartersIn, type FiscalCalendar } from '../model/fiscal';
import type { ExchangeRate, ReleaseMeta, Statement, Ticker } from '../model/types';
import { parseDate } from './period';
import type { ProseBlock } from './raw';
import { currenciesIn } from './units';

// Release metadata as the prose states it: who, which period, when, and the convenience rate.

const EXCHANGES = 'NASDAQ|Nasdaq|NYSE American|NYSE|HKEx|HKEX|SEHK|TSX|TSXV|LSE|ASX|SGX|TWSE|Euronext(?: Paris)?|OTCQX|OTCQB|OTC|AMEX|NYSEArca|SIX';
const TICKER_GROUP = new RegExp(`\\(((?:\\s*(?:${EXCHANGES})(?:\\s+Global Select Market|\\s+Global Market)?\\s*:\\s*[A-Z0-9.\\-]+\\s*[;,/]?\\s*(?:and\\s*)?)+)\\)`);
const TICKER = new RegExp(`(${EXCHANGES})(?:\\s+Global Select Market|\\s+Global Market)?\\s*:\\s*([A-Z0-9.\\-]+)`, 'g');
const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

export function readTickers(text: string): { tickers: Ticker[]; before: string } | null {
  const m = TICKER_GROUP.exec(text);
  if (!m) return null;
  const tickers: Ticker[] = [];
  for (const t of m[1].matchAll(TICKER)) tickers.push({ exchange: t[1], symbol: t[2] });
  return { tickers, before: text.slice(0, m.index) };
}

function companyName(headline: string | null, before: string | null): string | null {
  const subject = headline ? /^(.*?)\s+(?:Announces|Reports|Releases|Posts|Delivers|Declares|Provides)\b/i.exec(headline)?.[1] ?? null : null;
  if (before) {
    // The legal name stands right before the ticker parenthesis: "..., Qifu Technology, Inc. (NASDAQ: ...".
    if (subject) {
      const at = before.lastIndexOf(subject);
      if (at >= 0) return before.slice(at).replace(/[\s,]+$/, '').trim();
    }
    const legal = /([A-Z][\w&.\-' ]*?(?:,?\s+(?:Inc|Corp|Corporation|Ltd|Limited|plc|N\.V|S\.A|AG|SE|Co|Company|Holdings?|Group|LLC|L\.P)\.?))\s*$/.exec(before.replace(/[\s,]+$/, ''));
    if (legal) return legal[1].replace(/^.*\d{4},\s*/, '').trim();
  }
  return subject;
}

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

/**
 * The fiscal calendar the release implies (its longest column ending at the period end says when
 * the year began; the year it names says how years are named) and the period's label on it.
 */
function fiscalIdentity(stated: string | null, periodEnd: string | null, statements: Statement[]): { year: number | null; quarter: number | null; calendar: FiscalCalendar | null; label: string | null } {
  const m = stated ? /^(?:Q([1-4]) )?(?:FY)?((?:19|20)\d{2})$/.exec(stated) : null;
  const none = { year: m ? Number(m[2]) : null, quarter: m?.[1] ? Number(m[1]) : null, calendar: null, label: null };
  if (!periodEnd) return none;
  const atEnd = statements.flatMap((s) => s.tables.flatMap((t) => t.columns))
    .map((c) => c.period)
    .filter((p): p is NonNullable<typeof p> => !!p && !p.instant && p.end === periodEnd && (p.months !== null || p.weeks !== null));
  const longest = atEnd.reduce<(typeof atEnd)[number] | null>((a, p) => ((quartersIn(p.months, p.weeks) ?? 0) > (a ? quartersIn(a.months, a.weeks) ?? 0 : 0) ? p : a), null);
  if (!longest) return none;
  const calendar = calendarOf(periodEnd, longest.months, longest.weeks, none.year);
  const own = calendar ? fiscalOf(periodEnd, none.quarter === null && m ? 12 : 3, null, calendar) : null;
  if (!calendar || !own) return none;
  return { year: own.year, quarter: own.quarters === 4 && none.quarter === null ? null : own.quarter, calendar, label: fiscalLabel(own, calendar) };
}

export function readMeta(prose: ProseBlock[], statements: Statement[]): ReleaseMeta {
  const texts = prose.map((p) => p.text);
  const headlineBlock = prose.find((p) => p.heading > 0 && /\b(announces|reports|results|releases)\b/i.test(p.text))
    ?? prose.find((p) => /\b(announces|reports)\b.*\b(results|quarter|year)\b/i.test(p.text) && p.text.length < 300);
  const headline = headlineBlock ? headlineBlock.text.replace(/\s+/g, ' ').trim() : null;
  const tickerAt = texts.findIndex((t) => TICKER_GROUP.test(t));
  const tick = tickerAt >= 0 ? readTickers(texts[tickerAt]) : null;
  const lead = tickerAt >= 0 ? texts[tickerAt] : (headlineBlock ? texts[prose.indexOf(headlineBlock) + 1] ?? '' : '');

  const releaseDate = lead ? parseDate(lead.slice(0, 200)) : null;
  const fiscalPeriod = fiscalPeriodOf(headline ?? '') ?? fiscalPeriodOf(lead);
  const ended = /\b(?:quarter|period|year|months|weeks)\s+ended\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/.exec(lead)
    ?? /\b(?:quarter|period|year|months|weeks)\s+ended\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/.exec(texts.join('\n'));
  const periodEnd = ended ? parseDate(ended[1]) : null;

  // The reporting currency and scale most statements state.
  const counts = new Map<string, number>();
  const scales = new Map<number, number>();
  for (const s of statements) for (const t of s.tables) for (const c of t.columns) {
    if (c.currency && !c.convenience) counts.set(c.currency, (counts.get(c.currency) ?? 0) + 1);
    scales.set(c.amountScale, (scales.get(c.amountScale) ?? 0) + 1);
  }
  const top = <K>(m: Map<K, number>): K | null => [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const fiscal = fiscalIdentity(fiscalPeriod, periodEnd, statements);
  return {
    company: companyName(headline, tick?.before ?? null),
    tickers: tick?.tickers ?? [],
    fiscalPeriod: fiscal.label ?? fiscalPeriod,
    fiscalYear: fiscal.year,
    fiscalQuarter: fiscal.quarter,
    calendar: fiscal.calendar,
    periodEnd,
    releaseDate,
    headline,
    currency: top(counts),
    amountScale: top(scales),
  };
}

/** "a rate of RMB 7.0176 to US$1.00 ... as of September 30, 2024" → the convenience rate. */
export function readExchangeRate(prose: ProseBlock[]): ExchangeRate | null {
  const patterns = [
    /(RMB|NT\$|HK\$|€|EUR|C\$|CAD|TWD|JPY|¥|KRW|₩|INR|₹)\s*([\d,]+\.\d+)\s*(?:to|=|per)\s*(US\$|USD|\$)\s*1(?:\.00)?/i,
    /(US\$|USD|\$)\s*1(?:\.00)?\s*(?:to|=|:)\s*(RMB|NT\$|HK\$|€|EUR|C\$|CAD|TWD|JPY|¥)\s*([\d,]+\.\d+)/i,
  ];
  for (const p of prose) {
    // Both patterns need a rate with decimals; most paragraphs have none and are passed over quickly.
    if (!/[\d,]\.\d/.test(p.text)) continue;
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
