import type { Figure, Release, Row, Statement, Table } from '../model/types';
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

/** A row labelled total assets: its table, its place there, and its figures by period once read. */
interface AssetsTotal {
  table: Table;
  at: number;
  row: Row;
  figures?: Map<string, Figure>;
}

export function markBalanceSides(release: Release): void {
  // Indexed loops: they run once per release, and a for-of loop that runs once is not optimized and
  // makes an iterator result per step.
  for (let si = 0; si < release.statements.length; si++) {
    const st = release.statements[si];
    if (st.kind !== 'balance-sheet') continue;
    // The assets totals are gathered at the first liabilities total, their figures when one is
    // there to compare: most statements print no "Total liabilities".
    let assets: AssetsTotal[] | null = null;
    for (let ti = 0; ti < st.tables.length; ti++) {
      const t = st.tables[ti];
      for (let i = 0; i < t.rows.length; i++) {
        const row = t.rows[i];
        if (row.kind !== 'amount' || !WORDS.totalLiabilities.test(oneSpaced(row.label))) continue;
        assets ??= assetsTotals(st);
        if (!assets.length) continue;
        // The span of the liabilities side: after the assets total where it is in this table.
        const from = Math.max(0, ...assets.filter((a) => a.table === t && a.at < i).map((a) => a.at + 1));
        const equity = t.rows.slice(from, i).some((r) => r.kind === 'amount' && EQUITY.test(r.label) && !/liabilit/i.test(r.label) && r.cells.some((c) => c?.value && !c.value.isZero()));
        if (equity && equalsAssets(t, row, assets.map((a) => (a.figures ??= byPeriod(a.table, a.row))))) row.closes = 'liabilities-and-equity';
      }
    }
  }
}

/** The rows of a statement labelled total assets, with their tables and places. */
function assetsTotals(st: Statement): AssetsTotal[] {
  const assets: AssetsTotal[] = [];
  for (let ti = 0; ti < st.tables.length; ti++) {
    const t = st.tables[ti];
    for (let at = 0; at < t.rows.length; at++) {
      const row = t.rows[at];
      if (row.kind === 'amount' && WORDS.totalAssets.test(oneSpaced(row.label))) assets.push({ table: t, at, row });
    }
  }
  return assets;
}

export const balanceSidesPass: Pass = { name: 'balance-sides', run: markBalanceSides };
