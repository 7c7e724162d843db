import { Decimal } from '../model/decimal';
import { inUnits, sameFigure, splitFactor, toUnitsOf } from './compare';
import { keyText } from './periods';
import type { Derivation, LineItem, Operand, Restatement, SeriesRelease, Source, Split, SplitFlag } from './types';

// Quarters the releases print only inside a year to date, restatements and stock splits, found
// from the aligned line items. Each derivation is data: the workbook writes it as a formula.

const Q = (year: number, n: number) => keyText({ year, quarters: 1, quarter: n });
const YTD = (year: number, n: number) => keyText({ year, quarters: n, quarter: n });

/** The figure a period shows: its newest printing. */
export const shown = (item: LineItem, period: string): Source | null => {
  const list = item.sources.get(period);
  return list?.length ? list[list.length - 1] : null;
};

/** Flow lines in currency: the only rows whose quarters add up to their year. */
export const derivable = (item: LineItem): boolean => item.kind !== 'balance-sheet' && item.valueKind === 'amount' && !item.balance;

export function deriveQuarters(items: LineItem[], years: number[]): Derivation[] {
  const out: Derivation[] = [];
  for (const item of items) {
    if (!derivable(item)) continue;
    const value = (o: Operand, known: Map<string, Decimal>) => ('model' in o ? known.get(o.model)! : toUnitsOf(o.source, item.scale));
    for (const year of years) {
      // What each quarter of the year shows: reported, or derived below (in quarter order).
      const known = new Map<string, Decimal>();
      const reportedQ = (n: number) => shown(item, Q(year, n));
      for (let n = 1; n <= 4; n++) { const s = reportedQ(n); if (s) known.set(Q(year, n), toUnitsOf(s, item.scale)); }
      const fy = shown(item, YTD(year, 4));
      if (fy) known.set(YTD(year, 4), toUnitsOf(fy, item.scale));
      for (let n = 2; n <= 4; n++) {
        const ytd: Operand | null = n === 4 ? (fy ? { model: YTD(year, 4) } : null) : (() => { const s = shown(item, YTD(year, n)); return s ? { source: s } : null; })();
        if (!ytd) continue;
        let minus: Operand[] | null = null;
        const before = n - 1 === 1 ? (known.has(Q(year, 1)) ? { model: Q(year, 1) } : null) : (() => { const s = shown(item, YTD(year, n - 1)); return s ? { source: s } : null; })();
        if (before) minus = [before];
        else if (Array.from({ length: n - 1 }, (_, i) => known.has(Q(year, i + 1))).every(Boolean)) minus = Array.from({ length: n - 1 }, (_, i) => ({ model: Q(year, i + 1) }));
        if (!minus) continue;
        let v = value(ytd, known);
        for (const m of minus) v = v.minus(value(m, known));
        const check = reportedQ(n) !== null;
        out.push({ item: item.id, period: Q(year, n), plus: [ytd], minus, value: v, check });
        if (!check) known.set(Q(year, n), v);
      }
      // A full year no release printed, from four quarters.
      if (!fy && [1, 2, 3, 4].every((n) => known.has(Q(year, n))) && [1, 2, 3, 4].some((n) => reportedQ(n))) {
        const plus = [1, 2, 3, 4].map((n) => ({ model: Q(year, n) }));
        out.push({ item: item.id, period: YTD(year, 4), plus, minus: [], value: plus.reduce((a, o) => a.plus(known.get(o.model)!), new Decimal(0)), check: false });
      }
    }
  }
  return out;
}

/** The factor of a stock split the releases show, and the first release on the new basis. */
export function findSplit(items: LineItem[], releases: SeriesRelease[]): { split: Split | null; flags: SplitFlag[] } {
  const flags: SplitFlag[] = [];
  for (const item of items) {
    if (item.valueKind !== 'per-share' && item.valueKind !== 'shares') continue;
    for (const [period, list] of item.sources) {
      const after = list[list.length - 1];
      for (const before of list.slice(0, -1)) {
        if (sameFigure(before, after)) continue;
        const factor = splitFactor(before, after, item.valueKind === 'per-share');
        if (factor !== null) { flags.push({ item: item.id, period, before, after, factor }); break; }
      }
    }
  }
  if (!flags.length) return { split: null, flags };
  const factor = flags[0].factor;
  // The first release printing on the new basis: the earliest "after" of the flagged pairs.
  const first = Math.min(...flags.map((f) => f.after.release));
  let stated: string | null = null;
  for (const sr of releases) {
    for (const p of sr.release.prose ?? []) {
      const m = /\b([a-z]+|\d+)-for-(one|1)\b[^.]{0,40}\bstock split\b/i.exec(p.text);
      if (m) { stated = m[0]; break; }
    }
    if (stated) break;
  }
  return { split: { factor, stated, release: first }, flags };
}

/**
 * Periods a later release prints differently than first reported. A figure that moved by a split
 * is not a restatement. A restatement changes a total; a move among components that leaves a total
 * they add into (a footing of a release) as it was is a reclassification. `totalsOf` maps a line
 * item to the totals it is a term of.
 */
export function findRestatements(items: LineItem[], flags: SplitFlag[], totalsOf: Map<string, string[]>): Restatement[] {
  const split = new Set(flags.map((f) => `${f.item}|${f.period}`));
  const out: Restatement[] = [];
  for (const item of items) {
    for (const [period, list] of item.sources) {
      if (list.length < 2 || split.has(`${item.id}|${period}`)) continue;
      const first = list[0];
      const latest = list[list.length - 1];
      if (sameFigure(first, latest)) continue;
      out.push({ item: item.id, period, first, latest, change: toUnitsOf(latest, item.scale).minus(toUnitsOf(first, item.scale)), type: 'reclassification' });
    }
  }
  // A component's change is a reclassification when a total it adds into kept its figure.
  const moved = new Set(out.map((r) => `${r.item}|${r.period}`));
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const r of out) {
    const totals = totalsOf.get(r.item) ?? [];
    const item = byId.get(r.item)!;
    if (totals.length) r.type = totals.every((t) => moved.has(`${t}|${r.period}`)) ? 'restatement' : 'reclassification';
    else r.type = item.emphasis === 'total' || item.emphasis === 'subtotal' || !totalsOf.size ? 'restatement' : 'reclassification';
  }
  return out;
}

export { inUnits };
