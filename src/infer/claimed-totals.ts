import { rowKey, statementById } from '../model/refs';
import type { Release, Row, RowRef, Table } from '../model/types';
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

// Rows and tables are told apart by the objects themselves, not by keys spelled for them: the loops
// below run once per relation, table or row of a release, and a string key is a string made and
// hashed each time. They are indexed loops, as a for-of loop that runs once per release is not
// optimized and makes an iterator result per step.

export const claimedTotalsPass: Pass = {
  name: 'claimed-totals',
  run(release: Release) {
    const defined = new Set<Row>();
    /** Rows a link or a sum of two or more rows defines: a restatement of the row above defines, but proves no sum. */
    const summed = new Set<Row>();
    const terms = new Set<Row>();
    /** Tables where some bold row is a sum of two or more others (an item equal to a few others may be a coincidence). */
    const summing = new Set<Table>();
    // A row is shown to be a total by a sum of rows or by the same figure printed where it is
    // primary; arithmetic within its own row (GAAP + adjustment = non-GAAP, a % change, a
    // translation) says nothing about whether it sums lines.
    const relations = release.relations;
    for (let i = 0; i < relations.length; i++) {
      const rel = relations[i];
      if (rel.type === 'footing') {
        const total = rel.columns.length > 0 ? rowAt(release, rel.total) : undefined;
        if (total) defined.add(total);
        for (let t = 0; t < rel.terms.length; t++) {
          const term = rowAt(release, rel.terms[t].ref);
          if (term) terms.add(term);
        }
        if (total && rel.terms.length > 1) {
          summed.add(total);
          if (isTotal(total)) summing.add(statementById(release, rel.total.statement)!.tables[rel.total.table]);
        }
      } else if (rel.type === 'link') {
        const target = rowAt(release, rel.target);
        if (target) { defined.add(target); summed.add(target); }
      }
    }
    // Cells some relation makes (a link, an across, a footing that holds there): read only for a
    // bold per-share or share-count row that some relation defines.
    let made: Set<string> | null = null;
    const madeCells = (): Set<string> => {
      if (made) return made;
      made = new Set<string>();
      for (const rel of relations) {
        if (rel.type === 'footing') for (const c of rel.columns) made.add(`${rowKey(rel.total)}/${c}`);
        else made.add(`${rowKey(rel.target)}/${rel.target.col}`);
      }
      return made;
    };
    const rowsOf = (untied: Release['untied']) => new Set(untied.map((u) => rowAt(release, u.ref)));
    // Rows whose untied entry measured a gap against item rows directly above: they follow items.
    const afterItems = rowsOf(release.untied.filter((u) => u.gap !== undefined));
    const untiedRows = rowsOf(release.untied);
    const demoted = new Set<Row>();
    const unclaimedCells = new Set<string>();
    const statements = release.statements;
    for (let si = 0; si < statements.length; si++) {
      const st = statements[si];
      for (let ti = 0; ti < st.tables.length; ti++) {
        const table = st.tables[ti];
        const rows = table.rows;
        // Bold rows of a table where nothing sums, that no link or sum defines: two or more make a list's highlights.
        const listed: Row[] = [];
        if (!summing.has(table)) {
          for (let ri = 0; ri < rows.length; ri++) {
            const row = rows[ri];
            if (isTotal(row) && !TOTAL_WORD.test(row.label) && !summed.has(row)) listed.push(row);
          }
        }
        for (let ri = 0; ri < rows.length; ri++) {
          const row = rows[ri];
          if (!isTotal(row)) continue;
          const counted = !TOTAL_WORD.test(row.label) && (row.kind === 'per-share' || row.kind === 'shares');
          if (defined.has(row) && counted) {
            const key = rowKey({ statement: st.id, table: ti, row: ri });
            const cols = row.cells.flatMap((c, ci) => (c && c.value !== null && c.kind !== 'percent' && !madeCells().has(`${key}/${ci}`) ? [ci] : []));
            if (cols.length) {
              row.unclaimed = cols;
              for (const c of cols) unclaimedCells.add(`${key}/${c}`);
            }
          }
          const highlight = listed.length >= 2 && listed.includes(row);
          if (defined.has(row) && !highlight) continue;
          // A "Total …" with no lines of its table above it and none below that add up to it
          // restates a total whose lines the table does not print: nothing here can check it. So
          // does any bold row with neither lines nor a total of its kind above it (a net income
          // printed in bold under a free cash flow and its % growth, as the base of a ratio).
          const above = rows.slice(0, ri).reverse().find((r) => r.cells.some((c) => c && c.value !== null));
          const afterTotal = !!above && above.kind === row.kind && isTotal(above);
          const unprinted = untiedRows.has(row) && !afterItems.has(row) && (TOTAL_WORD.test(row.label) || !afterTotal);
          const input = !TOTAL_WORD.test(row.label) && row.kind === 'amount' && terms.has(row) && (!afterItems.has(row) || isInputLabel(row.label));
          if (!counted && !input && !unprinted && !highlight) continue;
          row.claimed = false;
          demoted.add(row);
        }
      }
    }
    release.untied = release.untied.filter((u) => !demoted.has(rowAt(release, u.ref)!) && !unclaimedCells.has(`${rowKey(u.ref)}/${u.col}`));
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
  // Only rows of statements with an untied figure are asked about: the keys of others are not made.
  const untiedIn = new Set(release.untied.map((u) => u.ref.statement));
  if (untiedIn.size === 0) return;
  const tried = new Set<string>();
  const partOf = new Map<string, RowRef>();
  const relations = release.relations;
  for (let i = 0; i < relations.length; i++) {
    const rel = relations[i];
    if (rel.type !== 'footing') continue;
    if (untiedIn.has(rel.total.statement)) tried.add(rowKey(rel.total));
    if (rel.terms.length < 2) continue;
    for (const t of rel.terms) {
      if (!untiedIn.has(t.ref.statement)) continue;
      for (const c of rel.columns) if (!partOf.has(`${rowKey(t.ref)}/${c}`)) partOf.set(`${rowKey(t.ref)}/${c}`, rel.total);
    }
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
