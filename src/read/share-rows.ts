import type { Column, Row } from '../model/types';
import { kindFromLabel } from './classify';

// A share count's reconciliation prints basic shares, the dilutive effect, and diluted shares as
// three lines; the middle line often names no shares ("Dilutive effect of options and exchangeable
// units"), so its label alone leaves it money. Its place says what it counts: a line between two
// share counts, whose label states no kind and whose figures carry no currency, counts shares too,
// and is never added into a money total.

const CURRENCY_MARK = /[$€£¥]/;

function countsShares(row: Row | undefined): boolean {
  return !!row && row.kind === 'shares';
}

/** Rows between two share counts, of no kind of their own, read as share counts (in place). */
export function shareCountsBetween(rows: Row[], columns: Column[]): void {
  // Fewer than three rows have none between two others.
  if (rows.length < 3) return;
  const valued = rows.filter((r) => r.emphasis !== 'header');
  for (let i = 1; i + 1 < valued.length; i++) {
    const row = valued[i];
    if (row.kind !== 'amount' || !countsShares(valued[i - 1]) || !countsShares(valued[i + 1])) continue;
    if (kindFromLabel(row.label) !== null) continue;
    const figures = row.cells.filter((c) => c && c.value !== null);
    if (figures.length === 0 || figures.some((c) => c!.kind !== 'amount' || CURRENCY_MARK.test(c!.text))) continue;
    row.kind = 'shares';
    row.cells.forEach((c, k) => {
      if (!c || c.value === null) return;
      c.kind = 'shares';
      c.scale = columns[k].shareScale;
      c.currency = null;
    });
  }
}
