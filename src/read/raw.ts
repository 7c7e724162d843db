import type { Place } from '../model/types';

// What a tokenizer hands to the table builder: the document as prose paragraphs and raw tables,
// every piece with its place. Tokenizers know their format; the builder knows statements.

export interface RawCell {
  text: string;
  bold: boolean;
  place: Place;
}

export interface RawRow {
  cells: RawCell[];
  place: Place;
  /** Leading indentation of the label where the format shows it (spaces, CSS padding), in characters. */
  indent: number;
  /** A rule is printed over the row's figures (a line above them, or under the row before): it closes a sum. */
  ruled?: boolean;
}

export interface ProseBlock {
  type: 'prose';
  text: string;
  /** Heading level or bold paragraph: candidates for statement titles. */
  bold: boolean;
  heading: number;
  place: Place;
}

export interface TableBlock {
  type: 'table';
  rows: RawRow[];
  place: Place;
}

export type RawBlock = ProseBlock | TableBlock;

export interface RawDocument {
  format: string;
  bytes: number;
  blocks: RawBlock[];
}
