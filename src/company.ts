import { shortPath } from './build';
import { infer } from './infer';
import { InputError } from './model/errors';
import type { Release } from './model/types';
import { outputStem, writeOutputs } from './output';
import { readFile, type ReadOptions } from './read';
import { buildSeries, type SeriesModel } from './series';
import { seriesJson } from './series/json';
import { toSeriesWorkbook } from './write/workbook/series';

// `tieout model`: several releases → one company model per company they name, written as
// <company>-model.xlsx and .json, all or nothing.

export interface ModelOptions extends ReadOptions {
  out: string;
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

/** The model workbook and JSON of a series, as bytes. */
export function modelOutputs(model: SeriesModel): { name: string; data: string | Buffer }[] {
  const stem = modelStem(model.company);
  return [{ name: `${stem}.json`, data: seriesJson(model) }, { name: `${stem}.xlsx`, data: toSeriesWorkbook(model).toBuffer() }];
}

/** Reads every input, builds one model per company and writes each whole or not at all. */
export async function buildModels(inputs: string[], opts: ModelOptions): Promise<ModelRun> {
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
    const written = await writeOutputs(opts.out, modelStem(model.company), modelOutputs(model));
    models.push({ company: model.company, releases: model.releases.length, written: written.map(shortPath) });
  }
  return { models, refused };
}
