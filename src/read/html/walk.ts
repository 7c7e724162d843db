import type { HtmlElement, HtmlNode } from './dom';
import type { ProseBlock, RawBlock } from '../raw';
import { toRawRows } from './columns';
import { layoutTable } from './grid';
import type { LineIndex } from './lines';
import { BLOCK, inherit, isNoteReference, SGML_HEADER, TextRun, visibleElement, type Inherited } from './text';

// Walks the parsed document in reading order: paragraphs of text become prose blocks, tables of
// figures become raw tables, and tables that only lay out the page are walked into like any box.

const HEADING = /^h([1-6])$/;

/** Nodes being walked, the state they inherit, and whether their end ends a paragraph. */
interface Frame {
  nodes: HtmlNode[];
  at: number;
  state: Inherited;
  thenFlush: boolean;
}

export class Walker {
  readonly blocks: RawBlock[] = [];
  private para = new TextRun();
  private heading = 0;
  private tables = 0;

  constructor(private readonly lines: LineIndex) {}

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

  /** Walks nodes in reading order. An explicit stack, not recursion: pages nest boxes thousands deep. */
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
      const inner = inherit(el, style, frame.state);
      const enter = (children: HtmlNode[], thenFlush: boolean) => frames.push({ nodes: children, at: 0, state: inner, thenFlush });
      if (name === 'br') { this.para.breakLine(); continue; }
      if (SGML_HEADER.has(name)) {
        // <TYPE>EX-99.1 and its like: skip the wrapper's own text, read what it wraps.
        this.flush();
        enter(el.children.filter((c) => c.type !== 'text'), false);
        continue;
      }
      if (name === 'table') {
        this.flush();
        // A table holding tables lays out the page: its cells are boxes of ordinary content.
        if (el.hasTable) enter(el.children, true);
        else this.table(el, inner);
        continue;
      }
      if (isNoteReference(el, style)) continue;
      const level = HEADING.exec(name);
      if (level || BLOCK.has(name)) {
        this.flush();
        if (level) this.heading = Number(level[1]);
        enter(el.children, true);
        continue;
      }
      enter(el.children, false);
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
