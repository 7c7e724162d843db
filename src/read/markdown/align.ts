import type { Place } from '../../model/types';
import { isFigure } from '../number';
import { parsePeriod } from '../period';
import type { RawCell } from '../raw';
import type { Grid, GridHeader, GridRow } from './grid';
import { splitUnitsCaption, unglue } from './labels';
import { boldSegments, type PipeCell } from './pipes';

// Pipe tables converted from HTML keep the HTML's cell grid: a "$" in its own cell, the ")" of a
// negative and the "%" after it in the next cells, spacer cells between columns, and rows that
// dropped their leading empty cells so their figures sit one cell left of the others', and rows
// that lost, inside them, the cells a blank spanning cell covered. Here the pieces of each figure
// are put back together and the figures of all rows are lined up into logical columns.

export interface PipeRow {
  cells: PipeCell[];
  line: number;
}

const CLOSER = /^(\)|%|\)\s*%|pts\.?|x)$/i;
const CURRENCY = /^(US\$|NT\$|C\$|A\$|HK\$|S\$|R\$|RMB|USD|EUR|CAD|TWD|HKD|\$|€|£|¥)$/i;
// Module constants, not literals in the functions (see pipes.ts).
const FIGURE_LIKE = /^\$?\s*\(?[\d,.]+\)?\s*(%|x)?$/i;
const DIGIT = /\d/;
const AS_OF = /^as (of|at)\b/i;
const YEAR = /^(?:fiscal\s+|fy\s*)?(19|20)\d{2}\s*\*?$/i;

function hasFigure(text: string): boolean {
  // A multiple ("2.61x") is a figure in its column, though not one the statements add.
  return isFigure(text) || FIGURE_LIKE.test(text) && DIGIT.test(text);
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
  /** The row's cells, split figures glued back (on a copy, only where there was one). */
  cells: PipeCell[];
  width: number;
  labelAt: number;
  /** The texts of the cells before the first figure, joined; null in a row without figures. */
  label: string | null;
  /** Positions of the non-empty cells: value cells from `first` on in a row of figures, texts in the others. */
  filled: number[];
  /** Index in `filled` of the first value cell (its length where the row has no figures). */
  first: number;
  figures: boolean;
  /**
   * Where a row that lost cells inside it was put back (see spannedPlaces): the position of each
   * value cell, `filled[first + i]` at `places[i]`, in the table's frame; null for the others.
   */
  places: number[] | null;
}

function analyse(row: PipeRow): Analysed {
  // Only a row with a piece of a figure in a cell of its own is glued, on a copy of its cells.
  const split = row.cells.some((c, i) => i > 0 && (CLOSER.test(c.text) || CURRENCY.test(c.text)));
  const cells = split ? row.cells.map((c) => ({ ...c })) : row.cells;
  if (split) mergeSplitFigures(cells);
  // One pass over the cells (no array of {at, cell} per row): where the texts are, and the first
  // figure among them (a year is a heading, not a figure).
  const filled: number[] = Array(cells.length);
  let count = 0;
  let firstFigure = -1;
  for (let at = 0; at < cells.length; at++) {
    const text = cells[at].text;
    if (text === '') continue;
    if (firstFigure < 0 && hasFigure(text) && !YEAR.test(text)) firstFigure = count;
    filled[count++] = at;
  }
  filled.length = count;
  const figures = firstFigure >= 0 && (firstFigure > 0 || filled[0] > 0);
  if (!figures) return { row, cells, width: cells.length, labelAt: -1, label: null, filled, first: filled.length, figures: false, places: null };
  let label: string | null = null;
  for (let k = 0; k < firstFigure; k++) label = label === null ? cells[filled[k]].text : `${label} ${cells[filled[k]].text}`;
  return { row, cells, width: cells.length, labelAt: firstFigure > 0 ? filled[0] : -1, label, filled, first: firstFigure, figures: true, places: null };
}

/** A cell's column position from the left or, where rows dropped leading cells, from the right. */
function position(r: Analysed, at: number, fromRight: boolean): number {
  return fromRight ? at - r.width : at;
}

/** The position of the row's k-th text (a value cell: k ≥ first), put back where the row lost cells inside it. */
function positionOf(r: Analysed, k: number, fromRight: boolean): number {
  return r.places ? r.places[k - r.first] : position(r, r.filled[k], fromRight);
}

/** How many distinct positions the rows' figures sit at; `widest` is the widest row's cell count. */
function spread(body: Analysed[], fromRight: boolean, widest: number): number {
  // Positions run from -widest (from the right) or 0 (from the left): shifted, they index an array.
  const shift = fromRight ? widest : 0;
  const taken: boolean[] = Array(widest).fill(false);
  let count = 0;
  for (const r of body) {
    for (let k = r.first; k < r.filled.length; k++) {
      const i = position(r, r.filled[k], fromRight) + shift;
      if (!taken[i]) { taken[i] = true; count++; }
    }
  }
  return count;
}

/** Groups positions that are one or two cells apart and never both hold a figure in one row. */
function groupColumns(body: Analysed[], fromRight: boolean, widest: number): number[][] {
  // Positions run from -widest (from the right) or 0 (from the left): walked in order, each asks the
  // rows whether they hold a figure there (no list of rows per position). A position clashes with
  // the group when one of its rows already has a figure in the group.
  const shift = fromRight ? widest : 0;
  const groups: number[][] = [];
  // The group each row last had a figure in (instead of a set of the current group's rows).
  const groupOf: number[] = Array(body.length).fill(-1);
  for (let i = 0; i < widest; i++) {
    const p = i - shift;
    const current = groups.length - 1;
    let held = false;
    let clash = false;
    for (let k = 0; k < body.length; k++) {
      if (!holdsFigureAt(body[k], p, fromRight)) continue;
      held = true;
      if (groupOf[k] === current) clash = true;
    }
    if (!held) continue;
    const g = groups[current];
    if (g && p - g[g.length - 1] <= 2 && !clash) g.push(p);
    else groups.push([p]);
    for (let k = 0; k < body.length; k++) if (holdsFigureAt(body[k], p, fromRight)) groupOf[k] = groups.length - 1;
  }
  return groups;
}

/** True when one of the row's value cells sits at the position. */
function holdsFigureAt(r: Analysed, p: number, fromRight: boolean): boolean {
  return r.places ? r.places.indexOf(p) >= 0 : r.filled.indexOf(fromRight ? p + r.width : p, r.first) >= 0;
}

// What a value cell holds, as bits: a column of the widest rows is the set of what they hold there.
const AMOUNT = 1;
const PERCENT = 2;
const MULTIPLE = 4;
const DASH = 8;
const TEXT = 16;
const PERCENT_CELL = /%$/;
const MULTIPLE_CELL = /\dx$/i;

function kindOf(text: string): number {
  if (!hasFigure(text)) return TEXT;
  // A figure without a digit is the zero dash ("—", "$ —").
  if (!DIGIT.test(text)) return DASH;
  return PERCENT_CELL.test(text) ? PERCENT : MULTIPLE_CELL.test(text) ? MULTIPLE : AMOUNT;
}

/** A figure fits a column that holds its kind; a dash fits any column of figures, and any figure a column of dashes. */
function fits(kind: number, column: number): boolean {
  if (kind === DASH) return (column & ~TEXT) !== 0;
  return (column & kind) !== 0 || column === DASH;
}

/**
 * A converter that writes one pipe cell per HTML cell drops the cells a spanning cell covered: a row
 * whose empty cell spans the "$" and the figure of a column it leaves blank has one cell fewer in
 * that column group, and every figure after it sits one cell left of its column; rows narrower by
 * several spans are off by more, piece by piece, so neither the left nor the right ends line them
 * up. Where such a row has a value cell at a place none of the widest rows (which lost nothing) holds
 * anything, its cells are put back: each moves right by no fewer cells than the one before it and no
 * more than the row lost, onto a place where the widest rows hold a figure of its kind (a percent
 * under percents, an amount under amounts). Only a row that fits so in exactly one way is put back;
 * rows that already line up, or that fit no way or several, keep the table's alignment.
 */
function putBackSpannedRows(body: Analysed[], fromRight: boolean, widest: number): void {
  const columns: number[] = Array(widest).fill(0);
  for (const r of body) {
    if (r.width !== widest) continue;
    for (let k = r.first; k < r.filled.length; k++) columns[r.filled[k]] |= kindOf(r.cells[r.filled[k]].text);
  }
  const shift = fromRight ? widest : 0;
  for (const r of body) {
    if (r.width === widest) continue;
    let off = false;
    for (let k = r.first; k < r.filled.length && !off; k++) off = columns[position(r, r.filled[k], fromRight) + shift] === 0;
    if (!off) continue;
    const places = spannedPlaces(r, columns);
    if (places) r.places = places.map((j) => j - shift);
  }
}

/** The places (from the left) of the row's value cells put back; null unless exactly one placement fits them all. */
function spannedPlaces(r: Analysed, columns: number[]): number[] | null {
  const n = r.filled.length - r.first;
  const lost = columns.length - r.width;
  const kinds: number[] = Array(n);
  for (let i = 0; i < n; i++) {
    kinds[i] = kindOf(r.cells[r.filled[r.first + i]].text);
    if (kinds[i] === TEXT) return null;
  }
  // ways[i * (lost + 1) + o]: how many placements (0, 1, or 2 for more) cells i.. have, moving at
  // least o cells right; filled from the last cell back.
  const span = lost + 1;
  const ways: number[] = Array((n + 1) * span).fill(0);
  for (let o = 0; o < span; o++) ways[n * span + o] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const at = r.filled[r.first + i];
    for (let o = lost; o >= 0; o--) {
      const here = fits(kinds[i], columns[at + o]) ? ways[(i + 1) * span + o] : 0;
      ways[i * span + o] = Math.min(2, here + (o < lost ? ways[i * span + o + 1] : 0));
    }
  }
  if (ways[0] !== 1) return null;
  const places: number[] = Array(n);
  for (let i = 0, o = 0; i < n; i++) {
    const at = r.filled[r.first + i];
    while (!fits(kinds[i], columns[at + o]) || ways[(i + 1) * span + o] === 0) o++;
    places[i] = at + o;
  }
  return places;
}

/** The column of a position: the group holding it, else the next group to its right, else the last. */
function columnOf(groups: number[][], pos: number): number {
  let next = -1;
  for (let c = 0; c < groups.length; c++) {
    if (groups[c].includes(pos)) return c;
    if (next < 0 && groups[c][0] > pos) next = c;
  }
  return next >= 0 ? next : groups.length - 1;
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
  let widest = 0;
  let narrowest = Infinity;
  for (const r of body) {
    widest = Math.max(widest, r.width);
    narrowest = Math.min(narrowest, r.width);
  }
  const fromRight = spread(body, true, widest) < spread(body, false, widest);
  if (narrowest < widest) putBackSpannedRows(body, fromRight, widest);
  const groups = groupColumns(body, fromRight, widest);
  const width = groups.length;
  const pos = (r: Analysed, at: number) => position(r, at, fromRight);

  const titles: Grid['titles'] = [];
  const out: (GridHeader | GridRow)[] = [];
  const firstBody = analysed.findIndex((r) => r.figures);
  analysed.forEach((r, i) => {
    const rowNo = i + 1;
    const place = placeOf(r.row.line, table, rowNo);
    const cells = r.cells;
    if (r.figures) {
      const values: (RawCell | null)[] = Array(width).fill(null);
      for (let k = r.first; k < r.filled.length; k++) {
        const at = r.filled[k];
        let c = columnOf(groups, positionOf(r, k, fromRight));
        while (c < width - 1 && values[c]) c++;
        if (!values[c]) values[c] = rawCell(cells[at], placeOf(r.row.line, table, rowNo, at + 1));
      }
      const first = r.label !== null ? cells[r.labelAt] : null;
      const label = first ? { text: r.label as string, bold: first.bold, place: placeOf(r.row.line, table, rowNo, r.labelAt + 1) } : { text: '', bold: false, place };
      out.push({ type: 'row', label, indent: first ? r.labelAt + first.lead : 0, values, place });
      return;
    }
    const texts = r.filled;
    if (texts.length === 0) return;
    const head = cells[texts[0]];
    const onlyLabel = texts.length === 1 && texts[0] === 0;
    const single = texts.length === 1 && parsePeriod(head.text, false) === null && !AS_OF.test(head.text);
    if ((onlyLabel || single) && (firstBody < 0 || i < firstBody) && out.length === 0) {
      for (const seg of boldSegments(head.raw)) {
        for (const part of splitUnitsCaption(unglue(seg))) titles.push({ text: part, bold: head.bold, place });
      }
      return;
    }
    if (onlyLabel || (i > firstBody && texts.length === 1 && texts[0] <= 1 && !YEAR.test(head.text))) {
      // A label alone: a section heading or the first line of a wrapped label.
      const at = texts[0];
      out.push({ type: 'row', label: rawCell(head, placeOf(r.row.line, table, rowNo, at + 1)), indent: at + head.lead, values: Array(width).fill(null), place });
      return;
    }
    // A header line: its texts over the columns. Printed one per column with no spacer cells, they
    // go to the columns in order; otherwise each goes to the column at (or next right of) its cell.
    const header: string[] = Array(width).fill('');
    let over = texts;
    let label: string | undefined;
    // Text in the label's cell heads the label column, not a figure column: above the table it is
    // a title; inside it (one text more than there are columns) the caption of that column.
    if (texts.length !== width && texts[0] === 0 && out.length === 0) {
      for (const part of splitUnitsCaption(unglue(head.text))) titles.push({ text: part, bold: head.bold, place });
      over = texts.slice(1);
    } else if (texts.length === width + 1 && texts[0] === 0) {
      label = unglue(head.text);
      over = texts.slice(1);
    }
    let exact = true;
    for (const at of over) if (!groups.some((g) => g.includes(pos(r, at)))) { exact = false; break; }
    // A header line with fewer cells than every row of figures lost its spans on the right: counted
    // from the right its texts would sit over the last columns. Its phrases start the column groups
    // they head, spread evenly where they divide the columns, else one per column in order.
    const cut = fromRight && r.width < narrowest && over.length < width;
    const step = cut && width % over.length === 0 ? width / over.length : 1;
    for (let k = 0; k < over.length; k++) {
      const c = cut ? k * step : over.length === width && !exact ? k : columnOf(groups, pos(r, over[k]));
      const text = unglue(cells[over[k]].text);
      header[c] = header[c] ? `${header[c]} ${text}` : text;
    }
    const line: GridHeader = { type: 'header', texts: header, place };
    if (label) line.label = label;
    out.push(line);
  });
  return { titles, rows: out, width, place: { line: rows[0]?.line ?? 1, table } };
}
