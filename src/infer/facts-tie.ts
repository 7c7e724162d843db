import { roundTo } from '../model/decimal';
import { keep } from '../model/keep';
import type { Column, FactTie, Figure, ProseFact, Release, Row, Table } from '../model/types';
import { pow10 } from './grid';

// Ties a prose figure to the table figure it restates, compared at the text's precision: the
// table's figure is expressed in the fact's unit and rounded to the fact's printed decimals.

const STOP = new Set(['the', 'of', 'a', 'an', 'and', 'from', 'to', 'in', 'for', 'on', 'gaap', 'us', 'u', 's', 'company', 'attributable']);
// Words that name one measure: "record revenue" restates "Net sales", "net quarterly profit" restates "Net income".
const SAME_MEASURE: Record<string, string> = { sale: 'revenue', revenues: 'revenue', profit: 'income', earnings: 'income', earning: 'income' };

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .map((w) => SAME_MEASURE[w] ?? w);
}

// Every fact is compared with every row label, so each text's word set is made once. The cache
// is dropped whole when it grows large, which bounds memory on a long batch.
const wordSets = new Map<string, Set<string>>();
function wordSet(text: string): Set<string> {
  let set = wordSets.get(text);
  if (!set) {
    if (wordSets.size >= 20_000) wordSets.clear();
    set = new Set(words(text));
    // A label is cut from its release's text: the cache keeps a copy, not the release.
    wordSets.set(keep(text), set);
  }
  return set;
}

/** Dice overlap of two labels' words: 1 for the same words, 0 for none in common. */
export function similarity(a: string, b: string): number {
  const A = wordSet(a);
  const B = wordSet(b);
  if (!A.size || !B.size) return 0;
  let both = 0;
  for (const w of A) if (B.has(w)) both++;
  return (2 * both) / (A.size + B.size);
}

/** The same calendar day a year earlier (ISO dates). */
export function yearBefore(iso: string): string {
  return `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;
}

/** Days between two ISO dates, either order. */
export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/** Months a column covers (weeks counted as months, 13 weeks = 3). */
function monthsOf(c: Column): number | null {
  const p = c.period;
  if (!p) return null;
  if (p.months) return p.months;
  if (p.weeks) return Math.round(p.weeks / 4.345);
  return null;
}

export interface TieContext {
  periodEnd: string | null;
  /** Months of the release's own period: 3 for a quarter, 12 for a year. */
  months: number;
}

/** What a fact's period test needs of a column, worked out once per table and release period. */
interface ColumnPeriod {
  /** Null when the column cannot hold a dated period (no end date, or no release period). */
  months: number | null;
  instant: boolean;
  current: boolean;
  priorYear: boolean;
  dated: boolean;
}

function columnPeriod(c: Column, periodEnd: string | null): ColumnPeriod {
  const end = c.period?.end;
  // "Three Months Ended / 2024" with the day and month in a title line only: a span's column named
  // by its year alone is the release's when the year is the period end's.
  const year = c.period && !c.period.instant && c.period.months && /^(?:19|20)\d{2}$/.test(c.period.fiscalYear ?? '') ? Number(c.period.fiscalYear) : null;
  if (!end && year !== null && periodEnd) {
    const ends = Number(periodEnd.slice(0, 4));
    return { months: c.period!.months, instant: false, current: year === ends, priorYear: year === ends - 1, dated: true };
  }
  if (!end || !periodEnd) return { months: null, instant: false, current: false, priorYear: false, dated: false };
  return {
    months: monthsOf(c),
    instant: !!c.period?.instant,
    current: daysBetween(end, periodEnd) <= 7,
    priorYear: daysBetween(end, yearBefore(periodEnd)) <= 7,
    dated: true,
  };
}

/** True when a column holds the period a fact speaks of. */
function columnFits(c: ColumnPeriod, fact: ProseFact, months: number): boolean {
  if (!c.dated) return false;
  if (!c.instant && c.months !== months) return false;
  if (fact.role === 'current') return c.current;
  if (fact.role === 'prior-year') return c.priorYear;
  if (fact.role === 'prior-period') return !c.current && !c.priorYear;
  return false;
}

/** A figure of a table a fact may restate, with what every fact's test of it needs. */
interface TableFigure {
  row: number;
  col: number;
  figure: Figure;
  /** The figure in absolute units as a float, for ruling out most facts before exact arithmetic. */
  rough: number;
}

/** Per table: its figures, and each row's label alone and with the header it sits under. */
interface TablePrep {
  periodEnd: string | null;
  periods: ColumnPeriod[];
  figures: TableFigure[];
  /** Positions in `figures` by ascending float value, and those values, to find the figures near a fact's. */
  byValue: number[];
  values: Float64Array;
  contexts: string[];
}

/**
 * Positions (in reading order) of the figures within `reach` of a value, found by bisection. A
 * fact is compared with every figure of a release; only those near it can tie.
 */
function figuresNear(prep: TablePrep, value: number, reach: number): number[] {
  const { byValue, values } = prep;
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value - reach) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let k = lo; k < values.length && values[k] <= value + reach; k++) out.push(byValue[k]);
  return out.sort((a, b) => a - b);
}

// Every fact of a release is tested against every figure: each table is prepared once. Tables
// are not changed by inference, and a fresh read makes fresh tables.
const prepared = new WeakMap<Table, TablePrep>();
function prepare(t: Table, periodEnd: string | null): TablePrep {
  let prep = prepared.get(t);
  if (prep && prep.periodEnd === periodEnd) return prep;
  const figures: TableFigure[] = [];
  const contexts: string[] = [];
  let header = '';
  t.rows.forEach((row, ri) => {
    if (row.emphasis === 'header') header = row.label;
    contexts.push(row.depth > 0 || /^(basic|diluted)\b/i.test(row.label) ? `${header} ${row.label}` : row.label);
    row.cells.forEach((figure, col) => {
      if (figure && figure.value !== null && t.columns[col]) figures.push({ row: ri, col, figure, rough: figure.value.toNumber() * 10 ** figure.scale });
    });
  });
  const byValue = figures.map((_, k) => k).sort((a, b) => figures[a].rough - figures[b].rough);
  const values = Float64Array.from(byValue, (k) => figures[k].rough);
  prep = { periodEnd, periods: t.columns.map((c) => columnPeriod(c, periodEnd)), figures, byValue, values, contexts };
  prepared.set(t, prep);
  return prep;
}

function kindFits(row: Row, c: Column, fact: ProseFact): boolean {
  const kind = c.kind ?? row.kind;
  if (fact.kind === 'amount') return kind === 'amount' && c.currency === fact.currency;
  if (fact.kind === 'per-share') return kind === 'per-share' && c.currency === fact.currency;
  if (fact.kind === 'percent') return kind === 'percent';
  return kind === 'number' || kind === 'shares';
}

function significantDigits(text: string): number {
  return text.replace(/[^\d]/g, '').replace(/^0+/, '').length;
}

/** Months a sentence speaks of when it names a span other than the release's own. */
export function monthsIn(sentence: string, fallback: number): number {
  if (/\b(?:nine|9)[-\s]months?\b|first three quarters|year[-\s]to[-\s]date/i.test(sentence)) return 9;
  if (/\b(?:six|6)[-\s]months?\b|first half/i.test(sentence)) return 6;
  if (/\b(?:twelve|12)[-\s]months? ended\b|\bfull[-\s]year\b|\bfiscal year\b/i.test(sentence)) return 12;
  // "During the quarter" under a full-year heading speaks of the quarter.
  if (/\b(?:during|in|for)\s+the\s+quarter\b|\b(?:three|3)[-\s]months? ended\b/i.test(sentence)) return 3;
  return fallback;
}

/**
 * The table figure a prose fact restates, in a column of `months` (what its sentence speaks of). A figure equal at the text's precision ties; where none
 * is equal, a row named with the same words in the same period ties with its difference, so words
 * that disagree with the tables are caught. Anything else ties to nothing.
 */
export function tieFact(release: Release, fact: ProseFact, months: number, periodEnd: string | null, approximate = false): FactTie | null {
  if (fact.role === 'outlook' || fact.role === 'other') return null;
  let equal: { tie: FactTie; score: number } | null = null;
  let named: { tie: FactTie; score: number } | null = null;
  const rough = fact.value.toNumber() * 10 ** fact.scale;
  const unit = 10 ** (fact.scale - fact.decimals);
  release.statements.forEach((st) => st.tables.forEach((t, ti) => {
    const prep = prepare(t, periodEnd);
    // Which columns hold the fact's period depends on the column alone: decided once per table.
    const periodFits = prep.periods.map((c) => columnFits(c, fact, months));
    if (!periodFits.some(Boolean)) return;
    // The label's score is needed only for a row with a figure that could tie; -1 until then.
    let scoredRow = -1;
    let score = -1;
    // Every figure the tests below can pass is within 12% of the fact's value plus one printed unit.
    for (const at of figuresNear(prep, rough, 0.12 * Math.abs(rough) + unit)) {
      const { row: ri, col, figure: cell, rough: tableRough } = prep.figures[at];
      const row = t.rows[ri];
      const c = t.columns[col];
      if (!periodFits[col] || !kindFits(row, c, fact)) continue;
      // At the fact's precision a tie is within half a printed unit, and a near miss within a
      // tenth of the figure and that unit; floats with a margin for their error rule out the rest.
      const off = Math.abs(tableRough - rough);
      const slack = 1e-9 * (Math.abs(tableRough) + Math.abs(rough));
      const mayEqual = off <= 0.5 * unit + slack;
      if (!mayEqual && off > 0.1 * Math.abs(tableRough) + 0.55 * unit + slack) continue;
      if (scoredRow !== ri) {
        scoredRow = ri;
        score = Math.max(similarity(fact.subject, row.label), similarity(fact.subject, prep.contexts[ri]));
      }
      if (!mayEqual && score < 0.85) continue;
      const tableValue = roundTo(cell.value!.times(pow10(cell.scale - fact.scale)), fact.decimals);
      const tie: FactTie = { ref: { statement: st.id, table: ti, row: ri, col }, tableValue, diff: fact.value.minus(tableValue) };
      if (tie.diff.isZero()) {
        if (!equal || score > equal.score) equal = { tie, score };
      } else if (score >= 0.85 && tie.diff.abs().lte(tableValue.abs().times('0.1')) && (!named || score > named.score)) {
        // A disagreement is a near miss of the same line (a typo, a stale figure); a figure far
        // off names some other measure with the same words (a segment, another period).
        named = { tie, score };
      }
    }
  }));
  const digits = significantDigits(fact.text.split(/\u2013|\u2014|\bto\b/)[0]);
  const hit = equal as { tie: FactTie; score: number } | null;
  if (hit && (hit.score >= 0.5 || (hit.score > 0 && digits >= 3) || digits >= 5)) return hit.tie;
  // A figure the tables hold at the text's precision is no disagreement, even where the words
  // are not enough to say which line it restates ("$15 million" beside a 15,089 line).
  const near = named as { tie: FactTie; score: number } | null;
  return near && !approximate && !hit ? near.tie : null;
}
