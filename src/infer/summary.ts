import { Decimal } from '../model/decimal';
import { cellRef, statementById } from '../model/refs';
import type { CellRef, Figure, Release } from '../model/types';
import { figureAt, rowAt } from './grid';

export interface TieSummary {
  /** Figures in subtotal and total rows of the statements that claim to be totals (not `claimed: false`). */
  totalsFound: number;
  /** Of those, the ones a footing recomputes as reported (within its rounding bound) or a link restates exactly. */
  totalsTied: number;
  /**
   * Figures of totals left out of `totalsFound`: nothing recomputes them, but a tying footing takes
   * each as a term (its lines are not printed), so they can be neither tied nor untied.
   */
  totalsInconclusive: number;
  relations: number;
  /** Relations with a non-zero residual where they define a figure, described for a reader. */
  exceptions: TieException[];
  /** The rows whose reported totals no relation ties, with how many of their figures are untied, in reading order. */
  untiedRows: { label: string; count: number }[];
}

export interface TieException {
  /** "Basic (3M Sep-30-2024 USD): reported 1.76, recomputed 1.77". */
  text: string;
  /**
   * True when rounding explains the gap: at most one unit of the figure's last printed digit, or
   * for a sum, half a unit for each figure it adds and for the total (the release's own rounding).
   */
  rounding: boolean;
}

/** A recomputed figure printed the way the release prints its own: thousands separators, parentheses for negatives. */
function asPrinted(value: Decimal, decimals: number, parens: boolean): string {
  const [int, frac] = value.abs().toFixed(decimals).split('.');
  const body = `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
  if (!value.isNegative() || value.isZero()) return body;
  return parens ? `(${body})` : `-${body}`;
}

/** Names a figure and its gap as an analyst reads it; `diff` is reported − recomputed in printed units, over `terms` added figures. */
function describe(release: Release, ref: CellRef, diff: Decimal, terms = 0): TieException {
  const table = statementById(release, ref.statement)?.tables[ref.table];
  const row = table?.rows[ref.row];
  const col = table?.columns[ref.col];
  const fig = row?.cells[ref.col];
  const where = `${row?.label ?? ref.statement} (${[col?.period?.label, col?.currency].filter(Boolean).join(' ')})`;
  const unit = new Decimal(10).pow(-(fig?.decimals ?? 0));
  const rounding = diff.abs().lte(terms > 1 ? Decimal.max(unit, unit.times(terms + 1).div(2)) : unit);
  if (!fig?.value) return { text: `${where}: off by ${diff.toString()}`, rounding };
  return { text: `${where}: reported ${fig.text}, recomputed ${asPrinted(fig.value.minus(diff), fig.decimals, fig.text.includes('('))}`, rounding };
}


/** Counts what the inferred relations tie: the one definition the CLI, the Checks sheet and the briefing share. */
export function tieSummary(release: Release): TieSummary {
  // Cells are told apart by the figures themselves, not by keys spelled for them: only printed
  // figures are counted below, and a release may hold tens of thousands of them. The loops are
  // indexed, as a for-of loop that runs once per release is not optimized and makes an iterator
  // result per step.
  const tied = new Set<Figure | null | undefined>();
  const exceptions: TieException[] = [];
  for (let i = 0; i < release.relations.length; i++) {
    const rel = release.relations[i];
    if (rel.type === 'footing') {
      const total = rowAt(release, rel.total);
      for (let c = 0; c < rel.columns.length; c++) tied.add(total?.cells[rel.columns[c]]);
      for (let k = 0; k < rel.residuals.length; k++) {
        const r = rel.residuals[k];
        if (!r.diff.isZero() && rel.columns.includes(r.col)) exceptions.push(describe(release, cellRef(rel.total, r.col), r.diff, rel.terms.length));
      }
    } else {
      // A restated figure linked to where it is primary is tied as well as a summed one, and so is
      // a figure its row's other columns recompute (an across relation holds within its rounding).
      if ((rel.type === 'link' && rel.diff.isZero()) || rel.type === 'across') tied.add(figureAt(release, rel.target));
      if (!rel.diff.isZero()) exceptions.push(describe(release, rel.target, rel.diff));
    }
  }
  let totalsFound = 0;
  let totalsTied = 0;
  let totalsInconclusive = 0;
  const vouched = new Set(release.untied.filter((u) => u.partOf).map((u) => figureAt(release, cellRef(u.ref, u.col))));
  const untiedRows = new Map<string, { label: string; count: number }>();
  for (let si = 0; si < release.statements.length; si++) {
    const st = release.statements[si];
    for (let ti = 0; ti < st.tables.length; ti++) {
      const rows = st.tables[ti].rows;
      for (let ri = 0; ri < rows.length; ri++) {
        const row = rows[ri];
        if ((row.emphasis !== 'subtotal' && row.emphasis !== 'total') || row.claimed === false) continue;
        for (let ci = 0; ci < row.cells.length; ci++) {
          const c = row.cells[ci];
          if (!c || c.value === null || c.kind === 'percent' || row.unclaimed?.includes(ci)) continue;
          if (vouched.has(c) && !tied.has(c)) { totalsInconclusive++; continue; }
          totalsFound++;
          if (tied.has(c)) totalsTied++;
          else {
            const k = `${st.id}/${ti}/${ri}`;
            const u = untiedRows.get(k) ?? { label: row.label.replace(/\s+/g, ' ').trim(), count: 0 };
            u.count++;
            untiedRows.set(k, u);
          }
        }
      }
    }
  }
  return { totalsFound, totalsTied, totalsInconclusive, relations: release.relations.length, exceptions, untiedRows: [...untiedRows.values()] };
}
