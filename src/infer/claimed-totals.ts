import { rowKey } from '../model/refs';
import type { Footing, Release, Row, RowRef } from '../model/types';
import { rowAt } from './grid';
import type { Pass } from './index';
import { isInputLabel } from '../read/classify';

// Which bold rows claim to be totals, from evidence rather than typeface. A row labelled "Total …"
// always claims to be one, and one that a sum of rows recomputes or a link restates is one. Otherwise bold is a
// highlight: a per-share figure or a share count in bold is not a sum of the rows above it, and a
// bold line that follows a total, that nothing recomputes and that a later total takes as a term
// ("Effect of exchange rate changes", "Cash at beginning of period") is an input to that total;
// so is such a line after items, when it is one of the inputs every cash-flow statement carries.
// A "Total …" that follows no lines of its own and heads none restates a total printed elsewhere.
// In a table where no row sums others (a fleet list, its new vessels in bold), bold rows sum nothing.
// Such rows keep their typeface but are marked unclaimed, and their figures leave the untied list:
// they never claimed to tie. A per-share or share-count row that ties in some columns claims nothing
// in the others (a non-GAAP EPS is a ratio; a "—" share adjustment adds nothing): those columns are
// unclaimed. And a total that nothing recomputes but that a tying footing takes as a term
// (business unit profit = gross profit − a "Total SG&A" whose lines the segment does not print) is
// vouched for by that footing: it stays listed, as inconclusive, and is not counted untied.

const TOTAL_WORD = /\btotal\b/i;

const isTotal = (row: Row) => row.emphasis === 'subtotal' || row.emphasis === 'total';
const tableKey = (r: RowRef) => `${r.statement}/${r.table}`;

export const claimedTotalsPass: Pass = {
  name: 'claimed-totals',
  run(release: Release) {
    const defined = new Set<string>();
    /** Rows a link or a sum of two or more rows defines: a restatement of the row above defines, but proves no sum. */
    const summed = new Set<string>();
    const terms = new Set<string>();
    /** Tables where some bold row is a sum of two or more others (an item equal to a few others may be a coincidence). */
    const summing = new Set<string>();
    // A row is shown to be a total by a sum of rows or by the same figure printed where it is
    // primary; arithmetic within its own row (GAAP + adjustment = non-GAAP, a % change, a
    // translation) says nothing about whether it sums lines.
    for (const rel of release.relations) {
      if (rel.type === 'footing') {
        if (rel.columns.length > 0) defined.add(rowKey(rel.total));
        for (const t of rel.terms) terms.add(rowKey(t.ref));
        if (rel.columns.length > 0 && rel.terms.length > 1) {
          summed.add(rowKey(rel.total));
          const row = rowAt(release, rel.total);
          if (row && isTotal(row)) summing.add(tableKey(rel.total));
        }
      } else if (rel.type === 'link') { defined.add(rowKey(rel.target)); summed.add(rowKey(rel.target)); }
    }
    // Cells some relation makes (a link, an across, a footing that holds there).
    const made = new Set<string>();
    for (const rel of release.relations) {
      if (rel.type === 'footing') for (const c of rel.columns) made.add(`${rowKey(rel.total)}/${c}`);
      else made.add(`${rowKey(rel.target)}/${rel.target.col}`);
    }
    // Rows whose untied entry measured a gap against item rows directly above: they follow items.
    const afterItems = new Set(release.untied.filter((u) => u.gap !== undefined).map((u) => rowKey(u.ref)));
    const untiedRows = new Set(release.untied.map((u) => rowKey(u.ref)));
    const demoted = new Set<string>();
    const unclaimedCells = new Set<string>();
    for (const st of release.statements) {
      st.tables.forEach((table, ti) => {
        // Bold rows of a table where nothing sums, that no link or sum defines: two or more make a list's highlights.
        const listed = summing.has(tableKey({ statement: st.id, table: ti, row: 0 })) ? [] : table.rows.flatMap((row, ri) => {
          const key = rowKey({ statement: st.id, table: ti, row: ri });
          return isTotal(row) && !TOTAL_WORD.test(row.label) && !summed.has(key) ? [key] : [];
        });
        table.rows.forEach((row, ri) => {
          if (!isTotal(row)) return;
          const key = rowKey({ statement: st.id, table: ti, row: ri });
          const counted = !TOTAL_WORD.test(row.label) && (row.kind === 'per-share' || row.kind === 'shares');
          if (defined.has(key) && counted) {
            const cols = row.cells.flatMap((c, ci) => (c && c.value !== null && c.kind !== 'percent' && !made.has(`${key}/${ci}`) ? [ci] : []));
            if (cols.length) {
              row.unclaimed = cols;
              for (const c of cols) unclaimedCells.add(`${key}/${c}`);
            }
          }
          const highlight = listed.length >= 2 && listed.includes(key);
          if (defined.has(key) && !highlight) return;
          // A "Total …" with no lines of its table above it and none below that add up to it
          // restates a total whose lines the table does not print: nothing here can check it. So
          // does any bold row with neither lines nor a total of its kind above it (a net income
          // printed in bold under a free cash flow and its % growth, as the base of a ratio).
          const above = table.rows.slice(0, ri).reverse().find((r) => r.cells.some((c) => c && c.value !== null));
          const afterTotal = !!above && above.kind === row.kind && isTotal(above);
          const unprinted = untiedRows.has(key) && !afterItems.has(key) && (TOTAL_WORD.test(row.label) || !afterTotal);
          const input = !TOTAL_WORD.test(row.label) && row.kind === 'amount' && terms.has(key) && (!afterItems.has(key) || isInputLabel(row.label));
          if (!counted && !input && !unprinted && !highlight) return;
          row.claimed = false;
          demoted.add(key);
        });
      });
    }
    release.untied = release.untied.filter((u) => !demoted.has(rowKey(u.ref)) && !unclaimedCells.has(`${rowKey(u.ref)}/${u.col}`));
    vouch(release);
  },
};

/**
 * Marks each untied figure of a total that no footing tried (none recomputes it in any column) and
 * that a footing tying in that column takes as a term: its own lines are not printed, but the
 * larger total vouches for the figure. A total whose lines tie in other columns is not vouched for:
 * where its printed lines miss it, the release's own arithmetic is wrong.
 */
function vouch(release: Release): void {
  const tried = new Set(release.relations.filter((r): r is Footing => r.type === 'footing').map((r) => rowKey(r.total)));
  const partOf = new Map<string, RowRef>();
  for (const rel of release.relations) {
    if (rel.type !== 'footing' || rel.terms.length < 2) continue;
    for (const t of rel.terms) for (const c of rel.columns) if (!partOf.has(`${rowKey(t.ref)}/${c}`)) partOf.set(`${rowKey(t.ref)}/${c}`, rel.total);
  }
  for (const u of release.untied) {
    if (tried.has(rowKey(u.ref))) continue;
    const by = partOf.get(`${rowKey(u.ref)}/${u.col}`);
    if (!by) continue;
    u.partOf = { ...by };
    // The items directly above are not its lines: a gap against them would mislead.
    delete u.gap;
    u.reason = `its lines are not printed (or not all of them); "${rowAt(release, by)?.label.replace(/\s+/g, ' ').trim() ?? ''}" takes it as a term and ties`;
  }
}
