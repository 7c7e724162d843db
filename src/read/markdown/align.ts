import type { Place } from '../../model/types';
import { parseFigure } from '../number';
import { parsePeriod } from '../period';
import type { RawCell } from '../raw';
import type { Grid, GridHeader, GridRow } from './grid';
import { splitUnitsCaption, unglue } from './labels';
import { boldSegments, type PipeCell } from './pipes';

// Pipe tables converted from HTML keep the HTML's cell grid: a "$" in its own cell, the ")" of a
// negative and the "%" after it in the next cells, spacer cells between columns, and rows that
// dropped their leading empty cells so their figures sit one cell left of the others'. Here the
// pieces of each figure are put back together and the figures of all rows are lined up into
// logical columns.

export interface PipeRow {
  cells: PipeCell[];
  line: number;
}

const CLOSER = /^(\)|%|\)\s*%|pts\.?|x)$/i;
const CURRENCY = /^(US\$|NT\$|C\$|A\$|HK\$|S\$|R\$|RMB|USD|EUR|CAD|TWD|HKD|\$|€|£|¥)$/i;
const YEAR = /^(?:fiscal\s+|fy\s*)?(19|20)\d{2}\s*\*?$/i;

function hasFigure(text: string): boolean {
  // A multiple ("2.61x") is a figure in its column, though not one the statements add.
  return parseFigure(text) !== null || /^\$?\s*\(?[\d,.]+\)?\s*(%|x)?$/i.test(text) && /\d/.test(text);
}

/** Glues "(22,934" + ")" + "%" and "$" + "1,191.1" back into one cell each, in place. */
export function mergeSplitFigures(cells: { text: string; bold: boolean }[]): void {
  const open = (i: number, step: number): number => {
    for (let k = i + step; k >= 0 && k < cells.length; k += step) if (cells[k].text !== '') return k;
    return -1;
  };
  for (let i = 1; i < cells.length; i++) {
    if (!CLOSER.test(cells[i].text)) continue;
    const j = open(i, -1);
    const closesParen = cells[i].text.startsWith(')');
    if (j > 0 && /\d|^nm$/i.test(cells[j].text) && (!closesParen || /\([^)]*$/.test(cells[j].text))) {
      cells[j].text += cells[i].text;
      cells[i].text = '';
    }
  }
  for (let i = 1; i < cells.length; i++) {
    if (!CURRENCY.test(cells[i].text)) continue;
    const k = open(i, 1);
    if (k > 0 && /^[(\-–—]?\s*[\d.]|^[-–—]$/.test(cells[k].text)) {
      cells[k].text = `${cells[i].text} ${cells[k].text}`;
      cells[k].bold ||= cells[i].bold;
      cells[i].text = '';
    }
  }
}

interface Analysed {
  row: PipeRow;
  width: number;
  labelAt: number;
  label: PipeCell | null;
  /** Physical positions of value cells (after the label). */
  values: { at: number; cell: PipeCell }[];
  /** Non-empty cells of a row without figures. */
  texts: { at: number; cell: PipeCell }[];
  figures: boolean;
}

function analyse(row: PipeRow): Analysed {
  // Only a row with a piece of a figure in a cell of its own is glued, on a copy of its cells.
  const split = row.cells.some((c, i) => i > 0 && (CLOSER.test(c.text) || CURRENCY.test(c.text)));
  const cells = split ? row.cells.map((c) => ({ ...c })) : row.cells;
  if (split) mergeSplitFigures(cells);
  const nonEmpty = cells.map((cell, at) => ({ at, cell })).filter((x) => x.cell.text !== '');
  const firstFigure = nonEmpty.findIndex((x) => hasFigure(x.cell.text) && !YEAR.test(x.cell.text));
  const figures = firstFigure >= 0 && (firstFigure > 0 || nonEmpty[0].at > 0);
  if (!figures) return { row, width: cells.length, labelAt: -1, label: null, values: [], texts: nonEmpty, figures: false };
  const lead = nonEmpty.slice(0, firstFigure);
  const label = lead.length ? { ...lead[0].cell, text: lead.map((x) => x.cell.text).join(' ') } : null;
  return {
    row,
    width: cells.length,
    labelAt: lead.length ? lead[0].at : -1,
    label,
    values: nonEmpty.slice(firstFigure),
    texts: [],
    figures: true,
  };
}

/** Column positions from the left or, where rows dropped leading cells, from the right. */
function positions(rows: Analysed[], fromRight: boolean): number[][] {
  return rows.map((r) => r.values.map((v) => (fromRight ? v.at - r.width : v.at)));
}

/** Groups positions that are one or two cells apart and never both hold a figure in one row. */
function groupColumns(perRow: number[][]): number[][] {
  // The rows holding a figure at each position: a position clashes with a group when one of its
  // rows already has a figure in the group.
  const rowsAt = new Map<number, number[]>();
  perRow.forEach((ps, r) => {
    for (const p of ps) {
      const rows = rowsAt.get(p);
      if (rows) rows.push(r);
      else rowsAt.set(p, [r]);
    }
  });
  const all = [...rowsAt.keys()].sort((a, b) => a - b);
  const groups: number[][] = [];
  let inGroup = new Set<number>();
  for (const p of all) {
    const g = groups[groups.length - 1];
    const rows = rowsAt.get(p) ?? [];
    if (g && p - g[g.length - 1] <= 2 && !rows.some((r) => inGroup.has(r))) {
      g.push(p);
      for (const r of rows) inGroup.add(r);
    } else {
      groups.push([p]);
      inGroup = new Set(rows);
    }
  }
  return groups;
}

function placeOf(line: number, table: number, row: number, cell?: number): Place {
  return cell === undefined ? { line, table, row } : { line, table, row, cell };
}

function rawCell(cell: PipeCell, place: Place): RawCell {
  return { text: cell.text, bold: cell.bold, place };
}

/** Lines up one pipe table into title lines, header lines and rows of logical columns. */
export function alignPipeTable(rows: PipeRow[], table: number): Grid {
  const analysed = rows.map(analyse);
  const body = analysed.filter((r) => r.figures);
  const left = positions(body, false);
  const right = positions(body, true);
  const spread = (ps: number[][]) => { const at = new Set<number>(); for (const r of ps) for (const p of r) at.add(p); return at.size; };
  const fromRight = spread(right) < spread(left);
  const groups = groupColumns(fromRight ? right : left);
  const width = groups.length;
  const columnOf = (pos: number): number => {
    const exact = groups.findIndex((g) => g.includes(pos));
    if (exact >= 0) return exact;
    const next = groups.findIndex((g) => g[0] > pos);
    return next >= 0 ? next : width - 1;
  };
  const pos = (r: Analysed, at: number) => (fromRight ? at - r.width : at);
  const narrowest = Math.min(...body.map((r) => r.width));

  const titles: Grid['titles'] = [];
  const out: (GridHeader | GridRow)[] = [];
  const firstBody = analysed.findIndex((r) => r.figures);
  analysed.forEach((r, i) => {
    const rowNo = i + 1;
    const place = placeOf(r.row.line, table, rowNo);
    if (r.figures) {
      const values: (RawCell | null)[] = Array(width).fill(null);
      for (const v of r.values) {
        let c = columnOf(pos(r, v.at));
        while (c < width - 1 && values[c]) c++;
        if (!values[c]) values[c] = rawCell(v.cell, placeOf(r.row.line, table, rowNo, v.at + 1));
      }
      const label = r.label ? rawCell(r.label, placeOf(r.row.line, table, rowNo, r.labelAt + 1)) : { text: '', bold: false, place };
      out.push({ type: 'row', label, indent: Math.max(r.labelAt, 0) + (r.label?.lead ?? 0), values, place });
      return;
    }
    const texts = r.texts;
    if (texts.length === 0) return;
    const onlyLabel = texts.length === 1 && texts[0].at === 0;
    const single = texts.length === 1 && parsePeriod(texts[0].cell.text, false) === null && !/^as (of|at)\b/i.test(texts[0].cell.text);
    if ((onlyLabel || single) && (firstBody < 0 || i < firstBody) && out.length === 0) {
      for (const seg of boldSegments(texts[0].cell.raw)) {
        for (const part of splitUnitsCaption(unglue(seg))) titles.push({ text: part, bold: texts[0].cell.bold, place });
      }
      return;
    }
    if (onlyLabel || (i > firstBody && texts.length === 1 && texts[0].at <= 1 && !YEAR.test(texts[0].cell.text))) {
      // A label alone: a section heading or the first line of a wrapped label.
      const t = texts[0];
      out.push({ type: 'row', label: rawCell(t.cell, placeOf(r.row.line, table, rowNo, t.at + 1)), indent: t.at + t.cell.lead, values: Array(width).fill(null), place });
      return;
    }
    // A header line: its texts over the columns. Printed one per column with no spacer cells, they
    // go to the columns in order; otherwise each goes to the column at (or next right of) its cell.
    const header: string[] = Array(width).fill('');
    let cells = texts;
    let label: string | undefined;
    // Text in the label's cell heads the label column, not a figure column: above the table it is
    // a title; inside it (one text more than there are columns) the caption of that column.
    if (texts.length !== width && texts[0].at === 0 && out.length === 0) {
      for (const part of splitUnitsCaption(unglue(texts[0].cell.text))) titles.push({ text: part, bold: texts[0].cell.bold, place });
      cells = texts.slice(1);
    } else if (texts.length === width + 1 && texts[0].at === 0) {
      label = unglue(texts[0].cell.text);
      cells = texts.slice(1);
    }
    const exact = cells.every((t) => groups.some((g) => g.includes(pos(r, t.at))));
    // A header line with fewer cells than every row of figures lost its spans on the right: counted
    // from the right its texts would sit over the last columns. Its phrases start the column groups
    // they head, spread evenly where they divide the columns, else one per column in order.
    const cut = fromRight && r.width < narrowest && cells.length < width;
    const step = cut && width % cells.length === 0 ? width / cells.length : 1;
    cells.forEach((t, k) => {
      const c = cut ? k * step : cells.length === width && !exact ? k : columnOf(pos(r, t.at));
      header[c] = header[c] ? `${header[c]} ${unglue(t.cell.text)}` : unglue(t.cell.text);
    });
    out.push({ type: 'header', texts: header, place, ...(label ? { label } : {}) });
  });
  return { titles, rows: out, width, place: { line: rows[0]?.line ?? 1, table } };
}
