import { Parser } from 'htmlparser2';

// The document tree the HTML reader walks: elements and text with their source offsets, and
// nothing else. htmlparser2's own DOM (domhandler) gives every node parent and sibling links and
// keeps comments and doctypes, which the reader never looks at; building these plain nodes instead
// takes a fraction of the time on large filings.

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

const TABLE_STRUCTURE = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr']);

/**
 * Parses HTML into its top-level nodes. Adjacent text (split by the parser at entities) is one
 * text node, as in htmlparser2's DOM; a comment or doctype between two texts keeps them apart.
 */
export function parseHtml(source: string): HtmlNode[] {
  const root: HtmlElement = { type: 'tag', name: '', attribs: {}, children: [], startIndex: 0, hasTable: false };
  const open: HtmlElement[] = [root];
  let into = root;
  let text: HtmlText | null = null;
  // The parser may close one tag more than it opened at the end of a broken document: like
  // htmlparser2's DOM, the root is then popped too and later closes do nothing.
  const close = () => {
    const el = open.pop();
    into = open[open.length - 1];
    if (el && into && (el.hasTable || el.name === 'table')) into.hasTable = true;
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const type = name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
        const el: HtmlElement = { type, name, attribs, children: [], startIndex: parser.startIndex, hasTable: false };
        into.children.push(el);
        open.push(el);
        into = el;
        text = null;
      },
      onclosetag() {
        close();
        text = null;
      },
      ontext(data) {
        if (text) {
          text.data += data;
          return;
        }
        // White space between a table's rows and cells is never shown (browsers drop it), and in
        // generated filings it is a quarter of all nodes: not kept, so the tree the walk holds is smaller.
        if (TABLE_STRUCTURE.has(into.name) && !/\S/.test(data)) return;
        text = { type: 'text', data, startIndex: parser.startIndex };
        into.children.push(text);
      },
      // Comments (in HTML, CDATA sections too) and doctypes are not kept, but they end a text.
      oncomment() {
        text = null;
      },
      onprocessinginstruction() {
        text = null;
      },
      onerror(err) {
        throw err;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  // Elements left open still tell their ancestors about the tables inside them.
  while (open.length > 1) close();
  return root.children;
}
