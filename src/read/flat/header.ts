import { parsePeriod } from '../period';

// The column heading of a flattened table is a list of period words with no grid: "Three Months
// Ended / June 30, / Twelve Months Ended / June 30, / 2024 / 2023 / 2024 / 2023" is two spanning
// cells over four years; "June 30, / 2024 / June 30, / 2023" is two columns read one after the
// other; "As of / As of / December 31, 2023 / December 31, 2022" is two rows of two. Every way of
// cutting the words into rows of equal cells that span the columns evenly is tried, and the one
// whose columns read as complete, distinct periods wins (the fewest rows on a tie).

/** A header row: its cells, each spanning columns / cells.length columns. */
export type HeaderRow = string[];

const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b/gi;
// Past a dozen words the ways of cutting them grow past what a heading is worth trying (about 2.2^n).
const MAX_PIECES = 12;

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= n; k++) if (n % k === 0) out.push(k);
  return out;
}

/** Each column's heading text under a layout. */
export function columnTexts(rows: HeaderRow[], columns: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < columns; c++) {
    out.push(rows.map((r) => r[Math.floor((c * r.length) / columns)]).join(' '));
  }
  return out;
}

function score(rows: HeaderRow[], columns: number): number {
  const texts = columnTexts(rows, columns);
  let s = 0;
  const labels = new Set<string>();
  for (const t of texts) {
    const p = parsePeriod(t, false);
    if (!p) { s -= 4; continue; }
    if (p.end) s += 4;
    else if (p.fiscalYear) s += 1;
    if (p.months || p.weeks) s += 2;
    // A year or a month named twice in one heading is two columns' words read into one.
    if ((t.match(/\b(19|20)\d{2}\b/g) ?? []).length > 1 || (t.match(MONTH) ?? []).length > 1) s -= 4;
    labels.add(p.label);
  }
  if (labels.size === columns) s += 2 * columns;
  return s;
}

/** The rows of the heading's words that best read as one period a column, or null when none fits. */
export function layoutHeader(words: string[], columns: number): HeaderRow[] | null {
  if (words.length === 0 || columns < 1 || words.length > MAX_PIECES) return null;
  const ks = divisors(columns);
  let best: { rows: HeaderRow[]; score: number } | null = null;
  const rows: HeaderRow[] = [];
  const walk = (at: number) => {
    if (at === words.length) {
      const s = score(rows, columns);
      if (!best || s > best.score || (s === best.score && rows.length < best.rows.length)) best = { rows: rows.map((r) => [...r]), score: s };
      return;
    }
    const left = words.length - at;
    for (const k of ks) {
      for (let m = 1; k * m <= left; m++) {
        const row: string[] = [];
        for (let c = 0; c < k; c++) row.push(words.slice(at + c * m, at + (c + 1) * m).join(' '));
        rows.push(row);
        walk(at + k * m);
        rows.pop();
      }
    }
  };
  walk(0);
  return (best as { rows: HeaderRow[]; score: number } | null)?.rows ?? null;
}
