import { parseFigure } from '../number';
import { parsePeriod } from '../period';
import type { RawCell, RawRow } from '../raw';
import { isUnitsCaption } from '../units';
import type { GridCell, GridRow } from './grid';

// HTML tables print one figure over several grid cells: "$" in one, "1,234" in the next, the ")"
// of a negative or a "%" in a third, with empty spacer columns between periods and header cells
// spanning all of them. Here each row's pieces are joined back into figures and every cell is
// put over the grid column its figures stand in, so the builder gets label + one cell per value column.

const CURRENCY_ALONE = /^(US\$|NT\$|C\$|A\$|HK\$|S\$|R\$|RMB|USD|EUR|€|£|¥|\$)$/i;
const CLOSER_ALONE = /^\)?\s*%?$/;
// A footnote reference printed beside a figure or in a cell of its own: "(a)", "*", "†".
// Footnote references at the end of a label: "TOTAL REVENUES (3) (4)", "Diluted earnings per share*".
const LABEL_NOTES = /(\s*\(\d{1,2}\)|\s*\*+|\s*[\u2020\u2021]+)+$/;
const NOTE_NUMBER = /^\(?\d{1,2}[.)]?$/;
const NOTE_MARK = /\s*(\([a-z]\)|\*+|[\u2020\u2021\u00a7]+)$/i;
const YEAR_ALONE = /^(?:fiscal\s+|fy\s*)?(19|20)\d{2}\s*\*?$/i;

interface Piece extends GridCell {
  figure: boolean;
  /** Grid column of the cell holding the digits, when that cell spans one column. */
  at: number | null;
}

const isFigure = (text: string) => parseFigure(text) !== null;

/** Spelled out, not `{ ...cell, figure, at }`: see model/refs.ts. */
function pieceOf(cell: GridCell): Piece {
  const { text, bold, indent, size, col, span, offset } = cell;
  return { text, bold, indent, size, col, span, offset, figure: isFigure(text), at: span === 1 ? col : null };
}

/** Widens a piece to cover the grid cells of another joined into it. */
function cover(p: Piece, other: GridCell): void {
  const end = Math.max(p.col + p.span, other.col + other.span);
  p.col = Math.min(p.col, other.col);
  p.span = end - p.col;
}

/** Joins "$" | "1,234" and "(1,234" | ")" and "12.5" | "%" within one row. */
export function joinPieces(cells: GridCell[]): Piece[] {
  const closed: Piece[] = [];
  for (const raw of cells) {
    if (raw.text === '') continue;
    const prev = closed[closed.length - 1];
    // Footnote letters after a figure or its ")" are references, not part of the figure.
    const bare = raw.text.replace(NOTE_MARK, '');
    const cell = prev && bare !== raw.text && (bare === '' || CLOSER_ALONE.test(bare) || isFigure(bare)) ? { ...raw, text: bare } : raw;
    if (cell.text === '') continue;
    // A ")" or "%" standing alone closes the figure before it.
    if (prev && CLOSER_ALONE.test(cell.text) && (isFigure(prev.text + cell.text) || prev.text.includes('('))) {
      prev.text = `${prev.text}${cell.text}`;
      prev.figure = isFigure(prev.text);
      cover(prev, cell);
      continue;
    }
    closed.push(pieceOf(cell));
  }
  // A currency mark or an opening "(" standing alone belongs to the figure after it ("$" | "(841)").
  const pieces: Piece[] = [];
  for (const p of closed) {
    const prev = pieces[pieces.length - 1];
    if (prev && !prev.figure && (CURRENCY_ALONE.test(prev.text) || prev.text === '(') && isFigure(`${prev.text}${p.text}`)) {
      const joined = pieceOf({ ...p, text: `${prev.text}${p.text}` });
      joined.at = p.at;
      cover(joined, prev);
      pieces[pieces.length - 1] = joined;
      continue;
    }
    pieces.push(p);
  }
  // A note's number before its text ("(1)" | "We compare ...") is not a figure.
  if (pieces.length > 1 && pieces[0].figure && !pieces[1].figure && NOTE_NUMBER.test(pieces[0].text)) pieces[0].figure = false;
  return pieces;
}

/** Index of the first of the sorted columns at or right of `col` (cols.length when none). */
function firstAtOrAfter(cols: number[], col: number): number {
  let lo = 0;
  let hi = cols.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cols[mid] < col) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True for a row whose figures are only years: a column header, not data. */
function yearsOnly(pieces: Piece[]): boolean {
  const figures = pieces.filter((p) => p.figure);
  return figures.length > 0 && figures.every((p) => YEAR_ALONE.test(p.text));
}

/** Typical font size of a table's figures, to tell footnote references printed small beside them. */
function typicalSize(rows: Piece[][]): number | null {
  const sizes = rows.flat().filter((p) => p.figure && p.size !== null).map((p) => p.size as number).sort((a, b) => a - b);
  return sizes.length ? sizes[sizes.length >> 1] : null;
}

/** Drops footnote references set in a much smaller type in a column of their own ("5" beside "82,276"). */
function dropSmallNotes(rows: Piece[][]): void {
  const size = typicalSize(rows);
  if (size === null) return;
  for (const row of rows) {
    for (let i = row.length - 1; i > 0; i--) {
      const p = row[i];
      if (p.figure && p.size !== null && p.size < size * 0.8 && /^\(?\d{1,2}\)?$/.test(p.text)) row.splice(i, 1);
    }
  }
}

interface Layout {
  /** Grid columns of the value columns, left to right. */
  cols: number[];
  /** First grid column where a value of a data row starts: left of it is the label. */
  first: number;
  /** Grid column where data rows' labels start. */
  labelCol: number;
}

const labelOf = (row: Piece[]) => (row.length > 0 && !row[0].figure ? row[0] : null);

function covers(p: Piece, anchors: Set<number>): boolean {
  for (let c = p.col; c < p.col + p.span; c++) if (anchors.has(c)) return true;
  return false;
}

/** Value columns: where the digits of data rows' figures stand. A row's leading text is its label. */
function findLayout(dataRows: Piece[][]): Layout | null {
  const anchors = new Set<number>();
  let first = Infinity;
  let labelCol = Infinity;
  for (const row of dataRows) {
    const label = labelOf(row);
    if (label) labelCol = Math.min(labelCol, label.col);
    for (const p of row) {
      if (p === label || !p.figure) continue;
      first = Math.min(first, p.col);
      if (p.at !== null) anchors.add(p.at);
    }
  }
  // A figure whose digits span grid columns stands over the value column it covers, else its own;
  // then text standing in a column of its own ("Up 17%", "n/m") makes a value column too.
  for (const figures of [true, false]) {
    for (const row of dataRows) {
      const label = labelOf(row);
      for (const p of row) {
        if (p === label || p.figure !== figures || (figures && p.at !== null) || p.col < first) continue;
        if (!covers(p, anchors)) anchors.add(p.at ?? p.col + p.span - 1);
      }
    }
  }
  const cols = [...anchors].sort((x, y) => x - y);
  return cols.length ? { cols, first, labelCol } : null;
}

/**
 * A header row with a label ("ASSETS" over the dates) is two rows: the column header, and the
 * caption, which goes below the last header row.
 */
function splitCaption(cells: RawCell[], header: boolean): { head: RawCell[]; caption: RawCell[] | null } {
  const label = cells[0].text;
  const values = cells.slice(1);
  if (!header || label === '' || values.every((c) => c.text === '')) return { head: cells, caption: null };
  const dated = values.some((c) => c.text !== '' && (parsePeriod(c.text, false) !== null || YEAR_ALONE.test(c.text)));
  if (!header || label === '' || !dated || isUnitsCaption(label) || parsePeriod(label, false) !== null) return { head: cells, caption: null };
  return {
    head: [{ ...cells[0], text: '', bold: false }, ...values],
    caption: [cells[0], ...values.map((c) => ({ ...c, text: '', bold: false }))],
  };
}

/**
 * Turns a laid-out table into raw rows: cell 0 the label, then one cell per value column.
 * Returns null when the table holds no figure (a layout box or a text table).
 */
export function toRawRows(grid: GridRow[], table: number, lineAt: (offset: number | null) => number): RawRow[] | null {
  const rows = grid.map((r) => joinPieces(r.cells));
  dropSmallNotes(rows);
  const layout = findLayout(rows.filter((r) => r.some((p) => p.figure) && !yearsOnly(r)));
  if (!layout) return null;
  const { cols, first, labelCol } = layout;
  const indexOf = new Map(cols.map((c, i) => [c, i]));
  // The label: whatever lies left of the values, and a row's leading text starting in the label column
  // (a title spanning the table); a header spanning value columns starts right of the label column.
  const isLabel = (p: Piece, i: number) => p.col + p.span - 1 < first || (i === 0 && !p.figure && p.col <= labelCol);

  const out: RawRow[] = [];
  const pending: { cells: RawCell[]; line: number; indent: number }[] = [];
  const emit = (cells: RawCell[], line: number, indent: number, ruled = false) => {
    const row = out.length + 1;
    const raw: RawRow = { cells: cells.map((c) => ({ ...c, place: { ...c.place, row } })), place: { line, table, row }, indent };
    if (ruled) raw.ruled = true;
    out.push(raw);
  };
  // A rule under the figures of one row is a rule over the figures of the next.
  let ruleBelow = false;
  let lastRuled = false;
  let afterFigures = false;
  const flushCaptions = () => pending.splice(0).forEach((p) => emit(p.cells, p.line, p.indent));
  grid.forEach((g, r) => {
    const pieces = rows[r];
    const header = !pieces.some((p) => p.figure) || yearsOnly(pieces);
    const overValues = (cols: number[] | undefined) => !!cols && cols.some((c) => c >= first);
    // An empty spacer row passes a rule on. A rule it draws itself lies between two rows: it closes
    // the row above when that row is a sum already (ruled over its figures), else it opens the next.
    if (pieces.length === 0) {
      ruleBelow ||= afterFigures && !lastRuled && (overValues(g.rules?.below) || overValues(g.rules?.above));
      return;
    }
    // A rule right under the headings separates them from the figures: it closes nothing.
    const ruled = !header && afterFigures && (ruleBelow || overValues(g.rules?.above));
    ruleBelow = !header && overValues(g.rules?.below);
    lastRuled = ruled;
    afterFigures = !header;
    const labelParts = pieces.filter(isLabel);
    const values: Piece[][] = cols.map(() => []);
    pieces.forEach((p, i) => {
      if (isLabel(p, i)) return;
      const own = p.at !== null && !header ? indexOf.get(p.at) : undefined;
      if (own !== undefined) { values[own].push(p); return; }
      const from = firstAtOrAfter(cols, p.col);
      let last = from;
      while (last < cols.length && cols[last] < p.col + p.span) last++;
      // A header spans all the value columns under it; a figure belongs to the one its digits end over;
      // a piece between value columns stands over the next one to its right (else the last).
      if (last > from && header) for (let k = from; k < last; k++) values[k].push(p);
      else if (last > from) values[last - 1].push(p);
      else values[Math.min(from, cols.length - 1)].push(p);
    });
    const cellOf = (parts: Piece[], cell: number): RawCell => ({
      text: parts.map((p) => p.text).join(' '),
      bold: parts.some((p) => p.bold),
      place: { line: lineAt(parts[0]?.offset ?? g.offset), table, row: 0, cell },
    });
    const label = cellOf(labelParts, 1);
    label.text = label.text.replace(LABEL_NOTES, '');
    const cells = [label, ...values.map((parts, i) => cellOf(parts, i + 2))];
    const line = lineAt(g.offset);
    const indent = labelParts[0]?.indent ?? 0;
    const { head, caption } = splitCaption(cells, header);
    if (caption) pending.push({ cells: caption, line, indent });
    else if (!(header && head[0].text === '' && head.slice(1).some((c) => c.text !== ''))) flushCaptions();
    emit(head, line, indent, ruled);
  });
  flushCaptions();
  return out;
}
