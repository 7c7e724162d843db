import type { RawCell, RawRow } from './raw';

// Sub-columns without a period: a balance sheet prints the parts of a section in a column of their
// own, left of the period's column, and their sum on the last part's line in the period's column
// ("Non-controlling interests 119,406 / Preferred equity 4,103 / Common equity 41,874 | 165,383").
// The parts belong to the period whose column follows; the sum is a line of its own. So each run of
// parts moves into the period's column, and the sum goes on an unlabelled line after the run, which
// `nameUnlabelledTotals` names after the section's heading where the figures prove it.

const blank = (cell: RawCell | undefined) => !cell || cell.text === '';

/** The most cells any row has (0 for no rows). */
export function widest(rows: RawRow[]): number {
  let width = 0;
  for (let i = 0; i < rows.length; i++) width = Math.max(width, rows[i].cells.length);
  return width;
}

/** True when some row has text in column c (asked of every column of every table: no closure, no copy). */
export function filledColumn(rows: RawRow[], c: number): boolean {
  for (let i = 0; i < rows.length; i++) if (!blank(rows[i].cells[c])) return true;
  return false;
}

function emptyCell(like: RawCell): RawCell {
  return { text: '', bold: false, place: like.place };
}

/** Runs of rows (first, last) with a figure in `sub`, each closed by a row with figures in both `sub` and `main`; null when the column is not such a sub-column. */
function partRuns(body: RawRow[], sub: number, main: number, isFigure: (text: string) => boolean): [number, number][] | null {
  const runs: [number, number][] = [];
  let first = -1;
  for (let i = 0; i < body.length; i++) {
    const cells = body[i].cells;
    if (blank(cells[sub])) {
      if (first >= 0) return null;
      continue;
    }
    if (!isFigure(cells[sub].text)) return null;
    if (first < 0) first = i;
    if (blank(cells[main])) continue;
    if (!isFigure(cells[main].text) || i === first) return null;
    runs.push([first, i]);
    first = -1;
  }
  return first >= 0 || runs.length === 0 ? null : runs;
}

/**
 * Folds each sub-column that names no period into the dated column that follows it (the rows are
 * returned, `body` is left as it was); `dated(c)` says whether column c's header names a period.
 * The runs of parts closed by their sum are the evidence: a column of adjustments or changes has
 * figures beside the dated column's on its rows, and is left alone.
 */
export function foldSubColumns(body: RawRow[], dated: (col: number) => boolean, isFigure: (text: string) => boolean): RawRow[] {
  const width = widest(body);
  let out = body;
  // Made at the first fold only: most tables have no sub-column.
  let sums: Set<RawRow> | undefined;
  for (let sub = 1; sub < width; sub++) {
    if (dated(sub) || !filledColumn(body, sub)) continue;
    let main = sub + 1;
    while (main < width && !filledColumn(body, main)) main++;
    if (main >= width || !dated(main)) continue;
    const runs = partRuns(out, sub, main, isFigure);
    if (!runs) continue;
    const next: RawRow[] = [];
    let r = 0;
    // Loops, no closures: a closure over `main` or `sums` would have every call (every table) make a context for them.
    for (let i = 0; i < out.length; i++) {
      const row = out[i];
      const inRun = r < runs.length && i >= runs[r][0] && i <= runs[r][1];
      if (!inRun) { next.push(row); continue; }
      const cells = row.cells.slice();
      const sum = cells[main];
      cells[main] = cells[sub];
      cells[sub] = emptyCell(sum ?? cells[main]);
      next.push({ ...row, cells });
      if (i === runs[r][1]) {
        // The sums of several periods' parts printed on one line go on one line.
        const after = out[i + 1];
        if (after && sums?.has(after) && blank(after.cells[main])) after.cells[main] = sum;
        else {
          const totalCells = row.cells.map(emptyCell);
          if (main < totalCells.length) totalCells[main] = sum;
          const total: RawRow = { cells: totalCells, place: row.place, indent: row.indent, ruled: true };
          (sums ??= new Set()).add(total);
          next.push(total);
        }
        r++;
      }
    }
    out = next;
  }
  return out;
}
