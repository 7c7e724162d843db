import type { RawDocument } from './raw';

/** A reader knows one format: how likely a text is in it, and how to cut it into prose and raw tables. */
export interface Reader {
  name: string;
  description: string;
  /** 0 = not this format, 1 = certainly this format. */
  sniff(text: string): number;
  tokenize(text: string, file: string): RawDocument;
}
