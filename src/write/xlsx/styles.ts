import { Indexed } from './indexed';
import { esc, XML_DECLARATION } from './xml';

// Cell looks and the styles part (xl/styles.xml) that numbers them. A cell names its look by an
// index into cellXfs; each xf points at a number format, a font, a fill and a border, each kept
// once. Indexes are handed out in the order looks are first used, so the same workbook always
// gets the same numbering.

export interface Color { argb: string }
export interface Font { name?: string; size?: number; bold?: boolean; italic?: boolean; color?: Color }
export interface BorderSide { style: 'thin' | 'medium' | 'thick' | 'double' }
export interface Border { top?: BorderSide; bottom?: BorderSide; left?: BorderSide; right?: BorderSide }
export interface Alignment { horizontal?: 'left' | 'center' | 'right'; vertical?: 'top' | 'middle' | 'bottom'; wrapText?: boolean; indent?: number }
export interface Fill { type: 'pattern'; pattern: 'solid'; fgColor?: Color; bgColor?: Color }

/** One look of a cell. */
export interface Style { numFmt?: string; font?: Font; border?: Border; alignment?: Alignment; fill?: Fill }
/** The look of a conditional format: what it changes on top of the cell's own. */
export interface DiffStyle { font?: Font; fill?: Fill }

/** Formats every spreadsheet knows by number; custom ones are numbered from 164. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11,
  '# ?/?': 12, '# ??/??': 13, 'mm-dd-yy': 14, 'd-mmm-yy': 15, 'd-mmm': 16, 'mmm-yy': 17,
  'h:mm AM/PM': 18, 'h:mm:ss AM/PM': 19, 'h:mm': 20, 'h:mm:ss': 21, 'm/d/yy "h":mm': 22,
};
const FIRST_CUSTOM_FORMAT = 164;

/** The workbook's default font (index 0): what a cell without a font of its own shows. */
const DEFAULT_FONT = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

function fontXml(f: Font): string {
  return `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}${f.color ? `<color rgb="${esc(f.color.argb)}"/>` : ''}${f.size !== undefined ? `<sz val="${f.size}"/>` : ''}${f.name !== undefined ? `<name val="${esc(f.name)}"/>` : ''}</font>`;
}

function fillXml(f: Fill): string {
  const fg = f.fgColor ? `<fgColor rgb="${esc(f.fgColor.argb)}"/>` : '';
  const bg = f.bgColor ? `<bgColor rgb="${esc(f.bgColor.argb)}"/>` : '';
  return `<fill><patternFill patternType="${f.pattern}">${fg}${bg}</patternFill></fill>`;
}

function borderXml(b: Border): string {
  const side = (name: string, s?: BorderSide) => (s ? `<${name} style="${s.style}"/>` : `<${name}/>`);
  return `<border>${side('left', b.left)}${side('right', b.right)}${side('top', b.top)}${side('bottom', b.bottom)}<diagonal/></border>`;
}

function alignmentXml(a: Alignment): string {
  const attrs = [
    a.horizontal ? ` horizontal="${a.horizontal}"` : '',
    a.vertical ? ` vertical="${a.vertical}"` : '',
    a.wrapText ? ' wrapText="1"' : '',
    a.indent ? ` indent="${a.indent}"` : '',
  ].join('');
  return attrs ? `<alignment${attrs}/>` : '';
}

export class StyleSheet {
  private readonly formats = new Map<string, number>();
  private readonly fonts = new Indexed([DEFAULT_FONT]);
  private readonly fills = new Indexed(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Indexed([borderXml({})]);
  private readonly xfs = new Indexed(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  private readonly dxfs: string[] = [];
  /** Style object → xf index: most cells share a handful of style objects. */
  private readonly known = new Map<Style, number>();

  /** The cellXfs index of a look; 0 is the default look. */
  xf(style: Style): number {
    let id = this.known.get(style);
    if (id !== undefined) return id;
    const numFmtId = style.numFmt ? this.format(style.numFmt) : 0;
    const fontId = style.font ? this.fonts.add(fontXml(style.font)) : 0;
    const borderId = style.border ? this.borders.add(borderXml(style.border)) : 0;
    const fillId = style.fill ? this.fills.add(fillXml(style.fill)) : 0;
    const alignment = style.alignment ? alignmentXml(style.alignment) : '';
    const applies = [
      numFmtId ? ' applyNumberFormat="1"' : '',
      fontId ? ' applyFont="1"' : '',
      fillId ? ' applyFill="1"' : '',
      borderId ? ' applyBorder="1"' : '',
      style.alignment ? ' applyAlignment="1"' : '',
    ].join('');
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    id = this.xfs.add(style.alignment ? `${head}>${alignment}</xf>` : `${head}/>`);
    this.known.set(style, id);
    return id;
  }

  /** The index of a conditional format's look. */
  dxf(style: DiffStyle): number {
    this.dxfs.push(`<dxf>${style.font ? fontXml(style.font) : ''}${style.fill ? fillXml(style.fill) : ''}</dxf>`);
    return this.dxfs.length - 1;
  }

  private format(code: string): number {
    let id = BUILTIN_FORMATS[code] ?? this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = FIRST_CUSTOM_FORMAT + this.formats.size));
    return id;
  }

  toXml(): string {
    const list = (tag: string, items: string[], extra = '') => `<${tag} count="${items.length}"${extra}>${items.join('')}</${tag}>`;
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    return `${XML_DECLARATION}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">`
      + (formats.length ? list('numFmts', formats) : '')
      + list('fonts', this.fonts.items, ' x14ac:knownFonts="1"')
      + list('fills', this.fills.items)
      + list('borders', this.borders.items)
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + list('cellXfs', this.xfs.items)
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
      + list('dxfs', this.dxfs)
      + '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
      + '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>';
  }
}
