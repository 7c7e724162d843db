import { Decimal } from '../model/decimal';
import { cellKey, statementById } from '../model/refs';
import type { CellRef, Column, Figure, Release, StatementKind, ValueKind } from '../model/types';
import { allTables, amountOf, columnSignature, definedCells, dropDefinedUntied, type Amount, type TableAt } from './grid';
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

interface Candidate {
  ref: CellRef;
  order: number;
  rank: number;
  table: TableAt['table'];
}

/** Row wordings, worked out only for tables some figure may link to or from. */
const wordingCache = new WeakMap<TableAt['table'], Set<string>[][]>();
function wordingsOf(table: TableAt['table'], row: number): Set<string>[] {
  let w = wordingCache.get(table);
  if (!w) { w = tableWordings(table); wordingCache.set(table, w); }
  return w[row];
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

/** Column keys of a table, computed once per table rather than once per cell; an undated column goes by its year. */
const tableKeys = new WeakMap<TableAt['table'], string[]>();
function keysOf(table: TableAt['table']): string[] {
  let keys = tableKeys.get(table);
  if (!keys) { keys = table.columns.map((c) => (c.period && !c.period.end && yearKey(c)) || columnKey(c)); tableKeys.set(table, keys); }
  return keys;
}

/** Year keys of a table's dated columns, where no other column of the table has the same one. */
const tableYearKeys = new WeakMap<TableAt['table'], (string | null)[]>();
function yearKeysOf(table: TableAt['table']): (string | null)[] {
  let keys = tableYearKeys.get(table);
  if (!keys) {
    const all = table.columns.map((c) => (c.period?.end ? yearKey(c) : null));
    keys = all.map((k) => (k && all.indexOf(k) === all.lastIndexOf(k) ? k : null));
    tableYearKeys.set(table, keys);
  }
  return keys;
}

/** Each column's position by its key, and a dated column's also by its year key, once per table. */
const tableColumns = new WeakMap<TableAt['table'], Map<string, number>>();
function columnsByKey(table: TableAt['table']): Map<string, number> {
  let cols = tableColumns.get(table);
  if (!cols) {
    cols = new Map(table.columns.map((c, i) => [keysOf(table)[i], c.index]));
    yearKeysOf(table).forEach((k, i) => { if (k && !cols!.has(k)) cols!.set(k, i); });
    tableColumns.set(table, cols);
  }
  return cols;
}

/** `keys` are the short names of keysOf(table), looked up once per table by the caller. */
function figureKey(keys: (string | null)[], col: number, kind: ValueKind, value: Decimal): string {
  return `${keys[col]}|${kind}|${value.toString()}`;
}

/** A linkable figure of a cell: its absolute amount, and its index key when it is not zero. */
interface Linkable {
  amount: Amount;
  key: string | null;
}

/** Every linkable figure by cell, and the cells of each non-zero figure by key, in reading order. */
function candidates(tables: TableAt[]): { figures: Map<Figure, Linkable>; index: Map<string, Candidate[]> } {
  const figures = new Map<Figure, Linkable>();
  const index = new Map<string, Candidate[]>();
  // Column keys are long and every figure's key starts with one: each distinct key is named by a
  // number, so that the index hashes short strings. Equal names, equal keys, as before.
  const names = new Map<string, string>();
  const short = (k: string | null) => {
    if (k === null) return null;
    let name = names.get(k);
    if (name === undefined) { name = String(names.size); names.set(k, name); }
    return name;
  };
  tables.forEach((at, order) => {
    // A table's column keys, once for all its cells.
    const keys = keysOf(at.table).map(short);
    const years = yearKeysOf(at.table).map(short);
    at.table.rows.forEach((row, ri) => {
      row.cells.forEach((cell, ci) => {
        const a = cell && LINKED_KINDS.includes(cell.kind) ? amountOf(cell) : null;
        if (!a) return;
        const key = a.value.isZero() ? null : figureKey(keys, ci, cell!.kind, a.value);
        figures.set(cell!, { amount: a, key });
        if (key === null) return;
        const candidate = { ref: { statement: at.statement.id, table: at.index, row: ri, col: ci }, order, rank: RANK[at.statement.kind], table: at.table };
        // A dated figure is found by its year as well, by a summary that prints only years.
        const year = years[ci];
        for (const k of year ? [key, figureKey(years, ci, cell!.kind, a.value)] : [key]) {
          const list = index.get(k) ?? [];
          list.push(candidate);
          index.set(k, list);
        }
      });
    });
  });
  return { figures, index };
}

/** Same row, reporting-currency column of the same period: where a repeated share count or per-share figure comes from. */
const twins = new WeakMap<TableAt['table'], (number | null)[]>();
function reportingTwins(at: TableAt): (number | null)[] {
  let cols = twins.get(at.table);
  if (!cols) { cols = at.table.columns.map((_, ci) => findTwin(at, ci)); twins.set(at.table, cols); }
  return cols;
}

function findTwin(at: TableAt, col: number): number | null {
  const c = at.table.columns[col];
  if (!c.convenience) return null;
  const twin = at.table.columns.find((o) => !o.convenience && o.currency !== c.currency && o.period && c.period && columnKey({ ...o, currency: null, convenience: false }) === columnKey({ ...c, currency: null, convenience: false }));
  return twin ? twin.index : null;
}

/**
 * A restated row agrees with its source in every column both print: one equal figure among
 * disagreeing ones is a coincidence (small per-share numbers repeat), not a restatement.
 */
function agrees(release: Release, at: TableAt, row: number, col: number, source: CellRef): boolean {
  const st = statementById(release, source.statement)!;
  const table = st.tables[source.table];
  const srcRow = table.rows[source.row];
  const cols = columnsByKey(table);
  const keys = keysOf(at.table);
  return at.table.rows[row].cells.every((cell, ci) => {
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
    const defined = definedCells(release);
    // Cells the footings make, before any link: where a later table shows a figure's arithmetic.
    const footed = new Set(defined);
    const tables = allTables(release);
    const { figures, index } = candidates(tables);
    tables.forEach((at, order) => {
      const rank = RANK[at.statement.kind];
      const twins = reportingTwins(at);
      at.table.rows.forEach((row, ri) => {
        row.cells.forEach((cell, ci) => {
          // Only linkable figures (of a linked kind, not blank) are looked up among the defined cells.
          const fig = cell && figures.get(cell);
          if (!cell || !fig) return;
          const target: CellRef = { statement: at.statement.id, table: at.index, row: ri, col: ci };
          if (defined.has(cellKey(target, ci))) return;
          const a = fig.amount;
          let source: CellRef | null = null;
          // A share count under the convenience currency is the same count: link it to its own row first.
          const twin = twins[ci];
          if (twin !== null && cell.kind !== 'amount') {
            const tw = amountOf(row.cells[twin], cell.kind);
            if (tw && tw.value.eq(a.value)) source = { ...target, col: twin };
          }
          if (!source && !a.value.isZero()) {
            let best = -1;
            const same = index.get(fig.key!) ?? [];
            // A number printed in dozens of places (a repeated 5) restates nothing in particular.
            if (same.length > MAX_SAME) return;
            const total = row.emphasis === 'total' || row.emphasis === 'subtotal';
            for (const c of same) {
              const earlier = c.rank < rank || (c.rank === rank && c.order < order && c.ref.statement !== target.statement);
              const computedLater = total && !earlier && c.ref.statement !== target.statement && footed.has(cellKey(c.ref, c.ref.col));
              if (!earlier && !computedLater) continue;
              if (!agrees(release, at, ri, ci, c.ref)) continue;
              const like = likeness(wordingsOf(at.table, ri), wordingsOf(c.table, c.ref.row));
              // The most alike wins; between equals, the statement where the figure is primary.
              const score = like - c.rank / 100;
              if (like >= MIN_LIKENESS && score > best) { best = score; source = c.ref; }
            }
          }
          if (!source) return;
          release.relations.push({ type: 'link', id: `link:${cellKey(target, ci)}`, target, source, diff: new Decimal(0) });
          defined.add(cellKey(target, target.col));
        });
      });
    });
    dropDefinedUntied(release, defined);
  },
};
