import { Decimal, roundTo } from '../model/decimal';
import { cellKey } from '../model/refs';
import type { CellRef, Column, Release, Table } from '../model/types';
import { amountOf, definedCells, dropDefinedUntied, pow10, type Amount, type TableAt } from './grid';
import type { Pass } from './index';

// Arithmetic across the columns of one row. A reconciliation prints GAAP, adjustments and non-GAAP
// side by side (GAAP + adjustments = non-GAAP); a variance column is current − prior; a "% change"
// column is (current − prior) ÷ |prior|. Which columns make which is read from the numbers: a
// combination counts only where it recomputes the column in nearly every row that prints all of
// its figures, and in at least MIN_ROWS rows where every term carries a figure, so that one
// coincidence never makes a formula. Cells a footing or a link already defines are left to them.

const MIN_ROWS = 2;
const ZERO = new Decimal(0);
/** Wider tables are not searched: every pair of columns is tried against every other column. */
const MAX_COLUMNS = 16;
/** At most one row in FAIL_SHARE may disagree (a misprint, a row the release computes otherwise). */
const FAIL_SHARE = 5;

interface Combo {
  target: number;
  terms: { col: number; sign: 1 | -1 }[];
  /** Rows where the combination recomputes the target, with reported − recomputed in absolute units. */
  holds: { row: number; diff: Decimal }[];
  fails: number;
}

const periodKey = (c: Column) => (c.period?.end ? `${c.period.end}|${c.period.months}|${c.period.weeks}|${c.period.instant}` : null);

/** A column that can be a term or target of a sum: figures of amounts, not percentages or a convenience translation. */
const summable = (c: Column) => c.kind !== 'percent' && !c.convenience;

/** The figures of one row by column, when not percentages; null where the row prints none. */
function rowAmounts(table: Table, row: number): (Amount | null)[] {
  const cells = table.rows[row].cells;
  return table.columns.map((c) => {
    const f = cells[c.index];
    return f && f.kind !== 'percent' && summable(c) ? amountOf(f) : null;
  });
}

/** t = Σ sign·term in each row where all three print a figure of one kind. */
function tryCombo(table: Table, grid: (Amount | null)[][], target: number, terms: { col: number; sign: 1 | -1 }[]): Combo | null {
  const holds: Combo['holds'] = [];
  let fails = 0;
  let carried = 0;
  for (let r = 0; r < grid.length; r++) {
    // Past the point where even every row left holding could not outweigh the failures, the
    // combination is out: the rows left are not summed (most of the pairs tried fail at once).
    if (fails * FAIL_SHARE > holds.length + grid.length - r) return null;
    const vals = grid[r];
    const t = vals[target];
    if (!t) continue;
    const cells = table.rows[r].cells;
    const kind = cells[target]!.kind;
    // Indexed loops without a list of the row's parts: tried for every pair of columns, row by row.
    let complete = true;
    for (let i = 0; i < terms.length && complete; i++) complete = !!vals[terms[i].col] && cells[terms[i].col]!.kind === kind;
    if (!complete) continue;
    let sum = ZERO;
    let tol = ZERO;
    let nonZero = true;
    for (let i = 0; i < terms.length; i++) {
      const part = vals[terms[i].col]!;
      sum = terms[i].sign === 1 ? sum.plus(part.value) : sum.minus(part.value);
      tol = tol.plus(part.unit);
      if (part.value.isZero()) nonZero = false;
    }
    const diff = t.value.minus(sum);
    if (diff.abs().lte(tol)) {
      holds.push({ row: r, diff });
      // A row where every term is non-zero proves the combination; zeros agree with anything.
      if (nonZero) carried++;
    } else fails++;
  }
  if (carried < MIN_ROWS || fails * FAIL_SHARE > holds.length) return null;
  return { target, terms, holds, fails };
}

/** Every two-term combination of a table's columns that recomputes a third, best first. */
function combos(table: Table, grid: (Amount | null)[][]): Combo[] {
  const cols = table.columns.filter(summable);
  // Each column's period key once, not once per triple of columns tried.
  const keys = new Map(cols.map((c) => [c, periodKey(c)]));
  const out: Combo[] = [];
  for (const t of cols) {
    const pk = keys.get(t)!;
    for (const a of cols) {
      for (const b of cols) {
        if (a.index >= b.index || a === t || b === t) continue;
        // A period's figure is made of figures of its own period and of columns that name none
        // (adjustments); a column without a period (a variance) of any.
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        if (pk !== null && ((ka !== null && ka !== pk) || (kb !== null && kb !== pk) || (ka !== pk && kb !== pk))) continue;
        for (const signs of [[1, 1], [1, -1], [-1, 1]] as const) {
          const c = tryCombo(table, grid, t.index, [{ col: a.index, sign: signs[0] }, { col: b.index, sign: signs[1] }]);
          if (c) out.push(c);
        }
      }
    }
  }
  // Most rows first; then all added (a reconciliation adds its adjustments); then the target furthest right.
  const plus = (c: Combo) => (c.terms.every((x) => x.sign === 1) ? 1 : 0);
  return out.sort((x, y) => y.holds.length - x.holds.length || plus(y) - plus(x) || y.target - x.target);
}

/** (current − prior) ÷ |prior| as printed in a percent column, rounded to its printed decimals. */
function changeOf(cur: Amount, prior: Amount, decimals: number): Decimal | null {
  if (prior.value.isZero()) return null;
  return roundTo(cur.value.minus(prior.value).div(prior.value.abs()), decimals);
}

export const acrossPass: Pass = {
  name: 'across',
  run(release: Release) {
    const defined = definedCells(release);
    // Indexed loops, each table's place made only where it has columns enough: this runs once per
    // release, and a for-of loop that runs once is not optimized and makes an iterator result per step.
    for (let si = 0; si < release.statements.length; si++) for (let index = 0; index < release.statements[si].tables.length; index++) {
      const table = release.statements[si].tables[index];
      if (table.columns.length < 3 || table.columns.length > MAX_COLUMNS) continue;
      const at: TableAt = { statement: release.statements[si], table, index };
      const ref = (row: number, col: number): CellRef => ({ statement: at.statement.id, table: at.index, row, col });
      const grid = table.rows.map((_, r) => rowAmounts(table, r));
      // A column is a target or a term, never both: the formulas then cannot cycle.
      const targets = new Set<number>();
      const terms = new Set<number>();
      for (const c of combos(table, grid)) {
        if (targets.has(c.target) || terms.has(c.target) || c.terms.some((x) => targets.has(x.col))) continue;
        targets.add(c.target);
        for (const x of c.terms) terms.add(x.col);
        for (const h of c.holds) {
          const target = ref(h.row, c.target);
          if (defined.has(cellKey(target, c.target))) continue;
          const fig = table.rows[h.row].cells[c.target]!;
          release.relations.push({
            type: 'across',
            id: `across:${cellKey(target, c.target)}`,
            target,
            terms: c.terms.map((x) => ({ ref: ref(h.row, x.col), sign: x.sign })),
            diff: h.diff.div(pow10(fig.scale)),
          });
          defined.add(cellKey(target, c.target));
        }
      }
      changes(release, at, grid, defined, ref);
    }
    dropDefinedUntied(release, defined);
  },
};

/** Percent columns that are the change between two amount columns of their row. */
function changes(release: Release, at: TableAt, grid: (Amount | null)[][], defined: Set<string>, ref: (row: number, col: number) => CellRef): void {
  const { table } = at;
  const amounts = table.columns.filter(summable);
  for (const p of table.columns) {
    if (p.kind !== 'percent') continue;
    let best: { cur: number; prior: number; rows: { row: number; diff: Decimal; decimals: number }[]; fails: number } | null = null;
    for (const cur of amounts) {
      for (const prior of amounts) {
        if (cur === prior) continue;
        const rows: { row: number; diff: Decimal; decimals: number }[] = [];
        let fails = 0;
        for (let r = 0; r < grid.length; r++) {
          // As in tryCombo: a pair whose failures the rows left cannot outweigh is out.
          if (fails * FAIL_SHARE > rows.length + grid.length - r) break;
          const vals = grid[r];
          const fig = table.rows[r].cells[p.index];
          const c = vals[cur.index];
          const q = vals[prior.index];
          if (!fig || fig.value === null || fig.kind !== 'percent' || !c || !q) continue;
          if (table.rows[r].cells[cur.index]!.scale !== table.rows[r].cells[prior.index]!.scale) continue;
          const decimals = fig.decimals + 2;
          const computed = changeOf(c, q, decimals);
          if (!computed) continue;
          const reported = amountOf(fig)!.value;
          if (computed.eq(reported)) rows.push({ row: r, diff: reported.minus(computed), decimals });
          else fails++;
        }
        if (rows.length < MIN_ROWS + 1 || fails * FAIL_SHARE > rows.length) continue;
        if (!best || rows.length > best.rows.length) best = { cur: cur.index, prior: prior.index, rows, fails };
      }
    }
    if (!best) continue;
    for (const h of best.rows) {
      const target = ref(h.row, p.index);
      if (defined.has(cellKey(target, p.index))) continue;
      release.relations.push({ type: 'change', id: `change:${cellKey(target, p.index)}`, target, current: ref(h.row, best.cur), prior: ref(h.row, best.prior), decimals: h.decimals, diff: h.diff });
      defined.add(cellKey(target, p.index));
    }
  }
}
