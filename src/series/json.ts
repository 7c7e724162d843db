import type { Operand, SeriesModel, Source } from './types';

// The company model as JSON: decimal strings, every figure with the release and cell it comes from.

const src = (m: SeriesModel, s: Source) => ({ release: m.releases[s.release].label, file: m.releases[s.release].release.source.file, statement: s.ref.statement, table: s.ref.table, row: s.ref.row, col: s.ref.col, value: s.value.toString(), scale: s.scale });
const operand = (m: SeriesModel, o: Operand) => ('model' in o ? { period: o.model } : { source: src(m, o.source) });

export function seriesJson(m: SeriesModel): string {
  return JSON.stringify({
    company: m.company,
    calendar: m.calendar,
    years: m.years,
    releases: m.releases.map((r) => ({ label: r.label, file: r.release.source.file, periodEnd: r.periodEnd })),
    items: m.items.map((i) => ({
      id: i.id,
      statement: i.kind,
      label: i.label,
      earlierLabels: i.labels,
      kind: i.valueKind,
      scale: i.scale,
      periods: Object.fromEntries([...i.sources].map(([k, list]) => [k, list.map((s) => src(m, s))])),
    })),
    derivations: m.derivations.map((d) => ({ item: d.item, period: d.period, plus: d.plus.map((o) => operand(m, o)), minus: d.minus.map((o) => operand(m, o)), value: d.value.toString(), check: d.check })),
    restatements: m.restatements.map((r) => ({ item: r.item, period: r.period, first: src(m, r.first), latest: src(m, r.latest), change: r.change.toString(), type: r.type })),
    split: m.split && { factor: m.split.factor, stated: m.split.stated, firstRelease: m.releases[m.split.release].label },
    splitFlags: m.splitFlags.map((f) => ({ item: f.item, period: f.period, before: src(m, f.before), after: src(m, f.after), factor: f.factor })),
    guidance: m.guidance.map((g) => ({
      release: m.releases[g.release].label,
      subject: g.subject,
      period: g.period,
      low: g.claim.low?.toString() ?? null,
      high: g.claim.high?.toString() ?? null,
      approximate: g.claim.approximate,
      unit: g.claim.unit,
      currency: g.claim.currency,
      scale: g.claim.scale,
      item: g.item,
      over: g.over,
      negate: g.negate,
      why: g.why,
      note: g.note,
    })),
    notes: m.notes,
  });
}
