import { parseEvents, TreeBuilder, type HtmlElement, type HtmlEvents, type HtmlNode, type HtmlText } from './dom';
import type { ProseBlock, RawBlock } from '../raw';
import { toRawRows } from './columns';
import { layoutTable } from './grid';
import type { LineIndex } from './lines';
import { isSuperscript } from './style';
import { BLOCK, inherit, isNoteReference, SGML_HEADER, TextRun, visibleElement, type Inherited } from './text';

// Walks the document in reading order: paragraphs of text become prose blocks, tables of figures
// become raw tables, and tables that only lay out the page are walked into like any box.
//
// The walk follows the parser's events, so the text around the tables is read as it is parsed and
// is never kept as a tree. Only what must be seen whole is: a table (its rows, and whether it holds
// tables) and a raised text (a footnote mark or not). That part is built as a tree and, once it
// closes, walked as a tree by `visit`, in the same order. A large filing is thus never held whole:
// what a tree of it would keep alive only to be walked once costs the most in garbage collection.

const HEADING = /^h([1-6])$/;

/**
 * What an element is to the walk, by its name: a line break; a tag of the SGML wrapper around an
 * EDGAR exhibit (<TYPE>EX-99.1 and its like), whose own text is skipped and whose content is read;
 * a table; a heading or block, which ends the paragraph before it and the one inside it; or inline.
 * Both walks ask this, so they make the same decisions.
 */
type Role = 'break' | 'wrapper' | 'table' | 'block' | 'inline';

function roleOf(name: string): Role {
  if (name === 'br') return 'break';
  // Before the blocks: a table is one of them, but is read as a grid.
  if (name === 'table') return 'table';
  if (SGML_HEADER.has(name)) return 'wrapper';
  return HEADING.test(name) || BLOCK.has(name) ? 'block' : 'inline';
}

/** Nodes being walked, the state they inherit, and whether their end ends a paragraph. */
interface Frame {
  nodes: HtmlNode[];
  at: number;
  state: Inherited;
  thenFlush: boolean;
}

/** An element the event walk is inside. */
interface Open {
  state: Inherited;
  thenFlush: boolean;
  /** Text directly inside is release text (not in the SGML wrapper's header tags). */
  ownText: boolean;
  /** Everything inside is ignored: scripts, site chrome, hidden content. */
  skip: boolean;
}

const SKIP: Open = { state: { bold: false, size: null }, thenFlush: false, ownText: false, skip: true };

export class Walker implements HtmlEvents {
  readonly blocks: RawBlock[] = [];
  private para = new TextRun();
  private heading = 0;
  private tables = 0;
  private readonly inside: Open[] = [{ state: { bold: false, size: null }, thenFlush: false, ownText: true, skip: false }];
  /** The element being built whole, and the state it inherits. */
  private whole: { tree: TreeBuilder; state: Inherited } | null = null;

  constructor(private readonly lines: LineIndex) {}

  /** Walks a whole document from its source, then ends the last paragraph. */
  read(source: string): void {
    parseEvents(source, this);
    this.flush();
  }

  /** An element opens: the same decisions as `visit` makes for it, in the same order. */
  open(el: HtmlElement): void {
    if (this.whole) { this.whole.tree.open(el); return; }
    const top = this.inside[this.inside.length - 1];
    const visible = top.skip ? null : visibleElement(el);
    if (!visible) { this.inside.push(SKIP); return; }
    const { style } = visible;
    const name = el.name.toLowerCase();
    const role = roleOf(name);
    if (role === 'table' || isSuperscript(el, style)) {
      this.whole = { tree: new TreeBuilder(el), state: top.state };
      return;
    }
    const inner = inherit(el, style, top.state);
    if (role === 'break') { this.para.breakLine(); this.inside.push(SKIP); return; }
    if (role === 'wrapper') {
      this.flush();
      this.inside.push({ state: inner, thenFlush: false, ownText: false, skip: false });
      return;
    }
    if (role === 'block') this.startBlock(name);
    this.inside.push({ state: inner, thenFlush: role === 'block', ownText: true, skip: false });
  }

  text(node: HtmlText): void {
    if (this.whole) { this.whole.tree.text(node); return; }
    const top = this.inside[this.inside.length - 1];
    if (top.ownText) this.para.add(node.data, top.state, node.startIndex);
  }

  close(): void {
    const whole = this.whole;
    if (whole) {
      whole.tree.close();
      if (whole.tree.done) {
        this.whole = null;
        this.visit([whole.tree.root], whole.state);
      }
      return;
    }
    if (this.inside.length > 1 && this.inside.pop()!.thenFlush) this.flush();
  }

  /** A heading or block begins: the paragraph before it ends, and a heading gives its level to the next. */
  private startBlock(name: string): void {
    this.flush();
    const level = HEADING.exec(name);
    if (level) this.heading = Number(level[1]);
  }

  /** Ends the paragraph being gathered, keeping it when it has visible text. */
  flush(): void {
    if (!this.para.empty) {
      const text = this.para.value();
      if (text !== '') {
        const block: ProseBlock = { type: 'prose', text, bold: this.para.bold, heading: this.heading, place: { line: this.lines.lineAt(this.para.offset) } };
        this.blocks.push(block);
      }
    }
    this.para = new TextRun();
    this.heading = 0;
  }

  /** Walks a tree in reading order. An explicit stack, not recursion: pages nest boxes thousands deep. */
  visit(nodes: HtmlNode[], state: Inherited): void {
    const frames: Frame[] = [{ nodes, at: 0, state, thenFlush: false }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.at >= frame.nodes.length) {
        frames.pop();
        if (frame.thenFlush) this.flush();
        continue;
      }
      const node = frame.nodes[frame.at++];
      if (node.type === 'text') {
        this.para.add(node.data, frame.state, node.startIndex);
        continue;
      }
      const visible = visibleElement(node);
      if (!visible) continue;
      const { el, style } = visible;
      const name = el.name.toLowerCase();
      const role = roleOf(name);
      const inner = inherit(el, style, frame.state);
      const enter = (children: HtmlNode[], thenFlush: boolean) => frames.push({ nodes: children, at: 0, state: inner, thenFlush });
      if (role === 'break') { this.para.breakLine(); continue; }
      if (role === 'wrapper') {
        this.flush();
        enter(el.children.filter((c) => c.type !== 'text'), false);
        continue;
      }
      if (role === 'table') {
        this.flush();
        // A table holding tables lays out the page: its cells are boxes of ordinary content.
        if (el.hasTable) enter(el.children, true);
        else this.table(el, inner);
        continue;
      }
      if (isNoteReference(el, style)) continue;
      if (role === 'block') this.startBlock(name);
      enter(el.children, role === 'block');
    }
  }

  /** A table of figures (or a box of text set as a table), the paragraph before it already ended. */
  private table(el: HtmlElement, state: Inherited): void {
    const grid = layoutTable(el, state);
    const rows = toRawRows(grid, this.tables + 1, (o) => this.lines.lineAt(o));
    if (rows && rows.length > 0) {
      this.tables += 1;
      this.blocks.push({ type: 'table', rows, place: { line: this.lines.lineAt(el.startIndex), table: this.tables } });
      return;
    }
    // No figures: a box of text (a title, a note) set as a table. Each row reads as a paragraph.
    for (const row of grid) {
      const cells = row.cells.filter((c) => c.text !== '');
      if (cells.length === 0) continue;
      this.blocks.push({
        type: 'prose',
        text: cells.map((c) => c.text).join(' '),
        bold: cells.every((c) => c.bold),
        heading: 0,
        place: { line: this.lines.lineAt(cells[0].offset ?? row.offset) },
      });
    }
  }
}
