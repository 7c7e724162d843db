import { keep } from '../../model/keep';
import type { HtmlElement } from './dom';

// Inline CSS, as far as reading a release needs it: weight, indentation, size, hidden content.
// EDGAR and Workiva HTML put nearly all presentation in style attributes, not in stylesheets.

const NO_STYLE: ReadonlyMap<string, string> = new Map();
// Each element's style is asked for by the walk, the grid and the text collector, and generated
// HTML repeats a handful of style strings over thousands of elements: parse each string once.
// The cache is dropped when it grows large, so a long run over many releases stays small.
const parsed = new Map<string, ReadonlyMap<string, string>>();
const MAX_CACHED = 5000;

/** Declarations of an element's style attribute, property names lower-cased. */
export function styleOf(el: HtmlElement): ReadonlyMap<string, string> {
  const attr = el.attribs.style;
  if (!attr) return NO_STYLE;
  const known = parsed.get(attr);
  if (known) return known;
  // The attribute is cut from the document: what the cache keeps must not hold the document.
  const raw = keep(attr);
  const decls = new Map<string, string>();
  for (const decl of raw.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    decls.set(decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).trim().toLowerCase());
  }
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(raw, decls);
  return decls;
}

// Rough widths: a character of 10pt text is about 5pt wide, a pixel is 0.75pt.
const PT_PER: Record<string, number> = { pt: 1, px: 0.75, em: 10, rem: 10, in: 72, cm: 28.35, mm: 2.835, pc: 12, ex: 5, ch: 5 };
const PT_PER_CHAR = 5;

/** A CSS length in points, or null for percentages, keywords and nonsense. */
export function lengthPt(value: string | undefined): number | null {
  if (!value) return null;
  // Generated HTML states the same few lengths ("10pt", "0in") on thousands of elements.
  const known = lengths.get(value);
  if (known !== undefined) return known;
  if (lengths.size >= MAX_CACHED) lengths.clear();
  const pt = parseLength(value);
  lengths.set(keep(value), pt);
  return pt;
}

const lengths = new Map<string, number | null>();

function parseLength(value: string): number | null {
  const v = value.trim();
  if (v === '0') return 0;
  const num = /^[-+0-9.]*/.exec(v)?.[0] ?? '';
  const unit = v.slice(num.length).trim();
  const n = Number(num);
  if (num === '' || !Number.isFinite(n) || !(unit in PT_PER)) return null;
  return n * PT_PER[unit];
}

/** The left value of a `padding`/`margin` shorthand (1 to 4 values, CSS order top right bottom left). */
function shorthandLeft(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parts = value.split(/\s+/).filter(Boolean);
  if (parts.length === 4) return parts[3];
  if (parts.length >= 2) return parts[1];
  return parts[0];
}

/** Horizontal offset an element gives its first line, in points (padding, margin and text-indent). */
export function indentPt(style: ReadonlyMap<string, string>): number {
  // Style maps are shared by every element with the same style string: work each out once.
  let pt = indents.get(style);
  if (pt === undefined) {
    pt = indentOf(style);
    indents.set(style, pt);
  }
  return pt;
}

const indents = new WeakMap<ReadonlyMap<string, string>, number>();

function indentOf(style: ReadonlyMap<string, string>): number {
  let pt = 0;
  pt += lengthPt(style.get('padding-left') ?? shorthandLeft(style.get('padding'))) ?? 0;
  pt += lengthPt(style.get('margin-left') ?? shorthandLeft(style.get('margin'))) ?? 0;
  pt += lengthPt(style.get('text-indent')) ?? 0;
  return pt;
}

export function ptToChars(pt: number): number {
  return Math.max(0, Math.round(pt / PT_PER_CHAR));
}

/** Bold as the element sets it: true, false (an explicit normal weight), or null (inherited). */
export function boldOf(el: HtmlElement, style: ReadonlyMap<string, string>): boolean | null {
  const name = el.name.toLowerCase();
  if (name === 'b' || name === 'strong' || name === 'th') return true;
  const weight = style.get('font-weight');
  if (weight) {
    if (weight === 'bold' || weight === 'bolder') return true;
    const n = Number(weight);
    if (Number.isFinite(n)) return n >= 600;
    if (weight === 'normal' || weight === 'lighter') return false;
  }
  return null;
}

/** Font size in points where the element sets one (style or the old `<font size>` scale). */
export function fontSizePt(el: HtmlElement, style: ReadonlyMap<string, string>): number | null {
  const css = lengthPt(style.get('font-size'));
  if (css !== null) return css;
  if (el.name.toLowerCase() === 'font' && el.attribs.size) {
    // HTML's 1..7 font scale in points, as browsers render it.
    const scale = [0, 7.5, 10, 12, 13.5, 18, 24, 36];
    const n = Number(el.attribs.size);
    if (Number.isInteger(n) && n >= 1 && n <= 7) return scale[n];
  }
  return null;
}

export function isHidden(el: HtmlElement, style: ReadonlyMap<string, string>): boolean {
  return style.get('display') === 'none' || style.get('visibility') === 'hidden' || el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true';
}

/** Raised text: <sup>, or the `position:relative; top:-3pt` and `vertical-align:super` of generated HTML. */
export function isSuperscript(el: HtmlElement, style: ReadonlyMap<string, string>): boolean {
  const name = el.name.toLowerCase();
  if (name === 'sup' || name === 'sub') return true;
  const align = style.get('vertical-align');
  if (align === 'super' || align === 'sub') return true;
  const top = lengthPt(style.get('top'));
  return style.get('position') === 'relative' && top !== null && top < 0;
}

/** True when a border declaration draws a line ("1pt solid #000", "solid windowtext .5pt", "3px double"). */
function drawsLine(value: string | undefined): boolean {
  if (!value || /\b(none|hidden)\b/.test(value)) return false;
  return !/(^|\s)0(px|pt|in|em)?(\s|$)/.test(value) && /\b(solid|double|dotted|dashed|groove|ridge|inset|outset)\b|\d/.test(value);
}

/** The rules a cell draws above and below its text: the single line over a sum, the double line under a total. */
export function rulesOf(style: ReadonlyMap<string, string>): { above: boolean; below: boolean } {
  return { above: drawsLine(style.get('border-top')), below: drawsLine(style.get('border-bottom')) };
}
