import type { SeriesModel, Source } from '../../series/types';
import type { Sheet } from '../xlsx/sheet';
import { type ModelPlan, RESTATEMENTS, scaled } from './series-cells';
import { BOLD_FONT, BOTTOM_BORDER, figureStyle, look, numberFormat, TEXT_FONT, TITLE_FONT } from './styles';
import { pow10 } from './values';

// Every period a later release printed differently than it was first reported: the first and the
// latest figure, each a link to the release sheet that printed it, the change as formulas; then
// the stock split, with each per-share figure and share count printed on both sides of it.

const HEAD = ['Line item', 'Period', 'First reported', 'Where', 'Latest', 'Where', 'Change', 'Change %', 'Kind'];

export function writeRestatements(ws: Sheet, model: SeriesModel, plan: ModelPlan): void {
  ws.set(1, 1, `${model.company} — restatements`, look({ font: TITLE_FONT }));
  const bold = look({ font: BOLD_FONT, border: BOTTOM_BORDER });
  const text = look({ font: TEXT_FONT });
  HEAD.forEach((h, i) => ws.set(3, i + 1, h, bold));
  const byId = new Map(model.items.map((i) => [i.id, i]));
  const periodLabel = (key: string) => { const [y, qs, q] = key.split(':').map(Number); return qs === 4 ? `FY${y}` : qs === 0 || qs === 1 ? `${y}Q${q}` : `${qs * 3}M ${y}`; };
  const where = (s: Source) => `${model.releases[s.release].label}: ${plan.sourceRef(s, RESTATEMENTS)}`;
  let row = 4;
  for (const r of model.restatements) {
    const item = byId.get(r.item)!;
    const fmt = numberFormat(item.valueKind, item.decimals);
    const factor = (s: Source) => scaled(s, item);
    const first = r.first.value.times(pow10(r.first.scale - item.scale));
    const latest = r.latest.value.times(pow10(r.latest.scale - item.scale));
    ws.set(row, 1, item.label, text);
    ws.set(row, 2, periodLabel(r.period), text);
    ws.set(row, 3, { formula: `${plan.sourceRef(r.first, RESTATEMENTS)}${factor(r.first)}`, result: first.toNumber() }, figureStyle(fmt, 'link'));
    ws.set(row, 4, where(r.first), text);
    ws.set(row, 5, { formula: `${plan.sourceRef(r.latest, RESTATEMENTS)}${factor(r.latest)}`, result: latest.toNumber() }, figureStyle(fmt, 'link'));
    ws.set(row, 6, where(r.latest), text);
    ws.set(row, 7, { formula: `E${row}-C${row}`, result: latest.minus(first).toNumber() }, figureStyle(fmt, 'formula'));
    if (!first.isZero()) ws.set(row, 8, { formula: `G${row}/ABS(C${row})`, result: latest.minus(first).div(first.abs()).toNumber() }, figureStyle(numberFormat('percent', 1), 'formula'));
    ws.set(row, 9, r.type, text);
    row++;
  }
  if (!model.restatements.length) ws.set(row++, 1, 'No period was printed differently by a later release.', text);
  row++;
  if (model.split) {
    const s = model.split;
    ws.set(row++, 1, `Stock split: per-share figures and share counts before ${model.releases[s.release].label} are on the old basis (factor ${s.factor}${s.stated ? `; the release states: "${s.stated}"` : ''})`, look({ font: BOLD_FONT }));
    ['Line item', 'Period', 'Before the split', 'Where', 'After the split', 'Where', 'Factor'].forEach((h, i) => ws.set(row, i + 1, h, bold));
    row++;
    for (const f of model.splitFlags) {
      const item = byId.get(f.item)!;
      const fmt = numberFormat(item.valueKind, item.decimals);
      ws.set(row, 1, item.label, text);
      ws.set(row, 2, periodLabel(f.period), text);
      ws.set(row, 3, { formula: plan.sourceRef(f.before, RESTATEMENTS), result: f.before.value.toNumber() }, figureStyle(fmt, 'link'));
      ws.set(row, 4, where(f.before), text);
      ws.set(row, 5, { formula: plan.sourceRef(f.after, RESTATEMENTS), result: f.after.value.toNumber() }, figureStyle(fmt, 'link'));
      ws.set(row, 6, where(f.after), text);
      ws.set(row, 7, f.factor, text);
      row++;
    }
  }
  ws.width(1, 44);
  ws.width(4, 34);
  ws.width(6, 34);
  for (const c of [2, 3, 5, 7, 8, 9]) ws.width(c, 14);
  ws.freeze(1, 3);
}
