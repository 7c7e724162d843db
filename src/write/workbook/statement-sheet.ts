import type { Sheet } from '../xlsx/sheet';
import type { Style } from '../xlsx/styles';
import { cellKey } from '../../model/refs';
import type { Column, Figure, Release } from '../../model/types';
import { type FormulaPlan } from './formulas';
import { TITLE_ROW, UNITS_ROW, valueCol, type SheetLayout } from './layout';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, figureStyle, GREY_FONT, ITALIC_FONT, look, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
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

/**
 * Writes a figure cell: a formula with its cached result where a relation defines it, else the
 * typed figure. Bold figures (subtotals and totals) get a rule above.
 */
export function writeFigure(ws: Sheet, row: number, col: number, fig: Figure, key: string, plan: FormulaPlan, bold: boolean): 'formula' | 'link' | 'typed' {
  const f = plan.cells.get(key);
  const origin = f ? (f.crossSheet ? 'link' : 'formula') : 'typed';
  const value = f ? { formula: f.formula, result: toNumber(f.result) } : toNumber(sheetValue(fig)!);
  ws.set(row, col, value, figureStyle(figureFormat(fig), origin, bold, bold));
  return origin;
}

export function writeStatementSheet(ws: Sheet, layout: SheetLayout, release: Release, plan: FormulaPlan): void {
  const st = layout.statement;
  ws.set(TITLE_ROW, 1, st.title, look({ font: TITLE_FONT }));
  const units = st.units || `Amounts in ${release.meta.currency ?? ''} ${SCALE_WORDS[release.meta.amountScale ?? 0] ?? ''}`.trim();
  ws.set(UNITS_ROW, 1, units, look({ font: ITALIC_FONT }));
  ws.set(layout.frozenRows, layout.sourceCol, 'Source', look({ font: BOLD_FONT, border: BOTTOM_BORDER }));
  const caption = look({ font: BOLD_FONT });
  const header = look({ font: BOLD_FONT, alignment: { horizontal: 'center', wrapText: true } });
  const unitsHeader = look({ font: BOLD_FONT, alignment: { horizontal: 'center' }, border: BOTTOM_BORDER });
  const source = look({ font: GREY_FONT });
  // Label styles by depth, plain and bold.
  const labels = new Map<number, Style[]>();
  const labelStyle = (boldLabel: boolean, depth: number) => {
    let styles = labels.get(depth);
    if (!styles) labels.set(depth, (styles = []));
    return (styles[boldLabel ? 1 : 0] ??= look({ font: boldLabel ? BOLD_FONT : TEXT_FONT, alignment: { horizontal: 'left', indent: depth } }));
  };

  const widths = new Map<number, number>();
  const widen = (col: number, chars: number) => widths.set(col, Math.max(widths.get(col) ?? 0, chars));
  widen(1, 24);

  st.tables.forEach((table, ti) => {
    const tl = layout.tables[ti];
    if (tl.captionRow !== null) ws.set(tl.captionRow, 1, table.caption, caption);
    table.columns.forEach((col, ci) => {
      const x = valueCol(ci);
      // Header lines sit at the bottom of the header block, as printed.
      const pad = tl.headerRows.length - col.header.length;
      col.header.forEach((line, li) => {
        ws.set(tl.headerRows[pad + li], x, line, header);
        // Viewers do not grow a row for wrapped text on their own: give it the lines it needs.
        const lines = Math.ceil(line.length / HEADER_WIDTH);
        const y = tl.headerRows[pad + li];
        ws.setHeight(y, Math.max(ws.height(y) ?? 0, lines * 13));
      });
      ws.set(tl.unitsRow, x, unitsText(col), unitsHeader);
      widen(x, HEADER_WIDTH);
    });
    table.rows.forEach((row, ri) => {
      const y = tl.rows[ri];
      const bold = row.emphasis === 'subtotal' || row.emphasis === 'total';
      // A label is text whatever it looks like: a string is written as a shared string,
      // never as a formula, so "=HYPERLINK(...)" stays inert. Excel and LibreOffice apply an
      // indent only to left-aligned text.
      ws.set(y, 1, row.label, labelStyle(bold || row.emphasis === 'header', row.depth));
      widen(1, Math.min(80, row.label.length + 2 * row.depth + 2));
      row.cells.forEach((fig, ci) => {
        if (!fig || fig.value === null) return;
        const x = valueCol(ci);
        writeFigure(ws, y, x, fig, cellKey({ statement: st.id, table: ti, row: ri }, ci), plan, bold);
        widen(x, fig.text.length + 4);
      });
      ws.set(y, layout.sourceCol, sourceText(row.place.line), source);
    });
  });
  widen(layout.sourceCol, 10);
  for (const [col, w] of widths) ws.width(col, w);
  ws.freeze(1, layout.frozenRows);
  ws.page = printSetup([1, layout.frozenRows]);
}
