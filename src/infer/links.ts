import { Decimal } from '../model/decimal';
import { cellKey, cellRef } from '../model/refs';
import type { CellRef, Column, Figure, Release, Row, Statement, StatementKind, Table, ValueKind } from '../model/types';
import { amountOf, columnSignature, definedCells, dropDefinedUntied, pow10 } from './grid';
import type { Pass } from './index';
import { likeness, tableWordings } from './labels';

// Links: a figure that restates one printed elsewhere points at the statement where it is primary
// (the income statement first, then the balance sheet, then cash flows), so that the workbook has
// one source for it. A total nothing here recomputes may also point forward, to a later table whose
// footing makes the same figure (a summary printed before the reconciliation that computes it). And a share count or per-share figure repeated under the convenience currency
// is the reporting column's figure, not a conversion.

const RANK: Record<StatementKind, number> = {
  income: 0,
  'balance-sheet': 1,
  'cash-flow': 2,
  'comprehensive-income': 3,
  'non-gaap': 4,
  other: 5,
};
const LINKED_KINDS: ValueKind[] = ['amount', 'per-share', 'shares'];
/** Equal numbers with labels this alike are one figure. */
const MIN_LIKENESS = 0.4;
const MAX_SAME = 50;

/** What links reads of one table, worked out once per pass rather than once per figure. */
interface Sheet {
  statement: Statement;
  table: Table;
  /** The table's place in its statement. */
  index: number;
  /** The table's place in the release. */
  order: number;
  rank: number;
  /** Each column's key, an undated column's by its year, as its short name. */
  keys: string[];
  /** Each dated column's year key, where no other column of the table has the same one; none past the last. */
  years: readonly (string | null)[];
  /** Each column's position by its key, and a dated column's also by its year key; when first asked. */
  cols?: Map<string, number>;
  /** Row wordings, worked out only for tables some figure may link to or from. */
  wordings?: Set<string>[][];
  /** Reporting-currency twins of the columns, where some column is a convenience translation. */
  twins?: (number | null)[];
}

/** A non-zero figure that others may restate: its table and cell. */
interface Candidate {
  sheet: Sheet;
  row: number;
  col: number;
}

function refOf(c: Candidate): CellRef {
  return { statement: c.sheet.statement.id, table: c.sheet.index, row: c.row, col: c.col };
}

/** Column identity without its kind: a percent column never links, and period, currency and translation must agree. */
function columnKey(col: Column): string {
  return columnSignature({ ...col, kind: null });
}

/**
 * A column's period named by its length and year only ("3M 2023" in a summary table that prints no
 * dates): the key under which it meets the dated column of the same length ending in that year.
 */
function yearKey(col: Column): string | null {
  const p = col.period;
  if (!p || p.instant || !p.months) return null;
  const year = p.end ? p.end.slice(0, 4) : p.fiscalYear && /^\d{4}$/.test(p.fiscalYear) ? p.fiscalYear : null;
  return year ? `~${p.months}|${p.weeks}|${year}|${col.currency}|${col.convenience}` : null;
}

/**
 * Every table as a sheet, in reading order. Column keys are long and every figure's key starts with
 * one: each distinct key is named by a number, so that the index hashes short strings. Equal names,
 * equal keys.
 */
const NO_YEARS: readonly (string | null)[] = [];

function sheetsOf(release: Release): Sheet[] {
  const names = new Map<string, string>();
  const short = (k: string) => {
    let name = names.get(k);
    if (name === undefined) { name = String(names.size); names.set(k, name); }
    return name;
  };
  const sheets: Sheet[] = [];
  for (let si = 0; si < release.statements.length; si++) {
    const statement = release.statements[si];
    for (let index = 0; index < statement.tables.length; index++) {
      const table = statement.tables[index];
      const columns = table.columns;
      const keys: string[] = [];
      let dated = false;
      for (let ci = 0; ci < columns.length; ci++) {
        const c = columns[ci];
        keys.push(short((c.period && !c.period.end && yearKey(c)) || columnKey(c)));
        if (c.period?.end) dated = true;
      }
      // A table without a dated column has no year keys: it shares one empty list.
      let years = NO_YEARS;
      if (dated) {
        const all = columns.map((c) => (c.period?.end ? yearKey(c) : null));
        years = all.map((k) => (k && all.indexOf(k) === all.lastIndexOf(k) ? short(k) : null));
      }
      sheets.push({ statement, table, index, order: sheets.length, rank: RANK[statement.kind], keys, years });
    }
  }
  return sheets;
}

function columnsByKey(sheet: Sheet): Map<string, number> {
  if (!sheet.cols) {
    const cols = new Map(sheet.table.columns.map((c, i) => [sheet.keys[i], c.index]));
    sheet.years.forEach((k, i) => { if (k && !cols.has(k)) cols.set(k, i); });
    sheet.cols = cols;
  }
  return sheet.cols;
}

function wordingsOf(sheet: Sheet, row: number): Set<string>[] {
  sheet.wordings ??= tableWordings(sheet.table);
  return sheet.wordings[row];
}

/** A figure links when it is of a linked kind and not blank. */
function linkable(cell: Figure | null): cell is Figure {
  return !!cell && cell.value !== null && LINKED_KINDS.includes(cell.kind);
}

/**
 * The index key of each linkable figure, in reading order (null for a zero, which is indexed under
 * none), and the cells of each key, in reading order. Keys are kept in a list walked again in the
 * same order rather than in a map by cell: one string a figure, no entry or object of its own.
 */
function candidates(sheets: Sheet[]): { keys: (string | null)[]; index: Map<string, Candidate[]> } {
  const keys: (string | null)[] = [];
  const index = new Map<string, Candidate[]>();
  const add = (key: string, candidate: Candidate) => {
    const list = index.get(key);
    if (list) list.push(candidate);
    else index.set(key, [candidate]);
  };
  for (let s = 0; s < sheets.length; s++) {
    const sheet = sheets[s];
    const rows = sheet.table.rows;
    for (let ri = 0; ri < rows.length; ri++) {
      const cells = rows[ri].cells;
      for (let ci = 0; ci < cells.length; ci++) {
        const cell = cells[ci];
        if (!linkable(cell)) continue;
        // The figure in units, as amountOf reads it: only its value is keyed.
        const value = cell.scale === 0 ? cell.value! : cell.value!.times(pow10(cell.scale));
        if (value.isZero()) { keys.push(null); continue; }
        const figure = value.toString();
        const key = `${sheet.keys[ci]}|${cell.kind}|${figure}`;
        keys.push(key);
        const candidate = { sheet, row: ri, col: ci };
        add(key, candidate);
        // A dated figure is found by its year as well, by a summary that prints only years.
        const year = sheet.years[ci];
        if (year) add(`${year}|${cell.kind}|${figure}`, candidate);
      }
    }
  }
  return { keys, index };
}

/** Same row, reporting-currency column of the same period: where a repeated share count or per-share figure comes from. */
function reportingTwin(sheet: Sheet, col: number): number | null {
  const columns = sheet.table.columns;
  if (!columns[col].convenience) return null;
  sheet.twins ??= columns.map((_, ci) => findTwin(sheet.table, ci));
  return sheet.twins[col];
}

function findTwin(table: Table, col: number): number | null {
  const c = table.columns[col];
  if (!c.convenience) return null;
  const twin = table.columns.find((o) => !o.convenience && o.currency !== c.currency && o.period && c.period && columnKey({ ...o, currency: null, convenience: false }) === columnKey({ ...c, currency: null, convenience: false }));
  return twin ? twin.index : null;
}

/**
 * A restated row agrees with its source in every column both print: one equal figure among
 * disagreeing ones is a coincidence (small per-share numbers repeat), not a restatement.
 */
function agrees(sheet: Sheet, row: number, col: number, source: Candidate): boolean {
  const srcRow = source.sheet.table.rows[source.row];
  const cols = columnsByKey(source.sheet);
  const keys = sheet.keys;
  return sheet.table.rows[row].cells.every((cell, ci) => {
    const sc = cols.get(keys[ci]);
    if (sc === undefined || !cell) return true;
    // Columns of one period side by side (GAAP, adjustments, non-GAAP) restate different figures:
    // only the column being linked is compared among them.
    if (ci !== col && keys.indexOf(keys[ci]) !== keys.lastIndexOf(keys[ci])) return true;
    const a = amountOf(cell);
    const b = amountOf(srcRow.cells[sc]);
    return !a || !b || a.value.eq(b.value);
  });
}

export const linksPass: Pass = {
  name: 'links',
  run(release: Release) {
    // Cells the footings make, before any link: where a later table shows a figure's arithmetic.
    // Links add to it only at the end: no figure is visited twice, so none reads its own.
    const footed = definedCells(release);
    const sheets = sheetsOf(release);
    const { keys, index } = candidates(sheets);
    /** Where the figure of `target` restates, unless some relation defines it already. */
    const sourceOf = (sheet: Sheet, row: Row, target: CellRef, cell: Figure, key: string | null): CellRef | null => {
      const ci = target.col;
      // A share count under the convenience currency is the same count: link it to its own row first.
      const twin = reportingTwin(sheet, ci);
      if (twin !== null && cell.kind !== 'amount') {
        const tw = amountOf(row.cells[twin], cell.kind);
        if (tw && tw.value.eq(amountOf(cell)!.value)) return footed.has(cellKey(target, ci)) ? null : cellRef(target, twin);
      }
      if (key === null) return null;
      const same = index.get(key)!;
      // A number printed in dozens of places (a repeated 5) restates nothing in particular.
      if (same.length > MAX_SAME) return null;
      const total = row.emphasis === 'total' || row.emphasis === 'subtotal';
      let best = -1;
      let source: CellRef | null = null;
      // Whether a relation defines the cell already is asked once some source is in sight.
      let free = false;
      for (let i = 0; i < same.length; i++) {
        const c = same[i];
        const other = c.sheet.statement.id !== target.statement;
        const earlier = c.sheet.rank < sheet.rank || (c.sheet.rank === sheet.rank && c.sheet.order < sheet.order && other);
        const computedLater = total && !earlier && other && footed.has(cellKey(refOf(c), c.col));
        if (!earlier && !computedLater) continue;
        if (!free && footed.has(cellKey(target, ci))) return null;
        free = true;
        if (!agrees(sheet, target.row, ci, c)) continue;
        const like = likeness(wordingsOf(sheet, target.row), wordingsOf(c.sheet, c.row));
        // The most alike wins; between equals, the statement where the figure is primary.
        const score = like - c.sheet.rank / 100;
        if (like >= MIN_LIKENESS && score > best) { best = score; source = refOf(c); }
      }
      return source;
    };
    const linked: string[] = [];
    let n = 0;
    // Indexed loops: their bodies run once per figure of the release, and a for-of loop that runs
    // once per release is not optimized and makes an iterator result per step.
    for (let s = 0; s < sheets.length; s++) {
      const sheet = sheets[s];
      const { statement, index: ti } = sheet;
      const rows = sheet.table.rows;
      for (let ri = 0; ri < rows.length; ri++) {
        const row = rows[ri];
        for (let ci = 0; ci < row.cells.length; ci++) {
          const cell = row.cells[ci];
          if (!linkable(cell)) continue;
          const key = keys[n++];
          const target: CellRef = { statement: statement.id, table: ti, row: ri, col: ci };
          const source = sourceOf(sheet, row, target, cell, key);
          if (!source) continue;
          release.relations.push({ type: 'link', id: `link:${cellKey(target, ci)}`, target, source, diff: new Decimal(0) });
          linked.push(cellKey(target, target.col));
        }
      }
    }
    for (const k of linked) footed.add(k);
    dropDefinedUntied(release, footed);
  },
};
