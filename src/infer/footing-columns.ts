import { cellKey, rowKey } from '../model/refs';
import type { Footing, Release } from '../model/types';
import { blocks, FOOTED_KINDS, kindLines, printed, type BlockRow } from './footing';
import { solveBlock, type Line, type Solution } from './footing-search';
import type { Pass } from './index';

// Footing of the columns a row's other relations leave. A reconciliation's total row is often
// explained column by column: its GAAP figure restates the income statement, its non-GAAP figure
// is GAAP + adjustment across the row, and only its adjustment column is a sum of the adjustments
// above it. Once links and across relations are in, the figures of a total still untied are footed
// again, on those columns alone: the same search, over the same rows, blind to the other columns.
// A row whose every column is untied was footed on exactly those columns already and is not retried
// as a whole; but each of its columns is footed alone, and where every column then ties on the same
// rows with only their signs differing, the release printed a column's costs with the other sign
// (costs negative in the quarter, positive in the year): one footing per sign pattern, on its columns.

const isTotal = (e: string) => e === 'subtotal' || e === 'total';

export const columnFootingPass: Pass = {
  name: 'footing-columns',
  run(release: Release) {
    // Untied columns of each total row.
    const untied = new Map<string, Set<number>>();
    // Only a statement with an untied row has anything to retry: the others are not read again.
    const statements = new Set<string>();
    for (const u of release.untied) {
      statements.add(u.ref.statement);
      const k = rowKey(u.ref);
      let cols = untied.get(k);
      if (!cols) untied.set(k, (cols = new Set()));
      cols.add(u.col);
    }
    if (untied.size === 0) return;
    const tied = new Set<string>();
    for (const st of release.statements) {
      if (!statements.has(st.id)) continue;
      for (const block of blocks(st)) {
        for (const { kind, totalsOnly } of FOOTED_KINDS) {
          const { members, lines } = kindLines(block, kind);
          // The rows to retry, grouped by the columns they leave untied.
          const groups = new Map<string, { cols: Set<number>; rows: Set<number> }>();
          const whole: number[] = [];
          members.forEach((m, i) => {
            const cols = untied.get(rowKey(m.ref));
            if (!cols || !isTotal(m.row.emphasis)) return;
            const own = lines[i].values.flatMap((v, c) => (v && cols.has(c) ? [c] : []));
            const figures = lines[i].values.filter((v) => v).length;
            if (own.length === figures && figures >= 2) whole.push(i);
            if (own.length === 0 || own.length === figures) return;
            const key = own.join(',');
            let g = groups.get(key);
            if (!g) groups.set(key, (g = { cols: new Set(own), rows: new Set() }));
            g.rows.add(i);
          });
          for (const [key, g] of groups) {
            const projected: Line[] = lines.map((l) => ({ ...l, values: l.values.map((v, c) => (g.cols.has(c) ? v : null)) }));
            const { solutions } = solveBlock(projected, { totalsOnly });
            for (const [i, sol] of solutions) {
              if (!g.rows.has(i) || !sol.checks.every((c) => c.holds)) continue;
              const m = members[i];
              const footing: Footing = {
                type: 'footing',
                id: `footing:${m.ref.statement}/${m.ref.table}/${m.ref.row}:${key}`,
                total: m.ref,
                terms: sol.terms.map((t) => ({ ref: members[t.line].ref, sign: t.sign })),
                columns: sol.checks.map((c) => c.col),
                residuals: printed(m.row, sol.checks),
              };
              release.relations.push(footing);
              for (const c of footing.columns) tied.add(cellKey(m.ref, c));
            }
          }
          for (const footing of signFlips(lines, members, whole, totalsOnly)) {
            release.relations.push(footing);
            for (const c of footing.columns) tied.add(cellKey(footing.total, c));
          }
        }
      }
    }
    if (tied.size > 0) release.untied = release.untied.filter((u) => !tied.has(cellKey(u.ref, u.col)));
  },
};

/** The rows a solution takes, whatever their signs. */
const rowsOf = (s: Solution) => s.terms.map((t) => t.line).sort((a, b) => a - b).join(',');

/**
 * Totals untied in every column, footed column by column: kept where every column ties on the same
 * rows, one footing per pattern of signs with the columns it holds in.
 */
function signFlips(lines: Line[], members: BlockRow[], whole: number[], totalsOnly: boolean): Footing[] {
  if (whole.length === 0) return [];
  const cols = new Set(whole.flatMap((i) => lines[i].values.flatMap((v, c) => (v ? [c] : []))));
  const perColumn = new Map<number, Map<number, Solution>>();
  for (const col of cols) {
    const projected: Line[] = lines.map((l) => ({ ...l, values: l.values.map((v, c) => (c === col ? v : null)) }));
    perColumn.set(col, solveBlock(projected, { totalsOnly }).solutions);
  }
  const out: Footing[] = [];
  for (const i of whole) {
    const own = lines[i].values.flatMap((v, c) => (v ? [c] : []));
    const sols = own.map((c) => perColumn.get(c)?.get(i));
    if (sols.some((s) => !s || s.terms.length < 2 || !s.checks.every((c) => c.holds))) continue;
    if (new Set(sols.map((s) => rowsOf(s!))).size !== 1) continue;
    const patterns = new Map<string, { sol: Solution; cols: number[] }>();
    sols.forEach((s, k) => {
      const key = s!.terms.map((t) => `${t.line}${t.sign > 0 ? '+' : '-'}`).sort().join(',');
      const p = patterns.get(key);
      if (p) p.cols.push(own[k]);
      else patterns.set(key, { sol: s!, cols: [own[k]] });
    });
    const m = members[i];
    for (const { sol, cols: on } of patterns.values()) {
      out.push({
        type: 'footing',
        id: `footing:${m.ref.statement}/${m.ref.table}/${m.ref.row}:${on.join(',')}`,
        total: m.ref,
        terms: sol.terms.map((t) => ({ ref: members[t.line].ref, sign: t.sign })),
        columns: on,
        residuals: printed(m.row, sol.checks.concat(on.slice(1).map((c) => perColumn.get(c)!.get(i)!.checks).flat())),
      });
    }
  }
  return out;
}
