import { shortPath } from './build';
import { infer } from './infer';
import { InputError } from './model/errors';
import type { Release } from './model/types';
import { outputStem, writeOutputs } from './output';
import { readFile, type ReadOptions } from './read';
import { buildSeries, type SeriesModel } from './series';
import { seriesJson } from './series/json';
import type { Printer } from './render/pdf';
import type { Paper } from './render/view';
import { planSeries, toSeriesWorkbook } from './write/workbook/series';
import type { ModelLayout } from './write/workbook/series-cells';

// `tieout model`: several releases → one company model per company they name, written as
// <company>-model.xlsx and .json, all or nothing.

export interface ModelOptions extends ReadOptions, OutputOptions {
  out: string;
}

export interface OutputOptions {
  /** False skips the trend page (PDF and HTML): no browser needed. */
  pdf?: boolean;
  paper?: Paper;
  layout?: ModelLayout;
  /** The run's one browser; without it a browser is started and closed for the run. */
  printer?: Printer;
}

export interface ModelResult {
  company: string;
  releases: number;
  written: string[];
}

export interface ModelRun {
  models: ModelResult[];
  /** Inputs that could not be read as a release, with the reason (one line each). */
  refused: { input: string; message: string }[];
}

/** The company's name as a file name stem. */
export function modelStem(company: string): string {
  return `${outputStem(company.replace(/\s+/g, '-'))}-model`;
}

/** The model workbook, JSON and (unless pdf is false) trend page of a series, as bytes. */
export async function modelOutputs(model: SeriesModel, opts: OutputOptions = {}): Promise<{ name: string; data: string | Buffer }[]> {
  const stem = modelStem(model.company);
  const planned = planSeries(model, opts.layout);
  const files: { name: string; data: string | Buffer }[] = [{ name: `${stem}.json`, data: seriesJson(model) }, { name: `${stem}.xlsx`, data: toSeriesWorkbook(model, planned).toBuffer() }];
  if (opts.pdf === false) return files;
  // Loaded here: a run without the trend page never loads the template engine or the browser driver.
  const [{ renderTrend }, { trendView }, { Printer }] = await Promise.all([import('./render/html'), import('./render/trend-view'), import('./render/pdf')]);
  const printer = opts.printer ?? new Printer();
  try {
    const paper = opts.paper ?? 'a4';
    const printed = await printer.printPage((scale) => renderTrend(trendView(model, planned.plan, { paper, scale })), paper, `the trend page of ${model.company}`);
    files.push({ name: `${stem}.pdf`, data: printed.pdf }, { name: `${stem}.html`, data: printed.html });
  } finally {
    if (!opts.printer) await printer.close();
  }
  return files;
}

/** Reads every input, builds one model per company and writes each whole or not at all. */
export async function buildModels(inputs: string[], opts: ModelOptions): Promise<ModelRun> {
  // One browser for every company's trend page, booting while the releases are read.
  const printer = opts.pdf === false ? undefined : opts.printer ?? new (await import('./render/pdf')).Printer();
  try {
    printer?.warm();
    return await modelRun(inputs, { ...opts, printer });
  } finally {
    if (printer && !opts.printer) await printer.close();
  }
}

async function modelRun(inputs: string[], opts: ModelOptions): Promise<ModelRun> {
  const releases: Release[] = [];
  const refused: ModelRun['refused'] = [];
  for (const input of inputs) {
    try {
      const r = await readFile(input, opts);
      infer(r);
      releases.push(r);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      refused.push({ input, message: err.message });
    }
  }
  if (!releases.length) throw new InputError({ file: inputs.join(', '), expected: 'at least one readable release', found: 'none', exitCode: 1 });
  const models: ModelResult[] = [];
  for (const model of buildSeries(releases)) {
    // Releases with no dated statement column cannot be placed in any period: nothing to model.
    if (!model.releases.length) {
      for (const note of model.notes) refused.push({ input: note.replace(/: .*$/, ''), message: note.replace(/; left out$/, '') });
      continue;
    }
    const written = await writeOutputs(opts.out, modelStem(model.company), await modelOutputs(model, opts));
    models.push({ company: model.company, releases: model.releases.length, written: written.map(shortPath) });
  }
  return { models, refused };
}
