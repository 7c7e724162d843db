import type { HtmlElement, HtmlNode } from './dom';
import { boldOf, fontSizePt, indentPt, isHidden, isSuperscript, styleOf } from './style';

// Text as a reader sees it: HTML white space collapsed, no-break spaces kept (they indent labels),
// bold and font size remembered per character run, footnote superscripts left out.

/** Elements whose content is never release text: code, styling, forms, site chrome. */
export const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'video', 'audio', 'img', 'button', 'select', 'option', 'textarea', 'input', 'form', 'nav', 'header', 'footer',
  'aside', 'menu', 'dialog',
]);

/** Landmark roles of site chrome on newsroom pages. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar', 'dialog', 'complementary']);

// The EDGAR SGML wrapper's header tags: their own text is filing metadata, not release text.
export const SGML_HEADER = new Set(['document', 'type', 'sequence', 'filename', 'description']);

export const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'center', 'blockquote', 'section',
  'article', 'main', 'pre', 'hr', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'figure', 'figcaption',
  'address', 'body', 'html', 'text',
]);

export interface Inherited {
  bold: boolean;
  size: number | null;
}

/** True when an element and everything in it is to be ignored. */
export function isSkipped(el: HtmlElement, style: ReadonlyMap<string, string>): boolean {
  const name = el.name.toLowerCase();
  if (SKIPPED.has(name)) return true;
  const role = el.attribs.role?.toLowerCase();
  if (role && CHROME_ROLES.has(role)) return true;
  return isHidden(el, style);
}

/**
 * The element a walk descends into, with its inline style; null for text and everything skipped
 * (scripts, styles, site chrome, hidden content). Text nodes are the caller's.
 */
export function visibleElement(node: HtmlNode): { el: HtmlElement; style: ReadonlyMap<string, string> } | null {
  if (node.type === 'text') return null;
  const style = styleOf(node);
  return isSkipped(node, style) ? null : { el: node, style };
}

/** What an element passes on to its content: its own weight and size or the parent's. */
export function inherit(el: HtmlElement, style: ReadonlyMap<string, string>, from: Inherited): Inherited {
  return { bold: boldOf(el, style) ?? from.bold, size: fontSizePt(el, style) ?? from.size };
}

const FOOTNOTE_MARK = /^[([]?(\d{1,2}|[a-z]|[*\u2020\u2021\u00a7]+)[)\]]?(\s*,\s*[([]?(\d{1,2}|[a-z])[)\]]?)*$/i;

/** A superscript that only refers to a footnote ("1", "(a)", "*", "2,3"). */
export function isFootnoteMark(text: string): boolean {
  return FOOTNOTE_MARK.test(text.replace(/[\s\u00a0]+/g, ' ').trim());
}

/** A footnote mark is a few characters in a few tags: a superscript holding more is not one. */
const MARK_NODES = 32;

/**
 * The visible text under an element, if it is made of at most `limit` nodes; null when it is not.
 * Plain text on purpose: reading a mark must not read the superscripts nested in it as marks in
 * turn, which costs twice as much for every level of nesting.
 */
function smallText(el: HtmlElement, limit: number): string | null {
  const todo: HtmlNode[] = [...el.children].reverse();
  let text = '';
  let seen = 0;
  for (let node = todo.pop(); node !== undefined; node = todo.pop()) {
    if (++seen > limit) return null;
    if (node.type === 'text') text += node.data;
    else if (visibleElement(node)) for (let k = node.children.length - 1; k >= 0; k--) todo.push(node.children[k]);
  }
  return text;
}

/** A raised footnote reference ("Profit¹"), left out of labels, figures and prose alike. */
export function isNoteReference(el: HtmlElement, style: ReadonlyMap<string, string>): boolean {
  if (!isSuperscript(el, style)) return false;
  const text = smallText(el, MARK_NODES);
  return text !== null && isFootnoteMark(text);
}

const SPACING = /[\n\u00a0\u2002\u2003\u2009]| {2}/;

/** Collects text runs; white space collapses as a browser would collapse it. */
export class TextRun {
  private text = '';
  private boldChars = 0;
  private chars = 0;
  minSize: number | null = null;
  /** Offset in the source of the first visible character. */
  offset: number | null = null;
  /** Indentation (points) of the blocks that open before the first visible character. */
  leadPt = 0;

  add(raw: string, state: Inherited, offset: number | null): void {
    // Collapse HTML white space but not U+00A0, which leads labels as indentation.
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === '') return;
    const visible = collapsed.replace(/[\s\u00a0\u200b]/g, '').length;
    if (this.text.endsWith(' ') || this.text.endsWith('\n') || this.text === '') this.text += collapsed.startsWith(' ') ? collapsed.slice(1) : collapsed;
    else this.text += collapsed;
    if (visible > 0) {
      this.chars += visible;
      if (state.bold) this.boldChars += visible;
      if (state.size !== null) this.minSize = this.minSize === null ? state.size : Math.min(this.minSize, state.size);
      if (this.offset === null) this.offset = offset;
    }
  }

  /** A line break (`<br>`, or a block boundary inside one paragraph). */
  breakLine(): void {
    if (this.text !== '' && !this.text.endsWith('\n')) this.text = this.text.replace(/ $/, '') + '\n';
  }

  space(): void {
    if (this.text !== '' && !/[ \n]$/.test(this.text)) this.text += ' ';
  }

  get empty(): boolean {
    return this.chars === 0;
  }

  /** Bold when nearly every visible character is bold (a stray plain space or marker does not count). */
  get bold(): boolean {
    return this.chars > 0 && this.boldChars >= this.chars * 0.9;
  }

  /** Leading no-break spaces, in characters: old filings indent labels with them. */
  get leadingSpaces(): number {
    let n = 0;
    for (const ch of this.text) {
      if (ch === '\u00a0' || ch === ' ' || ch === '\u2003' || ch === '\u2002') n++;
      else break;
    }
    return n;
  }

  /** The text with each line trimmed and no-break spaces made plain. */
  value(): string {
    // One line with no wide or doubled spaces (most cells) only needs trimming.
    if (!SPACING.test(this.text)) return this.text.trim();
    return this.text
      .split('\n')
      .map((l) => l.replace(/[\u00a0\u2002\u2003\u2009]/g, ' ').replace(/ {2,}/g, ' ').trim())
      .filter((l) => l !== '')
      .join('\n');
  }
}

/** Gathers the text of an element's content into a run (a table cell, a caption). */
export function collectInline(nodes: HtmlNode[], state: Inherited, run: TextRun, lineBreaks: boolean): void {
  // An explicit stack, not recursion: a cell may nest inline tags thousands deep.
  const todo: ({ node: HtmlNode; state: Inherited } | 'end of block')[] = [];
  const push = (children: HtmlNode[], st: Inherited) => {
    for (let k = children.length - 1; k >= 0; k--) todo.push({ node: children[k], state: st });
  };
  const lineEnd = () => (lineBreaks ? run.breakLine() : run.space());
  push(nodes, state);
  for (let step = todo.pop(); step !== undefined; step = todo.pop()) {
    if (step === 'end of block') {
      lineEnd();
      continue;
    }
    const { node } = step;
    if (node.type === 'text') {
      run.add(node.data, step.state, node.startIndex);
      continue;
    }
    const visible = visibleElement(node);
    if (!visible) continue;
    const { el, style } = visible;
    const name = el.name.toLowerCase();
    if (name === 'br') {
      lineEnd();
      continue;
    }
    if (isNoteReference(el, style)) continue;
    if (BLOCK.has(name)) {
      if (run.empty) run.leadPt += indentPt(style);
      lineEnd();
      // Ends the block once its content (pushed after, so taken first) is gathered.
      todo.push('end of block');
    }
    push(el.children, inherit(el, style, step.state));
  }
}
