import { cleanCellText, parseFigure } from '../number';

// Flattened tables come as a stream of cells with no row or column markup: a web page scraped one
// cell per line, a wire copy with every cell its own paragraph, or a whole table run together on one
// line. Each is cut here into the same pieces (a figure, a currency mark, a period word, a text), in
// reading order, each with its line; the table is found in the pieces, not in the layout.

export type PieceKind = 'figure' | 'mark' | 'period' | 'text';

export interface Piece {
  text: string;
  kind: PieceKind;
  line: number;
  /** A blank line or a line break ended the paragraph before this piece. */
  paraStart: boolean;
}

const YEAR = /^(?:fiscal\s+|fy\s*)?(?:19|20)\d{2}\s*\*?$/i;
const MARK = /^(US\$|NT\$|C\$|A\$|HK\$|RMB|USD|EUR|CAD|\$|€|£|¥)$/i;
// The words a column heading of periods is made of, and nothing else ("Three Months Ended",
// "June 30,", "As of", "2024", "For the Period Ended September 30,", "(Unaudited)", "Q4 2024").
const PERIOD_WORD = new RegExp(
  '^(?:for|the|three|six|nine|twelve|thirteen|fourteen|twenty-six|thirty-nine|fifty-two|fifty-three|\\d{1,2}|' +
    'months?|weeks?|years?|quarters?|period|ended|ending|as|of|at|fiscal|full|year-to-date|ytd|' +
    '(?:19|20)\\d{2}|q[1-4]|[1-4]q\\d{2}|fy\\d{2,4}|h[12]|unaudited|audited|' +
    'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$',
  'i',
);
/** A piece is a period heading when every word is a period word and it names a span, a date or a year. */
export function isPeriodText(text: string): boolean {
  if (text.length > 80) return false;
  const words = text.toLowerCase().replace(/[(),.:]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => PERIOD_WORD.test(w))) return false;
  // A day alone ("30") is a figure; a heading names a span, a year, a month or a quarter.
  return /\b(months?|weeks?|years?|quarters?|period|ended|ending|as|unaudited|audited|(19|20)\d{2}|q[1-4]|[1-4]q\d{2}|fy\d{2,4}|h[12])\b/i.test(text) ||
    words.some((w) => /^[a-z]/.test(w) && !/^(for|the|of|at|fiscal|full)$/.test(w));
}

export function isYearText(text: string): boolean {
  return YEAR.test(text);
}

function kindOf(text: string): PieceKind {
  if (MARK.test(text)) return 'mark';
  if (isPeriodText(text)) return 'period';
  if (parseFigure(text) !== null) return 'figure';
  return 'text';
}

// A run of spaces with a no-break space in it separates the cells of a table run onto one line.
const CELL_GAP = /[ \t]*\u00a0[\u00a0 \t]*/;
// A figure run straight into the next row's label: "6,042,986Marketable securities", "(47,685,414)Total", "-Common".
const FIGURE_THEN_LABEL = /^(\(?[\d,]*\d(?:\.\d+)?\)?%?|[-\u2013\u2014])(?=\(?[A-Z][A-Za-z])/;

/** Cuts one cell text that may carry the next row's label and a trailing currency mark. */
function cellPieces(text: string, line: number, out: Piece[], paraStart: boolean): void {
  let rest = cleanCellText(text);
  let first = paraStart;
  const push = (t: string) => {
    if (t === '') return;
    out.push({ text: t, kind: kindOf(t), line, paraStart: first });
    first = false;
  };
  while (rest !== '') {
    const m = FIGURE_THEN_LABEL.exec(rest);
    if (m && parseFigure(m[1]) !== null) {
      push(m[1]);
      rest = rest.slice(m[1].length).trim();
      continue;
    }
    // "Cash and cash equivalents $": the mark belongs to the figure that follows.
    const mark = /^(.*[^\s$])\s+(\$|€|£)$/.exec(rest);
    if (mark) { push(mark[1]); push(mark[2]); return; }
    push(rest);
    return;
  }
}

/** True for a line that holds a whole table run together: many no-break gaps and figures glued to labels. */
export function isRunTogether(line: string): boolean {
  if (line.length < 300) return false;
  let gaps = 0;
  for (let at = line.indexOf('\u00a0'); at >= 0 && gaps < 20; at = line.indexOf('\u00a0', at + 1)) {
    // Count gaps, not characters: skip to the gap's end.
    gaps++;
    while (at + 1 < line.length && (line[at + 1] === '\u00a0' || line[at + 1] === ' ')) at++;
  }
  return gaps >= 20;
}

/** Every non-blank line as pieces: a short line is one piece; a run-together table line is cut at its gaps. */
export function piecesOf(source: string): Piece[] {
  const lines = source.split(/\r?\n/);
  const out: Piece[] = [];
  let blank = true;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '' || /^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(text)) { blank = true; continue; }
    if (isRunTogether(text)) {
      // Each cell of a run-together table begins a paragraph of its own: the cells are not prose lines.
      for (const cell of text.split(CELL_GAP)) cellPieces(cell, i + 1, out, true);
    } else {
      cellPieces(text, i + 1, out, blank);
    }
    blank = false;
  }
  return out;
}
