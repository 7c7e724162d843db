import { rowKey } from '../../model/refs';
import type { Footing, Release, RowRef } from '../../model/types';

// The balance-sheet identity, found from structure: the assets side is the first top-level
// footing total (a total no other footing uses as a term) that a later total row equals in
// every column; the other side is the last such row. Labels are not consulted, so it works in
// any language and with any wording ("Total liabilities, mezzanine equity and deficit").

export interface Identity {
  assets: RowRef;
  claims: RowRef;
  /** Columns both rows report. */
  columns: number[];
}

export function findIdentities(release: Release): Identity[] {
  const out: Identity[] = [];
  const footings = release.relations.filter((r): r is Footing => r.type === 'footing');
  const asTerm = new Set(footings.flatMap((f) => f.terms.map((t) => rowKey(t.ref))));
  for (const st of release.statements) {
    if (st.kind !== 'balance-sheet') continue;
    st.tables.forEach((table, ti) => {
      const tops = footings.filter((f) => f.total.statement === st.id && f.total.table === ti && !asTerm.has(rowKey(f.total)));
      // Without footings, any total row may head the assets side.
      const heads = tops.length
        ? [...new Set(tops.map((f) => f.total.row))].sort((a, b) => a - b)
        : table.rows.map((r, i) => (r.emphasis === 'total' ? i : -1)).filter((i) => i >= 0);
      for (const a of heads) {
        const ra = table.rows[a];
        const cols = ra.cells.map((c, i) => (c && c.value !== null && !c.value.isZero() ? i : -1)).filter((i) => i >= 0);
        if (!cols.length) continue;
        let match = -1;
        for (let b = table.rows.length - 1; b > a && match < 0; b--) {
          const rb = table.rows[b];
          if (rb.emphasis !== 'total' && rb.emphasis !== 'subtotal') continue;
          if (cols.every((c) => rb.cells[c]?.value != null && rb.cells[c]!.value!.eq(ra.cells[c]!.value!))) match = b;
        }
        if (match >= 0) {
          out.push({ assets: { statement: st.id, table: ti, row: a }, claims: { statement: st.id, table: ti, row: match }, columns: cols });
          break;
        }
      }
    });
  }
  return out;
}
