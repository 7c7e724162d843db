import type { ValueKind } from '../../model/types';
import { MODEL_KINDS, type ModelKind } from '../../series/periods';
import type { SeriesModel } from '../../series/types';
import type { Sheet } from '../xlsx/sheet';
import type { Style } from '../xlsx/styles';
import { Workbook } from '../xlsx/workbook';
import { planFormulas } from './formulas';
import { planLayout, type Layout } from './layout';
import { mainMeasures } from '../../series/measures';
import { writeAnalysis } from './series-analysis';
import { END_ROW, FIRST_ITEM_ROW, GUIDANCE, LABEL_ROW, MODEL_CHECKS, MODEL_SHEETS, planModel, RESTATEMENTS, type ModelLayout, type ModelPlan } from './series-cells';
import { writeGuidance } from './series-guidance';
import { writeModelChecks } from './series-checks';
import { writeRestatements } from './series-restatements';
import { writeStatementSheet } from './statement-sheet';
import { BOLD_FONT, BOTTOM_BORDER, COLOURS, FONT_NAME, FONT_SIZE, GREY_FONT, ITALIC_FONT, look, numberFormat, printSetup, TEXT_FONT, TITLE_FONT } from './styles';

// The company model as a workbook: a sheet per statement with the quarters and years side by side
// (every reported figure a green link to the release sheet that printed it last, derived quarters
// black italic formulas), Restatements, Checks, then each release's own statement sheets.

const FY_FILL = 'FFF2F2F2';
const RESTATED_FILL = 'FFFCE4D6';
const SPLIT_FILL = 'FFFFF2CC';
const SCALE_WORDS: Record<number, string> = { 0: '', 3: 'thousands', 6: 'millions', 9: 'billions' };

/** The look of a model figure: its format, who made it (link or derivation), and what marks it. */
export function modelStyle(kind: ValueKind, decimals: number, origin: 'link' | 'derived', bold: boolean, fill: string | null): Style {
  const font = { name: FONT_NAME, size: FONT_SIZE, bold, italic: origin === 'derived', color: { argb: origin === 'link' ? COLOURS.link : COLOURS.formula } };
  return look({ numFmt: numberFormat(kind, decimals), font, ...(fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } } } : {}) });
}

/** Where every sheet and cell of the model workbook goes: the releases' sheets and the model's cells. */
export interface SeriesPlan {
  layouts: Layout[];
  plan: ModelPlan;
}

const OWN_SHEETS = [...Object.values(MODEL_SHEETS), RESTATEMENTS, GUIDANCE, MODEL_CHECKS];

export function planSeries(model: SeriesModel, layout: ModelLayout = 'years'): SeriesPlan {
  // The releases' own statement sheets, one set per release, named by the release's period.
  const taken = new Set(OWN_SHEETS.map((n) => n.toLowerCase()));
  const layouts: Layout[] = model.releases.map((sr) => planLayout(sr.release, { prefix: sr.label, taken }));
  return { layouts, plan: planModel(model, layouts, layout) };
}

export function toSeriesWorkbook(model: SeriesModel, planned: SeriesPlan = planSeries(model)): Workbook {
  const latest = model.releases[model.releases.length - 1]?.release;
  const created = new Date(`${latest?.meta.releaseDate ?? latest?.meta.periodEnd ?? model.releases[model.releases.length - 1]?.periodEnd ?? '2000-01-01'}T00:00:00Z`);
  const wb = new Workbook({ creator: 'tieout', created: Number.isNaN(created.getTime()) ? new Date(Date.UTC(2000, 0, 1)) : created });
  const kinds = MODEL_KINDS.filter((k) => model.items.some((i) => i.kind === k));
  const modelSheets = kinds.map((k) => wb.addSheet(MODEL_SHEETS[k]));
  const restatements = wb.addSheet(RESTATEMENTS);
  const guidance = wb.addSheet(GUIDANCE);
  const checks = wb.addSheet(MODEL_CHECKS);
  const { layouts, plan } = planned;
  model.releases.forEach((sr, i) => {
    // Conversions read the single-release workbook's FX cell, which the model has not: typed here.
    const release = { ...sr.release, fx: null };
    const formulas = planFormulas(release, layouts[i]);
    layouts[i].sheets.forEach((s) => writeStatementSheet(wb.addSheet(s.name), s, release, formulas));
  });
  kinds.forEach((k, i) => writeModelSheet(modelSheets[i], model, k, plan));
  writeRestatements(restatements, model, plan);
  writeGuidance(guidance, model, plan);
  writeModelChecks(checks, model, plan);
  return wb;
}

function writeModelSheet(ws: Sheet, model: SeriesModel, kind: ModelKind, plan: ModelPlan): void {
  const items = model.items.filter((i) => i.kind === kind);
  const latest = model.releases[model.releases.length - 1].release;
  ws.set(1, 1, `${model.company} — ${MODEL_SHEETS[kind]}`, look({ font: TITLE_FONT }));
  const amounts = items.find((i) => i.valueKind === 'amount' && i.sources.size);
  ws.set(2, 1, `${[latest.meta.currency, SCALE_WORDS[amounts?.scale ?? 0]].filter(Boolean).join(' ')}, per-share figures and share counts as printed; green: linked to the release that printed it last; black italic: derived; orange: restated; yellow: across a stock split`.replace(/^\s+/, ''), look({ font: ITALIC_FONT }));
  // The non-GAAP sheet says what it holds and what it leaves out.
  if (kind === 'non-gaap') ws.set(3, 1, 'From the releases\u2019 non-GAAP reconciliation tables: the lines printed by two releases or more (a one-time table stays on its release\u2019s own sheet)', look({ font: ITALIC_FONT }));
  const head = (fy: boolean) => look({ font: BOLD_FONT, alignment: { horizontal: 'center' }, ...(fy ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FY_FILL } } } : {}) });
  const endStyle = (fy: boolean) => look({ font: GREY_FONT, alignment: { horizontal: 'center' }, border: BOTTOM_BORDER, ...(fy ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FY_FILL } } } : {}) });
  const ends = periodEnds(model, kind, plan);
  for (const c of plan.columns) {
    ws.set(LABEL_ROW, c.col, c.label, head(c.quarter === null));
    ws.set(END_ROW, c.col, ends.get(c.col) ?? '', endStyle(c.quarter === null));
    ws.width(c.col, 11);
  }
  const labelsCol = plan.columns.length + 2;
  ws.set(END_ROW, 1, 'Line item', look({ font: BOLD_FONT, border: BOTTOM_BORDER }));
  ws.set(END_ROW, labelsCol, 'Earlier labels', look({ font: BOLD_FONT, border: BOTTOM_BORDER }));
  ws.width(1, 44);
  ws.width(labelsCol, 40);
  const restated = new Set(model.restatements.map((r) => `${r.item}|${r.period}`));
  for (const item of items) {
    const y = plan.rows.get(item.id)!;
    const bold = item.emphasis === 'total' || item.emphasis === 'subtotal' || item.emphasis === 'header';
    ws.set(y, 1, item.label, look({ font: bold ? BOLD_FONT : TEXT_FONT, alignment: { horizontal: 'left', indent: item.depth } }));
    if (item.labels.length) ws.set(y, labelsCol, item.labels.join('; '), look({ font: GREY_FONT }));
    for (const c of plan.columns) {
      const cell = plan.cells.get(`${item.id}|${c.col}`);
      if (!cell) continue;
      const key = plan.keyOf(item, c);
      const acrossSplit = model.split !== null && (item.valueKind === 'per-share' || item.valueKind === 'shares') && cell.source !== null && cell.source.release < model.split.release;
      const fill = restated.has(`${item.id}|${key}`) ? RESTATED_FILL : acrossSplit ? SPLIT_FILL : c.quarter === null ? FY_FILL : null;
      ws.set(y, c.col, { formula: cell.formula, result: cell.value.toNumber() }, modelStyle(item.valueKind, item.decimals, cell.origin, item.emphasis === 'total' || item.emphasis === 'subtotal', fill));
    }
  }
  let row = FIRST_ITEM_ROW + items.length + 1;
  if (kind === 'income') row = writeAnalysis(ws, plan, mainMeasures(model.items), row);
  ws.freeze(1, END_ROW);
  ws.page = printSetup([LABEL_ROW, END_ROW]);
}

/** The date each column's period ends on, as the releases print it (a derived quarter ends with its year to date). */
function periodEnds(model: SeriesModel, kind: ModelKind, plan: ModelPlan): Map<number, string> {
  const out = new Map<number, string>();
  for (const item of model.items) {
    if (item.kind !== kind) continue;
    for (const c of plan.columns) {
      if (out.has(c.col)) continue;
      const list = item.sources.get(plan.keyOf(item, c));
      const s = list?.[list.length - 1];
      if (!s) continue;
      const sr = model.releases[s.release];
      const st = sr.release.statements.find((x) => x.id === s.ref.statement)!;
      const end = st.tables[s.ref.table].columns[s.ref.col]?.period?.end;
      if (end) out.set(c.col, end);
    }
  }
  // A quarter no release printed ends where its year to date ends.
  for (const d of model.derivations) {
    const c = plan.column(d.period);
    if (!c || out.has(c.col)) continue;
    const ytd = d.plus[0];
    if ('source' in ytd) {
      const st = model.releases[ytd.source.release].release.statements.find((x) => x.id === ytd.source.ref.statement)!;
      const end = st.tables[ytd.source.ref.table].columns[ytd.source.ref.col]?.period?.end;
      if (end) out.set(c.col, end);
    } else {
      const fy = plan.column(ytd.model);
      if (fy && out.has(fy.col)) out.set(c.col, out.get(fy.col)!);
    }
  }
  return out;
}

