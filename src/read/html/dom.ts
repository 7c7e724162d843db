import type * as Htmlparser2 from 'htmlparser2';

// htmlparser2 is loaded with the first HTML release, not with the readers: its entry point brings
// its own DOM, DOM utilities and feeds, about 40 ms of a worker thread's start (the readers load in
// 51-67 ms without it, 86-114 ms with it), which a batch of newswire text never needs.
let loaded: typeof Htmlparser2 | null = null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const htmlparser2 = () => (loaded ??= require('htmlparser2') as typeof Htmlparser2);

// The document as the HTML reader sees it: elements and text with their source offsets, and
// nothing else. htmlparser2's own DOM (domhandler) gives every node parent and sibling links and
// keeps comments and doctypes, which the reader never looks at. The reader mostly does not keep a
// tree at all: it walks the parser's events (see walk.ts) and builds a tree only of the parts it
// must see whole (a table, a superscript), which TreeBuilder makes.

export interface HtmlText {
  type: 'text';
  data: string;
  /** Offset in the source of the text's first character. */
  startIndex: number;
}

export interface HtmlElement {
  /** 'script' and 'style' as htmlparser2 names them; every other element is a 'tag'. */
  type: 'tag' | 'script' | 'style';
  /** Lower-cased. */
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  startIndex: number;
  /** True when a table is nested anywhere inside (a table of tables lays out a page). */
  hasTable: boolean;
}

export type HtmlNode = HtmlText | HtmlElement;

/** What a document is, told in order: an element opens, text, an element closes. */
export interface HtmlEvents {
  open(el: HtmlElement): void;
  /** One text node: text the parser splits (at entities) arrives whole. */
  text(node: HtmlText): void;
  close(): void;
}

const TABLE_STRUCTURE = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);

/**
 * Elements open at once, at most. Releases nest a few dozen deep; the parser's cost for each element
 * grows with the depth, so a document nested far deeper (100,000 tables in 3 MB) would take minutes.
 */
export const MAX_DEPTH = 512;

/** A document nested deeper than MAX_DEPTH, at `offset` in its source. */
export class TooDeepError extends Error {
  constructor(readonly offset: number) {
    super(`HTML nested more than ${MAX_DEPTH} elements deep`);
  }
}

/**
 * Parses HTML into events. Adjacent text (split by the parser at entities) is one text node, as in
 * htmlparser2's DOM; a comment or doctype between two texts keeps them apart. Every element that
 * opens is closed, those left open at the end included.
 */
export function parseEvents(source: string, events: HtmlEvents): void {
  // Names of the open elements: white space directly inside table structure is dropped.
  const open: string[] = [];
  let text: HtmlText | null = null;
  const endText = () => {
    if (text) events.text(text);
    text = null;
  };
  const parser: Htmlparser2.Parser = new (htmlparser2().Parser)(
    {
      onopentag(name, attribs) {
        endText();
        const type = name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
        events.open({ type, name, attribs, children: [], startIndex: parser.startIndex, hasTable: false });
        if (open.push(name) > MAX_DEPTH) throw new TooDeepError(parser.startIndex);
      },
      onclosetag() {
        endText();
        // The parser may close one tag more than it opened at the end of a broken document.
        if (open.length === 0) return;
        open.pop();
        events.close();
      },
      ontext(data) {
        if (text) {
          text.data += data;
          return;
        }
        // White space between a table's rows and cells is never shown (browsers drop it), and in
        // generated filings it is a quarter of all nodes: not kept, so the trees built are smaller.
        if (TABLE_STRUCTURE.has(open[open.length - 1] ?? '') && !/\S/.test(data)) return;
        text = { type: 'text', data, startIndex: parser.startIndex };
      },
      // Comments (in HTML, CDATA sections too) and doctypes are not kept, but they end a text.
      oncomment: endText,
      onprocessinginstruction: endText,
      onerror(err) {
        throw err;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  endText();
  while (open.length > 0) {
    open.pop();
    events.close();
  }
}

/** Builds the tree under one element from events; `done` is true once that element has closed. */
export class TreeBuilder implements HtmlEvents {
  private readonly stack: HtmlElement[];
  done = false;

  constructor(readonly root: HtmlElement) {
    this.stack = [root];
  }

  open(el: HtmlElement): void {
    this.stack[this.stack.length - 1].children.push(el);
    this.stack.push(el);
  }

  text(node: HtmlText): void {
    this.stack[this.stack.length - 1].children.push(node);
  }

  close(): void {
    const el = this.stack.pop()!;
    const into = this.stack[this.stack.length - 1];
    if (into && (el.hasTable || el.name === 'table')) into.hasTable = true;
    if (this.stack.length === 0) this.done = true;
  }
}

/** Parses HTML into its top-level nodes. */
export function parseHtml(source: string): HtmlNode[] {
  const root: HtmlElement = { type: 'tag', name: '', attribs: {}, children: [], startIndex: 0, hasTable: false };
  const tree = new TreeBuilder(root);
  parseEvents(source, tree);
  return root.children;
}
