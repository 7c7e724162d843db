import { cleanCellText } from '../number';

// One markdown pipe-table line into its cells, and a cell's markdown into plain text.

export interface PipeCell {
  /** Plain text: emphasis marks, inline tags and escapes removed. */
  text: string;
  /** The cell as written, for splitting bold segments of a run-together title. */
  raw: string;
  bold: boolean;
  /** Leading spaces (or no-break spaces) before the text: an indented label. */
  lead: number;
}

// The regular expressions of per-line and per-cell code are module constants: a literal in a function
// body is a new RegExp object each time it runs. The global ones serve only replace, which starts at
// the beginning and leaves lastIndex at 0, so sharing one object changes nothing.
const PIPE_LINE = /^\s{0,3}\|.*\|/;
const SEPARATOR_LINE = /^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?$/;

/** True for a table line: starts with a pipe (after indentation) and has a second one. */
export function isPipeLine(line: string): boolean {
  return PIPE_LINE.test(line);
}

/** The header/body separator line: `| --- | :---: |` or `|-----|-----|`. */
export function isSeparatorLine(line: string): boolean {
  return SEPARATOR_LINE.test(line);
}

/** Splits on unescaped pipes; the outer pipes open and close the row. */
export function splitPipes(line: string): string[] {
  // Most lines escape nothing: cut at each pipe instead of copying character by character, into an
  // array sized by counting the pipes first. What stands before the first pipe is indentation;
  // after the last, trailing space (dropped) or a cut-off cell (kept).
  if (!line.includes('\\')) {
    const first = line.indexOf('|');
    if (first < 0) return [];
    let last = first;
    let pipes = 1;
    for (let at = line.indexOf('|', first + 1); at >= 0; at = line.indexOf('|', at + 1)) { last = at; pipes++; }
    const tail = line.slice(last + 1);
    const kept = tail.trim() === '' ? pipes - 1 : pipes;
    const out: string[] = Array(kept);
    let start = first + 1;
    for (let k = 0; k < pipes - 1; k++) {
      const at = line.indexOf('|', start);
      out[k] = line.slice(start, at);
      start = at + 1;
    }
    if (kept === pipes) out[pipes - 1] = tail;
    return out;
  }
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) { cur += ch + line[i + 1]; i++; continue; }
    if (ch === '|') { cells.push(cur); cur = ''; continue; }
    cur += ch;
  }
  cells.push(cur);
  return outerTrimmed(cells);
}

/** The text before the first pipe is indentation; after the last, trailing space (or a cut-off cell). */
function outerTrimmed(cells: string[]): string[] {
  cells.shift();
  if (cells.length > 0 && cells[cells.length - 1].trim() === '') cells.pop();
  return cells;
}

const BREAK = /<br\s*\/?>/gi;
const ENTITY = /&(nbsp|amp|lt|gt|quot|apos|#39);/g;
const STRONG_MARK = /(?<!\\)(\*\*|__)/g;
const EMPHASIS_MARK = /(?<![\\\w])\*(?=\S)|(?<=\S)(?<!\\)\*(?!\w)/g;
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!$|<>~])/g;
const SPACES = /\s+/g;
const BOLD_CELL = /\*\*\S|__\S|<(b|strong)\b/i;
const TAG = /<\/?(b|u|i|strong|em|sup|sub|span|font|small|br)\b[^>]*>/gi;
const MARKUP_CHAR = /[<&*_\\]/;
/** Whitespace that `\s+` → ' ' would change: a run of two, or any but a plain space. */
export const ODD_SPACE = /\s\s|[^\S ]/;
const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

/**
 * Glyph names a PDF converter wrote where it could not map a glyph to a character: "/uni0024"
 * names its character (a "$" before a figure) and is read as it; "GLYPH<c=3,font=/AAAAAB+Arial>"
 * names only a place in a font, and is dropped, so the figure after it reads as a figure.
 */
const GLYPH = /glyph</i;
const GLYPH_NAME = /\/uni([0-9A-Fa-f]{4})|\bglyph<[^>]*>/gi;

function converterGlyphs(raw: string): string {
  if (!raw.includes('/uni') && !GLYPH.test(raw)) return raw;
  return raw.replace(GLYPH_NAME, (_, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : ''));
}

/** Markdown's inline marks as plain text: `**bold**`, `*italic*`, `\$`, `<br>`, entities, converter glyph names. */
export function markdownText(source: string): string {
  let text = converterGlyphs(source);
  // Tags, entities, emphasis and escapes all start with one of these; most cells hold none, and
  // most of the others one kind: each pass runs only where its first character is in the text.
  if (MARKUP_CHAR.test(text)) {
    if (text.includes('<')) text = text.replace(BREAK, ' ').replace(TAG, '');
    if (text.includes('&')) text = text.replace(ENTITY, (e) => ENTITIES[e] ?? e);
    if (text.includes('*') || text.includes('_')) text = text.replace(STRONG_MARK, '');
    if (text.includes('*')) text = text.replace(EMPHASIS_MARK, '');
    if (text.includes('\\')) text = text.replace(ESCAPED, '$1');
  }
  return ODD_SPACE.test(text) ? text.replace(SPACES, ' ') : text;
}

export function pipeCell(raw: string): PipeCell {
  const bold = BOLD_CELL.test(raw);
  // Spaces after the one that follows the pipe.
  let at = raw.startsWith(' ') ? 1 : 0;
  while (raw[at] === ' ' || raw[at] === '\u00a0') at++;
  const lead = at - (raw.startsWith(' ') ? 1 : 0);
  return { text: cleanCellText(markdownText(raw)), raw, bold, lead };
}

/** The bold runs of a cell written as several bold pieces ("**Company****Title****(In millions)**"). */
export function boldSegments(raw: string): string[] {
  const parts = [...raw.matchAll(/\*\*(.+?)\*\*/g)].map((m) => cleanCellText(markdownText(m[1])));
  const outside = cleanCellText(markdownText(raw.replace(/\*\*(.+?)\*\*/g, ' ').replace(/[*()]/g, ' ')));
  return parts.length >= 2 && outside === '' ? parts.filter((p) => p !== '') : [cleanCellText(markdownText(raw))];
}
