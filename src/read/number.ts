import { Decimal } from '../model/decimal';
import { remembered } from './recent';

export interface ParsedNumber {
  value: Decimal;
  decimals: number;
  percent: boolean;
}

// Dashes that releases print for zero ("-", en dash, em dash, "- -" in old filings).
const ZERO_DASH = /^[-\u2010-\u2015\u2212](\s*[-\u2010-\u2015\u2212])*$/;
// A minus sign: one dash, or two dashes set right against the digits ("--25", "- -25", "–-25"),
// which typewriter and converted copies print for a typeset minus. Two dashes are one sign, never
// minus minus; a dash run with nothing after it is the zero dash above.
const MINUS_SIGN = /^(?:[-\u2010-\u2015\u2212] ?[-\u2010-\u2015\u2212](?=[\d.])|[-\u2212\u2013](?!\s*[-\u2010-\u2015\u2212])\s*)/;
// Currency marks that sit beside a figure; the column knows the currency.
const CURRENCY_MARK = /^(US\$|NT\$|C\$|A\$|HK\$|S\$|R\$|RMB|USD|EUR|CAD|TWD|HKD|\$|€|£|¥)\s*/i;
// Every figure has a digit or a dash; cleaning and footnote stripping only take characters away.
const FIGURE_CHAR = /[\d\u2010-\u2015\u2212-]/;
const PLAIN_FIGURE = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const FOOTNOTE_TAIL = /(\s*\(\s*[a-z\d]\s*\)|\s*\*+|\s*\[\d+\])$/i;

const INVISIBLE = /[\u200b\u200c\u200d\ufeff\u00a0\u2007\u202f]/;

/** Characters that never carry meaning inside a figure cell (zero-width and no-break spaces). */
export function cleanCellText(text: string): string {
  if (!INVISIBLE.test(text)) return text.trim();
  return text.replace(/[\u200b\u200c\u200d\ufeff]/g, '').replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
}

/**
 * Reads a figure as printed: "1,137,690", "(30,112)", "-", "26.6%", "$ 8,851", "(0.64)", "12.18".
 * Returns null when the text is not a figure (a label, "n/a", "nm", a year header is still a number:
 * callers decide by position whether it is a header).
 */
export function parseFigure(raw: string): ParsedNumber | null {
  // Most cells asked are labels and words: turn them away before any cleaning.
  if (!FIGURE_CHAR.test(raw)) return null;
  return recentFigure(raw);
}

/** True when parseFigure reads a figure in the text; bare digits are known without reading their value or looking them up. */
export function isFigure(raw: string): boolean {
  return FIGURE_CHAR.test(raw) && (PLAIN_FIGURE.test(raw) || recentFigure(raw) !== null);
}

// A cell is asked several times on its way from reader to statement (is it a figure, a header,
// its value): the figures of the cells asked last are kept, and shared (a Decimal never changes).
const recentFigure = remembered(readFigure);

function readFigure(raw: string): ParsedNumber | null {
  // Bare digits, the commonest figure, need none of the cleaning below.
  if (PLAIN_FIGURE.test(raw)) return figureOf(raw, false, false);
  let text = stripFootnotes(cleanCellText(raw));
  if (text === '') return null;
  if (ZERO_DASH.test(text)) return { value: new Decimal(0), decimals: 0, percent: false };
  let negative = false;
  // Parentheses may enclose the currency mark too: "$(1,234)" or "($1,234)".
  text = text.replace(CURRENCY_MARK, '');
  // "$ —": a currency mark beside the zero dash.
  if (ZERO_DASH.test(text)) return { value: new Decimal(0), decimals: 0, percent: false };
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  } else if (text.startsWith('(') && /\)\s*%$/.test(text)) {
    negative = true;
    text = text.slice(1).replace(/\)\s*%$/, '%').trim();
  }
  text = text.replace(CURRENCY_MARK, '');
  const sign = MINUS_SIGN.exec(text);
  if (sign && text.length > sign[0].length) {
    negative = !negative;
    text = text.slice(sign[0].length);
  } else if (/^\+\d[\d,.]*\s*%$/.test(text)) {
    // A change printed with its sign either way ("+4.1%" beside "-0.5%"); a bare "+5" stays words.
    text = text.slice(1);
  }
  text = text.replace(CURRENCY_MARK, '');
  let percent = false;
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1).trim();
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$/.test(text)) return null;
  return figureOf(text, negative, percent);
}

const COMMAS = /,/g;

/** The value of bare digits ("1,234.5"), with the sign and percent read around them. */
function figureOf(text: string, negative: boolean, percent: boolean): ParsedNumber {
  const digits = text.includes(',') ? text.replace(COMMAS, '') : text;
  const dot = digits.indexOf('.');
  const decimals = dot < 0 ? 0 : digits.length - dot - 1;
  let value = new Decimal(digits);
  // "(0)" is a small negative rounded to nothing: zero, without a sign that would print as "-0".
  if (negative && !value.isZero()) value = value.negated();
  return { value, decimals, percent };
}

/**
 * Drops footnote marks after a figure ("1,234(a)", "(1,234) (2)", "45*"), one at a time, and only
 * while a figure remains: "(5)" alone is minus five, not a footnote.
 */
function stripFootnotes(text: string): string {
  for (;;) {
    const m = FOOTNOTE_TAIL.exec(text);
    const rest = m ? text.slice(0, m.index).trimEnd() : '';
    // A run of marks alone ("(3) (4)") is a cell of note references, not minus three.
    if (!m || !/[\d)%]$/.test(rest) || /^\(\s*[a-z\d]\s*\)$/i.test(rest)) return text;
    text = rest;
  }
}

/** True for text that reads as a lone zero dash. */
export function isDash(raw: string): boolean {
  return ZERO_DASH.test(cleanCellText(raw));
}
