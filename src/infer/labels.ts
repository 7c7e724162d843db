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

/** Each row's words alone and with the header line it sits under ("Diluted" under "Net income per ADS"), in one pass. */
export function tableWordings(table: Table): Set<string>[][] {
  // Headers seen so far, innermost last; a header is left when a row at its depth or shallower comes.
  const headers: { depth: number; words: Set<string> }[] = [];
  return table.rows.map((row) => {
    const own = words(row.label);
    if (row.emphasis === 'header') {
      while (headers.length && headers[headers.length - 1].depth >= row.depth) headers.pop();
      headers.push({ depth: row.depth, words: own });
      return [own];
    }
    const under = [...headers].reverse().find((h) => h.depth <= row.depth);
    return under ? [own, new Set([...own, ...under.words])] : [own];
  });
}

/** The best likeness of any wording of one row with any of another, 0 to 1. */
export function likeness(a: Set<string>[], b: Set<string>[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, dice(x, y));
  return best;
}
