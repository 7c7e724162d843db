import type { Cell, Worksheet } from 'exceljs';
import type { Column, Figure, Release } from '../../model/types';
import { type FormulaPlan } from './formulas';
import { cellKey, TITLE_ROW, UNITS_ROW, valueCol, type SheetLayout } from './layout';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, font, TEXT_FONT, TITLE_FONT, TOP_BORDER, printSetup } from './styles';
import { sheetValue, toNumber } from './values';

// One as-reported statement: the source's rows and columns in order, typed figures in blue,
// formulas in black, links to other sheets in green, and each row's source line at the right.

const SCALE_WORDS: Record<number, string> = { 3: 'thousands', 6: 'millions', 9: 'billions' };

/** What one column's figures are counted in, for the units header row. */
/** Width of a value column in characters: a figure of nine digits with separators and parentheses. */
const HEADER_WIDTH = 12;

export function unitsText(col: Column): string {
  if (col.kind === 'percent') return '%';
  const scale = col.amountScale ? SCALE_WORDS[col.amountScale] ?? `10^${col.amountScale}` : '';
  return [col.currency, scale].filter(Boolean).join(' ') || 'as printed';
}

export function sourceText(line: number): string {
  return `line ${line}`;
}

/** Writes a figure cell: a formula with its cached result where a relation defines it, else the typed figure. */
export function writeFigure(cell: Cell, fig: Figure, key: string, plan: FormulaPlan, bold: boolean): 'formula' | 'link' | 'typed' {
  const f = plan.cells.get(key);
  cell.numFmt = figureFormat(fig);
  if (f) {
    const origin = f.crossSheet ? 'link' : 'formula';
    cell.value = { formula: f.formula, result: toNumber(f.result) };
    cell.font = font(origin, bold);
    return origin;
  }
  cell.value = toNumber(sheetValue(fig)!);
  cell.font = font('typed', bold);
  return 'typed';
}

export function writeStatementSheet(ws: Worksheet, layout: SheetLayout, release: Release, plan: FormulaPlan): void {
  const st = layout.statement;
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = st.title;
  title.font = TITLE_FONT;
  const units = ws.getCell(UNITS_ROW, 1);
  units.value = st.units || `Amounts in ${release.meta.currency ?? ''} ${SCALE_WORDS[release.meta.amountScale ?? 0] ?? ''}`.trim();
  units.font = { ...TEXT_FONT, italic: true };
  const srcHeader = ws.getCell(layout.frozenRows, layout.sourceCol);
  srcHeader.value = 'Source';
  srcHeader.font = BOLD_FONT;
  srcHeader.border = BOTTOM_BORDER;

  const widths = new Map<number, number>();
  const widen = (col: number, chars: number) => widths.set(col, Math.max(widths.get(col) ?? 0, chars));
  widen(1, 24);

  st.tables.forEach((table, ti) => {
    const tl = layout.tables[ti];
    if (tl.captionRow !== null) {
      const c = ws.getCell(tl.captionRow, 1);
      c.value = table.caption;
      c.font = BOLD_FONT;
    }
    table.columns.forEach((col, ci) => {
      const x = valueCol(ci);
      // Header lines sit at the bottom of the header block, as printed.
      const pad = tl.headerRows.length - col.header.length;
      col.header.forEach((line, li) => {
        const c = ws.getCell(tl.headerRows[pad + li], x);
        c.value = line;
        c.font = BOLD_FONT;
        c.alignment = { horizontal: 'center', wrapText: true };
        // Viewers do not grow a row for wrapped text on their own: give it the lines it needs.
        const lines = Math.ceil(line.length / HEADER_WIDTH);
        const r = ws.getRow(tl.headerRows[pad + li]);
        r.height = Math.max(r.height ?? 0, lines * 13);
      });
      const u = ws.getCell(tl.unitsRow, x);
      u.value = unitsText(col);
      u.font = BOLD_FONT;
      u.alignment = { horizontal: 'center' };
      u.border = BOTTOM_BORDER;
      widen(x, HEADER_WIDTH);
    });
    table.rows.forEach((row, ri) => {
      const y = tl.rows[ri];
      const bold = row.emphasis === 'subtotal' || row.emphasis === 'total';
      const label = ws.getCell(y, 1);
      // A label is text whatever it looks like: exceljs writes a string as a shared string,
      // never as a formula, so "=HYPERLINK(...)" stays inert.
      label.value = row.label;
      label.font = bold || row.emphasis === 'header' ? BOLD_FONT : TEXT_FONT;
      // Excel and LibreOffice apply an indent only to left-aligned text.
      label.alignment = { horizontal: 'left', indent: row.depth };
      widen(1, Math.min(80, row.label.length + 2 * row.depth + 2));
      row.cells.forEach((fig, ci) => {
        if (!fig || fig.value === null) return;
        const x = valueCol(ci);
        const cell = ws.getCell(y, x);
        writeFigure(cell, fig, cellKey({ statement: st.id, table: ti, row: ri, col: ci }), plan, bold);
        if (bold) cell.border = TOP_BORDER;
        widen(x, fig.text.length + 4);
      });
      const src = ws.getCell(y, layout.sourceCol);
      src.value = sourceText(row.place.line);
      src.font = { ...TEXT_FONT, color: { argb: 'FF808080' } };
    });
  });
  widen(layout.sourceCol, 10);
  for (const [col, w] of widths) ws.getColumn(col).width = w;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: layout.frozenRows, topLeftCell: `B${layout.frozenRows + 1}`, activeCell: `B${layout.frozenRows + 1}` }];
  ws.pageSetup = printSetup(`1:${layout.frozenRows}`);
}
