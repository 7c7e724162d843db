import type { Place } from '../../model/types';
import { parseFigure } from '../number';
import type { RawCell, RawRow } from '../raw';
import type { GridCell, GridRow } from './grid';

// HTML tables print one figure over several grid cells: "$" in one, "1,234" in the next, the ")"
// of a negative or a "%" in a third, with empty spacer columns between periods and header cells
// spanning all of them. Here each row's pieces are joined back into figures and every cell is
// put over the grid column its figures stand in, so the builder gets label + one cell per value column.

const CURRENCY_ALONE = /^(US\$|NT\$|C\$|A\$|HK\$|S\$|R\$|RMB|USD|EUR|€|£|¥|\$)$/i;
const CLOSER_ALONE = /^\)?\s*%?$/;
const YEAR_ALONE = /^(?:fiscal\s+|fy\s*)?(19|20)\d{2}\s*\*?$/i;

interface Piece extends GridCell {
  figure: boolean;
  /** Grid column of the cell holding the digits, when that cell spans one column. */
  at: number | null;
}

const isFigure = (text: string) => parseFigure(text) !== null;

function pieceOf(cell: GridCell): Piece {
  return { ...cell, figure: isFigure(cell.text), at: cell.span === 1 ? cell.col : null };
}

/** Widens a piece to cover the grid cells of another joined into it. */
function cover(p: Piece, other: GridCell): void {
  const end = Math.max(p.col + p.span, other.col + other.span);
  p.col = Math.min(p.col, other.col);
  p.span = end - p.col;
}

/** Joins "$" | "1,234" and "(1,234" | ")" and "12.5" | "%" within one row. */
export function joinPieces(cells: GridCell[]): Piece[] {
  const pieces: Piece[] = [];
  for (const cell of cells) {
    if (cell.text === '') continue;
    const prev = pieces[pieces.length - 1];
    // A ")" or "%" standing alone closes the figure before it.
    if (prev && CLOSER_ALONE.test(cell.text) && (isFigure(prev.text + cell.text) || prev.text.endsWith('('))) {
      prev.text = `${prev.text}${cell.text}`;
      prev.figure = isFigure(prev.text);
      cover(prev, cell);
      continue;
    }
    // A currency mark or an opening "(" standing alone belongs to the figure after it.
    if (prev && !prev.figure && (CURRENCY_ALONE.test(prev.text) || prev.text === '(') && isFigure(`${prev.text}${cell.text}`)) {
      const joined = pieceOf({ ...cell, text: `${prev.text}${cell.text}` });
      cover(joined, prev);
      pieces[pieces.length - 1] = joined;
      continue;
    }
    pieces.push(pieceOf(cell));
  }
  return pieces;
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

/**
 * Turns a laid-out table into raw rows: cell 0 the label, then one cell per value column.
 * Returns null when the table holds no figure (a layout box or a text table).
 */
export function toRawRows(grid: GridRow[], file: string, table: number, lineAt: (offset: number | null) => number): RawRow[] | null {
  const rows = grid.map((r) => joinPieces(r.cells));
  const size = typicalSize(rows);
  // Footnote references set in a much smaller type in their own column are not figures.
  if (size !== null) {
    for (const row of rows) {
      for (let i = row.length - 1; i >= 0; i--) {
        const p = row[i];
        if (p.figure && p.size !== null && p.size < size * 0.8 && /^\(?\d{1,2}\)?$/.test(p.text) && i > 0) row.splice(i, 1);
      }
    }
  }

  // Value columns: where the digits of data rows' figures stand. A row's leading text is its label.
  const labelOf = (row: Piece[]) => (row.length > 0 && !row[0].figure ? row[0] : null);
  const dataRows = rows.filter((r) => r.some((p) => p.figure) && !yearsOnly(r));
  if (dataRows.length === 0) return null;
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
  // A figure whose digits span grid columns stands over the value column it covers, else its own.
  for (const row of dataRows) {
    const label = labelOf(row);
    for (const p of row) {
      if (p === label || !p.figure || p.at !== null) continue;
      if (![...anchors].some((a) => a >= p.col && a < p.col + p.span)) anchors.add(p.col + p.span - 1);
    }
  }
  const cols = [...anchors].sort((x, y) => x - y);
  if (cols.length === 0) return null;
  // The label: whatever lies left of the values, and a row's leading text starting in the label column
  // (a title spanning the table); a header spanning value columns starts right of the label column.
  const isLabel = (p: Piece, i: number) => p.col + p.span - 1 < first || (i === 0 && !p.figure && p.col <= labelCol);

  const out: RawRow[] = [];
  grid.forEach((g, r) => {
    const pieces = rows[r];
    if (pieces.length === 0) return;
    const labelParts = pieces.filter(isLabel);
    const valueParts = pieces.filter((p, i) => !isLabel(p, i));
    const row = out.length + 1;
    const rowPlace: Place = { file, line: lineAt(g.offset), table, row };
    const place = (offset: number | null, cell: number): Place => ({ file, line: lineAt(offset ?? g.offset), table, row, cell });
    const header = !pieces.some((p) => p.figure) || yearsOnly(pieces);
    const values: string[] = cols.map(() => '');
    const bolds: boolean[] = cols.map(() => false);
    const offsets: (number | null)[] = cols.map(() => null);
    const put = (i: number, p: Piece) => {
      values[i] = values[i] ? `${values[i]} ${p.text}` : p.text;
      bolds[i] ||= p.bold;
      offsets[i] ??= p.offset;
    };
    for (const p of valueParts) {
      const own = p.at !== null && !header ? cols.indexOf(p.at) : -1;
      if (own >= 0) { put(own, p); continue; }
      const covered = cols.map((c, i) => (c >= p.col && c < p.col + p.span ? i : -1)).filter((i) => i >= 0);
      if (covered.length > 0) {
        // A header spans all the columns under it; a figure belongs to one.
        if (header) covered.forEach((i) => put(i, p));
        else put(covered[covered.length - 1], p);
        continue;
      }
      // A piece between value columns stands over the next one to its right (else the last).
      let i = cols.findIndex((c) => c > p.col);
      if (i < 0) i = cols.length - 1;
      put(i, p);
    }
    const label = labelParts.map((p) => p.text).join(' ');
    const cells: RawCell[] = [
      { text: label, bold: labelParts.some((p) => p.bold), place: place(labelParts[0]?.offset ?? null, 1) },
      ...values.map((text, i) => ({ text, bold: bolds[i], place: place(offsets[i], i + 2) })),
    ];
    out.push({ cells, place: rowPlace, indent: labelParts[0]?.indent ?? 0 });
  });
  return out;
}
