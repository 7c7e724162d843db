import path from 'path';
import type { Diagnostic, Release } from './model/types';
import { outputStem, writeOutputs } from './output';
import type { ReadOptions } from './read';
import type { Preview } from './stages';
import type { Printed, Printer } from './render/pdf';
import type { Paper } from './render/view';
import type { BuildWorkers } from './workers';

export interface BuildOptions extends ReadOptions {
  out: string;
  /** Output name stem; defaults to one derived from the input's file name. */
  stem?: string;
  /** False skips the PDF briefing and its HTML (no browser needed). */
  pdf?: boolean;
  paper?: Paper;
  /** The run's one browser; without it a browser is started and closed for this release. */
  printer?: Printer;
  /** The run's worker threads; without them the release is read, inferred and written in this thread. */
  workers?: BuildWorkers;
  /** Told as each stage ends: read, infer, workbook, briefing (a page following the build); with
   * `preview`, the end of inference brings the briefing to show while the rest is written. */
  onStage?: (stage: BuildStage, preview?: Preview) => void;
  /** Renders the preview as soon as the model is inferred (the team page shows it at once). */
  preview?: boolean;
  /** Stops the build: its worker thread ends, its page in the browser closes, nothing is written. */
  signal?: AbortSignal;
}

export type BuildStage = 'read' | 'infer' | 'workbook' | 'briefing';

export interface BuildResult {
  input: string;
  diagnostics: Diagnostic[];
  written: string[];
  timings: Record<string, number>;
  /** The model built (from a worker, revived from its JSON when first asked for). */
  release: () => Release;
}

/** A path as the user would type it: relative below the working directory, absolute elsewhere. */
export function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : path.resolve(p);
}

/** The briefing, printed by the run's browser or, without one, by a browser of its own. */
async function printBriefing(release: Release, opts: BuildOptions): Promise<Printed> {
  // Loaded here, not above: a build without a briefing never loads the browser driver.
  const printer = opts.printer ?? new (await import('./render/pdf')).Printer();
  try {
    return await printer.print(release, { paper: opts.paper }, opts.signal);
  } finally {
    if (!opts.printer) await printer.close();
  }
}

/** Reads one release, infers its relations and writes its outputs, all of them or none. */
export async function buildOne(input: string, opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const pdf = opts.pdf !== false;
  // The browser boots while the release is inferred; an input the readers refuse never starts it.
  const onRead = () => { if (pdf) opts.printer?.warm(); opts.onStage?.('read'); };
  // With workers this thread never loads the readers, inference or ExcelJS.
  const made = opts.workers ? await opts.workers.make(input, opts, onRead, opts.signal) : await (await import('./stages')).make(input, opts, onRead);
  opts.signal?.throwIfAborted();
  opts.onStage?.('infer', made.preview);
  const stem = opts.stem ?? outputStem(input);
  // The briefing prints in the browser's process while the workbook is written (in a worker, or
  // here between the browser's replies): the release is done when the slower of them is.
  let t = performance.now();
  const printing = pdf ? printBriefing(made.release(), opts).then((p) => { made.timings.pdf = performance.now() - t; opts.onStage?.('briefing'); return p; }) : null;
  const [workbook, printed] = await Promise.all([made.workbook().then((w) => { opts.onStage?.('workbook'); return w; }), printing]);
  const files: { name: string; data: string | Buffer }[] = [{ name: `${stem}.json`, data: made.json }, { name: `${stem}.xlsx`, data: workbook }];
  if (printed) files.push({ name: `${stem}.pdf`, data: printed.pdf }, { name: `${stem}.html`, data: printed.html });
  opts.signal?.throwIfAborted();
  t = performance.now();
  const written = await writeOutputs(opts.out, stem, files);
  made.timings.write = performance.now() - t;
  made.timings.total = performance.now() - t0;
  return { input, diagnostics: made.diagnostics, written: written.map(shortPath), timings: made.timings, release: made.release };
}
