import type { Place } from '../../model/types';
import { markdownText } from '../markdown/pipes';
import type { ProseBlock, RawBlock, RawCell, RawDocument, RawRow, TableBlock } from '../raw';
import { isUnitsCaption } from '../units';
import { columnTexts, layoutHeader, type HeaderRow } from './header';
import { piecesOf, type Piece } from './pieces';

// A flattened table is found by its evidence, not by its markup: a run of period words (the column
// heading) followed by labels each followed by the same number of figures. That number, the most
// common length of a run of figures, is the table's number of columns; the heading's words are then
// laid out over those columns (header.ts), and the labels and figures become the same raw rows every
// other reader hands to the statement builder.

/** A label or a run of figures (each with the currency mark printed before it). */
type Item = { type: 'text'; text: string; piece: Piece } | { type: 'run'; figs: { text: string; piece: Piece }[] };

interface Found {
  header: Piece[];
  /** A units caption printed under the heading. */
  units: string;
  items: Item[];
  end: number;
}

const UNAUDITED = /^\(?\s*(un)?audited\s*\)?$/i;
// More labels than this in a row without a figure is prose, not a table's section captions.
const MAX_LABELS = 4;
// A table's label is a line, not a paragraph.
const MAX_LABEL = 250;

/** The end of the run of period words at `at`, and whether they name a year or a date (a heading must). */
function periodRun(pieces: Piece[], at: number): { end: number; dated: boolean } {
  let end = at;
  let dated = false;
  while (end < pieces.length && pieces[end].kind === 'period') {
    if (/\d/.test(pieces[end].text)) dated = true;
    end++;
  }
  return { end, dated };
}

/** The table whose heading starts at `at`, or null with how far the heading ran (read as prose). */
function tableAt(pieces: Piece[], at: number): Found | { end: number } {
  const head = periodRun(pieces, at);
  if (!head.dated) return { end: head.end };
  const items: Item[] = [];
  let p = head.end;
  let labels = 0;
  let end = head.end;
  let mark = '';
  let units = '';
  while (p < pieces.length) {
    const piece = pieces[p];
    if (piece.kind === 'figure' || piece.kind === 'mark') {
      const figs: { text: string; piece: Piece }[] = [];
      while (p < pieces.length && (pieces[p].kind === 'figure' || pieces[p].kind === 'mark')) {
        if (pieces[p].kind === 'mark') mark = pieces[p].text;
        else { figs.push({ text: mark ? `${mark}${pieces[p].text}` : pieces[p].text, piece: pieces[p] }); mark = ''; }
        p++;
      }
      if (figs.length) { items.push({ type: 'run', figs }); end = p; }
      labels = 0;
      continue;
    }
    if (piece.kind === 'period' && periodRun(pieces, p).dated) break;
    // A units caption under the heading belongs to it ("Three Months Ended June 30, / ($ in millions)").
    if (isUnitsCaption(piece.text) && items.length === 0 && !units) { units = piece.text; p++; continue; }
    if (isUnitsCaption(piece.text) || piece.text.length > MAX_LABEL || ++labels > MAX_LABELS + 1) break;
    items.push({ type: 'text', text: piece.text, piece });
    p++;
  }
  // Labels after the last figures are the next table's title or prose.
  while (items.length && items[items.length - 1].type === 'text') items.pop();
  if (items.filter((i) => i.type === 'run').length < 2) return { end: head.end };
  return { header: pieces.slice(at, head.end), units, items, end };
}

/** The most common number of figures after a label: the table's number of columns. */
function columnCount(items: Item[]): number {
  const counts = new Map<number, number>();
  for (const it of items) if (it.type === 'run') counts.set(it.figs.length, (counts.get(it.figs.length) ?? 0) + 1);
  let best = 0;
  let n = 0;
  for (const [len, count] of counts) if (count > n || (count === n && len > best)) { best = len; n = count; }
  return best;
}

const startsLower = (text: string) => /^[a-z]/.test(text);

/**
 * Puts back together a label the copy split around the figures it quotes: "Accounts receivable, net
 * of allowance for doubtful accounts of / $830 / and $650 / 56,924 / 48,688" is one label and two
 * figures. A short run of figures between a label and a line that goes on in lower case is part of
 * the label; so is a line that starts in lower case after a label.
 */
function joinSplitLabels(items: Item[], columns: number): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const prev = out[out.length - 1];
    const next = items[i + 1];
    if (it.type === 'run' && it.figs.length < columns && prev?.type === 'text' && next?.type === 'text' && startsLower(next.text)) {
      prev.text = [prev.text, ...it.figs.map((f) => f.text), next.text].join(' ');
      i++;
      continue;
    }
    if (it.type === 'text' && prev?.type === 'text' && startsLower(it.text)) {
      prev.text = `${prev.text} ${it.text}`;
      continue;
    }
    out.push(it.type === 'text' ? { ...it } : it);
  }
  return out;
}

function cell(text: string, place: Place): RawCell {
  return { text, bold: false, place };
}

function headerRows(words: string[], columns: number, place: Place, table: number): RawRow[] {
  const layout: HeaderRow[] = layoutHeader(words, columns) ?? [[words.join(' ')]];
  return layout.map((row, r) => {
    const span = columns / row.length;
    const rowPlace = { line: place.line, table, row: r + 1 };
    const cells = [cell('', { ...rowPlace, cell: 1 })];
    for (let c = 0; c < columns; c++) cells.push(cell(c % span === 0 ? row[c / span] : '', { ...rowPlace, cell: c + 2 }));
    return { cells, place: rowPlace, indent: 0 };
  });
}

function rawTable(found: Found, table: number): TableBlock {
  const columns = columnCount(found.items);
  const words = found.header.filter((p) => !UNAUDITED.test(p.text)).map((p) => p.text);
  const place = { line: found.header[0].line, table };
  const rows = headerRows(words, columns, place, table);
  if (found.units) rows[0].cells[0].text = found.units;
  let items = joinSplitLabels(found.items, columns);
  // Where the periods do not tell the columns apart, the labels before the first row name them:
  // "Revenue / Operating Income / Net Income / Diluted EPS / 2024 As Reported / $64,727 / ...".
  const firstRun = items.findIndex((it) => it.type === 'run');
  const periods = columnTexts(layoutHeader(words, columns) ?? [[words.join(' ')]], columns);
  if (columns > 1 && firstRun === columns + 1 && new Set(periods).size < columns) {
    const names = items.slice(0, columns) as (Item & { type: 'text' })[];
    const rowPlace = { line: names[0].piece.line, table, row: rows.length + 1 };
    rows.push({ cells: [cell('', { ...rowPlace, cell: 1 }), ...names.map((n, c) => cell(n.text, { line: n.piece.line, table, row: rowPlace.row, cell: c + 2 }))], place: rowPlace, indent: 0 });
    items = items.slice(columns);
  }
  const addRow = (label: Item & { type: 'text' } | null, figs: { text: string; piece: Piece }[], line: number) => {
    const rowPlace = { line, table, row: rows.length + 1 };
    const cells = [cell(label ? label.text : '', { ...rowPlace, cell: 1 })];
    for (let c = 0; c < columns; c++) {
      const f = figs[c];
      cells.push(cell(f ? f.text : '', { line: f ? f.piece.line : line, table, row: rowPlace.row, cell: c + 2 }));
    }
    rows.push({ cells, place: rowPlace, indent: 0 });
  };
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const next = items[i + 1];
    let label: (Item & { type: 'text' }) | null = null;
    let figs: { text: string; piece: Piece }[] = [];
    if (it.type === 'text') {
      label = it;
      if (next?.type === 'run') {
        figs = next.figs;
        i++;
        // A row one figure short whose label ends in a figure lost only the gap before it.
        const tail = / ((?:\$\s?)?\(?[\d,]*\d(?:\.\d+)?\)?)$/.exec(label.text);
        if (tail && figs.length === columns - 1) {
          figs = [{ text: tail[1], piece: label.piece }, ...figs];
          label = { ...label, text: label.text.slice(0, tail.index) };
        }
      }
    } else figs = it.figs;
    // A run longer than a row is this row's figures and then rows whose labels the copy left out.
    let at = 0;
    do {
      addRow(at === 0 ? label : null, figs.slice(at, at + columns), (at === 0 && label ? label.piece : figs[at]?.piece ?? label?.piece)?.line ?? place.line);
      at += columns;
    } while (at < figs.length);
  }
  return { type: 'table', rows, place };
}

const isTable = (f: Found | { end: number }): f is Found => 'items' in f;

/** A heading line in plain text: short and in capitals ("BALANCE SHEETS"). */
function isCapitalsLine(text: string): boolean {
  return text.length <= 120 && /[A-Z]{3}/.test(text) && text === text.toUpperCase();
}

function proseBlock(piece: Piece): ProseBlock {
  const text = markdownText(piece.text.replace(/^#{1,6}\s+/, '')).trim();
  const heading = /^(#{1,6})\s/.exec(piece.text)?.[1].length ?? 0;
  const bold = /^\*\*[^*]/.test(piece.text) || isCapitalsLine(text);
  return { type: 'prose', text, bold, heading, place: { line: piece.line } };
}

export function tokenizeFlat(source: string, _file: string): RawDocument {
  const pieces = piecesOf(source);
  const blocks: RawBlock[] = [];
  let tableNo = 0;
  // The paragraph running text may still join.
  let open: ProseBlock | null = null;
  for (let i = 0; i < pieces.length;) {
    const found = pieces[i].kind === 'period' ? tableAt(pieces, i) : null;
    if (found && isTable(found)) {
      tableNo += 1;
      blocks.push(rawTable(found, tableNo));
      i = found.end;
      continue;
    }
    // A heading that heads no table is read as prose, all of it at once.
    const end = found ? found.end : i + 1;
    for (; i < end; i++) {
      // Lines of running text with no blank line between are one paragraph (a dateline and its
      // sentence); a heading in capitals or a units caption stands alone, as a table's title does.
      const block = proseBlock(pieces[i]);
      const prev = blocks[blocks.length - 1];
      // Asked of each line once, never of a paragraph as it grows (that would be quadratic).
      const alone = block.bold || block.heading > 0 || isUnitsCaption(block.text);
      if (prev === open && prev?.type === 'prose' && !pieces[i].paraStart && !alone) prev.text += `\n${block.text}`;
      else { blocks.push(block); open = alone ? null : block; }
    }
  }
  return { format: 'flat', bytes: Buffer.byteLength(source), blocks };
}
