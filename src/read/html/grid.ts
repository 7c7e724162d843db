import type { HtmlElement } from './dom';
import { indentPt, ptToChars, rulesOf, styleOf } from './style';
import { collectInline, inherit, isSkipped, TextRun, type Inherited } from './text';

// An HTML table laid out on its column grid, as a browser lays it out: every cell at the grid
// column where it starts, with the number of columns it spans (colspan), and cells spanning rows
// (rowspan) pushing later rows' cells to the right.

export interface GridCell {
  text: string;
  bold: boolean;
  /** Leading indentation of the cell's text, in characters. */
  indent: number;
  /** Smallest font size of the cell's text, in points, when the HTML states one. */
  size: number | null;
  col: number;
  span: number;
  offset: number | null;
}

export interface GridRow {
  cells: GridCell[];
  offset: number | null;
  /** Grid columns whose cells draw a rule above / below their text. */
  rules?: { above: number[]; below: number[] };
}

const MAX_SPAN = 100;

function spanOf(value: string | undefined): number {
  const n = Number(value ?? '1');
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** The table's own rows: inside thead/tbody/tfoot, not inside a nested table. */
export function rowsOf(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  const visit = (el: HtmlElement) => {
    for (const c of el.children) {
      if (c.type !== 'tag') continue;
      const name = c.name.toLowerCase();
      if (name === 'tr') rows.push(c);
      else if (name === 'thead' || name === 'tbody' || name === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

export function cellsOf(tr: HtmlElement): HtmlElement[] {
  return tr.children.filter((c): c is HtmlElement => c.type === 'tag' && ['td', 'th'].includes(c.name.toLowerCase()));
}

function readCell(td: HtmlElement, state: Inherited, col: number): GridCell {
  const style = styleOf(td);
  const run = new TextRun();
  collectInline(td.children, inherit(td, style, state), run, false);
  const pt = indentPt(style) + run.leadPt;
  return {
    text: run.value(),
    bold: run.bold,
    indent: ptToChars(pt) + run.leadingSpaces,
    size: run.minSize,
    col,
    span: spanOf(td.attribs.colspan),
    offset: run.offset ?? td.startIndex,
  };
}

/** Lays out a table's rows on its grid. */
export function layoutTable(table: HtmlElement, state: Inherited): GridRow[] {
  const tableStyle = styleOf(table);
  const inTable = inherit(table, tableStyle, state);
  // Grid columns still taken by a cell from a row above (rowspan), with the rows left.
  const carried = new Map<number, number>();
  const out: GridRow[] = [];
  for (const tr of rowsOf(table)) {
    const trStyle = styleOf(tr);
    if (isSkipped(tr, trStyle)) continue;
    const inRow = inherit(tr, trStyle, inTable);
    const cells: GridCell[] = [];
    const rules = { above: [] as number[], below: [] as number[] };
    let col = 0;
    const taken = new Set([...carried.keys()]);
    for (const td of cellsOf(tr)) {
      // A cell not displayed takes no place on the grid (Workiva writes hidden spacer cells).
      if (isSkipped(td, styleOf(td))) continue;
      while (taken.has(col)) col++;
      const cell = readCell(td, inRow, col);
      const ruled = rulesOf(styleOf(td));
      if (ruled.above) rules.above.push(col);
      if (ruled.below) rules.below.push(col);
      const rows = spanOf(td.attribs.rowspan);
      if (rows > 1) for (let c = col; c < col + cell.span; c++) carried.set(c, rows);
      cells.push(cell);
      col += cell.span;
    }
    for (const [c, left] of [...carried]) {
      if (left <= 1) carried.delete(c);
      else carried.set(c, left - 1);
    }
    out.push({ cells, offset: tr.startIndex, rules });
  }
  return out;
}
