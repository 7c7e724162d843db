import type { Figure, Release, Row, Table } from '../model/types';
import type { Pass } from './index';
import { oneSpaced, units, WORDS } from './locate';

// A balance-sheet row's label may name less than the row sums: "TOTAL LIABILITIES" closing the
// liabilities-and-equity side of a statement whose equity is printed above it. The evidence decides:
// a row labelled total liabilities that equals total assets in every column both report, with an
// equity line inside its span, is total liabilities and equity. What it is goes into the model
// (Row.closes), so the briefing, the Summary and the JSON never read it as liabilities proper.

/** A line of equity: its own figures, named as equity and not as a liability. */
const EQUITY = /\bequity\b/i;

function columnKey(t: Table, i: number): string | null {
  const c = t.columns[i];
  return c?.period?.end && !c.convenience ? `${c.period.end}|${c.currency ?? ''}` : null;
}

/** The row's figures by period end and currency, in units. */
function byPeriod(t: Table, row: Row): Map<string, Figure> {
  const out = new Map<string, Figure>();
  row.cells.forEach((f, i) => { const k = columnKey(t, i); if (k && f?.value) out.set(k, f); });
  return out;
}

/** Whether `row` equals the assets total in every period both report (at least one). */
function equalsAssets(t: Table, row: Row, assets: Map<string, Figure>[]): boolean {
  const mine = byPeriod(t, row);
  return assets.some((a) => {
    let compared = 0;
    for (const [k, f] of mine) {
      const other = a.get(k);
      if (!other) continue;
      if (!units(other).eq(units(f))) return false;
      compared++;
    }
    return compared > 0;
  });
}

export function markBalanceSides(release: Release): void {
  for (const st of release.statements) {
    if (st.kind !== 'balance-sheet') continue;
    // An assets total's figures are read when a liabilities total is there to compare.
    const assets: { table: Table; at: number; row: Row; figures?: Map<string, Figure> }[] = [];
    for (const t of st.tables) t.rows.forEach((row, at) => { if (row.kind === 'amount' && WORDS.totalAssets.test(oneSpaced(row.label))) assets.push({ table: t, at, row }); });
    if (!assets.length) continue;
    for (const t of st.tables) {
      t.rows.forEach((row, i) => {
        if (row.kind !== 'amount' || !WORDS.totalLiabilities.test(oneSpaced(row.label))) return;
        // The span of the liabilities side: after the assets total where it is in this table.
        const from = Math.max(0, ...assets.filter((a) => a.table === t && a.at < i).map((a) => a.at + 1));
        const equity = t.rows.slice(from, i).some((r) => r.kind === 'amount' && EQUITY.test(r.label) && !/liabilit/i.test(r.label) && r.cells.some((c) => c?.value && !c.value.isZero()));
        if (equity && equalsAssets(t, row, assets.map((a) => (a.figures ??= byPeriod(a.table, a.row))))) row.closes = 'liabilities-and-equity';
      });
    }
  }
}

export const balanceSidesPass: Pass = { name: 'balance-sides', run: markBalanceSides };
