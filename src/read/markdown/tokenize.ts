import type { RawBlock, RawDocument } from '../raw';
import { alignPipeTable, type PipeRow } from './align';
import { gridBlocks } from './grid';
import { splitUnitsCaption } from './labels';
import { isPipeLine, isSeparatorLine, markdownText, pipeCell, splitPipes } from './pipes';

// Newswire copies in markdown: paragraphs, headings, and pipe tables. A run of pipe lines is one
// table; the separator line is dropped wherever it stands (wire copies put it under a title row).

// Module constants, not literals in the functions (see pipes.ts).
const HEADING = /^(#{1,6})\s/;
const HEADING_MARK = /^#{1,6}\s+/;
const BOLD_LEAD = /^\*\*([^*\n]+)\*\*(?=\S)/;
const BOLD_START = /^\*\*/;
const BOLD_TEXT = /^\*\*[^*]/;
const UNDERSCORE_BOLD_TEXT = /^__[^_]/;
const RULE = /^\s*(-{3,}|\*{3,}|_{3,})\s*$/;

/** Cuts a markdown paragraph into prose blocks; a bold lead-in ("**Outlook**Text ...") is its own block. */
export function proseBlocks(lines: { text: string; line: number }[]): RawBlock[] {
  const first = lines[0];
  let joined = first.text.trim();
  for (let i = 1; i < lines.length; i++) joined += `\n${lines[i].text.trim()}`;
  const heading = HEADING.exec(joined)?.[1].length ?? 0;
  const body = joined.replace(HEADING_MARK, '');
  const place = { line: first.line };
  const lead = BOLD_LEAD.exec(body);
  if (lead && heading === 0) {
    const rest = body.slice(lead[0].length);
    return [
      { type: 'prose', text: markdownText(lead[1]).trim(), bold: true, heading: 0, place },
      { type: 'prose', text: eachLine(rest, markdownText).trim(), bold: BOLD_START.test(rest), heading: 0, place },
    ];
  }
  const bold = BOLD_TEXT.test(body) || UNDERSCORE_BOLD_TEXT.test(body);
  let text = eachLine(body, plainLine);
  // A heading or bold title that runs on into its units caption gives the caption its own line.
  if ((heading > 0 || bold) && text.length < 300) text = eachLine(text, captionOwnLine);
  return [{ type: 'prose', text, bold, heading, place }];
}

function plainLine(line: string): string {
  return markdownText(line).trim();
}

function captionOwnLine(line: string): string {
  return splitUnitsCaption(line).join('\n');
}

/** `fn` on each line of a text, the results joined by line breaks; a text of one line (most paragraphs) is not split. */
function eachLine(text: string, fn: (line: string) => string): string {
  return text.includes('\n') ? text.split('\n').map(fn).join('\n') : fn(text);
}

export function tokenizeMarkdown(source: string, file: string): RawDocument {
  // Most sources have no comment and no carriage return: no regular expression runs over the whole text for them.
  const clean = source.includes('<!--') ? source.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' ')) : source;
  const lines = clean.includes('\r') ? clean.split(/\r?\n/) : clean.split('\n');
  const blocks: RawBlock[] = [];
  let para: { text: string; line: number }[] = [];
  let table: PipeRow[] = [];
  let tableNo = 0;
  const flushPara = () => {
    if (para.length) for (const b of proseBlocks(para)) blocks.push(b);
    para = [];
  };
  const flushTable = () => {
    if (table.length) {
      tableNo += 1;
      for (const b of gridBlocks(alignPipeTable(table, tableNo))) blocks.push(b);
    }
    table = [];
  };
  lines.forEach((text, i) => {
    const line = i + 1;
    if (isPipeLine(text)) {
      flushPara();
      if (!isSeparatorLine(text)) table.push({ cells: splitPipes(text).map(pipeCell), line });
      return;
    }
    flushTable();
    if (text.trim() === '' || RULE.test(text)) { flushPara(); return; }
    para.push({ text, line });
  });
  flushPara();
  flushTable();
  return { format: 'markdown', bytes: Buffer.byteLength(source), blocks };
}
