import { roundTo } from '../model/decimal';
import type { CellRef, Release, Statement } from '../model/types';
import { allTables, amountOf, cellKey, columnSignature, definedCells, dropDefinedUntied, type Amount, type TableAt } from './grid';
import type { Pass } from './index';

// Ratios: a printed percentage beside amounts (a margin) is one amount of its column divided by
// another, rounded as printed. Which two is read from the numbers: the denominator is tried from
// the income statement's largest totals down (the top line, revenue, in nearly every release),
// then any other amount of the same period; the numerator from the same column of the percent's
// own table, nearest above first. A pair counts only if it reproduces the printed figure exactly.

interface Operand {
  ref: CellRef;
  amount: Amount;
}

const columnKey = (at: TableAt, col: number) => columnSignature({ ...at.table.columns[col], kind: null });

/** Denominators for one column: income-statement totals largest first, then its other rows, then the percent's own table. */
function denominators(release: Release, incomes: Statement[], home: TableAt, col: number): Operand[] {
  const key = columnKey(home, col);
  const totals: Operand[] = [];
  const others: Operand[] = [];
  const footed = new Set(release.relations.filter((r) => r.type === 'footing').map((r) => (r.type === 'footing' ? `${r.total.statement}/${r.total.table}/${r.total.row}` : '')));
  for (const st of incomes) {
    st.tables.forEach((table, ti) => {
      const at: TableAt = { statement: st, table, index: ti };
      table.columns.forEach((c, ci) => {
        if (columnKey(at, ci) !== key) return;
        table.rows.forEach((row, ri) => {
          const a = amountOf(row.cells[ci], 'amount');
          if (!a || a.value.isZero()) return;
          const op = { ref: { statement: st.id, table: ti, row: ri, col: ci }, amount: a };
          const isTotal = row.emphasis === 'subtotal' || row.emphasis === 'total' || footed.has(`${st.id}/${ti}/${ri}`);
          (isTotal && a.value.isPositive() ? totals : others).push(op);
        });
      });
    });
  }
  totals.sort((x, y) => y.amount.value.comparedTo(x.amount.value));
  return [...totals, ...others, ...numerators(home, col, -1)];
}

/** Amounts of the same column of the percent's table, nearest above first, then below. */
function numerators(at: TableAt, col: number, from: number): Operand[] {
  const rows = at.table.rows;
  const order: number[] = [];
  for (let r = from - 1; r >= 0; r--) order.push(r);
  for (let r = Math.max(from + 1, 0); r < rows.length; r++) order.push(r);
  const out: Operand[] = [];
  for (const r of order) {
    const a = amountOf(rows[r].cells[col], 'amount');
    if (a && !a.value.isZero()) out.push({ ref: { statement: at.statement.id, table: at.index, row: r, col }, amount: a });
  }
  return out;
}

export const ratiosPass: Pass = {
  name: 'ratios',
  run(release: Release) {
    const defined = definedCells(release);
    const incomes = release.statements.filter((s) => s.kind === 'income');
    for (const at of allTables(release)) {
      at.table.rows.forEach((row, ri) => {
        row.cells.forEach((cell, ci) => {
          // A whole column of percentages is a change column, not margins of its own amounts.
          if (!cell || cell.kind !== 'percent' || cell.value === null || at.table.columns[ci].kind === 'percent') return;
          const target: CellRef = { statement: at.statement.id, table: at.index, row: ri, col: ci };
          if (defined.has(cellKey(target, ci))) return;
          const reported = amountOf(cell)!.value;
          const decimals = cell.decimals + 2;
          const nums = numerators(at, ci, ri);
          for (const den of denominators(release, incomes, at, ci)) {
            const num = nums.find((n) => !(n.ref.statement === den.ref.statement && n.ref.table === den.ref.table && n.ref.row === den.ref.row) &&
              roundTo(n.amount.value.div(den.amount.value), decimals).eq(reported));
            if (!num) continue;
            release.relations.push({ type: 'ratio', id: `ratio:${cellKey(target, ci)}`, target, numerator: num.ref, denominator: den.ref, decimals, diff: reported.minus(roundTo(num.amount.value.div(den.amount.value), decimals)) });
            defined.add(cellKey(target, target.col));
            return;
          }
        });
      });
    }
    dropDefinedUntied(release, defined);
  },
};
