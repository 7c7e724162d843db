import type { Decimal } from '../model/decimal';
import type { Footing, Release, Row, RowRef, Statement, Table, Untied, ValueKind } from '../model/types';
import { solveBlock, type Check, type Line } from './footing-search';
import { amountOf, columnSignature, pow10 } from './grid';
import type { Pass } from './index';

// Footing: which rows sum to which. Consecutive tables of one statement with the same columns are
// one block (a statement continued on the next page is still one statement), and each kind of figure
// is footed apart: amounts with amounts, share counts with share counts, never one with another,
// and percentages never. Share and per-share rows are sums only where the release marks a total,
// or, for share counts, of the lines printed directly above (basic + dilutive effect = diluted).

export const FOOTED_KINDS: { kind: ValueKind; totalsOnly: boolean; itemRuns?: boolean }[] = [
  { kind: 'amount', totalsOnly: false },
  { kind: 'shares', totalsOnly: true, itemRuns: true },
  { kind: 'per-share', totalsOnly: true },
  { kind: 'number', totalsOnly: true },
];

/** A label that says its line is taken away from the lines above it. */
const TAKEN_AWAY = /^\W*(less|deduct|minus)\b/i;

export interface BlockRow {
  ref: RowRef;
  row: Row;
  seq: number;
}

/** Runs of tables in a statement that share their columns, with every row in reading order. */
export function blocks(st: Statement): { tables: Table[]; rows: BlockRow[] }[] {
  const out: { tables: Table[]; rows: BlockRow[]; sig: string }[] = [];
  st.tables.forEach((table, ti) => {
    const sig = table.columns.map(columnSignature).join('\n');
    let block = out[out.length - 1];
    if (!block || block.sig !== sig) {
      block = { tables: [], rows: [], sig };
      out.push(block);
    }
    block.tables.push(table);
    table.rows.forEach((row, ri) => block.rows.push({ ref: { statement: st.id, table: ti, row: ri }, row, seq: block.rows.length }));
  });
  return out;
}

/** Absolute-unit residuals back into the total's printed units, as the release prints it. */
export function printed(row: Row, checks: Check[]): { col: number; diff: Decimal }[] {
  return checks.map((c) => ({ col: c.col, diff: c.diff.div(pow10(row.cells[c.col]?.scale ?? 0)) }));
}

/** The rows of one kind in a block, in reading order, and the lines the search reads them as. */
export function kindLines(block: { rows: BlockRow[] }, kind: ValueKind): { members: BlockRow[]; lines: Line[] } {
  const members: BlockRow[] = [];
  const lines: Line[] = [];
  for (const b of block.rows) {
    if (b.row.kind !== kind || b.row.emphasis === 'header') continue;
    const values = b.row.cells.map((c) => amountOf(c, kind));
    if (!values.some((v) => v)) continue;
    members.push(b);
    lines.push({ values, emphasis: b.row.emphasis, depth: b.row.depth, seq: b.seq, subtract: TAKEN_AWAY.test(b.row.label) });
  }
  return { members, lines };
}

function footBlock(release: Release, block: { tables: Table[]; rows: BlockRow[] }): void {
  const optional = new Set(block.tables[0].columns.filter((c) => c.convenience).map((c) => c.index));
  for (const { kind, totalsOnly, itemRuns } of FOOTED_KINDS) {
    const { members, lines } = kindLines(block, kind);
    if (members.length === 0) continue;
    const { solutions, failures } = solveBlock(lines, { optional, totalsOnly, itemRuns });
    for (const [i, sol] of solutions) {
      const m = members[i];
      const residuals = printed(m.row, sol.checks);
      const footing: Footing = {
        type: 'footing',
        id: `footing:${m.ref.statement}/${m.ref.table}/${m.ref.row}`,
        total: m.ref,
        terms: sol.terms.map((t) => ({ ref: members[t.line].ref, sign: t.sign })),
        columns: sol.checks.filter((c) => c.holds).map((c) => c.col),
        residuals,
      };
      release.relations.push(footing);
      if (m.row.emphasis === 'item') continue;
      for (const r of residuals) {
        if (footing.columns.includes(r.col)) continue;
        release.untied.push({ ref: m.ref, col: r.col, reason: `its terms (${sol.how}) recompute it in columns ${footing.columns.join(', ')} only`, gap: r.diff });
      }
    }
    for (const f of failures) {
      const m = members[f.line];
      const gaps = f.gap ? printed(m.row, f.gap) : null;
      lines[f.line].values.forEach((v, col) => {
        if (!v) return;
        const gap = gaps?.find((g) => g.col === col)?.diff;
        const entry: Untied = {
          ref: m.ref,
          col,
          reason: gap ? 'no run of rows above it, lines below it or nearby subset recomputes it; gap against the item rows directly above' : 'no run of rows above it, lines below it or nearby subset recomputes it',
        };
        if (gap) entry.gap = gap;
        release.untied.push(entry);
      });
    }
  }
}

export const footingPass: Pass = {
  name: 'footing',
  run(release) {
    for (const st of release.statements) for (const block of blocks(st)) footBlock(release, block);
  },
};
