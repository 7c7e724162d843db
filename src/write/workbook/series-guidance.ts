import { Decimal } from '../../model/decimal';
import { verdict, type Guided, type Verdict } from '../../series/guidance';
import type { LineItem, SeriesModel } from '../../series/types';
import type { Sheet } from '../xlsx/sheet';
import { GUIDANCE, type ModelPlan } from './series-cells';
import { BOLD_FONT, BOTTOM_BORDER, figureStyle, look, numberFormat, TEXT_FONT, TITLE_FONT } from './styles';
import { pow10 } from './values';

// What each release guided, beside what a later release reported for that period: the range as
// the release stated it, the actual as a live link to its cell in the model (carried to the
// guidance's unit), and in / above / below as a formula over the two.

const HEAD = ['Measure', 'Period', 'Low', 'High', 'Unit', 'Guided in', 'Line item', 'Actual', 'Result', 'Note'];
const SCALE_WORDS: Record<number, string> = { 3: 'thousands', 6: 'millions', 9: 'billions', 12: 'trillions' };

/** A guided figure against its actual, as the sheet and the trend page show it. */
export interface GuidanceRow {
  g: Guided;
  item: LineItem | null;
  /** The model column of the guided period, when the model has one. */
  col: number | null;
  label: string;
  /** The actual in the guidance's unit, its formula, and the verdict; null where not (yet) reported. */
  actual: { value: Decimal; formula: string; verdict: Verdict } | null;
  /** Why there is no verdict: not matched, or not yet reported. */
  note: string | null;
}

/** Each guided figure with its actual from the model's cells (formulas written on `from`). */
export function guidanceRows(model: SeriesModel, plan: ModelPlan, from = GUIDANCE): GuidanceRow[] {
  const byId = new Map(model.items.map((i) => [i.id, i]));
  return model.guidance.map((g) => {
    const c = plan.columns.find((x) => x.year === g.year && x.quarter === g.quarter) ?? null;
    const label = g.quarter ? `${g.year}Q${g.quarter}` : `FY${g.year}`;
    const item = g.item ? byId.get(g.item)! : null;
    const cell = item && c ? plan.cells.get(`${item.id}|${c.col}`) : undefined;
    if (!item || !c || !cell) return { g, item, col: c?.col ?? null, label, actual: null, note: item ? 'not yet reported' : g.why };
    const claim = { low: g.claim.low!, high: g.claim.high, approximate: g.claim.approximate, decimals: g.claim.decimals };
    if (g.over) {
      // A ratio (gross profit over revenue, tax over pre-tax income), a fraction as every percent
      // cell of the workbook is; a numerator printed as a deduction negated.
      const over = byId.get(g.over)!;
      const den = plan.cells.get(`${over.id}|${c.col}`);
      if (!den || den.value.isZero()) return { g, item, col: c.col, label, actual: null, note: 'not yet reported' };
      const ratio = cell.value.times(pow10(item.scale - over.scale)).div(den.value).times(g.negate ? -1 : 1);
      const formula = `${g.negate ? '-' : ''}${plan.ref(item, c, from)}${item.scale === over.scale ? '' : `*${pow10(item.scale - over.scale)}`}/${plan.ref(over, c, from)}`;
      return { g, item, col: c.col, label, actual: { value: ratio.times(100), formula, verdict: verdict(ratio.times(100), claim) }, note: null };
    }
    const shift = item.scale - g.claim.scale;
    const value = cell.value.times(pow10(shift));
    const formula = `${plan.ref(item, c, from)}${shift === 0 ? '' : shift > 0 ? `*${pow10(shift)}` : `/${pow10(-shift)}`}`;
    return { g, item, col: c.col, label, actual: { value, formula, verdict: verdict(value, claim) }, note: null };
  });
}

export function writeGuidance(ws: Sheet, model: SeriesModel, plan: ModelPlan): void {
  ws.set(1, 1, `${model.company} — guidance against what was reported`, look({ font: TITLE_FONT }));
  ws.set(2, 1, 'Low and high as the release stated them; the actual links to the model, carried to the guidance\u2019s unit; an approximate figure is met when the actual rounds to it', look({ font: TEXT_FONT }));
  const bold = look({ font: BOLD_FONT, border: BOTTOM_BORDER });
  const text = look({ font: TEXT_FONT });
  HEAD.forEach((h, i) => ws.set(3, i + 1, h, bold));
  let row = 4;
  const byId = new Map(model.items.map((i) => [i.id, i]));
  for (const r of guidanceRows(model, plan)) {
    const { g } = r;
    const kind = g.claim.unit === 'per-share' ? 'per-share' : g.claim.unit === 'percent' ? 'percent' : 'amount';
    const fmt = numberFormat(kind, g.claim.decimals);
    const sr = model.releases[g.release];
    ws.set(row, 1, g.subject, text);
    ws.set(row, 2, r.label, text);
    // A percent is stored as a fraction, as every percent cell of the workbook is.
    const typed = (v: Decimal) => (kind === 'percent' ? v.div(100) : v).toNumber();
    ws.set(row, 3, typed(g.claim.low!), figureStyle(fmt, 'typed'));
    if (g.claim.high !== null) ws.set(row, 4, typed(g.claim.high), figureStyle(fmt, 'typed'));
    ws.set(row, 5, [g.claim.currency, kind === 'amount' ? SCALE_WORDS[g.claim.scale] : kind === 'per-share' ? 'per share' : 'percent', g.claim.approximate ? '(approximately)' : ''].filter(Boolean).join(' '), text);
    ws.set(row, 6, `${sr.label}: ${sr.release.source.file}`, text);
    ws.set(row, 7, r.item ? `${r.item.label}${g.over ? ` / ${byId.get(g.over)!.label}` : ''}` : '', text);
    if (r.actual) {
      ws.set(row, 8, { formula: r.actual.formula, result: typed(r.actual.value) }, figureStyle(fmt, kind === 'percent' ? 'formula' : 'link'));
      const a = g.claim.approximate ? `ROUND(H${row},${g.claim.decimals + (kind === 'percent' ? 2 : 0)})` : `H${row}`;
      const formula = g.claim.high === null ? `IF(${a}<C${row},"below","in")` : `IF(${a}<C${row},"below",IF(${a}>D${row},"above","in"))`;
      ws.set(row, 9, { formula, result: r.actual.verdict }, text);
    } else ws.set(row, 9, r.note ?? '', text);
    if (g.note && r.actual) ws.set(row, 10, g.note, text);
    row++;
  }
  if (!model.guidance.length) ws.set(row, 1, 'No release gave an outlook for a quarter or year in figures.', text);
  ws.width(1, 34);
  ws.width(2, 9);
  for (const c of [3, 4, 8]) ws.width(c, 11);
  ws.width(5, 22);
  ws.width(6, 38);
  ws.width(7, 30);
  ws.width(9, 44);
  ws.width(10, 44);
  ws.freeze(1, 3);
}
