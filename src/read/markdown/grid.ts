import { cellPlace } from '../../model/refs';
import type { Place } from '../../model/types';
import { classifyTitle } from '../classify';
import { parseDate, parsePeriod } from '../period';
import type { ProseBlock, RawBlock, RawCell, RawRow, TableBlock } from '../raw';
import { isUnitsCaption } from '../units';
import { joinWrappedLabels } from './labels';
import { ODD_SPACE } from './pipes';

// What the plain-text table readers (markdown pipes, fixed-width columns) agree on once they have
// found the columns: title lines above the table, header lines with one text per logical column,
// and body rows whose values already sit in their columns. Turning that into prose and a clean raw
// table (cell 0 = label, cells 1.. = values) is the same work for both formats.

export interface GridHeader {
  type: 'header';
  /** One text per logical column ('' where the line is blank above that column). */
  texts: string[];
  place: Place;
  /** True when the reader already put a heading over every column it spans (fixed-width text knows). */
  spanned?: boolean;
  /** Text over the label column ("(thousands of U.S. dollars)"), when the line has one. */
  label?: string;
}

export interface GridRow {
  type: 'row';
  label: RawCell;
  indent: number;
  /** One entry per logical column; null where the row has nothing in that column. */
  values: (RawCell | null)[];
  place: Place;
}

export interface Grid {
  /** Lines above the column headers that name the table (title, units, period caption). */
  titles: { text: string; bold: boolean; place: Place }[];
  rows: (GridHeader | GridRow)[];
  width: number;
  place: Place;
}

const SPACES = /\s+/g;
const YEAR_ONLY = /^(?:fiscal\s+|fy\s*)?((?:19|20)\d{2})\s*\*?$/i;
const CURRENCY_ONLY = /^(RMB|USD|US\$|\$|NT\$|C\$|EUR|€|CAD|TWD|HKD|HK\$|GBP|£|¥)$/i;
const DATE_RE = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\b/gi;

/**
 * The full header text of every column of one run of header lines. A phrase printed once over
 * several columns ("Three Months Ended") reaches the blank columns to its right; a year or a
 * currency never spans.
 */
export function columnTexts(lines: string[][], width: number, spanned = false): string[] {
  // Each column's pieces joined by a space as they come (no array of pieces per column): the
  // pieces are trimmed and never empty, so only runs of odd whitespace inside need collapsing.
  const out: string[] = Array(width).fill('');
  for (const line of lines) {
    let span = '';
    for (let c = 0; c < width; c++) {
      const text = (line[c] ?? '').trim();
      if (text !== '') {
        out[c] = out[c] === '' ? text : `${out[c]} ${text}`;
        span = spanned || YEAR_ONLY.test(text) || CURRENCY_ONLY.test(text) ? '' : text;
      } else if (span !== '') out[c] = out[c] === '' ? span : `${out[c]} ${span}`;
    }
  }
  for (let c = 0; c < width; c++) if (ODD_SPACE.test(out[c])) out[c] = out[c].replace(SPACES, ' ').trim();
  return out;
}

/**
 * Moves spanning phrases to the columns where their groups start, when a converter lost the spans:
 * "For the three months ended | For the year ended" printed over the first two of five columns
 * whose dates below run "Dec. 31 2024, Sep. 30 2024, Dec. 31 2023, Dec. 31 2024, Dec. 31 2023".
 * The group of each phrase starts where the first column's heading recurs below; only when the
 * recurrences and the phrases are as many is the line moved.
 */
function respan(run: GridHeader[], width: number): string[][] {
  // The lines are only read: a moved line replaces its line, none is changed in place.
  const lines = run.map((h) => h.texts);
  run.forEach((h, i) => {
    if (h.spanned) return;
    const phrases: number[] = [];
    for (let c = 0; c < h.texts.length; c++) if (h.texts[c] !== '') phrases.push(c);
    if (phrases.length < 2 || phrases.some((c) => YEAR_ONLY.test(h.texts[c]) || CURRENCY_ONLY.test(h.texts[c]))) return;
    const below = run.slice(i + 1).find((l) => l.texts.length === width && l.texts.every((t) => t !== ''));
    if (!below) return;
    const key = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
    const starts = below.texts.map((t, c) => (c === 0 || key(t) === key(below.texts[0]) ? c : -1)).filter((c) => c >= 0);
    if (starts.length !== phrases.length || starts.every((c, k) => c === phrases[k])) return;
    const moved: string[] = Array(width).fill('');
    phrases.forEach((c, k) => { moved[starts[k]] = h.texts[c]; });
    lines[i] = moved;
  });
  return lines;
}

/**
 * A header that names two dates ("July 3, 2004 and June 28, 2003") over a column that also prints
 * its year ("2003") means the date of that year: keep that one, drop the others.
 */
export function pickDateByYear(text: string): string {
  // Fewer than two dates (nearly every header) leave the text as it is: found without collecting them.
  DATE_RE.lastIndex = 0;
  const two = DATE_RE.test(text) && DATE_RE.test(text);
  DATE_RE.lastIndex = 0;
  if (!two) return text;
  const dates = [...text.matchAll(DATE_RE)].map((m) => m[0]);
  if (dates.length < 2) return text;
  const rest = text.replace(DATE_RE, ' ');
  const years = [...rest.matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => m[1]);
  const year = years[years.length - 1];
  if (!year) return text;
  const keep = dates.find((d) => d.endsWith(year));
  if (!keep) return text;
  let kept = false;
  return text.replace(DATE_RE, (d) => {
    if (d === keep && !kept) { kept = true; return d; }
    return '';
  }).replace(/\band\b\s*(?=\s|$)/gi, ' ').replace(/\s+/g, ' ').trim();
}

/** A caption line that states the span of every column ("For the 13 weeks ended December 29, 2024 and ..."). */
function periodCaption(text: string): string | null {
  const p = parsePeriod(text, false);
  if (!p || (p.months === null && p.weeks === null) || parseDate(text) === null) return null;
  return text.length < 200 ? text : null;
}

// The cells of a row are set into an array of their number (pushed one by one, a short array
// would grow to a far longer one).

function headerRow(texts: string[], place: Place, label = ''): RawRow {
  const cells: RawCell[] = Array(texts.length + 1);
  cells[0] = { text: label, bold: false, place };
  for (let i = 0; i < texts.length; i++) cells[i + 1] = { text: texts[i], bold: false, place: cellPlace(place, i + 2) };
  return { cells, place, indent: 0 };
}

function bodyRow(row: GridRow, width: number): RawRow {
  const cells: RawCell[] = Array(width + 1);
  cells[0] = row.label;
  for (let c = 0; c < width; c++) cells[c + 1] = row.values[c] ?? { text: '', bold: false, place: row.place };
  return { cells, place: row.place, indent: row.indent };
}

/** Title lines as prose paragraphs, then the table: header runs resolved to one line per run. */
export function gridBlocks(grid: Grid): RawBlock[] {
  const blocks: RawBlock[] = [];
  let caption: string | null = null;
  for (const t of grid.titles) {
    if (t.text.trim() === '') continue;
    const cap = periodCaption(t.text);
    if (cap && !isUnitsCaption(t.text)) caption = cap;
    const prose: ProseBlock = { type: 'prose', text: t.text, bold: t.bold, heading: 0, place: t.place };
    blocks.push(prose);
  }
  let rows: RawRow[] = [];
  const body = joinWrappedLabels(grid.rows);
  for (let i = 0; i < body.length; i++) {
    const r = body[i];
    if (r.type === 'row') { rows.push(bodyRow(r, grid.width)); continue; }
    // The run of header lines from here, sliced (its length known) rather than grown line by line.
    let end = i;
    while (end < body.length && body[end].type === 'header') end++;
    let run = body.slice(i, end) as GridHeader[];
    i = end - 1;
    // Title lines laid over the columns ("CONSOLIDATED BALANCE SHEETS", "(In millions)") are not
    // headings: they are prose, and after figures they start the next statement's table.
    // Only a run that names a statement, with no period heading among the lines moved, is cut.
    let lastTitle = -1;
    let named = false;
    for (let k = 0; k < run.length; k++) {
      const distinct = headerTexts(run[k]);
      const title = titleOf(distinct);
      // A statement's title in plain text is set in capitals ("CONSOLIDATED BALANCE SHEETS").
      if (title !== null) { lastTitle = k; named ||= classifyTitle(title) !== 'other' && title === title.toUpperCase(); continue; }
      if (parsePeriod(distinct.join(' '), false) !== null) break;
    }
    if (lastTitle >= 0 && named) {
      if (rows.length) { pushTable(blocks, rows, grid.place); rows = []; }
      for (const h of run.slice(0, lastTitle + 1)) {
        const text = headerTexts(h).join(' ');
        if (text) blocks.push({ type: 'prose', text, bold: false, heading: 0, place: h.place });
      }
      run = run.slice(lastTitle + 1);
      if (run.length === 0) continue;
    }
    let texts = columnTexts(respan(run, grid.width), grid.width, run.every((h) => h.spanned));
    // A caption above states the span when the columns print only years.
    if (caption && rows.length === 0 && texts.every((t) => t === '' || parsePeriod(t, false)?.months == null)) {
      const cap = caption;
      texts = texts.map((t) => (/\b(19|20)\d{2}\b/.test(t) ? `${cap} ${t}` : t));
    }
    // The texts are this run's own (fresh from columnTexts): each date pick goes in place.
    for (let c = 0; c < texts.length; c++) texts[c] = pickDateByYear(texts[c]);
    // Over the label column only a units or period caption says anything about the figures.
    let label = '';
    for (const h of run) {
      const t = h.label;
      if (t !== undefined && t !== '' && (isUnitsCaption(t) || parsePeriod(t, false) !== null)) label = label === '' ? t : `${label} ${t}`;
    }
    if (texts.some((t) => t !== '')) rows.push(headerRow(texts, run[0].place, label));
  }
  if (rows.length) pushTable(blocks, rows, grid.place);
  return blocks;
}

/** Adds a table to the blocks when any row has a text beside its label (a table of labels alone is dropped). */
function pushTable(blocks: RawBlock[], rows: RawRow[], place: Place): void {
  const table: TableBlock = { type: 'table', rows, place };
  if (rows.some((r) => r.cells.some((c, i) => i > 0 && c.text !== ''))) blocks.push(table);
}

/** The distinct texts of a header line, left to right (a title centred over two columns lands in both). */
function headerTexts(h: GridHeader): string[] {
  const texts: string[] = [];
  for (const t of h.texts) if (t !== '' && !texts.includes(t)) texts.push(t);
  return texts;
}

/** A header line that is a statement title or a units caption, not a column heading, from its distinct texts. */
function titleOf(texts: string[]): string | null {
  if (texts.length !== 1) return null;
  const text = texts[0];
  if (isUnitsCaption(text)) return text;
  return classifyTitle(text) !== 'other' && parsePeriod(text, false) === null ? text : null;
}
