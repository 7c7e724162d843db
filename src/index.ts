// The library API the CLI uses: read → infer → writers.
export { readFile, readText, registerReader, readers } from './read';
export type { ReadOptions } from './read';
export { infer } from './infer';
export { toJson } from './write/json';
export { toBriefingHtml } from './render/html';
export { toPdf, Printer } from './render/pdf';
export type { BriefingOptions, Paper } from './render/view';
export { toWorkbook, toXlsxBuffer } from './write/workbook';
export { InputError } from './model/errors';
export { buildSeries } from './series';
export type { SeriesModel } from './series';
export { buildModels, modelOutputs } from './company';
export type { ModelOptions, ModelRun } from './company';
export { toSeriesWorkbook } from './write/workbook/series';
export type * from './model/types';
