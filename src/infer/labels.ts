import type { Table } from '../model/types';

// Label likeness for links: figures are matched on their numbers first, and the words only decide
// between equal numbers and keep a coincidence (two unrelated rows with one value) from linking.

const STOP = new Set(['the', 'of', 'to', 'and', 'in', 'for', 'a', 'an', 'on', 'by', 'from', 'inc', 'ltd', 'limited', 'co', 'corp', 'corporation', 'company', 'plc', 'sa', 'nv', 'ag', 'group', 'holdings']);

export function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return (2 * both) / (a.size + b.size);
}

/** A row's words alone and with the header line it sits under ("Diluted" under "Net income per ADS"). */
export function rowWordings(table: Table, row: number): Set<string>[] {
  const own = words(table.rows[row].label);
  for (let k = row - 1; k >= 0; k--) {
    const above = table.rows[k];
    if (above.emphasis !== 'header') continue;
    if (above.depth > table.rows[row].depth) continue;
    return [own, new Set([...own, ...words(above.label)])];
  }
  return [own];
}

/** The best likeness of any wording of one row with any of another, 0 to 1. */
export function likeness(a: Set<string>[], b: Set<string>[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, dice(x, y));
  return best;
}
