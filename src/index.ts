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
export type { ModelOptions, ModelRun, OutputOptions } from './company';
export { planSeries, toSeriesWorkbook } from './write/workbook/series';
export { trendView } from './render/trend-view';
export { renderTrend } from './render/html';
export type * from './model/types';
