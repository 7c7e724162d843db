import { Indexed } from './indexed';
import type { DiffStyle, Style, StyleSheet } from './styles';
import { cellText, esc, XML_DECLARATION } from './xml';

// One worksheet: cells by row and column, and what a viewer needs to show and print it (column
// widths, row heights, frozen panes, page setup, conditional formats), written as one part.

/** A formula (without the leading "=") and the result it had when written. */
export interface Formula { formula: string; result: number | string | boolean | null }
export type CellValue = number | string | boolean | null | Formula;

interface Cell { value: CellValue; style: Style | undefined }
interface Row { height?: number; cells: (Cell | undefined)[] }

export interface PageSetup {
  orientation: 'landscape' | 'portrait';
  /** Pages across and down the printout is scaled to fit; 0 down means as many as needed. */
  fitToWidth: number;
  fitToHeight: number;
  /** 9 is A4. */
  paperSize: number;
  /** Rows repeated at the top of every printed page, as [first, last]. */
  titleRows?: [number, number];
}

export interface ConditionalRule { operator: 'equal' | 'notEqual' | 'greaterThan' | 'lessThan'; formula: string; style: DiffStyle }

/** The workbook's strings, each kept once; a string cell holds its index. */
export class SharedStrings {
  private readonly unique = new Indexed();
  /** String cells written, counting repeats. */
  private count = 0;
  add(text: string): number {
    this.count++;
    return this.unique.add(text);
  }
  /** The part, in pieces: one per string. */
  toXml(): string[] {
    const items = this.unique.items;
    const out = [`${XML_DECLARATION}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${items.length}">`];
    // Leading or trailing white space, or a line break, survives only when marked to be preserved.
    for (const s of items) out.push(/^\s|\n|\s$/.test(s) ? `<si><t xml:space="preserve">${cellText(s)}</t></si>` : `<si><t>${cellText(s)}</t></si>`);
    out.push('</sst>');
    return out;
  }
}

/** Column number (1-based) → letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const LETTERS: string[] = [];
const letter = (col: number) => (LETTERS[col] ??= columnLetter(col));

export class Sheet {
  private readonly rows: (Row | undefined)[] = [];
  private readonly widths: (number | undefined)[] = [];
  private frozen: { cols: number; rows: number } | null = null;
  private readonly conditions: { ref: string; rules: ConditionalRule[] }[] = [];
  page: PageSetup | null = null;

  constructor(readonly name: string) {}

  private row(r: number): Row {
    return (this.rows[r] ??= { cells: [] });
  }

  /** Sets a cell whole: its value and its look. A string is always text, never a formula. */
  set(row: number, col: number, value: CellValue, style?: Style): void {
    this.row(row).cells[col] = { value, style };
  }

  width(col: number, chars: number): void {
    this.widths[col] = chars;
  }

  /** A row's height in points, when one was set. */
  height(row: number): number | undefined {
    return this.rows[row]?.height;
  }

  setHeight(row: number, points: number): void {
    this.row(row).height = points;
  }

  /** Keeps the first `cols` columns and `rows` rows in view while scrolling. */
  freeze(cols: number, rows: number): void {
    this.frozen = { cols, rows };
  }

  conditionalFormat(ref: string, rules: ConditionalRule[]): void {
    this.conditions.push({ ref, rules });
  }

  /** The worksheet part, in pieces: one per row. Strings go to the workbook's shared strings,
   * looks to its style sheet. */
  toXml(strings: SharedStrings, styles: StyleSheet): string[] {
    const rows: string[] = [];
    let top = 0, left = 0, bottom = 0, right = 0;
    for (let r = 1; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      const cells = row.cells;
      let first = 0;
      for (let c = 1; c < cells.length && !first; c++) if (cells[c]) first = c;
      if (!first && row.height === undefined) continue;
      let body = '';
      for (let c = first; c < cells.length; c++) {
        const cell = cells[c];
        if (!cell) continue;
        const s = cell.style ? styles.xf(cell.style) : 0;
        const ref = letter(c) + r;
        const v = cell.value;
        // The used range covers every cell written, empty ones that carry a look included.
        if (v !== null || s) {
          if (!top) top = r;
          bottom = r;
          if (!left || c < left) left = c;
          if (c > right) right = c;
        }
        body += cellXml(ref, s, v, strings);
      }
      rows.push(`<row r="${r}"${row.height !== undefined ? ` ht="${row.height}" customHeight="1"` : ''}${first ? ` spans="${first}:${cells.length - 1}"` : ''} x14ac:dyDescent="0.25">${body}</row>`);
    }
    const dimension = top ? `${letter(left)}${top}:${letter(right)}${bottom}` : 'A1';
    const head = `${XML_DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">`
      + (this.page && (this.page.fitToWidth || this.page.fitToHeight) ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '')
      + `<dimension ref="${dimension}"/>`
      + this.viewXml()
      + '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>'
      + this.colsXml()
      + '<sheetData>';
    const tail = '</sheetData>'
      + this.conditionsXml(styles)
      + (this.page ? `<pageSetup paperSize="${this.page.paperSize}" orientation="${this.page.orientation}" fitToWidth="${this.page.fitToWidth}" fitToHeight="${this.page.fitToHeight}"/>` : '')
      + '</worksheet>';
    return [head, ...rows, tail];
  }

  private viewXml(): string {
    if (!this.frozen) return '';
    const { cols, rows } = this.frozen;
    const topLeft = `${letter(cols + 1)}${rows + 1}`;
    const pane = cols && rows ? 'bottomRight' : cols ? 'topRight' : 'bottomLeft';
    return `<sheetViews><sheetView workbookViewId="0"><pane${cols ? ` xSplit="${cols}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`;
  }

  /** Column widths, runs of equal neighbours as one range. */
  private colsXml(): string {
    let out = '';
    for (let c = 1; c < this.widths.length; c++) {
      const w = this.widths[c];
      if (w === undefined) continue;
      let last = c;
      while (this.widths[last + 1] === w) last++;
      out += `<col min="${c}" max="${last}" width="${w}" customWidth="1"/>`;
      c = last;
    }
    return out ? `<cols>${out}</cols>` : '';
  }

  private conditionsXml(styles: StyleSheet): string {
    let priority = 0;
    return this.conditions.map(({ ref, rules }) => `<conditionalFormatting sqref="${ref}">${rules.map((rule) => `<cfRule type="cellIs" dxfId="${styles.dxf(rule.style)}" priority="${++priority}" operator="${rule.operator}"><formula>${esc(rule.formula)}</formula></cfRule>`).join('')}</conditionalFormatting>`).join('');
  }
}

/** The most characters a cell holds in Excel; a longer text makes it repair the file on opening. */
export const MAX_CELL_TEXT = 32767;

/** A text as a cell can hold it: cut, with an ellipsis, at Excel's limit. */
export function cellString(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT - 1;
  // Not between the two halves of a character outside the BMP.
  if (/[\ud800-\udbff]/.test(text[end - 1])) end--;
  return `${text.slice(0, end)}\u2026`;
}

/** A number as a cell holds it; NaN and infinities have no spelling a spreadsheet reads. */
function cellNumber(ref: string, n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cell ${ref}: ${n} is not a number a spreadsheet can hold`);
  return String(n);
}

function cellXml(ref: string, s: number, v: CellValue, strings: SharedStrings): string {
  const style = s ? ` s="${s}"` : '';
  // An empty cell is written only to carry a look.
  if (v === null) return s ? `<c r="${ref}"${style}/>` : '';
  switch (typeof v) {
    case 'number': return `<c r="${ref}"${style}><v>${cellNumber(ref, v)}</v></c>`;
    case 'string': return `<c r="${ref}"${style} t="s"><v>${strings.add(cellString(v))}</v></c>`;
    case 'boolean': return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  }
  const f = `<f>${esc(v.formula)}</f>`;
  switch (typeof v.result) {
    case 'number': return `<c r="${ref}"${style}>${f}<v>${cellNumber(ref, v.result)}</v></c>`;
    // A text result is written in the cell, not as a shared string: that is how spreadsheets store it.
    case 'string': return `<c r="${ref}"${style} t="str">${f}<v>${esc(cellString(v.result))}</v></c>`;
    case 'boolean': return `<c r="${ref}"${style} t="b">${f}<v>${v.result ? 1 : 0}</v></c>`;
    default: return `<c r="${ref}"${style}>${f}</c>`;
  }
}
