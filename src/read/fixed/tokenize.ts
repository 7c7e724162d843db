import { cellPlace } from '../../model/refs';
import type { Place } from '../../model/types';
import type { ProseBlock, RawBlock, RawCell, RawDocument } from '../raw';
import { gridBlocks, type Grid, type GridHeader, type GridRow } from '../markdown/grid';
import { parseFigure } from '../number';
import { chunks, columnEdges, isRule, layoutOf, type LineLayout } from './layout';

// Fixed-width text: old EDGAR .txt exhibits (with SGML <TABLE>/<S>/<C> tags) and wire copies that
// fence their tables in ``` blocks. A table is a run of lines whose right ends hold figures; the
// lines just above it with text over the figure columns are its column headers.

interface Line {
  text: string;
  no: number;
  /** May hold a table: inside a fence when the document fences its tables, else any line. */
  tabular: boolean;
  layout: LineLayout | null;
}

// SGML table tags stand in place of spaces, so the columns after them keep their positions.
const MAX_TABLE_LINE = 2000;

const SGML_TAG = /<\/?(TABLE|CAPTION|S|C|FN|PAGE)>/gi;

function prepare(source: string): Line[] {
  const raw = source.split(/\r?\n/);
  const fenced = raw.some((l) => /^\s*```/.test(l));
  let inFence = false;
  return raw.map((text, i) => {
    if (/^\s*```/.test(text)) { inFence = !inFence; return { text: '', no: i + 1, tabular: false, layout: null }; }
    let t = text.replace(/\t/g, '        ').replace(SGML_TAG, (m) => ' '.repeat(m.length));
    if (/^\s*<\/?[A-Z-]+>/.test(t) && !fenced) t = '';
    const tabular = fenced ? inFence : true;
    // No table line is thousands of characters wide; such a line is read as text, in linear time.
    const fits = t.length <= MAX_TABLE_LINE;
    return { text: t.trimEnd(), no: i + 1, tabular: tabular && fits, layout: tabular && fits && !isRule(t) ? layoutOf(t) : null };
  });
}

const isFigureLine = (l: Line) => !!l.layout && !l.layout.years;
const isBlank = (l: Line) => l.text.trim() === '' || isRule(l.text);
/** Running text: a long line of words that ends a sentence, or any line far wider than a label. */
const isProse = (l: Line) => !l.layout && l.text.trim().length > 70 && !/\S {3,}\S/.test(l.text.trim()) && !isRule(l.text);

/** A line of column headings: several chunks right of an empty label area, none a figure. */
const isHeaderLike = (l: Line) => (l.layout?.years ?? false) || (!l.layout && chunks(l.text).length >= 2 && chunks(l.text)[0].start >= 12);

/** Table extents: from a figure line down while figure lines keep coming (blank lines and labels between). */
function findTables(lines: Line[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].tabular || !isFigureLine(lines[i])) { i++; continue; }
    let last = i;
    let j = i + 1;
    let blanks = 0;
    let texts = 0;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (!l.tabular || isProse(l)) break;
      if (isFigureLine(l)) { last = j; blanks = 0; texts = 0; continue; }
      if (isBlank(l)) { if (!isRule(l.text) && ++blanks >= 3) break; continue; }
      // A new column header after a gap starts the next table.
      if (j - last > 1 && isHeaderLike(l)) break;
      blanks = 0;
      // Short label lines (a label wrapped over several lines) do not end a table; other text does.
      if (++texts > (l.text.trim().length <= 50 ? 8 : 2)) break;
    }
    out.push({ from: i, to: last });
    i = last + 1;
  }
  return out;
}

/**
 * Header lines above a table: text over the figure columns, with the label-area lines that run
 * into them. Section labels ("REVENUES") may stand between the header and the first figures; they
 * stay in the body. Returns where the header starts and where the body starts.
 */
function headerLines(lines: Line[], from: number, valueStart: number, floor: number): { head: number; body: number } {
  let k = from - 1;
  let skipped = 0;
  // Section labels and blank lines between the header and the first figure line.
  while (k >= floor && lines[k].tabular && !overValues(lines[k], valueStart) && !(lines[k].layout?.years ?? false) && skipped < 4) {
    if (isProse(lines[k])) break;
    k--;
    skipped++;
  }
  if (k < floor || !lines[k].tabular || !(overValues(lines[k], valueStart) || (lines[k].layout?.years ?? false))) return { head: from, body: from };
  let body = k + 1;
  while (body < from && isBlank(lines[body])) body++;
  let start = k;
  for (k = k - 1; k >= floor; k--) {
    const l = lines[k];
    if (!l.tabular) break;
    if (isBlank(l)) {
      if (k - 1 >= floor && overValues(lines[k - 1], valueStart)) continue;
      break;
    }
    if (overValues(l, valueStart) || (l.layout?.years ?? false)) { start = k; continue; }
    // A label-area line that runs into the header line below it ("(millions, except earnings per").
    if (chunks(lines[start].text)[0].start < valueStart && !isBlank(lines[k + 1]) && !isProse(l)) { start = k; continue; }
    break;
  }
  return { head: start, body };
}

function overValues(l: Line, valueStart: number): boolean {
  return !isProse(l) && chunks(l.text).some((c) => c.end > valueStart);
}

function cell(text: string, place: Place): RawCell {
  return { text, bold: false, place };
}

function gridOf(lines: Line[], from: number, to: number, head: number, bodyFrom: number, table: number): Grid {
  const body = lines.slice(bodyFrom, to + 1);
  const figures = body.filter(isFigureLine);
  const edges = columnEdges(figures.flatMap((l) => l.layout!.values.map((v) => v.end)));
  const width = edges.length;
  const extent = edges.map((g) => {
    const vs = figures.flatMap((l) => l.layout!.values).filter((v) => g.includes(v.end));
    return { start: Math.min(...vs.map((v) => v.start)), end: g[g.length - 1] };
  });
  const valueStart = Math.min(...extent.map((e) => e.start));
  const columnOfEnd = (end: number) => edges.findIndex((g) => g.includes(end));
  const columnOfChunk = (s: number, e: number): number => {
    const hit = extent.findIndex((x) => s < x.end && e > x.start);
    if (hit >= 0) return hit;
    const right = extent.findIndex((x) => x.start >= e);
    return right >= 0 ? right : width - 1;
  };
  const titles: Grid['titles'] = [];
  const rows: (GridHeader | GridRow)[] = [];
  const caption: string[] = [];
  let captionPlace: Place | null = null;
  const spanRows: { texts: string[]; heads: number[] }[] = [];
  for (let k = head; k < bodyFrom; k++) {
    const l = lines[k];
    if (isBlank(l)) continue;
    const place: Place = { line: l.no, table };
    const texts: string[] = Array(width).fill('');
    // Which heading of the line heads each column (its index among the line's chunks, -1 for none).
    const heads: number[] = Array(width).fill(-1);
    chunks(l.text).forEach((c, i) => {
      if (c.end <= valueStart) { caption.push(c.text); captionPlace ??= place; return; }
      // A heading over several columns heads each of them.
      const over = extent.map((x, n) => (c.start < x.end && c.end > x.start ? n : -1)).filter((n) => n >= 0);
      for (const col of over.length ? over : [columnOfChunk(c.start, c.end)]) {
        texts[col] = texts[col] ? `${texts[col]} ${c.text}` : c.text;
        heads[col] = i;
      }
    });
    if (texts.some((t) => t !== '')) {
      rows.push({ type: 'header', texts, place, spanned: true });
      spanRows.push({ texts, heads });
    }
  }
  headBetweenSpans(spanRows, width);
  if (caption.length && captionPlace) titles.push({ text: caption.join(' '), bold: false, place: captionPlace });
  body.forEach((l, n) => {
    if (isBlank(l)) return;
    const rowNo = n + 1;
    const place: Place = { line: l.no, table, row: rowNo };
    if (!l.layout || l.layout.years) {
      const c = chunks(l.text);
      if (c.length > 1 && c.some((x) => x.end > valueStart)) {
        // A header printed again inside the table ("Nine Months Ended" under the first rows).
        const texts: string[] = Array(width).fill('');
        const label = c.filter((x) => x.end <= valueStart).map((x) => x.text).join(' ');
        for (const x of c) if (x.end > valueStart) texts[columnOfChunk(x.start, x.end)] = x.text;
        if (label) rows.push({ type: 'row', label: cell(label, place), indent: c[0].start, values: Array(width).fill(null), place });
        rows.push({ type: 'header', texts, place });
        return;
      }
      rows.push({ type: 'row', label: cell(l.text.trim(), cellPlace(place, 1)), indent: /^ */.exec(l.text)?.[0].length ?? 0, values: Array(width).fill(null), place });
      return;
    }
    const values: (RawCell | null)[] = Array(width).fill(null);
    for (const v of l.layout.values) {
      const col = columnOfEnd(v.end);
      values[col < 0 ? width - 1 : col] = cell(v.text, cellPlace(place, v.start + 1));
    }
    rows.push({ type: 'row', label: cell(l.layout.label, cellPlace(place, 1)), indent: l.layout.indent, values, place });
  });
  return { titles, rows, width, place: { line: lines[head].no, table } };
}

/**
 * A dated column left between two spanning headings that cover the columns on either side of it
 * ("For the three months ended" over two columns, "For the year ended" over two, a third quarter
 * column printed between them) belongs to one of them: the one that does not already hold a column
 * of the same date (one span never reports one period twice), else the nearer one. Undated columns
 * (a "% change" beside a span) are left as printed.
 */
function headBetweenSpans(spanRows: { texts: string[]; heads: number[] }[], width: number): void {
  spanRows.forEach((row, at) => {
    const spans = new Set(row.heads.filter((h) => h >= 0));
    if (spans.size < 2) return;
    // Only spans: each of the line's headings covers two columns or more where it is printed.
    if ([...spans].some((h) => row.heads.filter((x) => x === h).length < 2)) return;
    const below = spanRows.slice(at + 1);
    const dated = (col: number) => below.map((r) => r.texts[col]).filter(Boolean).join(' ');
    for (let col = 0; col < width; col++) {
      if (row.heads[col] >= 0) continue;
      const date = dated(col);
      if (!DATED.test(date)) continue;
      let l = col - 1;
      while (l >= 0 && row.heads[l] < 0) l--;
      let r = col + 1;
      while (r < width && row.heads[r] < 0) r++;
      if (l < 0 || r >= width) continue;
      const holds = (h: number) => row.heads.some((x, c) => x === h && dated(c) === date);
      const heldLeft = holds(row.heads[l]);
      const pick = heldLeft !== holds(row.heads[r]) ? (heldLeft ? r : l) : col - l <= r - col ? l : r;
      row.heads[col] = row.heads[pick];
      row.texts[col] = row.texts[pick];
    }
  });
}

const DATED = /\b(19|20)\d{2}\b/;

/** Short lines standing alone (a company name, a statement title) are title candidates. */
function proseOf(lines: Line[]): ProseBlock[] {
  const texts = lines.map((l) => l.text.trim());
  const place = { line: lines[0].no };
  const short = texts.length <= 4 && texts.every((t) => t.length < 80 && !(/[.;]$/.test(t) && t.split(/\s+/).length >= 8));
  if (short) return lines.map((l, i) => ({ type: 'prose', text: texts[i], bold: true, heading: 0, place: { line: l.no } }));
  return [{ type: 'prose', text: texts.join('\n'), bold: false, heading: /^#{1,6}\s/.test(texts[0]) ? 1 : 0, place }];
}

/**
 * Where a second table stands beside the first in the same lines (assets on the left, liabilities
 * on the right: "In million euros 2023 2024 In million euros 2023 2024"), the character column its
 * labels start at: figures followed by words inside what reads as one line's label, at the same
 * place on several lines. Null for an ordinary table.
 */
function sideBySide(lines: Line[], from: number, to: number): number | null {
  const at = new Map<number, number>();
  for (let k = from; k <= to; k++) {
    const l = lines[k];
    if (!isFigureLine(l)) continue;
    const firstValue = l.layout!.values[0].start;
    const label = chunks(l.text).filter((c) => c.end <= firstValue);
    const fig = label.findIndex((c) => parseFigure(c.text) !== null);
    const words = fig >= 0 ? label.slice(fig).find((c) => parseFigure(c.text) === null && /[a-z]{2}/i.test(c.text)) : undefined;
    if (words) at.set(words.start, (at.get(words.start) ?? 0) + 1);
  }
  let best: number | null = null;
  let count = 0;
  for (const [x, n] of at) if (n > count) { best = x; count = n; }
  return count >= 3 ? best : null;
}

/** One side of lines cut at a character column: whole chunks only, each kept at its place. */
function sideOf(l: Line, x: number, right: boolean): Line {
  let text = '';
  for (const c of chunks(l.text)) {
    if ((c.start >= x) !== right) continue;
    text = text.padEnd(c.start) + c.text;
  }
  return { text, no: l.no, tabular: l.tabular, layout: l.tabular && !isRule(text) ? layoutOf(text) : null };
}

export function tokenizeFixed(source: string, file: string): RawDocument {
  const lines = prepare(source);
  const blocks: RawBlock[] = [];
  const tables = findTables(lines);
  let para: Line[] = [];
  const flush = () => {
    if (para.length) blocks.push(...proseOf(para));
    para = [];
  };
  let at = 0;
  let tableNo = 0;
  const tableOf = (ls: Line[], t: { from: number; to: number }, floor: number) => {
    const values = ls.slice(t.from, t.to + 1).filter(isFigureLine).flatMap((l) => l.layout!.values);
    const valueStart = Math.min(...values.map((v) => v.start));
    const { head, body } = headerLines(ls, t.from, valueStart, floor);
    return { head, grid: () => gridOf(ls, t.from, t.to, head, body, ++tableNo) };
  };
  tables.forEach((t) => {
    // A table beside the one before was read with it.
    if (t.from < at) return;
    const { head, grid } = tableOf(lines, t, at);
    for (; at < head; at++) {
      if (lines[at].text.trim() === '' || isRule(lines[at].text)) flush();
      else para.push(lines[at]);
    }
    flush();
    const x = sideBySide(lines, t.from, t.to);
    if (x === null) blocks.push(...gridBlocks(grid()));
    else {
      // Each side is a table of its own, read from the same lines cut at the second table's labels,
      // down to the end of the lines that may hold a table (the two sides' wrapped labels run
      // together would have ended it early).
      let end = t.to + 1;
      while (end < lines.length && lines[end].tabular && !isProse(lines[end])) end++;
      for (const right of [false, true]) {
        const side = lines.slice(0, end).map((l, k) => (k >= head ? sideOf(l, x, right) : l));
        const found = findTables(side).filter((f) => f.from >= head);
        if (found.length) blocks.push(...gridBlocks(tableOf(side, { from: found[0].from, to: found[found.length - 1].to }, head).grid()));
      }
      at = end;
      return;
    }
    at = t.to + 1;
  });
  for (; at < lines.length; at++) {
    if (lines[at].text.trim() === '') flush();
    else para.push(lines[at]);
  }
  flush();
  return { format: 'fixed', bytes: Buffer.byteLength(source), blocks };
}
