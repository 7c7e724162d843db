import { Decimal, roundTo } from '../../model/decimal';
import { rowKey } from '../../model/refs';
import type { Footing } from '../../model/types';
import type { LineItem, Operand, SeriesModel } from '../../series/types';
import type { Sheet } from '../xlsx/sheet';
import { derivationFormula, MODEL_CHECKS, RESTATEMENTS, scaled, type ModelCell, type ModelPlan } from './series-cells';
import { BOLD_FONT, BOTTOM_BORDER, figureStyle, look, numberFormat, TEXT_FONT, TITLE_FONT } from './styles';
import { pow10 } from './values';

// The model's own proof, recomputed by any spreadsheet: each release's footings in every period
// column of the model, quarters against the year to date and full year they belong to, the
// balance-sheet identity per column, and the restatements. A kind of check with nothing to compare
// says INCONCLUSIVE: it has not passed.

export const MODEL_CHECK_COUNT = 'B3';
export const MODEL_CHECK_FAILS = 'B4';
export const MODEL_CHECK_STATUS = 'B6';
const HEAD_ROW = 8;
const HEAD = ['Check', 'Line item', 'Period', 'Reported', 'Recomputed', 'Difference', 'Tolerance', 'Status', 'What'];

interface Check { kind: string; item: LineItem; period: string; reported: string; reportedValue: Decimal; recomputed: string; recomputedValue: Decimal; tolerance: Decimal; what: string }

type Status = 'ties' | 'within rounding' | 'fails';

/** A check's difference at the line's printed decimals, and what it makes of it. */
function judged(c: Check): { diff: Decimal; status: Status } {
  const diff = roundTo(c.reportedValue.minus(c.recomputedValue), c.item.decimals);
  return { diff, status: diff.isZero() ? 'ties' : diff.abs().lte(c.tolerance) ? 'within rounding' : 'fails' };
}

function sectionsOf(model: SeriesModel, plan: ModelPlan): { title: string; checks: Check[]; none: string }[] {
  const byId = new Map(model.items.map((i) => [i.id, i]));
  return [
    { title: 'Footings in every period column', checks: footings(model, plan, byId), none: 'no footing of a release has all its lines in one period column of the model' },
    { title: 'Quarters against the year to date and full year', checks: quarters(model, plan, byId), none: 'no quarter is both printed and derivable from a year to date' },
    { title: 'Balance-sheet identity', checks: identity(model, plan), none: 'no column holds both total assets and total liabilities and equity' },
  ];
}

/** What the Checks sheet finds, as data: how many checks, and each that fails (line item, period). */
export interface CheckSummary {
  count: number;
  fails: { item: string; label: string; period: string; kind: string }[];
}

export function checkSummary(model: SeriesModel, plan: ModelPlan): CheckSummary {
  const all = sectionsOf(model, plan).flatMap((s) => s.checks);
  return { count: all.length, fails: all.filter((c) => judged(c).status === 'fails').map((c) => ({ item: c.item.id, label: c.item.label, period: c.period, kind: c.kind })) };
}

export function writeModelChecks(ws: Sheet, model: SeriesModel, plan: ModelPlan): void {
  const sections = sectionsOf(model, plan);
  ws.set(1, 1, `${model.company} — checks of the model`, look({ font: TITLE_FONT }));
  const bold = look({ font: BOLD_FONT });
  const text = look({ font: TEXT_FONT });
  HEAD.forEach((h, i) => ws.set(HEAD_ROW, i + 1, h, look({ font: BOLD_FONT, border: BOTTOM_BORDER })));
  let row = HEAD_ROW + 1;
  const first = row;
  let count = 0;
  let fails = 0;
  let rounding = 0;
  for (const s of sections) {
    ws.set(row++, 1, s.title, bold);
    if (!s.checks.length) { ws.set(row++, 1, `INCONCLUSIVE: ${s.none}`, text); continue; }
    for (const c of s.checks) {
      const fmt = numberFormat(c.item.valueKind, c.item.decimals);
      const { diff, status } = judged(c);
      count++;
      if (status === 'fails') fails++;
      if (status === 'within rounding') rounding++;
      ws.set(row, 1, c.kind, text);
      ws.set(row, 2, c.item.label, text);
      ws.set(row, 3, c.period, text);
      ws.set(row, 4, { formula: c.reported, result: c.reportedValue.toNumber() }, figureStyle(fmt, 'link'));
      ws.set(row, 5, { formula: c.recomputed, result: c.recomputedValue.toNumber() }, figureStyle(fmt, 'formula'));
      ws.set(row, 6, { formula: `ROUND(D${row}-E${row},${c.item.decimals})`, result: diff.toNumber() }, figureStyle(fmt, 'formula'));
      ws.set(row, 7, c.tolerance.toNumber(), figureStyle(fmt, 'typed'));
      ws.set(row, 8, { formula: `IF(F${row}=0,"ties",IF(ABS(F${row})<=G${row},"within rounding","fails"))`, result: status }, text);
      ws.set(row, 9, c.what, text);
      row++;
    }
  }
  ws.set(row++, 1, 'Restatements', bold);
  ws.set(row++, 1, model.restatements.length ? `${model.restatements.length} periods printed differently by a later release: listed on ${RESTATEMENTS}` : 'none: no period was printed differently by a later release', text);
  const last = row - 1;
  ws.set(3, 1, 'Checks', text);
  ws.set(3, 2, { formula: `COUNT(F${first}:F${last})`, result: count }, text);
  ws.set(4, 1, 'Beyond rounding', text);
  ws.set(4, 2, { formula: `COUNTIF(H${first}:H${last},"fails")`, result: fails }, text);
  ws.set(5, 1, 'Within rounding', text);
  ws.set(5, 2, { formula: `COUNTIF(H${first}:H${last},"within rounding")`, result: rounding }, text);
  ws.set(6, 1, 'Status', bold);
  ws.set(6, 2, { formula: `IF(B3=0,"INCONCLUSIVE",IF(B4=0,"PASSED","DIFFERENCES"))`, result: count === 0 ? 'INCONCLUSIVE' : fails === 0 ? 'PASSED' : 'DIFFERENCES' }, bold);
  ws.width(1, 40);
  ws.width(2, 40);
  for (const c of [3, 4, 5, 6, 7, 8]) ws.width(c, 13);
  ws.width(9, 50);
  ws.freeze(1, HEAD_ROW);
}

/** The footings every release's inference found, as relations between line items, once each. */
function footings(model: SeriesModel, plan: ModelPlan, byId: Map<string, LineItem>): Check[] {
  const seen = new Set<string>();
  const out: Check[] = [];
  model.releases.forEach((sr, ri) => {
    for (const rel of sr.release.relations) {
      if (rel.type !== 'footing' || rel.residuals.some((r) => !r.diff.isZero())) continue;
      const f = rel as Footing;
      const total = model.rowItem.get(`${ri}|${rowKey(f.total)}`);
      const terms = f.terms.map((t) => ({ id: model.rowItem.get(`${ri}|${rowKey(t.ref)}`), sign: t.sign }));
      if (!total || terms.some((t) => !t.id) || terms.some((t) => t.id === total)) continue;
      const sig = `${total}=${terms.map((t) => `${t.sign}${t.id}`).sort().join(',')}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      const item = byId.get(total)!;
      const termItems = terms.map((t) => ({ item: byId.get(t.id!)!, sign: t.sign }));
      if (termItems.some((t) => t.item.scale !== item.scale)) continue;
      for (const c of plan.columns) {
        const tc = plan.cells.get(`${item.id}|${c.col}`);
        const parts = termItems.map((t) => plan.cells.get(`${t.item.id}|${c.col}`));
        // A release's footing holds for the columns that release printed (and the quarters derived
        // from its year to date): another release may add or drop a line.
        if (!tc || parts.some((p) => !p) || printedBy(tc, plan, item, model) !== ri) continue;
        let v = new Decimal(0);
        const text = termItems.map((t, i) => { v = t.sign === 1 ? v.plus(parts[i]!.value) : v.minus(parts[i]!.value); return `${t.sign === 1 ? (i ? '+' : '') : '-'}${plan.ref(t.item, c, MODEL_CHECKS)}`; }).join('');
        out.push({ kind: 'footing', item, period: c.label, reported: plan.ref(item, c, MODEL_CHECKS), reportedValue: tc.value, recomputed: text, recomputedValue: v, tolerance: pow10(-item.decimals).times(Math.ceil(termItems.length / 2)), what: `as ${sr.label} foots it` });
      }
    }
  });
  return out;
}

/** The release a model cell comes from: its source, or for a derived quarter the year to date's. */
function printedBy(cell: ModelCell, plan: ModelPlan, item: LineItem, model: SeriesModel): number | null {
  if (cell.source) return cell.source.release;
  const d = model.derivations.find((x) => !x.check && x.item === item.id && plan.column(x.period)?.col === cell.col);
  const ytd = d?.plus[0];
  if (!ytd) return null;
  if ('source' in ytd) return ytd.source.release;
  const c = plan.column(ytd.model);
  const fy = c && plan.cells.get(`${item.id}|${c.col}`);
  return fy ? printedBy(fy, plan, item, model) : null;
}

/** A printed quarter against its year to date less the rest of the year (Q4 = FY − 9M, Q2 = 6M − Q1). */
function quarters(model: SeriesModel, plan: ModelPlan, byId: Map<string, LineItem>): Check[] {
  const out: Check[] = [];
  for (const d of model.derivations) {
    if (!d.check) continue;
    const item = byId.get(d.item)!;
    const c = plan.column(d.period)!;
    const cell = plan.cells.get(`${item.id}|${c.col}`)!;
    const text = (o: Operand, it: LineItem, from: string) => ('model' in o ? plan.ref(it, plan.column(o.model)!, from) : `${plan.sourceRef(o.source, from)}${scaled(o.source, it)}`);
    const operands = d.plus.length + d.minus.length + 1;
    // Which release printed each figure: where they differ, a line moved between releases shows here.
    const by = (o: Operand) => { const s = 'source' in o ? o.source : plan.cells.get(`${item.id}|${plan.column(o.model)!.col}`)?.source; return s ? model.releases[s.release].label : 'derived'; };
    const what = `${c.label} printed by ${model.releases[cell.source!.release].label}; ${[...d.plus, ...d.minus].map(by).join(', ')}`;
    out.push({ kind: 'quarter', item, period: c.label, reported: plan.ref(item, c, MODEL_CHECKS), reportedValue: cell.value, recomputed: derivationFormula(d, item, MODEL_CHECKS, text), recomputedValue: d.value, tolerance: pow10(-item.decimals).times(Math.ceil(operands / 2)), what });
  }
  return out;
}

function identity(model: SeriesModel, plan: ModelPlan): Check[] {
  const bs = model.items.filter((i) => i.kind === 'balance-sheet' && i.valueKind === 'amount');
  const assets = bs.find((i) => /^total assets$/i.test(i.label.trim()));
  const claims = bs.find((i) => /^total liabilities(,| and)\b.*\b(equity|deficit|deficiency)\b/i.test(i.label.trim()));
  if (!assets || !claims || assets.scale !== claims.scale) return [];
  const out: Check[] = [];
  for (const c of plan.columns) {
    const a = plan.cells.get(`${assets.id}|${c.col}`);
    const b = plan.cells.get(`${claims.id}|${c.col}`);
    if (!a || !b) continue;
    out.push({ kind: 'identity', item: assets, period: c.label, reported: plan.ref(assets, c, MODEL_CHECKS), reportedValue: a.value, recomputed: plan.ref(claims, c, MODEL_CHECKS), recomputedValue: b.value, tolerance: new Decimal(0), what: claims.label });
  }
  return out;
}
