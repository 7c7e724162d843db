import { InputError } from '../../model/errors';
import type { CellRef, Release, Statement, StatementKind } from '../../model/types';
import { columnLetter } from '../xlsx/sheet';
import { quoteSheet } from '../xlsx/workbook';

// Formulas name columns and sheets as the package writes them.
export { columnLetter, quoteSheet };

// Where every figure of the model lands: one sheet per statement, tables stacked in source
// order, each with its own header rows. Computed before anything is written so that formulas
// can point at cells on sheets not yet filled.

export const SUMMARY = 'Summary';
export const ASSUMPTIONS = 'Assumptions';
export const HIGHLIGHTS = 'Highlights';
export const CHECKS = 'Checks';
const RESERVED = [SUMMARY, ASSUMPTIONS, HIGHLIGHTS, CHECKS, 'History'];

const KIND_NAMES: Record<StatementKind, string> = {
  'balance-sheet': 'Balance Sheet',
  income: 'Income Statement',
  'cash-flow': 'Cash Flows',
  'comprehensive-income': 'Comprehensive Income',
  'non-gaap': 'Non-GAAP',
  other: 'Statement',
};

/** Rows above the first table: title, units caption, a blank. */
export const TITLE_ROW = 1;
export const UNITS_ROW = 2;
const FIRST_TABLE_ROW = 4;

export interface TableLayout {
  /** Sheet row of the caption, when the table has one. */
  captionRow: number | null;
  /** Sheet rows of the printed header lines, top to bottom. */
  headerRows: number[];
  /** Sheet row stating currency and units of each column. */
  unitsRow: number;
  /** Sheet row of each table row, by row index. */
  rows: number[];
}

export interface SheetLayout {
  name: string;
  statement: Statement;
  tables: TableLayout[];
  /** 1-based sheet column of the source-line column, right of the widest table. */
  sourceCol: number;
  /** Rows frozen at the top: down to the first table's units row. */
  frozenRows: number;
  /** The table row a sheet row shows; header, caption and blank rows are absent. */
  rowAt: Map<number, { table: number; row: number }>;
}

export interface Layout {
  sheets: SheetLayout[];
  sheetOf(statementId: string): SheetLayout | undefined;
}

/** Columns in a sheet: A to XFD. */
export const MAX_COLUMNS = 16_384;

/** Sheet column (1-based) of a table's value column: the labels sit in A. */
export const valueCol = (col: number) => col + 2;

/** A sheet name Excel accepts: no []:*?/\, no leading or trailing apostrophe, 31 characters at most. */
export function safeSheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The name of a statement's sheet: its kind, or the title of a statement of no known kind. */
export function statementSheetName(st: Statement): string {
  return st.kind === 'other' ? st.title || KIND_NAMES.other : KIND_NAMES[st.kind];
}

/**
 * Where each statement's sheet goes. `names` places a release's sheets in a workbook of several
 * releases (the company model): each sheet name starts with the release's prefix, and names
 * already taken in that workbook are not reused.
 */
export function planLayout(release: Release, names?: { prefix: string; taken: Set<string> }): Layout {
  const taken = names?.taken ?? new Set(RESERVED.map((n) => n.toLowerCase()));
  const sheets: SheetLayout[] = release.statements.map((st) => {
    const wanted = statementSheetName(st);
    const name = safeSheetName(names ? `${names.prefix} ${wanted}` : wanted, taken);
    let next = FIRST_TABLE_ROW;
    let widest = 0;
    const tables = st.tables.map((t) => {
      const captionRow = t.caption ? next++ : null;
      const lines = Math.max(1, ...t.columns.map((c) => c.header.length));
      const headerRows = Array.from({ length: lines }, () => next++);
      const unitsRow = next++;
      const rows = t.rows.map(() => next++);
      next++; // a blank row between stacked tables
      widest = Math.max(widest, t.columns.length, ...t.rows.map((r) => r.cells.length));
      return { captionRow, headerRows, unitsRow, rows };
    });
    // A row wider than a sheet cannot be written whole, and a spreadsheet would drop what is beyond
    // XFD without a word: the release is refused, naming the table.
    if (valueCol(widest) > MAX_COLUMNS) {
      throw new InputError({
        file: release.source.file, line: st.place.line, exitCode: 1,
        expected: `a table of at most ${(MAX_COLUMNS - valueCol(0)).toLocaleString('en-US')} figure columns (a sheet ends at column XFD, the ${MAX_COLUMNS.toLocaleString('en-US')}th, and holds the labels and the source line besides)`,
        found: `${widest.toLocaleString('en-US')} columns in "${st.title}"`,
      });
    }
    const frozenRows = tables.length ? tables[0].unitsRow : UNITS_ROW;
    const rowAt = new Map<number, { table: number; row: number }>();
    tables.forEach((t, table) => t.rows.forEach((sheetRow, row) => rowAt.set(sheetRow, { table, row })));
    return { name, statement: st, tables, sourceCol: valueCol(widest), frozenRows, rowAt };
  });
  const byId = new Map(sheets.map((s) => [s.statement.id, s]));
  return { sheets, sheetOf: (id) => byId.get(id) };
}

export interface Address {
  sheet: string;
  row: number;
  col: number;
  /** A1 address without the sheet. */
  a1: string;
}

/** Where a model cell sits, or null when the reference points at nothing the layout holds. */
export function addressOf(layout: Layout, ref: CellRef): Address | null {
  const sheet = layout.sheetOf(ref.statement);
  const row = sheet?.tables[ref.table]?.rows[ref.row];
  if (!sheet || row === undefined || ref.col < 0) return null;
  const col = valueCol(ref.col);
  return { sheet: sheet.name, row, col, a1: `${columnLetter(col)}${row}` };
}

/** A cell's place as a reader is shown it (Sheet!B12); for display only, never parsed back. */
export function placeText(addr: Address): string {
  return `${addr.sheet}!${addr.a1}`;
}

/** A reference as written in a formula on `fromSheet`: bare on the same sheet, quoted sheet name otherwise. */
export function refText(addr: Address, fromSheet: string): string {
  return addr.sheet === fromSheet ? addr.a1 : `${quoteSheet(addr.sheet)}!${addr.a1}`;
}
