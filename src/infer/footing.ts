import type { Decimal } from '../model/decimal';
import type { Footing, Release, Row, RowRef, Statement, Table, Untied, ValueKind } from '../model/types';
import { solveBlock, type Check, type Line, type Solution } from './footing-search';
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

/** A table's columns as one string, to tell consecutive tables of a statement apart. */
const tableSignature = (table: Table) => table.columns.map(columnSignature).join('\n');

/** Runs of tables in a statement that share their columns, with every row in reading order. */
export function blocks(st: Statement): { tables: Table[]; rows: BlockRow[] }[] {
  const out: { tables: Table[]; rows: BlockRow[] }[] = [];
  // Signatures only tell a table from the one before it: a statement of one table (most are) needs none.
  const sigs = st.tables.length > 1 ? st.tables.map(tableSignature) : null;
  for (let ti = 0; ti < st.tables.length; ti++) {
    const table = st.tables[ti];
    const block = ti > 0 && sigs![ti] === sigs![ti - 1] ? out[out.length - 1] : null;
    const seq = block ? block.rows.length : 0;
    const rows: BlockRow[] = table.rows.map((row, ri) => ({ ref: { statement: st.id, table: ti, row: ri }, row, seq: seq + ri }));
    if (!block) out.push({ tables: [table], rows });
    else {
      block.tables.push(table);
      for (let k = 0; k < rows.length; k++) block.rows.push(rows[k]);
    }
  }
  return out;
}

/** Absolute-unit residuals back into the total's printed units, as the release prints it. */
export function printed(row: Row, checks: Check[]): { col: number; diff: Decimal }[] {
  return checks.map((c) => {
    const scale = row.cells[c.col]?.scale ?? 0;
    // In units already (scale 0): dividing by 10^0 would only copy the figure.
    return { col: c.col, diff: scale === 0 ? c.diff : c.diff.div(pow10(scale)) };
  });
}

/** The rows of one kind in a block, in reading order, and the lines the search reads them as. */
export function kindLines(block: { rows: BlockRow[] }, kind: ValueKind): { members: BlockRow[]; lines: Line[] } {
  // Sized for every row and cut to those taken: an array grown by push from empty makes room for sixteen.
  const members = new Array<BlockRow>(block.rows.length);
  const lines = new Array<Line>(block.rows.length);
  let count = 0;
  for (let k = 0; k < block.rows.length; k++) {
    const b = block.rows[k];
    if (b.row.kind !== kind || b.row.emphasis === 'header') continue;
    const values = b.row.cells.map((c) => amountOf(c, kind));
    let any = false;
    for (let c = 0; c < values.length && !any; c++) any = !!values[c];
    if (!any) continue;
    members[count] = b;
    lines[count++] = { values, emphasis: b.row.emphasis, depth: b.row.depth, seq: b.seq, subtract: TAKEN_AWAY.test(b.row.label) };
  }
  members.length = lines.length = count;
  return { members, lines };
}

/** Whether a block has a row of the kind, as kindLines would read it, before any lines are made of them. */
function hasKind(block: { rows: BlockRow[] }, kind: ValueKind): boolean {
  for (let k = 0; k < block.rows.length; k++) if (block.rows[k].row.kind === kind) return true;
  return false;
}

// Indexed loops and forEach here, not for-of: the CLI leaves most code unoptimized (bin/tieout.js),
// and there every step of a for-of makes an object, for every block of every statement.
function footBlock(release: Release, block: { tables: Table[]; rows: BlockRow[] }): void {
  let optional: Set<number> | undefined;
  const columns = block.tables[0].columns;
  for (let k = 0; k < columns.length; k++) if (columns[k].convenience) (optional ??= new Set()).add(columns[k].index);
  for (let f = 0; f < FOOTED_KINDS.length; f++) {
    const { kind, totalsOnly, itemRuns } = FOOTED_KINDS[f];
    if (!hasKind(block, kind)) continue;
    const { members, lines } = kindLines(block, kind);
    if (members.length === 0) continue;
    const { solutions, failures } = solveBlock(lines, { optional, totalsOnly, itemRuns });
    solutions.forEach((sol, i) => footing(release, members, sol, i));
    for (let k = 0; k < failures.length; k++) untied(release, members[failures[k].line], lines[failures[k].line], failures[k].gap);
  }
}

/** The footing of a block's solution for line i, and the total's columns its terms do not recompute. */
function footing(release: Release, members: BlockRow[], sol: Solution, i: number): void {
  const m = members[i];
  const residuals = printed(m.row, sol.checks);
  // Made by map and filter, not push: these arrays stay in the release, and an array grown by push
  // from empty keeps room for sixteen (~180 bytes where one figure needs ~56).
  const columns = sol.checks.filter((c) => c.holds).map((c) => c.col);
  const terms = sol.terms.map((t) => ({ ref: members[t.line].ref, sign: t.sign }));
  release.relations.push({ type: 'footing', id: `footing:${m.ref.statement}/${m.ref.table}/${m.ref.row}`, total: m.ref, terms, columns, residuals });
  if (m.row.emphasis === 'item') return;
  for (let k = 0; k < residuals.length; k++) {
    const r = residuals[k];
    if (columns.includes(r.col)) continue;
    release.untied.push({ ref: m.ref, col: r.col, reason: `its terms (${sol.how}) recompute it in columns ${columns.join(', ')} only`, gap: r.diff });
  }
}

/** A total nothing recomputes: each of its figures untied, with its gap against the items directly above where there are any. */
function untied(release: Release, m: BlockRow, line: Line, gap: Check[] | null): void {
  const gaps = gap ? printed(m.row, gap) : null;
  for (let col = 0; col < line.values.length; col++) {
    if (!line.values[col]) continue;
    const diff = gaps?.find((g) => g.col === col)?.diff;
    const entry: Untied = {
      ref: m.ref,
      col,
      reason: diff ? 'no run of rows above it, lines below it or nearby subset recomputes it; gap against the item rows directly above' : 'no run of rows above it, lines below it or nearby subset recomputes it',
    };
    if (diff) entry.gap = diff;
    release.untied.push(entry);
  }
}

export const footingPass: Pass = {
  name: 'footing',
  run(release) {
    for (let s = 0; s < release.statements.length; s++) {
      const found = blocks(release.statements[s]);
      for (let b = 0; b < found.length; b++) footBlock(release, found[b]);
    }
  },
};
