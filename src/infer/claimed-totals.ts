import { rowKey } from '../model/refs';
import type { Release, Row } from '../model/types';
import type { Pass } from './index';
import { isInputLabel } from '../read/classify';

// Which bold rows claim to be totals, from evidence rather than typeface. A row labelled "Total …"
// always claims to be one, and one that a sum of rows recomputes or a link restates is one. Otherwise bold is a
// highlight: a per-share figure or a share count in bold is not a sum of the rows above it, and a
// bold line that follows a total, that nothing recomputes and that a later total takes as a term
// ("Effect of exchange rate changes", "Cash at beginning of period") is an input to that total;
// so is such a line after items, when it is one of the inputs every cash-flow statement carries.
// A "Total …" that follows no lines of its own and heads none restates a total printed elsewhere.
// Such rows keep their typeface but are marked unclaimed, and their figures leave the untied list:
// they never claimed to tie.

const TOTAL_WORD = /\btotal\b/i;

const isTotal = (row: Row) => row.emphasis === 'subtotal' || row.emphasis === 'total';

export const claimedTotalsPass: Pass = {
  name: 'claimed-totals',
  run(release: Release) {
    const defined = new Set<string>();
    const terms = new Set<string>();
    // A row is shown to be a total by a sum of rows or by the same figure printed where it is
    // primary; arithmetic within its own row (GAAP + adjustment = non-GAAP, a % change, a
    // translation) says nothing about whether it sums lines.
    for (const rel of release.relations) {
      if (rel.type === 'footing') {
        if (rel.columns.length > 0) defined.add(rowKey(rel.total));
        for (const t of rel.terms) terms.add(rowKey(t.ref));
      } else if (rel.type === 'link') defined.add(rowKey(rel.target));
    }
    // Rows whose untied entry measured a gap against item rows directly above: they follow items.
    const afterItems = new Set(release.untied.filter((u) => u.gap !== undefined).map((u) => rowKey(u.ref)));
    const untiedRows = new Set(release.untied.map((u) => rowKey(u.ref)));
    const demoted = new Set<string>();
    for (const st of release.statements) {
      st.tables.forEach((table, ti) => table.rows.forEach((row, ri) => {
        if (!isTotal(row)) return;
        const key = rowKey({ statement: st.id, table: ti, row: ri });
        if (defined.has(key)) return;
        // A "Total …" with no lines of its table above it and none below that add up to it
        // restates a total whose lines the table does not print: nothing here can check it.
        const unprinted = TOTAL_WORD.test(row.label) && untiedRows.has(key) && !afterItems.has(key);
        const counted = !TOTAL_WORD.test(row.label) && (row.kind === 'per-share' || row.kind === 'shares');
        const input = !TOTAL_WORD.test(row.label) && row.kind === 'amount' && terms.has(key) && (!afterItems.has(key) || isInputLabel(row.label));
        if (!counted && !input && !unprinted) return;
        row.claimed = false;
        demoted.add(key);
      }));
    }
    if (demoted.size > 0) release.untied = release.untied.filter((u) => !demoted.has(rowKey(u.ref)));
  },
};
