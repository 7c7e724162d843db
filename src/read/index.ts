import path from 'path';
import { InputError } from '../model/errors';
import { shownName } from '../names';
import type { Diagnostic, Release } from '../model/types';
import { htmlReader } from './html';
import { fixedReader } from './fixed';
import { flatReader } from './flat';
import { loadInput } from './input';
import { markdownReader } from './markdown';
import { readExchangeRate, readMeta } from './meta';
import type { ProseBlock } from './raw';
import type { Reader } from './reader';
import { buildStatements } from './statements';
import { textReader } from './text';
import { currenciesIn } from './units';

export type { Reader } from './reader';

const READERS: Reader[] = [textReader, htmlReader, markdownReader, fixedReader, flatReader];

/** Adds a reader; later readers win ties in sniffing. */
export function registerReader(reader: Reader): void {
  const at = READERS.findIndex((r) => r.name === reader.name);
  if (at >= 0) READERS.splice(at, 1, reader);
  else READERS.push(reader);
}

export function readers(): readonly Reader[] {
  return READERS;
}

/** The reader named by --from, or the one whose sniff is most confident. */
export function chooseReader(text: string, file: string, from?: string): Reader {
  if (from) {
    const named = READERS.find((r) => r.name === from);
    if (!named) throw new InputError({ file, expected: `a reader named one of ${READERS.map((r) => r.name).join(', ')}`, found: JSON.stringify(from) });
    return named;
  }
  let best: Reader | null = null;
  let score = 0;
  for (const r of READERS) {
    const s = r.sniff(text);
    if (s >= score && s > 0) { best = r; score = s; }
  }
  if (!best) {
    throw new InputError({ file, expected: 'an earnings release with financial tables (tab-separated, markdown, HTML or fixed-width text)', found: 'no table in any format read here', exitCode: 1 });
  }
  return best;
}

export interface ReadOptions {
  from?: string;
}

/** Parses a release's text into the model (statements, metadata, rate); inference comes after. */
export function readText(text: string, file: string, opts: ReadOptions = {}): Release {
  const reader = chooseReader(text, file, opts.from);
  const doc = reader.tokenize(text, file);
  const prose = doc.blocks.filter((b): b is ProseBlock => b.type === 'prose');
  const diagnostics: Diagnostic[] = [];
  const docCurrency = currenciesIn(prose.slice(0, 40).map((p) => p.text).join(' '))[0] ?? null;
  const statements = buildStatements(doc.blocks, docCurrency, diagnostics);
  if (statements.length === 0) {
    throw new InputError({ file, expected: 'at least one table of figures (a financial statement)', found: `none (${doc.blocks.length} paragraphs of text read as ${reader.name})`, exitCode: 1 });
  }
  return {
    source: { file: shownName(path.basename(file)), format: reader.name, bytes: doc.bytes },
    meta: readMeta(prose, statements),
    fx: readExchangeRate(prose),
    statements,
    facts: [],
    prose: prose.map(({ text, heading, bold, place }) => ({ text, heading, bold, place })),
    relations: [],
    untied: [],
    diagnostics,
  };
}

export async function readFile(file: string, opts: ReadOptions = {}): Promise<Release> {
  const notes: Diagnostic[] = [];
  const release = readText(await loadInput(file, notes), file, opts);
  release.diagnostics.unshift(...notes);
  return release;
}
