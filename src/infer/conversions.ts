import { roundTo } from '../model/decimal';
import { cellKey } from '../model/refs';
import type { CellRef, Column, Release, Table } from '../model/types';
import { allTables, amountOf, definedCells, dropDefinedUntied, pow10 } from './grid';
import { samePeriod } from '../read/period';
import type { Pass } from './index';

// Conversions: a convenience-currency figure that no footing or link defines is the same row's
// reporting-currency figure of the same period divided by the stated rate and rounded as printed
// (whole units for amounts, cents for per-share). The rate is stated once in the release; a figure
// that does not come out within one printed unit stays as typed and is reported.

/** The reporting-currency column of the same period as a convenience column. */
function sourceColumn(table: Table, col: Column, base: string): Column | null {
  return table.columns.find((o) => !o.convenience && o.currency === base && samePeriod(o.period, col.period)) ?? null;
}

export const conversionsPass: Pass = {
  name: 'conversions',
  run(release: Release) {
    const fx = release.fx;
    if (!fx || fx.rate.isZero()) return;
    const defined = definedCells(release);
    for (const at of allTables(release)) {
      for (const col of at.table.columns) {
        if (!col.convenience || col.currency !== fx.quote) continue;
        const src = sourceColumn(at.table, col, fx.base);
        if (!src) continue;
        at.table.rows.forEach((row, ri) => {
          const cell = row.cells[col.index];
          const target: CellRef = { statement: at.statement.id, table: at.index, row: ri, col: col.index };
          if (!cell || (cell.kind !== 'amount' && cell.kind !== 'per-share') || defined.has(cellKey(target, col.index))) return;
          const reported = amountOf(cell);
          const from = amountOf(row.cells[src.index], cell.kind);
          if (!reported || !from) return;
          const computed = roundTo(from.value.div(fx.rate).div(pow10(cell.scale)), cell.decimals);
          const diff = cell.value!.minus(computed);
          if (diff.abs().gt(pow10(-cell.decimals))) {
            release.diagnostics.push({
              level: 'warning',
              message: `${cell.text} is not ${row.cells[src.index]!.text} at ${fx.rate.toString()} ${fx.base}/${fx.quote} (${computed.toString()}); kept as printed`,
              place: cell.place,
            });
            return;
          }
          release.relations.push({
            type: 'conversion',
            id: `conversion:${cellKey(target, col.index)}`,
            target,
            source: { ...target, col: src.index },
            decimals: cell.decimals,
            diff,
          });
          defined.add(cellKey(target, target.col));
        });
      }
    }
    dropDefinedUntied(release, defined);
  },
};
