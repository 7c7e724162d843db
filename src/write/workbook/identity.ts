import { rowKey } from '../../model/refs';
import type { Footing, Release, Row, RowRef, Statement, Table } from '../../model/types';

// The balance-sheet identity, found from structure: the assets side is the first top-level
// footing total (a total no other footing uses as a term) that a later total row equals in
// every column; the other side is the last such row. Labels are not consulted, so it works in
// any language and with any wording ("Total liabilities, mezzanine equity and deficit").
// A statement printed as several tables (assets in one, liabilities and equity in the next) is
// searched as a whole when no table holds both sides: any footing total or total row may then
// head the assets side, and a later table's row is compared column by column of the same period
// and currency. A row the model marks as closing the liabilities-and-equity side (Row.closes) is
// a claims side whatever its emphasis.

export interface Identity {
  assets: RowRef;
  claims: RowRef;
  /** Columns both rows report, in the assets row's table. */
  columns: number[];
  /** The claims row's column for each of `columns` (the same index within one table). */
  claimColumns: number[];
}

/** The label the claims side is named by: a row that closes the liabilities-and-equity side says so. */
export function claimsLabel(row: Row | undefined): string {
  if (!row) return '';
  return row.closes === 'liabilities-and-equity' ? `${row.label} (liabilities and equity)` : row.label;
}

/** A column's period and currency: how a column of one table is found in another. */
function columnKey(t: Table, i: number): string | null {
  const c = t.columns[i];
  return c?.period?.end && !c.convenience ? `${c.period.start ?? ''}|${c.period.end}|${c.currency ?? ''}` : null;
}

const valued = (row: Row) => row.cells.map((c, i) => (c && c.value !== null && !c.value.isZero() ? i : -1)).filter((i) => i >= 0);
const closing = (row: Row) => row.emphasis === 'total' || row.emphasis === 'subtotal' || !!row.closes;

/** `b`'s column for each of `cols` of `a`, where `b` equals `a` in all of them; null otherwise. */
function equalIn(ta: Table, a: Row, cols: number[], tb: Table, b: Row): number[] | null {
  const pairs: number[] = [];
  for (const c of cols) {
    let bc = c;
    if (ta !== tb) {
      const k = columnKey(ta, c);
      const found = k === null ? [] : tb.columns.map((_, i) => (columnKey(tb, i) === k ? i : -1)).filter((i) => i >= 0);
      if (found.length !== 1) return null;
      bc = found[0];
    }
    const v = b.cells[bc]?.value;
    if (v == null || !v.eq(a.cells[c]!.value!)) return null;
    pairs.push(bc);
  }
  return pairs;
}

/** Within each table: the first top-level total a later row of the table equals (one per table). */
function withinTables(st: Statement, footings: Footing[], asTerm: Set<string>): Identity[] {
  const out: Identity[] = [];
  st.tables.forEach((table, ti) => {
    const tops = footings.filter((f) => f.total.statement === st.id && f.total.table === ti && !asTerm.has(rowKey(f.total)));
    // Without footings, any total row may head the assets side.
    const heads = tops.length
      ? [...new Set(tops.map((f) => f.total.row))].sort((a, b) => a - b)
      : table.rows.map((r, i) => (r.emphasis === 'total' ? i : -1)).filter((i) => i >= 0);
    for (const a of heads) {
      const ra = table.rows[a];
      const cols = valued(ra);
      if (!cols.length) continue;
      for (let b = table.rows.length - 1; b > a; b--) {
        const rb = table.rows[b];
        if (!closing(rb)) continue;
        const pairs = equalIn(table, ra, cols, table, rb);
        if (pairs) {
          out.push({ assets: { statement: st.id, table: ti, row: a }, claims: { statement: st.id, table: ti, row: b }, columns: cols, claimColumns: pairs });
          return;
        }
      }
    }
  });
  return out;
}

/** Across the statement's tables: the first total (footing total or total row) a later row equals. */
function acrossTables(st: Statement, footings: Footing[]): Identity | null {
  const totals = new Set(footings.filter((f) => f.total.statement === st.id).map((f) => `${f.total.table}:${f.total.row}`));
  const places = st.tables.flatMap((t, ti) => t.rows.map((_, ri) => ({ ti, ri })));
  for (let i = 0; i < places.length; i++) {
    const { ti, ri } = places[i];
    const ta = st.tables[ti];
    const ra = ta.rows[ri];
    if (ra.emphasis !== 'total' && !totals.has(`${ti}:${ri}`)) continue;
    const cols = valued(ra);
    if (!cols.length) continue;
    for (let j = places.length - 1; j > i; j--) {
      const tb = st.tables[places[j].ti];
      const rb = tb.rows[places[j].ri];
      if (!closing(rb)) continue;
      const pairs = equalIn(ta, ra, cols, tb, rb);
      if (pairs) return { assets: { statement: st.id, table: ti, row: ri }, claims: { statement: st.id, table: places[j].ti, row: places[j].ri }, columns: cols, claimColumns: pairs };
    }
  }
  return null;
}

export function findIdentities(release: Release): Identity[] {
  const out: Identity[] = [];
  const footings = release.relations.filter((r): r is Footing => r.type === 'footing');
  const asTerm = new Set(footings.flatMap((f) => f.terms.map((t) => rowKey(t.ref))));
  for (const st of release.statements) {
    if (st.kind !== 'balance-sheet') continue;
    const found = withinTables(st, footings, asTerm);
    if (!found.length) {
      const across = acrossTables(st, footings);
      if (across) found.push(across);
    }
    out.push(...found);
  }
  return out;
}
