import { Decimal } from '../model/decimal';
import type { Figure, PrintedChange, Release, Row, RowRef, Table } from '../model/types';
import { amountOf } from './grid';

// A release that prints a change (%) column beside its two period columns computed it from its
// unrounded figures; a change recomputed from the printed, rounded figures can differ (0.25 against
// 0.27 is −7.4%, the release's (5.8)%). Where a table has such a column, the page prints the
// release's change; it is found here once, by the rows it agrees with within the rounding of the
// printed figures, and the briefing reads it.

/** Rows that must agree before a percent column is taken for the change of two columns. */
const MIN_AGREE = 2;
/** At most one row in this many may disagree (a restated figure, a change printed from other figures). */
const DISAGREE_SHARE = 4;

/** The interval a printed figure stands for: its value ± half a unit of its last digit. */
function bounds(f: Figure | null | undefined): [Decimal, Decimal] | null {
  const a = amountOf(f);
  if (!a || a.unit.isZero()) return null;
  const half = a.unit.div(2);
  return [a.value.minus(half), a.value.plus(half)];
}

/**
 * Whether a printed change agrees with the change of its row's two figures under either way
 * releases print one: (now − prior) ÷ |prior|, or by magnitudes for two negatives. The printed
 * interval meets the corners' range when some corner is at least its low end and some corner at
 * most its high end; |prior| > 0, so each is asked without dividing: num ≥ low·|prior|. (A quotient
 * rounded to 40 digits compares with a printed bound as the exact one does: rounding is monotonic
 * and the bound has few digits; so this is the answer the divisions gave, at a fraction of the cost.)
 */
function agrees(now: [Decimal, Decimal], prior: [Decimal, Decimal], printed: [Decimal, Decimal]): boolean {
  // A prior that may be zero has no change to compare.
  if (prior[0].lte(0) && prior[1].gte(0)) return false;
  for (let way = 0; way < 2; way++) {
    let reachesLow = false;
    let reachesHigh = false;
    for (let i = 0; i < 2; i++) {
      for (let k = 0; k < 2; k++) {
        const c = now[i];
        const q = prior[k];
        const scale = q.abs();
        const num = way === 0 ? c.minus(q) : c.abs().minus(scale);
        if (!reachesLow && num.gte(printed[0].times(scale))) reachesLow = true;
        if (!reachesHigh && num.lte(printed[1].times(scale))) reachesHigh = true;
      }
    }
    if (reachesLow && reachesHigh) return true;
  }
  return false;
}

/**
 * A change column is one marked percent, or one with no period of its own that holds percents
 * (a key-figures table whose change column also prints "na" or "+1.0pts" is not marked percent).
 */
function isChange(table: Table, c: Table['columns'][number]): boolean {
  return c.kind === 'percent' || (!c.period && table.rows.filter((r) => r.cells[c.index]?.kind === 'percent').length >= MIN_AGREE);
}

function columnPairs(table: Table, statement: string, index: number, out: PrintedChange[]): void {
  // Most tables have no change column: they are read once, making nothing.
  let changes: Table['columns'] | null = null;
  for (let ci = 0; ci < table.columns.length; ci++) if (isChange(table, table.columns[ci])) (changes ??= []).push(table.columns[ci]);
  if (!changes) return;
  const amounts = table.columns.filter((c) => !changes.includes(c) && !c.convenience);
  // Each figure's interval once per table, not once per pair of columns it is compared in.
  const bounded: ([Decimal, Decimal] | null)[][] = [];
  for (const c of amounts) bounded[c.index] = table.rows.map((row) => bounds(row.cells[c.index]));
  for (const p of changes) {
    const printedBounds = table.rows.map((row) => (row.cells[p.index]?.kind === 'percent' ? bounds(row.cells[p.index]) : null));
    let best: { current: number; prior: number; agree: number } | null = null;
    for (const cur of amounts) {
      for (const prior of amounts) {
        if (cur === prior) continue;
        let agree = 0;
        let disagree = 0;
        const rows = table.rows;
        for (let ri = 0; ri < rows.length; ri++) {
          // Past the point where even every row left agreeing could not outweigh the disagreements,
          // the pair is out: the rows left are not asked.
          if (disagree * DISAGREE_SHARE > agree + rows.length - ri) break;
          const row = rows[ri];
          const r = printedBounds[ri];
          if (!r) continue;
          const c = bounded[cur.index][ri];
          const q = bounded[prior.index][ri];
          if (!c || !q || row.cells[cur.index]!.kind !== row.cells[prior.index]!.kind) continue;
          if (agrees(c, q, r)) agree++;
          else disagree++;
        }
        if (agree < MIN_AGREE || disagree * DISAGREE_SHARE > agree) continue;
        if (!best || agree > best.agree) best = { current: cur.index, prior: prior.index, agree };
      }
    }
    if (best) out.push({ statement, table: index, current: best.current, prior: best.prior, change: p.index });
  }
}

/** Every table's printed change columns, in column order. */
export function printedChanges(release: Release): PrintedChange[] {
  const out: PrintedChange[] = [];
  // Indexed loops: this runs once per release, and a for-of loop that runs once is not optimized
  // and makes an iterator result per step.
  const statements = release.statements;
  for (let si = 0; si < statements.length; si++) {
    const tables = statements[si].tables;
    for (let ti = 0; ti < tables.length; ti++) columnPairs(tables[ti], statements[si].id, ti, out);
  }
  return out;
}

/**
 * The change the release prints for a row's figures in columns now and prior: the percent figure,
 * 'n/m' where it prints a word there (NM, n.a.), or null where it prints no change for them.
 */
export function printedChange(release: Release, at: RowRef, now: number, prior: number | null): Figure | 'n/m' | null {
  if (prior === null) return null;
  const pair = release.headline?.changes?.find((c) => c.statement === at.statement && c.table === at.table && c.current === now && c.prior === prior);
  if (!pair) return null;
  const row: Row | undefined = release.statements.find((s) => s.id === at.statement)?.tables[at.table]?.rows[at.row];
  const cell = row?.cells[pair.change];
  if (!cell) return null;
  if (cell.kind === 'percent' && cell.value !== null) return cell;
  return /\d/.test(cell.text) ? null : 'n/m';
}

/**
 * The change the release prints, in any of its tables, for the same figure over the same two
 * periods (the same two values, of the same kind), where it agrees with these figures within their
 * rounding: a figure shown from a table without a change column, or from another line, still reads
 * the release's own change (6.01 against 6.42 is +6.8% recomputed, the release's +6.7%).
 */
export function printedChangeOf(release: Release, now: Figure, prior: Figure | null): Figure | null {
  const [c, q] = [bounds(now), bounds(prior)];
  const [a, b] = [amountOf(now), amountOf(prior)];
  if (!c || !q || !a || !b || !prior) return null;
  // Across a sign change or from nothing the page prints n/m, not a change that differs by rounding.
  if (b.value.isZero() || a.value.isNegative() !== b.value.isNegative()) return null;
  for (const pair of release.headline?.changes ?? []) {
    const table = release.statements.find((s) => s.id === pair.statement)?.tables[pair.table];
    for (const row of table?.rows ?? []) {
      const [n, p, ch] = [row.cells[pair.current], row.cells[pair.prior], row.cells[pair.change]];
      if (ch?.kind !== 'percent' || ch.value === null || n?.kind !== now.kind || p?.kind !== prior.kind) continue;
      const [x, y] = [amountOf(n), amountOf(p)];
      if (!x || !y || !x.value.eq(a.value) || !y.value.eq(b.value)) continue;
      const r = bounds(ch);
      if (!r || !agrees(c, q, r)) continue;
      // A change printed coarser than the page's (11% beside our +11.0%) that ours rounds to adds
      // nothing; it wins only where it says otherwise (53% against our c. +52%).
      const ours = [a.value.minus(b.value), a.value.abs().minus(b.value.abs())].map((d) => d.div(b.value.abs()).times(100).toDecimalPlaces(ch.decimals));
      if (ch.decimals < 1 && ours.some((o) => o.eq(ch.value!))) continue;
      return ch;
    }
  }
  return null;
}

/** Significant digits a figure is printed with (0.25 has two, 1,191.1 five). */
export function significantDigits(f: Figure): number {
  if (!f.value || f.value.isZero()) return 0;
  return f.value.abs().times(new Decimal(10).pow(f.decimals)).toFixed(0).length;
}

/** A change recomputed from figures printed this coarsely is shown as approximate. */
export const COARSE_DIGITS = 2;
