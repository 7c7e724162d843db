import type { Release, Row, ValueKind } from '../model/types';
import { currenciesIn, scaleIn } from '../read/units';
import type { Pass } from './index';

// Units a table's caption and columns leave to its rows. A row whose label states its own unit
// ("Net income (in millions)", "Units outstanding (in thousands)" in a highlights table of mixed
// rows) is in that unit, not the column's.
//
// A "$" printed without a country is the release's own dollar. A reader that meets a bare "$" on a
// table's figures, with no caption naming the currency, takes it for US dollars; in a release whose
// statements report Canadian (Australian, …) dollars that column is in those dollars, unless its
// header or caption names US dollars, or it stands beside columns of the release's currency (a
// convenience translation).

/** Currencies whose releases print their amounts with a bare "$". */
const DOLLARS = new Set(['CAD', 'AUD', 'NZD', 'SGD', 'HKD']);
const NAMES_USD = /US\$|\bUSD\b|U\.S\.|\bUS dollars?|united states/i;

export function ownDollars(release: Release): void {
  const home = release.meta.currency;
  if (!home || !DOLLARS.has(home)) return;
  for (const st of release.statements) {
    if (NAMES_USD.test(`${st.title} ${st.units}`)) continue;
    for (const table of st.tables) {
      if (NAMES_USD.test(table.caption) || table.columns.some((c) => c.currency === home)) continue;
      for (const col of table.columns) {
        if (col.currency !== 'USD' || col.convenience || NAMES_USD.test(col.header.join(' '))) continue;
        col.currency = home;
        for (const row of table.rows) {
          const cell = row.cells[col.index];
          if (cell?.currency === 'USD') cell.currency = home;
        }
      }
    }
  }
}

/**
 * "(in millions)", "(in 000's)", "(in '000s of US$)", "( in thousand shares)", "(000's)" at a label's
 * end or before its footnote marks.
 */
const OWN_UNIT = /\(\s*(?:(?:[a-z$€£]*\s*)?in\s+((?:thousands?|millions?|billions?|'?000'?s)\b[^)]*)|('?000'?s))\)/i;

/** The kinds of row whose figures a label's own unit scales. */
const SCALED_KINDS = new Set<ValueKind>(['amount', 'shares']);

/**
 * A row's label as a page that shows its figures in the page's own unit prints it: the row's own
 * unit ("(in thousands)"), once applied to its figures, no longer describes what is shown.
 */
export function labelWithoutOwnUnit(row: Pick<Row, 'label' | 'kind'>): string {
  if (!SCALED_KINDS.has(row.kind) || ownUnit(row.label) === null) return row.label;
  const m = OWN_UNIT.exec(row.label)!;
  return `${row.label.slice(0, m.index).trimEnd()} ${row.label.slice(m.index + m[0].length).trimStart()}`.trim();
}

/**
 * Visits every row of a release. An indexed loop: it runs once per release, and a for-of loop that
 * runs once is not optimized and makes an iterator result per step.
 */
function forEachRow(release: Release, visit: (row: Row) => void): void {
  const statements = release.statements;
  for (let si = 0; si < statements.length; si++) {
    const tables = statements[si].tables;
    for (let ti = 0; ti < tables.length; ti++) {
      const rows = tables[ti].rows;
      for (let ri = 0; ri < rows.length; ri++) visit(rows[ri]);
    }
  }
}

/** The power of ten a label's own unit names, or null. */
function ownUnit(label: string): number | null {
  const m = OWN_UNIT.exec(label);
  return m ? scaleIn(m[1] ?? m[2]) : null;
}

export function ownScales(release: Release): void {
  const statements = release.statements;
  for (let si = 0; si < statements.length; si++) {
    const tables = statements[si].tables;
    for (let ti = 0; ti < tables.length; ti++) {
      // A heading's own unit holds for the lines under it ("Shares used in calculation (000's):"
      // over Basic and Diluted), up to the next heading.
      let heading: { kind: ValueKind; scale: number } | null = null;
      const rows = tables[ti].rows;
      for (let ri = 0; ri < rows.length; ri++) {
        const row = rows[ri];
        const own = ownUnit(row.label);
        if (row.emphasis === 'header') {
          heading = own !== null && SCALED_KINDS.has(row.kind) ? { kind: row.kind, scale: own } : null;
          continue;
        }
        // A count of shares or units states its scale the same way ("Units outstanding (in thousands)").
        if (!SCALED_KINDS.has(row.kind)) continue;
        const scale = own ?? (heading?.kind === row.kind ? heading.scale : null);
        if (scale === null) continue;
        for (const cell of row.cells) if (cell && cell.kind === row.kind) cell.scale = scale;
      }
    }
  }
}

/** A currency named on the figure as printed ("US$0.129"); a bare "$" names none. */
const MARK = /^\(?\s*[-\u2212]?\s*(US\$|NT\$|C\$|HK\$|A\$|RMB|€|£|¥)/i;

/**
 * A figure printed with its currency is in that currency, whatever its column's header says:
 * earnings per ADS printed "US$0.129" under columns of a release in NT$ are US dollars.
 */
export function ownMarks(release: Release): void {
  forEachRow(release, (row) => {
    for (let ci = 0; ci < row.cells.length; ci++) {
      const cell = row.cells[ci];
      if (!cell || (cell.kind !== 'amount' && cell.kind !== 'per-share')) continue;
      const m = MARK.exec(cell.text);
      const named = m ? currenciesIn(m[1])[0] ?? null : null;
      if (named) cell.currency = named;
    }
  });
}

type Table = Release['statements'][number]['tables'][number];

/** Four digits or more, wherever they stand among marks and separators. */
const FOUR_DIGITS = /\d(?:\D*\d){3}/;

/**
 * An amount cell of four digits or more, keyed by its column's period and its figure as printed
 * without currency marks or spaces ("$ 90,427" and "90,427" are one figure); null for any other cell.
 */
function restatedKey(t: Table, cell: Table['rows'][number]['cells'][number], i: number): string | null {
  const period = t.columns[i]?.period?.label;
  if (!cell || cell.kind !== 'amount' || !period || !FOUR_DIGITS.test(cell.text)) return null;
  return `${period}|${cell.text.replace(/[^0-9.,()\-\u2212]/g, '')}`;
}

/**
 * A table that states no units (no caption, no column, no row names a scale) but restates figures of a
 * table that does ("Reconciliation of Net Income to Adjusted Net Income" repeating the income
 * statement's 90,427 in thousands) is in those units: at least two of its larger figures printed alike
 * in the same period's column of tables of one stated scale, and none of another.
 */
export function restatedScales(release: Release): void {
  const stated = new Map<string, Set<number>>();
  const unitless = (st: Release['statements'][number], t: Table) =>
    scaleIn(st.units) === null && scaleIn(t.caption) === null && t.columns.every((c) => c.amountScale === 0);
  const statements = release.statements;
  for (let si = 0; si < statements.length; si++) {
    const st = statements[si];
    for (let ti = 0; ti < st.tables.length; ti++) {
      const t = st.tables[ti];
      if (unitless(st, t)) continue;
      for (let ri = 0; ri < t.rows.length; ri++) {
        const cells = t.rows[ri].cells;
        for (let i = 0; i < cells.length; i++) {
          const cell = cells[i];
          const key = cell && cell.scale > 0 ? restatedKey(t, cell, i) : null;
          if (key) stated.set(key, (stated.get(key) ?? new Set()).add(cell!.scale));
        }
      }
    }
  }
  // Where no table states a scale, no figure restates one.
  if (stated.size === 0) return;
  for (let si = 0; si < statements.length; si++) {
    const st = statements[si];
    for (let ti = 0; ti < st.tables.length; ti++) {
      const t = st.tables[ti];
      if (!unitless(st, t)) continue;
      const scales = new Set<number>();
      let matches = 0;
      for (let ri = 0; ri < t.rows.length; ri++) {
        const cells = t.rows[ri].cells;
        for (let i = 0; i < cells.length; i++) {
          const key = restatedKey(t, cells[i], i);
          const found = key ? stated.get(key) : undefined;
          if (!found) continue;
          matches++;
          for (const x of found) scales.add(x);
        }
      }
      if (matches < 2 || scales.size !== 1) continue;
      const scale = [...scales][0];
      for (const col of t.columns) col.amountScale = scale;
      for (const row of t.rows) for (const cell of row.cells) if (cell && cell.kind === 'amount' && cell.scale === 0) cell.scale = scale;
    }
  }
}

export const unitsPass: Pass = {
  name: 'units',
  run(release) {
    ownDollars(release);
    ownScales(release);
    restatedScales(release);
    ownMarks(release);
  },
};
