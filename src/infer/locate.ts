import { daysBetween, yearBefore } from './facts-tie';
import type { Decimal } from '../model/decimal';
import type { Column, Figure, Release, Row, Statement, StatementKind, Table } from '../model/types';

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
  /** Columns headed by a year alone end in that calendar year (columnEnd). */
  calendarYears?: boolean;
}

/** The period the briefing is about: the release's period end and the spans reported to it. */
export function periodsOf(release: Release): Periods {
  const flows = (kinds: StatementKind[]) => release.statements.filter((s) => kinds.includes(s.kind))
    .flatMap((s) => s.tables.flatMap((t) => t.columns.map((c) => ({ c, t })))).filter(({ c }) => !c.convenience && spanOf(c) !== null);
  const income = flows(['income']);
  const others = flows(['non-gaap', 'other', 'cash-flow', 'comprehensive-income']);
  const all = income.length ? income : others;
  // The latest period the statements report is the one the release is about: a header that names
  // another end is the header's error, which the gate reports.
  const ends = all.map(({ c }) => c.period?.end).filter((e): e is string => !!e).sort();
  const end = ends[ends.length - 1] ?? release.meta.periodEnd ?? null;
  const cy = calendarYears(release, end);
  const at = (cols: typeof all) => cols.filter(({ c, t }) => { const e = end ? columnEnd(c, end, cy, t) : null; return !!e && days(e, end as string) <= 7; });
  const spans = [...new Set(at(all).map(({ c }) => spanOf(c)).filter((s): s is number => s !== null))].sort((a, b) => a - b);
  // A quarter's release whose income statement covers the year only leads with the quarter where
  // another table reports it (a quarterly reconciliation beside the annual statements).
  if (income.length && release.meta.fiscalQuarter && !spans.includes(3) && at(others).some(({ c }) => spanOf(c) === 3)) spans.unshift(3);
  // The quarter leads where it is reported (a fourth-quarter release leads with the quarter, then the year).
  const main = spans.includes(3) ? 3 : spans[0];
  const longer = spans.filter((s) => main !== undefined && s > main).pop();
  return { end, spans: main === undefined ? [] : longer ? [main, longer] : [main], home: release.meta.currency, calendarYears: cy };
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

/**
 * The end of a column's period; a column headed by its year alone ("2024" under "Three months
 * ended December 31") ends on the release's month and day in that year.
 */
export function columnEnd(c: Column, near: string, calendarYears: boolean, table?: Table): string | null {
  if (c.period?.end) return c.period.end;
  const fy = /^(\d{4})$/.exec(c.period?.fiscalYear ?? '');
  if (fy) return calendarYears ? `${fy[1]}${near.slice(4)}` : null;
  return table && undatedCurrent(table, c, near) ? near : null;
}

/**
 * A column of a span whose header names no year ("3 months ended December 31" where the year was
 * printed apart): when the next column of the same span ends a year before `near`, and the header's
 * month, if it names one, is near's, it is the current period of a current-then-prior pair.
 */
function undatedCurrent(table: Table, c: Column, near: string): boolean {
  const span = spanOf(c);
  const header = c.header.join(' ');
  if (span === null || c.convenience || /\b(?:19|20)\d{2}\b/.test(header)) return false;
  const month = MONTHS.findIndex((m) => new RegExp(`\\b${m}`, 'i').test(header));
  if (month >= 0 && month + 1 !== Number(near.slice(5, 7))) return false;
  const next = table.columns.find((o) => o.index > c.index && spanOf(o) === span && !o.convenience);
  return !!next?.period?.end && days(next.period.end, yearBefore(near)) <= 7;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Whether a year's name is the calendar year its periods end in: a company whose year ends in December, as counted or, not counted, by its period end. */
export function calendarYears(release: Release, end: string | null): boolean {
  const cal = release.meta.calendar;
  return cal ? cal.endMonth === 12 && cal.offset === 0 : !!end && /^\d{4}-12-(?:2[4-9]|3[01])$/.test(end);
}

/** Full dates a header names ("December 31, 2024"). */
const DATE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\b/gi;

/** A header naming two different dates is two columns' headers read over one: which period its figures are of is not known. */
function twoDates(c: Column): boolean {
  const dates = new Set((c.header.join(' ').match(DATE) ?? []).map((d) => d.toLowerCase().replace(/[.,]/g, '').replace(/\s+/g, ' ')));
  return dates.size > 1;
}

/** A column of the span; in a release of a year (`annual`), a column headed by the year alone ("2024") is the year. */
export function spanFits(c: Column, span: number, annual: boolean): boolean {
  const own = spanOf(c);
  return own === span || (annual && span === 12 && own === null && !!c.period && !c.period.instant && !!c.period.fiscalYear);
}

function fits(table: Table, c: Column, end: string, span: number | null, home: string | null, cy: boolean, annual = false): boolean {
  if (twoDates(c)) return false;
  const at = columnEnd(c, end, cy, table);
  if (!at || !c.period || days(at, end) > 7) return false;
  if (span === null ? !c.period.instant : !spanFits(c, span, annual)) return false;
  return !c.convenience && (!home || !c.currency || c.currency === home);
}

/** The columns of a table holding a span at the period end: now, a year earlier, the convenience translation (−1 where none). */
export function columnsFor(table: Table, p: Periods, span: number | null, only?: (c: Column) => boolean): { now: number; prior: number; usd: number } | null {
  if (!p.end) return null;
  const end = p.end;
  // `only` keeps a measure's own columns where a table sets reported and adjusted figures side by side.
  const cols = only ? table.columns.map((c) => (only(c) ? c : { ...c, period: null })) : table.columns;
  const annual = p.spans[0] === 12;
  const now = cols.findIndex((c) => fits(table, c, end, span, p.home, !!p.calendarYears, annual));
  if (now < 0) return null;
  const priorEnd = yearBefore(end);
  let prior = cols.findIndex((c) => fits(table, c, priorEnd, span, p.home, !!p.calendarYears, annual));
  // A balance sheet compares with the last year end, not always the same day a year ago.
  if (prior < 0 && span === null) prior = cols.findIndex((c, i) => i !== now && c.period?.instant && !c.convenience && (!p.home || c.currency === p.home) && !!c.period.end && c.period.end < end);
  const usd = cols.findIndex((c) => { const at = c.convenience ? columnEnd(c, end, !!p.calendarYears) : null; return !!at && days(at, end) <= 7 && (span === null ? !!c.period?.instant : spanOf(c) === span); });
  return { now, prior, usd };
}

/** The row's figures for a span (null span: a balance-sheet instant). */
export function triple(loc: Located, p: Periods, span: number | null, only?: (c: Column) => boolean): Triple | null {
  const at = columnsFor(loc.table, p, span, only);
  if (!at) return null;
  const cell = (i: number) => (i >= 0 ? loc.row.cells[i] ?? null : null);
  const n = cell(at.now);
  if (!n || n.value === null) return null;
  return { now: n, prior: cell(at.prior), usd: cell(at.usd), label: loc.table.columns[at.now].period?.label ?? null };
}

/** A table of segments side by side: two columns of one period and currency (Container, Drybulk, Total). */
function hasSegments(table: Table): boolean {
  // Made at the first dated column: many tables have none.
  let seen: Set<string> | null = null;
  for (let ci = 0; ci < table.columns.length; ci++) {
    const c = table.columns[ci];
    if (!c.period?.end || c.convenience) continue;
    const k = `${c.period.end}/${spanOf(c)}/${c.currency}`;
    if (seen?.has(k)) return true;
    (seen ??= new Set()).add(k);
  }
  return false;
}

/** Every row of the given statement kinds, in reading order; tables of segments side by side last. */
export function rowsOf(release: Release, kinds: StatementKind[]): Located[] {
  const out: Located[] = [];
  eachRow(release, kinds, (st, table, tableIndex, row, rowIndex) => { out.push(located(st, table, tableIndex, row, rowIndex)); return false; });
  return out;
}

function located(st: Statement, table: Table, tableIndex: number, row: Row, rowIndex: number): Located {
  return { statement: st.id, kind: st.kind, table, tableIndex, row, rowIndex };
}

interface TableOf { st: Statement; table: Table; tableIndex: number }

/** A statement list's tables by statement kind, plain tables then tables of segments, in reading order. */
interface KindIndex { count: number; byKind: Map<StatementKind, [TableOf[], TableOf[]]> }
const kindIndexes = new WeakMap<Statement[], KindIndex>();

/**
 * The tables of one kind, split as eachRow visits them, kept per statement list (made again when
 * the list has grown): every search names a few kinds, and a release may hold thousands of statements.
 */
function tablesOfKind(release: Release, kind: StatementKind): [TableOf[], TableOf[]] | undefined {
  let index = kindIndexes.get(release.statements);
  if (!index || index.count !== release.statements.length) {
    index = { count: release.statements.length, byKind: new Map() };
    for (let si = 0; si < release.statements.length; si++) {
      const st = release.statements[si];
      let lists = index.byKind.get(st.kind);
      if (!lists) { lists = [[], []]; index.byKind.set(st.kind, lists); }
      for (let tableIndex = 0; tableIndex < st.tables.length; tableIndex++) {
        const table = st.tables[tableIndex];
        lists[hasSegments(table) ? 1 : 0].push({ st, table, tableIndex });
      }
    }
    kindIndexes.set(release.statements, index);
  }
  return index.byKind.get(kind);
}

/**
 * Visits the rows rowsOf lists, in its order, until `visit` returns true, making nothing per row:
 * a search reads every label of a release that may hold thousands of tables. Indexed loops, as a
 * for-of loop in a search that runs a few times per release is not optimized and makes an iterator
 * result per step.
 */
function eachRow(release: Release, kinds: StatementKind[], visit: (st: Statement, table: Table, tableIndex: number, row: Row, rowIndex: number) => boolean): void {
  for (let segments = 0; segments < 2; segments++) {
    for (let k = 0; k < kinds.length; k++) {
      const tables = tablesOfKind(release, kinds[k])?.[segments];
      if (!tables) continue;
      for (let t = 0; t < tables.length; t++) {
        const { st, table, tableIndex } = tables[t];
        for (let rowIndex = 0; rowIndex < table.rows.length; rowIndex++) {
          if (visit(st, table, tableIndex, table.rows[rowIndex], rowIndex)) return;
        }
      }
    }
  }
}

/**
 * The first row rowsOf lists that passes `accept` and then `test`: a Located is made only for a row
 * that `accept` lets through.
 */
export function firstRow(release: Release, kinds: StatementKind[], accept: (row: Row) => boolean, test: (loc: Located) => boolean): Located | null {
  let found: Located | null = null;
  eachRow(release, kinds, (st, table, tableIndex, row, rowIndex) => {
    if (!accept(row)) return false;
    const at = located(st, table, tableIndex, row, rowIndex);
    if (!test(at)) return false;
    found = at;
    return true;
  });
  return found;
}

const ODD_SPACE = /\s\s|[^\S ]/;

/** A label with one space between words and none at its ends: the label itself where it is so already. */
export function oneSpaced(label: string): string {
  return ODD_SPACE.test(label) ? label.replace(/\s+/g, ' ').trim() : label.trim();
}

/** The first row of the kinds whose label passes `test` and that has a figure for the span. */
export function find(release: Release, p: Periods, kinds: StatementKind[], test: RegExp, span: number | null, not?: RegExp): Located | null {
  return firstRow(release, kinds, (row) => {
    // A statement line is an amount or per-share figure; a ratio row of the same name is not it.
    if (row.kind === 'percent') return false;
    const label = oneSpaced(row.label);
    return test.test(label) && !(not && not.test(label));
  }, (at) => !!triple(at, p, span));
}

/**
 * The total a located line is part of: a later row of the same table that also passes `test` and
 * equals the line plus the rows printed between them, in every column both fill (a cash flow's
 * continuing-operations subtotal, the discontinued operations' line, then the activity's total).
 * Where a statement prints a part's subtotal and then the whole, the whole is the line; else the line itself.
 */
export function totalOver(loc: Located, test: RegExp): Located {
  const rows = loc.table.rows;
  for (let r = loc.rowIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.kind !== loc.row.kind || !test.test(oneSpaced(row.label))) continue;
    const between = rows.slice(loc.rowIndex + 1, r);
    if (between.some((b) => b.kind !== 'amount' && b.cells.some((c) => c?.value))) continue;
    let compared = 0;
    const sums = row.cells.every((c, i) => {
      const part = loc.row.cells[i];
      if (!c?.value || !part?.value) return true;
      compared++;
      const sum = between.reduce((a, b) => (b.cells[i]?.value ? a.plus(units(b.cells[i]!)) : a), units(part));
      return sum.eq(units(c));
    });
    if (compared) return totalOver({ ...loc, row, rowIndex: r }, test);
  }
  return loc;
}

/** The row the ratio relations divide by most often: the top line others are ratios of. */
export function ratioDenominator(release: Release): Located | null {
  const counts = new Map<string, number>();
  for (let i = 0; i < release.relations.length; i++) {
    const r = release.relations[i];
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
  // "Earnings before income taxes, finance charges, … and depreciation" is an EBITDA, not pretax income.
  pretax: /before\s+(?:income\s+)?tax(?!.*\b(?:depreciation|amortization)\b)/i,
  tax: /^(?:total\s+)?(?:provision for\s+|benefit from\s+)?income\s+tax/i,
  net: /^net\s+(?:income|earnings|profit|loss)(?:\s*\((?:loss|income)\))?(?:\s+for the (?:period|quarter|year))?$/i,
  netAttributable: /^net\s+(?:income|earnings|profit|loss).*attributable to (?:ordinary|common|shareholders|stockholders|the company|owners|equity holders)/i,
  nonGaapNet: /^(?:non-gaap|adjusted)\s+net\s+(?:income|earnings|profit)(?:\s*\(loss\))?$/i,
  diluted: /\bdiluted\b/i,
  perAds: /\bADS\b|\bADR\b|depositary/i,
  cash: /^cash (?:and|&) cash equivalents$|^cash(?:,| and| &) cash equivalents/i,
  totalAssets: /^total\s+assets$/i,
  totalLiabilities: /^total\s+liabilities$/i,
  equity: /^total\s+(?:shareholders['’]?\s+|stockholders['’]?\s+)?equity$|^total\s+equity/i,
  equityLoose: /^total\s+.*equity$/i,
  notLiabEquity: /liabilities/i,
};
