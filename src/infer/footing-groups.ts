import type { Check, Line, SignedTerm } from './footing-search';

// Group totals printed as plain lines: a balance sheet set side by side in text prints "Non-current
// assets 16,602.4" unbolded, at the indent of its lines, with its lines below it, and "TOTAL ASSETS"
// adds the groups' figures. Nothing marks the groups but their sums, so they are read only for a
// total nothing else recomputes, and only where every group and the total tie at once.

export interface GroupedRun {
  /** The group heads, each + once: the total's terms. */
  heads: SignedTerm[];
  checks: Check[];
  /** Each head with the lines below it that make it, and their checks. */
  groups: { head: number; terms: SignedTerm[]; checks: Check[] }[];
}

const plus = (lines: number[]): SignedTerm[] => lines.map((line) => ({ line, sign: 1 }));

/**
 * The open item rows directly above `total` read as groups: each group a head followed by two or more
 * lines that add up to it (the fewest that do), the groups covering the run exactly, two or more of
 * them, and the heads adding up to the total. `tie` checks terms against a line in every column.
 */
export function groupedRun(lines: Line[], total: number, open: number[], tie: (line: number, terms: SignedTerm[]) => Check[] | null): GroupedRun | null {
  const run: number[] = [];
  for (let k = open.length - 1; k >= 0; k--) {
    const l = open[k];
    const ln = lines[l];
    if (ln.emphasis !== 'item' || lines[run[0] ?? total].seq - 1 !== ln.seq) break;
    run.unshift(l);
  }
  const groups: GroupedRun['groups'] = [];
  for (let p = 0; p < run.length;) {
    let found: GroupedRun['groups'][number] | null = null;
    for (let q = p + 2; q < run.length && !found; q++) {
      const terms = plus(run.slice(p + 1, q + 1));
      const checks = tie(run[p], terms);
      if (checks) found = { head: run[p], terms, checks };
    }
    if (!found) return null;
    groups.push(found);
    p += found.terms.length + 1;
  }
  if (groups.length < 2) return null;
  const heads = plus(groups.map((g) => g.head));
  const checks = tie(total, heads);
  return checks ? { heads, checks, groups } : null;
}
