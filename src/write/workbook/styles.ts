import type { Font, Style, Worksheet } from 'exceljs';
import type { Figure, ValueKind } from '../../model/types';

// Analyst conventions in one place: what a colour means and how each kind of figure is printed.

/** Blue: a figure typed from the source. Black: a formula. Green: a link to another sheet. */
export const COLOURS = { typed: 'FF0000FF', formula: 'FF000000', link: 'FF008000' } as const;
export type Origin = keyof typeof COLOURS;

export const FONT_NAME = 'Calibri';
export const FONT_SIZE = 10;

export function font(origin: Origin, bold = false): Partial<Font> {
  return { name: FONT_NAME, size: FONT_SIZE, bold, color: { argb: COLOURS[origin] } };
}

export const TEXT_FONT: Partial<Font> = { name: FONT_NAME, size: FONT_SIZE };
export const BOLD_FONT: Partial<Font> = { name: FONT_NAME, size: FONT_SIZE, bold: true };
export const TITLE_FONT: Partial<Font> = { name: FONT_NAME, size: 12, bold: true };

export const TOP_BORDER: Style['border'] = { top: { style: 'thin' } };
export const BOTTOM_BORDER: Style['border'] = { bottom: { style: 'thin' } };

const fraction = (decimals: number) => (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');

/**
 * Number format for a figure kind at a printed precision. Negatives in parentheses for amounts,
 * share counts and per-share figures; percents as percents, at the printed number of decimals.
 */
export function numberFormat(kind: ValueKind, decimals: number): string {
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

/** Landscape A4, one page wide and as many tall as needed: how analysts print a model. */
export function printSetup(printTitlesRow?: string): Worksheet['pageSetup'] {
  return { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, ...(printTitlesRow ? { printTitlesRow } : {}) } as Worksheet['pageSetup'];
}
