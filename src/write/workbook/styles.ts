import type { Figure, ValueKind } from '../../model/types';
import type { PageSetup } from '../xlsx/sheet';
import type { Font, Style } from '../xlsx/styles';

// Analyst conventions in one place: what a colour means and how each kind of figure is printed.

/** Blue: a figure typed from the source. Black: a formula. Green: a link to another sheet. */
export const COLOURS = { typed: 'FF0000FF', formula: 'FF000000', link: 'FF008000' } as const;
export type Origin = keyof typeof COLOURS;

export const FONT_NAME = 'Calibri';
export const FONT_SIZE = 10;

export function font(origin: Origin, bold = false): Font {
  return { name: FONT_NAME, size: FONT_SIZE, bold, color: { argb: COLOURS[origin] } };
}

export const TEXT_FONT: Font = { name: FONT_NAME, size: FONT_SIZE };
export const BOLD_FONT: Font = { name: FONT_NAME, size: FONT_SIZE, bold: true };
export const TITLE_FONT: Font = { name: FONT_NAME, size: 12, bold: true };

export const ITALIC_FONT: Font = { ...TEXT_FONT, italic: true };
export const GREY_FONT: Font = { ...TEXT_FONT, color: { argb: 'FF808080' } };

export const TOP_BORDER: Style['border'] = { top: { style: 'thin' } };
export const BOTTOM_BORDER: Style['border'] = { bottom: { style: 'thin' } };

const LOOKS = new Map<string, Style>();

/**
 * One style object per distinct look, shared by every cell that has it. The style sheet renders
 * a style it has not seen (by object identity) to XML, with its font, border and format, to find
 * its index in the styles part; a shared object costs that once per workbook instead of once per
 * cell. A shared style is never changed afterwards: a cell gets its whole style at once.
 */
export function look(style: Style): Style {
  const key = JSON.stringify(style);
  let shared = LOOKS.get(key);
  if (!shared) LOOKS.set(key, (shared = style));
  return shared;
}

const ORIGINS: readonly Origin[] = ['typed', 'formula', 'link'];
/** Number format → the styles of its cells, by origin, boldness and rule (see `figureStyle`). */
const FIGURE_STYLES = new Map<string, Style[]>();

/**
 * The shared style of a number cell: its format, the font of its origin, and for a total a rule
 * above. Found without serialising anything, as number cells are most of a workbook.
 */
export function figureStyle(numFmt: string, origin: Origin, bold = false, rule = false): Style {
  let styles = FIGURE_STYLES.get(numFmt);
  if (!styles) FIGURE_STYLES.set(numFmt, (styles = []));
  const i = ORIGINS.indexOf(origin) * 4 + (bold ? 2 : 0) + (rule ? 1 : 0);
  return (styles[i] ??= look({ numFmt, font: font(origin, bold), ...(rule ? { border: TOP_BORDER } : {}) }));
}


const fraction = (decimals: number) => (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');

/**
 * Number format for a figure kind at a printed precision. Negatives in parentheses for amounts,
 * share counts and per-share figures; percents as percents, at the printed number of decimals.
 */
export function numberFormat(kind: ValueKind, decimals: number): string {
  // One string per format, made once: every figure cell asks for one.
  let formats = FORMATS.get(decimals);
  if (!formats) FORMATS.set(decimals, (formats = []));
  return (formats[kind === 'percent' ? 0 : kind === 'per-share' ? 1 : 2] ??= makeNumberFormat(kind, decimals));
}

/** Decimals → the formats of percents, per-share figures and the rest. */
const FORMATS = new Map<number, string[]>();

function makeNumberFormat(kind: ValueKind, decimals: number): string {
  switch (kind) {
    case 'percent':
      return `0${fraction(decimals)}%`;
    case 'per-share':
      return `0${fraction(Math.max(decimals, 2))};(0${fraction(Math.max(decimals, 2))})`;
    default:
      return `#,##0${fraction(decimals)};(#,##0${fraction(decimals)})`;
  }
}

export function figureFormat(fig: Figure): string {
  return numberFormat(fig.kind, fig.decimals);
}

/** Landscape A4, one page wide and as many tall as needed: how analysts print a model. Title
 * rows, when given, repeat at the top of every page. */
export function printSetup(titleRows?: [number, number]): PageSetup {
  return { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, paperSize: 9, ...(titleRows ? { titleRows } : {}) };
}
