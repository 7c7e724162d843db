import type { Release, RowRef } from '../model/types';

export interface TieSummary {
  /** Figures in subtotal and total rows of the statements. */
  totalsFound: number;
  /** Of those, the ones a footing recomputes as reported (within its rounding bound) or a link restates exactly. */
  totalsTied: number;
  relations: number;
  /** Relations with a non-zero residual in some column. */
  exceptions: string[];
}

const key = (r: RowRef, col: number) => `${r.statement}/${r.table}/${r.row}/${col}`;

/** Counts what the inferred relations tie: the one definition the CLI, the Checks sheet and the briefing share. */
export function tieSummary(release: Release): TieSummary {
  const tied = new Set<string>();
  const exceptions: string[] = [];
  for (const rel of release.relations) {
    if (rel.type === 'footing') {
      for (const col of rel.columns) tied.add(key(rel.total, col));
      for (const r of rel.residuals) if (!r.diff.isZero() && rel.columns.includes(r.col)) exceptions.push(`${rel.id} col ${r.col}: ${r.diff.toString()}`);
    } else {
      // A restated figure linked to where it is primary is tied as well as a summed one.
      if (rel.type === 'link' && rel.diff.isZero()) tied.add(key(rel.target, rel.target.col));
      if (!rel.diff.isZero()) exceptions.push(`${rel.id}: ${rel.diff.toString()}`);
    }
  }
  let totalsFound = 0;
  let totalsTied = 0;
  for (const st of release.statements) {
    st.tables.forEach((t, ti) => t.rows.forEach((row, ri) => {
      if (row.emphasis !== 'subtotal' && row.emphasis !== 'total') return;
      row.cells.forEach((c, ci) => {
        if (!c || c.value === null || c.kind === 'percent') return;
        totalsFound++;
        if (tied.has(key({ statement: st.id, table: ti, row: ri }, ci))) totalsTied++;
      });
    }));
  }
  return { totalsFound, totalsTied, relations: release.relations.length, exceptions };
}
