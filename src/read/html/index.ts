import { InputError } from '../../model/errors';
import type { RawDocument } from '../raw';
import type { Reader } from '../reader';
import { MAX_DEPTH, TooDeepError } from './dom';
import { LineIndex } from './lines';
import { Walker } from './walk';

// EDGAR exhibits (8-K/6-K EX-99.1, bare or inside the SGML <DOCUMENT>…<TEXT> wrapper) and company
// newsroom pages. htmlparser2 is forgiving of the unclosed tags of old filings and reports each
// node's offset, which gives every prose block and cell its line.

const SNIFF_CHARS = 256 * 1024;

/** How sure we are that a text is HTML with tables: 0.95 for table markup, 0.6 for a page without any. */
export function sniffHtml(text: string): number {
  // Case-insensitive searches rather than a lower-cased copy of the head: no tag name has a
  // letter that only lower-casing (not /i) would fold from outside ASCII (the Kelvin sign to "k").
  const head = text.slice(0, SNIFF_CHARS);
  const tables = /<table/i.test(head) && /<t[dr]/i.test(head);
  if (tables) return 0.95;
  // An SGML <TABLE> with <S>/<C> column tags is a fixed-width text exhibit, not HTML.
  if (/<html|<!doctype html|<body/i.test(head)) return 0.6;
  return 0;
}

export function tokenizeHtml(source: string, file: string): RawDocument {
  const lines = new LineIndex(source);
  const walker = new Walker(lines);
  try {
    walker.read(source);
  } catch (err) {
    if (!(err instanceof TooDeepError)) throw err;
    throw new InputError({ file, line: lines.lineAt(err.offset), expected: `HTML nested at most ${MAX_DEPTH} elements deep`, found: 'deeper nesting', exitCode: 1 });
  }
  return { format: 'html', bytes: Buffer.byteLength(source), blocks: walker.blocks };
}

export const htmlReader: Reader = {
  name: 'html',
  description: 'EDGAR HTML exhibits (with or without the SGML wrapper) and newsroom pages',
  sniff: sniffHtml,
  tokenize: tokenizeHtml,
};
