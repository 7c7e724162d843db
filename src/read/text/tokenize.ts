import { InputError } from '../../model/errors';
import type { Place } from '../../model/types';
import { cleanCellText } from '../number';
import type { ProseBlock, RawBlock, RawCell, RawDocument, RawRow, TableBlock } from '../raw';

// The bundled sample's format: markdown prose with tab-separated tables whose cells may carry
// <b>/<u> tags. A line with a tab is a table line; consecutive table lines are one raw table.

const INLINE_TAG = /<\/?(b|u|i|strong|em|sup|sub|span)\b[^>]*>/gi;

function cellOf(text: string, place: Place): RawCell {
  const bold = /<(b|strong)\b/i.test(text);
  const plain = unescapeMarkdown(text.replace(INLINE_TAG, ''));
  return { text: cleanCellText(plain), bold, place };
}

/** Markdown escapes ("US\$450") and hard-break spaces are presentation, not text. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!$|<>~])/g, '$1');
}

function proseBlock(lines: { text: string; line: number }[]): ProseBlock {
  const joined = lines.map((l) => l.text.trimEnd()).join('\n');
  const heading = /^(#{1,6})\s/.exec(joined)?.[1].length ?? 0;
  const stripped = unescapeMarkdown(joined.replace(/^#{1,6}\s+/, ''));
  const bold = /^\s*\*\*[^*]/.test(stripped);
  const text = stripped.replace(/<sup>.*?<\/sup>/gi, '').replace(/\*\*|__/g, '').replace(INLINE_TAG, '');
  return { type: 'prose', text, bold, heading, place: { line: lines[0].line } };
}

export function tokenizeTabText(source: string, file: string): RawDocument {
  const lines = source.split(/\r?\n/);
  const blocks: RawBlock[] = [];
  let para: { text: string; line: number }[] = [];
  let table: TableBlock | null = null;
  let tableNo = 0;

  const flushPara = () => {
    if (para.length) blocks.push(proseBlock(para));
    para = [];
  };
  const flushTable = () => {
    if (table) blocks.push(table);
    table = null;
  };

  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.includes('\t')) {
      flushPara();
      if (!table) {
        tableNo += 1;
        table = { type: 'table', rows: [], place: { line, table: tableNo } };
      }
      const parts = text.split('\t');
      const width = table.rows[0]?.cells.length;
      if (width !== undefined && parts.length !== width) {
        throw new InputError({
          file,
          line,
          expected: `${width} tab-separated cells, as in the table's first row (line ${table.rows[0].place.line})`,
          found: `${parts.length} cells`,
          exitCode: 1,
        });
      }
      const rowNo = table.rows.length + 1;
      const cells = parts.map((p, c) => cellOf(p, { line, table: tableNo, row: rowNo, cell: c + 1 }));
      const indent = /^ */.exec(parts[0])?.[0].length ?? 0;
      const row: RawRow = { cells, place: { line, table: tableNo, row: rowNo }, indent };
      table.rows.push(row);
      return;
    }
    flushTable();
    if (text.trim() === '' || /^-{3,}\s*$/.test(text)) {
      flushPara();
      return;
    }
    para.push({ text, line });
  });
  flushPara();
  flushTable();
  return { format: 'text', bytes: Buffer.byteLength(source), blocks };
}
