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
}

export type HtmlNode = HtmlText | HtmlElement;

/**
 * Parses HTML into its top-level nodes. Adjacent text (split by the parser at entities) is one
 * text node, as in htmlparser2's DOM; a comment or doctype between two texts keeps them apart.
 */
export function parseHtml(source: string): HtmlNode[] {
  const top: HtmlNode[] = [];
  const open: HtmlNode[][] = [top];
  let into = top;
  let text: HtmlText | null = null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const type = name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
        const el: HtmlElement = { type, name, attribs, children: [], startIndex: parser.startIndex };
        into.push(el);
        open.push(el.children);
        into = el.children;
        text = null;
      },
      onclosetag() {
        open.pop();
        into = open[open.length - 1];
        text = null;
      },
      ontext(data) {
        if (text) {
          text.data += data;
          return;
        }
        text = { type: 'text', data, startIndex: parser.startIndex };
        into.push(text);
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
  return top;
}

/** True when any element among the nodes or inside them is a table (walked without recursion: nesting may be deep). */
export function containsTable(nodes: HtmlNode[]): boolean {
  const pending: HtmlNode[][] = [nodes];
  for (let list = pending.pop(); list; list = pending.pop()) {
    for (const node of list) {
      if (node.type === 'text') continue;
      if (node.name === 'table') return true;
      if (node.children.length > 0) pending.push(node.children);
    }
  }
  return false;
}
