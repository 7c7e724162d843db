import { infer } from './infer';
import type { Diagnostic, Release } from './model/types';
import { readFile, type ReadOptions } from './read';
import { toJsonBytes } from './write/json';
import { toXlsxBuffer } from './write/workbook';

// The CPU-bound part of building a release: read, infer, JSON, workbook. The same function runs in
// this thread (the library, the tests) or in a worker thread (the CLI), so there is one sequence.

export interface Made {
  /** The model as written to <stem>.json, as UTF-8 bytes (they cross from a worker without a copy). */
  json: Buffer;
  diagnostics: Diagnostic[];
  /** The model itself; from a worker it is revived from the JSON when first asked for (a build
   * without a briefing never needs it in this thread). */
  release(): Release;
  /** Writes the workbook; started when asked, so a caller can begin printing first. */
  workbook(): Promise<Buffer>;
  /** Milliseconds per stage: read, infer, json, and xlsx once the workbook is written. */
  timings: Record<string, number>;
}

/** Reads and infers one release; `onRead` is called once the input has been read (and so is a release). */
export async function make(input: string, opts: ReadOptions = {}, onRead?: () => void): Promise<Made> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => { const now = performance.now(); timings[name] = now - t; t = now; };
  const release = await readFile(input, opts);
  lap('read');
  onRead?.();
  infer(release);
  lap('infer');
  const json = toJsonBytes(release);
  lap('json');
  return {
    release: () => release,
    diagnostics: release.diagnostics,
    json,
    timings,
    async workbook() {
      const t0 = performance.now();
      const data = await toXlsxBuffer(release);
      timings.xlsx = performance.now() - t0;
      return data;
    },
  };
}
