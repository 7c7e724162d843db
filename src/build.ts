import path from 'path';
import { infer } from './infer';
import type { Release } from './model/types';
import { outputStem, writeOutputs } from './output';
import { readFile, type ReadOptions } from './read';
import { Printer } from './render/pdf';
import type { Paper } from './render/view';
import { toJson } from './write/json';
import { toXlsxBuffer } from './write/workbook';

export interface BuildOptions extends ReadOptions {
  out: string;
  /** Output name stem; defaults to one derived from the input's file name. */
  stem?: string;
  /** False skips the PDF briefing and its HTML (no browser needed). */
  pdf?: boolean;
  paper?: Paper;
  /** The run's one browser; without it a browser is started and closed for this release. */
  printer?: Printer;
}

export interface BuildResult {
  input: string;
  release: Release;
  written: string[];
  timings: Record<string, number>;
}

/** A path as the user would type it: relative below the working directory, absolute elsewhere. */
function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : path.resolve(p);
}

/** Reads one release, infers its relations and writes its outputs, all of them or none. */
export async function buildOne(input: string, opts: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => { const now = performance.now(); timings[name] = now - t; t = now; };
  const release = await readFile(input, opts);
  lap('read');
  // The browser boots while the release is inferred and its workbook written; an input the
  // readers refuse never starts it.
  if (opts.pdf !== false) opts.printer?.warm();
  infer(release);
  lap('infer');
  const stem = opts.stem ?? outputStem(input);
  const files: { name: string; data: string | Buffer }[] = [{ name: `${stem}.json`, data: toJson(release) }];
  lap('json');
  files.push({ name: `${stem}.xlsx`, data: await toXlsxBuffer(release) });
  lap('xlsx');
  if (opts.pdf !== false) {
    const printer = opts.printer ?? new Printer();
    try {
      const printed = await printer.print(release, { paper: opts.paper });
      files.push({ name: `${stem}.pdf`, data: printed.pdf }, { name: `${stem}.html`, data: printed.html });
    } finally {
      if (!opts.printer) await printer.close();
    }
    lap('pdf');
  }
  const written = await writeOutputs(opts.out, files);
  lap('write');
  return { input, release, written: written.map(shortPath), timings };
}
