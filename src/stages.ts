import { infer } from './infer';
import type { Diagnostic, Release } from './model/types';
import { readFile, type ReadOptions } from './read';
import { toJsonBytes } from './write/json';
import { toXlsxBuffer } from './write/workbook';
import type { Card } from './serve/card';

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
  /** Milliseconds per stage: read, infer, json, preview when asked for, and xlsx once the workbook is written. */
  timings: Record<string, number>;
  /** The briefing to show before the workbook and the PDF are written, when asked for. */
  preview?: Preview;
}

/**
 * The briefing as a page shows it while the build goes on: the template's HTML of the model at full
 * size (the PDF's is the same page fitted to the paper) and what the page says of the release.
 */
export interface Preview {
  html: Buffer;
  card: Card;
}

/** The preview of an inferred release. Loaded when asked for: a run without a page never loads the templates. */
export function previewOf(release: Release): Preview {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { renderView } = require('./render/html') as typeof import('./render/html');
  const { briefingView } = require('./render/view') as typeof import('./render/view');
  const { cardOf } = require('./serve/card') as typeof import('./serve/card');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const view = briefingView(release);
  return { html: Buffer.from(renderView(view)), card: cardOf(release, view) };
}

export interface MakeOptions extends ReadOptions {
  /** Also render the preview (the team page shows it while the workbook and the PDF are written). */
  preview?: boolean;
}

/** Reads and infers one release; `onRead` is called once the input has been read (and so is a release). */
export async function make(input: string, opts: MakeOptions = {}, onRead?: () => void): Promise<Made> {
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
  const preview = opts.preview ? previewOf(release) : undefined;
  if (preview) lap('preview');
  return {
    preview,
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
