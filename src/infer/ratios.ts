import { roundTo } from '../model/decimal';
import { cellKey, rowKey } from '../model/refs';
import type { CellRef, Figure, Release, Statement, Table } from '../model/types';
import { amountOf, columnSignature, definedCells, dropDefinedUntied, type Amount, type TableAt } from './grid';
import type { Pass } from './index';

// Ratios: a printed percentage beside amounts (a margin) is one amount of its column divided by
// another, rounded as printed. Which two is read from the numbers: the denominator is tried from
// the income statement's largest totals down (the top line, revenue, in nearly every release),
// then any other amount of the same period; the numerator from the same column of the percent's
// own table, nearest above first. A pair counts only if it reproduces the printed figure exactly.

interface Operand {
  ref: CellRef;
  amount: Amount;
  /** The amount as a float, for ruling out pairs before the exact division. */
  rough: number;
}

const columnKey = (table: Table, col: number) => columnSignature({ ...table.columns[col], kind: null });

/** Non-zero amounts of one column of a table, top to bottom. */
function columnAmounts(at: TableAt, col: number): Operand[] {
  const out: Operand[] = [];
  at.table.rows.forEach((row, r) => {
    const a = amountOf(row.cells[col], 'amount');
    if (a && !a.value.isZero()) out.push({ ref: { statement: at.statement.id, table: at.index, row: r, col }, amount: a, rough: a.value.toNumber() });
  });
  return out;
}

/** Income-statement amounts of the columns with one key: totals largest first, then its other rows. */
function incomeDenominators(release: Release, incomes: Statement[], key: string): Operand[] {
  const totals: Operand[] = [];
  const others: Operand[] = [];
  const footed = new Set(release.relations.filter((r) => r.type === 'footing').map((r) => (r.type === 'footing' ? rowKey(r.total) : '')));
  for (const st of incomes) {
    st.tables.forEach((table, ti) => {
      table.columns.forEach((c, ci) => {
        if (columnKey(table, ci) !== key) return;
        for (const op of columnAmounts({ statement: st, table, index: ti }, ci)) {
          const row = table.rows[op.ref.row];
          const isTotal = row.emphasis === 'subtotal' || row.emphasis === 'total' || footed.has(rowKey(op.ref));
          (isTotal && op.amount.value.isPositive() ? totals : others).push(op);
        }
      });
    });
  }
  totals.sort((x, y) => y.amount.value.comparedTo(x.amount.value));
  return [...totals, ...others];
}

/** Amounts of a column other than row `from`'s, nearest above first, then below. */
function numerators(column: Operand[], from: number): Operand[] {
  const above = column.filter((o) => o.ref.row < from).reverse();
  return above.concat(column.filter((o) => o.ref.row > from));
}

/**
 * Whether num ÷ den rounds to the reported figure. Floats rule out nearly every pair; a pair
 * within a hair of the rounding bound is decided by the exact division.
 */
function reproduces(num: Operand, den: Operand, reported: { value: Amount['value']; rough: number; half: number }, decimals: number): boolean {
  const q = num.rough / den.rough;
  if (Math.abs(q - reported.rough) > reported.half + 1e-12 * (Math.abs(q) + Math.abs(reported.rough))) return false;
  return roundTo(num.amount.value.div(den.amount.value), decimals).eq(reported.value);
}

export const ratiosPass: Pass = {
  name: 'ratios',
  run(release: Release) {
    const defined = definedCells(release);
    const incomes = release.statements.filter((s) => s.kind === 'income');
    // Every percent of a column tries the same operands: each list is gathered once per pass.
    const incomeByKey = new Map<string, Operand[]>();
    const columns = new Map<Table, Operand[][]>();
    const columnOf = (at: TableAt, col: number): Operand[] => {
      let cols = columns.get(at.table);
      if (!cols) { cols = []; columns.set(at.table, cols); }
      return (cols[col] ??= columnAmounts(at, col));
    };
    /** Looks for the pair of amounts whose ratio a percent figure is, and records it. */
    const ratioOf = (at: TableAt, ri: number, cell: Figure, ci: number): void => {
      const target: CellRef = { statement: at.statement.id, table: at.index, row: ri, col: ci };
      if (defined.has(cellKey(target, ci))) return;
      const value = amountOf(cell)!.value;
      const decimals = cell.decimals + 2;
      const reported = { value, rough: value.toNumber(), half: 0.5 * 10 ** -decimals };
      const column = columnOf(at, ci);
      const nums = numerators(column, ri);
      const key = columnKey(at.table, ci);
      let income = incomeByKey.get(key);
      if (!income) { income = incomeDenominators(release, incomes, key); incomeByKey.set(key, income); }
      for (const dens of [income, column]) {
        for (const den of dens) {
          const num = nums.find((n) => !(n.ref.statement === den.ref.statement && n.ref.table === den.ref.table && n.ref.row === den.ref.row) && reproduces(n, den, reported, decimals));
          if (!num) continue;
          release.relations.push({ type: 'ratio', id: `ratio:${cellKey(target, ci)}`, target, numerator: num.ref, denominator: den.ref, decimals, diff: value.minus(roundTo(num.amount.value.div(den.amount.value), decimals)) });
          defined.add(cellKey(target, target.col));
          return;
        }
      }
    };
    // Indexed loops, a table's place made only where it prints a percent: they run once per cell of
    // a release, and a for-of or forEach that runs once per release makes an iterator result or a
    // callback per step.
    for (let si = 0; si < release.statements.length; si++) {
      const statement = release.statements[si];
      for (let index = 0; index < statement.tables.length; index++) {
        const table = statement.tables[index];
        let at: TableAt | null = null;
        for (let ri = 0; ri < table.rows.length; ri++) {
          const cells = table.rows[ri].cells;
          for (let ci = 0; ci < cells.length; ci++) {
            const cell = cells[ci];
            // A whole column of percentages is a change column, not margins of its own amounts.
            if (!cell || cell.kind !== 'percent' || cell.value === null || table.columns[ci].kind === 'percent') continue;
            ratioOf((at ??= { statement, table, index }), ri, cell, ci);
          }
        }
      }
    }
    dropDefinedUntied(release, defined);
  },
};
