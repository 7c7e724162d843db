import { Decimal } from '../../model/decimal';
import type { Measures } from '../../series/measures';
import type { LineItem } from '../../series/types';
import type { Sheet } from '../xlsx/sheet';
import { type ModelColumn, type ModelPlan } from './series-cells';
import { BOLD_FONT, figureStyle, ITALIC_FONT, look, numberFormat, TEXT_FONT } from './styles';

// Analysis rows under the income statement, all formulas over the model's own cells: growth on the
// same period a year earlier, margins on revenue, and the last twelve months (four quarters, blank
// when one of them is missing).

/** One analysis row: what it measures, of which line, and its formula cells. */
export interface AnalysisLine {
  key: 'yoy' | 'qoq' | 'margin' | 'ltm';
  item: LineItem;
  label: string;
  cells: { col: number; formula: string; value: Decimal }[];
  percent: boolean;
}

/** The quarter before a column's quarter (the fourth of the year before for a first quarter). */
export function previousQuarter(plan: ModelPlan, c: ModelColumn): ModelColumn | undefined {
  if (c.quarter === null) return undefined;
  const year = c.quarter === 1 ? c.year - 1 : c.year;
  const quarter = c.quarter === 1 ? 4 : c.quarter - 1;
  return plan.columns.find((x) => x.year === year && x.quarter === quarter);
}

/**
 * The analysis rows as formulas written on `sheet`: growth on a year earlier and on the quarter
 * before, margins, the last twelve months. A change on a zero base or across a change of sign is
 * left blank, as releases print n/m.
 */
export function analysisLines(plan: ModelPlan, m: Measures, sheet: string): AnalysisLine[] {
  const lines: AnalysisLine[] = [];
  const cell = (item: LineItem, c: ModelColumn) => plan.cells.get(`${item.id}|${c.col}`);
  const byYearQuarter = new Map(plan.columns.map((c) => [`${c.year}|${c.quarter}`, c]));
  const growth = (item: LineItem, before: (c: ModelColumn) => ModelColumn | undefined) => {
    const cells: AnalysisLine['cells'] = [];
    for (const c of plan.columns) {
      const prior = before(c);
      const now = cell(item, c);
      const then = prior && cell(item, prior);
      if (!now || !then || then.value.isZero() || (now.value.isNegative() !== then.value.isNegative() && !now.value.isZero())) continue;
      cells.push({ col: c.col, formula: `${plan.ref(item, c, sheet)}/${plan.ref(item, prior!, sheet)}-1`, value: now.value.div(then.value).minus(1) });
    }
    return cells;
  };
  const margin = (item: LineItem, on: LineItem) => {
    const cells: AnalysisLine['cells'] = [];
    for (const c of plan.columns) {
      const a = cell(item, c);
      const b = cell(on, c);
      if (!a || !b || b.value.isZero()) continue;
      cells.push({ col: c.col, formula: `${plan.ref(item, c, sheet)}/${plan.ref(on, c, sheet)}`, value: a.value.div(b.value) });
    }
    return cells;
  };
  const ltm = (item: LineItem) => {
    const cells: AnalysisLine['cells'] = [];
    for (const c of plan.columns) {
      if (c.quarter === null) continue;
      const four: ModelColumn[] = [];
      for (let k = 0; k < 4; k++) {
        const q = c.quarter - k;
        const at = byYearQuarter.get(q >= 1 ? `${c.year}|${q}` : `${c.year - 1}|${q + 4}`);
        if (at) four.push(at);
      }
      const parts = four.map((x) => cell(item, x));
      if (four.length < 4 || parts.some((p) => !p)) continue;
      cells.push({ col: c.col, formula: four.map((x) => plan.ref(item, x, sheet)).reverse().join('+'), value: parts.reduce((s, p) => s.plus(p!.value), new Decimal(0)) });
    }
    return cells;
  };
  const yearBefore = (c: ModelColumn) => byYearQuarter.get(`${c.year - 1}|${c.quarter}`);
  for (const item of [m.revenue, m.operating, m.net]) if (item) lines.push({ key: 'yoy', item, label: `${item.label}: growth on a year earlier`, cells: growth(item, yearBefore), percent: true });
  for (const item of [m.revenue, m.operating, m.net]) if (item) lines.push({ key: 'qoq', item, label: `${item.label}: growth on the quarter before`, cells: growth(item, (c) => previousQuarter(plan, c)), percent: true });
  if (m.revenue) {
    for (const item of [m.operating, m.net]) if (item) lines.push({ key: 'margin', item, label: `${item.label}: margin on ${m.revenue.label.toLowerCase()}`, cells: margin(item, m.revenue), percent: true });
  }
  for (const item of [m.revenue, m.net]) if (item) lines.push({ key: 'ltm', item, label: `${item.label}: last twelve months`, cells: ltm(item), percent: false });
  return lines;
}

export function writeAnalysis(ws: Sheet, plan: ModelPlan, m: Measures, row: number): number {
  const lines = analysisLines(plan, m, ws.name);
  if (!lines.length) return row;
  ws.set(row++, 1, 'Analysis', look({ font: BOLD_FONT }));
  const decimals = (m.revenue ?? m.net ?? m.operating)!.decimals;
  for (const line of lines) {
    ws.set(row, 1, line.label, look({ font: TEXT_FONT, alignment: { horizontal: 'left', indent: 1 } }));
    const style = line.percent ? look({ numFmt: numberFormat('percent', 1), font: { ...ITALIC_FONT, italic: false } }) : figureStyle(numberFormat('amount', decimals), 'formula');
    for (const c of line.cells) ws.set(row, c.col, { formula: c.formula, result: c.value.toNumber() }, style);
    row++;
  }
  return row;
}
