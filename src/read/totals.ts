import { Decimal } from '../model/decimal';
import type { Row } from '../model/types';

// Statements that print a section's total on a line of its own with no words beside it: the rule
// above the figure says "total", the heading the section opened with says of what. "Assets" … the
// asset lines … "$ 844,643,087" is total assets; "Income taxes:" / "Current" / "Deferred" / "5,717"
// is total income taxes. The name is given only where the figures prove it: the line must equal,
// in every column, the sum of the lines under the innermost open heading.

interface Open {
  label: string;
  /** The figures, per column, of the lines under the heading (a closed sub-section by its total). */
  members: Decimal[][];
}

const ZERO = new Decimal(0);

// Compiled once: every row's label is asked whether it is a total.
const TOTAL_LABEL = /^total\b/i;
const QUOTES = /[’‘`]/g;
const TRAILING = /[:\s]+$/;
const SPACES = /\s+/g;
const key = (text: string) => text.toLowerCase().replace(QUOTES, "'").replace(TRAILING, '').replace(SPACES, ' ').trim();

/** A heading line that goes on in the next ("Liabilities and" / "Unitholders'" / "Equity"). */
function runsOn(first: string, next: string): boolean {
  return /(\b(of|and|or|to|for|the|in|from|by|with|less|net)|[,&(-]|['’])\s*$/i.test(first) || /^[a-z]/.test(next);
}

/** "Total" and the heading's words as a line label: "Stockholders' Equity:" → "Total stockholders' equity". */
function totalOf(heading: string): string {
  const words = heading.replace(/(\s*\(\w{1,2}\)|[:\s*])+$/, '').replace(/\s+(for|of|in)$/i, '').trim();
  // The capitals of a heading's typeface go ("ASSETS", "Non-current Assets"); a heading in sentence
  // case keeps its names ("Notes due in April 2028"), and acronyms stay ("FHLB").
  const titleCase = words.split(/\s+/).filter((w) => w.length > 3).every((w) => /^[A-Z]/.test(w));
  const first = (c: string) => c.toLowerCase();
  const lower = words === words.toUpperCase() ? words.toLowerCase()
    : titleCase ? words.replace(/(^|[\s-])([A-Z])(?=[a-z'’])/g, (_, b: string, c: string) => b + first(c))
    : words.replace(/^[A-Z](?=[a-z])/, first);
  return `Total ${lower}`;
}

function amounts(row: Row): (Decimal | null)[] {
  return row.cells.map((c) => (c?.value && c.kind === 'amount' ? c.value : null));
}

/** The line's figures equal the sum of `members` in every column it fills, within the rounding of those lines. */
function equalsSum(row: Row, members: Decimal[][]): boolean {
  const figs = amounts(row);
  if (!figs.some((v) => v && !v.isZero()) || members.length < 2) return false;
  return figs.every((v, i) => {
    // A column of percentages beside the amounts ("% change") is no part of the sum.
    if (row.cells[i] && row.cells[i]!.kind !== 'amount') return true;
    if (v === null) return row.cells[i] === null;
    const sum = members.reduce((acc, m) => acc.plus(m[i] ?? ZERO), ZERO);
    const slack = new Decimal(10).pow(-(row.cells[i]?.decimals ?? 0)).times(members.length).div(2);
    return v.minus(sum).abs().lte(slack);
  });
}

/**
 * Names, in place, the unlabelled amount lines that close a section, as "Total <heading>" set as
 * totals. A heading of two sections ("Liabilities and Stockholders' Equity") whose second part opens
 * a section of its own further down closes first on its first part ("Total liabilities").
 */
/** Counts a line in its section's sum. */
function add(o: Open | undefined, row: Row): void {
  if (!o) return;
  // A line that adds up the lines just above it ("Cash and cash equivalents" under its two parts)
  // stands for them in the section's sum.
  // (Looked for among the last dozen lines only: a long table stays linear.)
  for (let k = Math.min(o.members.length, 12); k >= 2; k--) {
    if (!equalsSum(row, o.members.slice(-k))) continue;
    o.members.splice(-k);
    break;
  }
  o.members.push(amounts(row).map((v) => v ?? ZERO));
}

/** Closes the open sections from `at` on with their total, which counts in the section around them. */
function close(open: Open[], at: number, total: Row): void {
  open.splice(at);
  add(open[open.length - 1], total);
}

export function nameUnlabelledTotals(rows: Row[]): void {
  const open: Open[] = [];
  let lastHeading = -2;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.emphasis === 'header') {
      const prev = open[open.length - 1];
      // A heading wrapped over lines of its own is one heading.
      if (prev && lastHeading === i - 1 && prev.members.length === 0 && runsOn(prev.label, row.label)) prev.label = `${prev.label} ${row.label}`;
      else open.push({ label: row.label, members: [] });
      lastHeading = i;
      continue;
    }
    if (row.label !== '') {
      if (!TOTAL_LABEL.test(row.label)) { add(open[open.length - 1], row); continue; }
      // "Total deposits" closes "Deposits"; a total that closes no heading restates lines already counted.
      // (No heading open, as in most small tables: nothing to close.)
      const named = open.length ? open.findIndex((o) => key(row.label).endsWith(key(o.label))) : -1;
      if (named >= 0) close(open, named, row);
      continue;
    }
    const h = open[open.length - 1];
    // An unlabelled line that is no sum of its section is left as it is, and out of the sums.
    if (!h || row.kind !== 'amount' || !equalsSum(row, h.members)) continue;
    row.emphasis = 'total';
    const parts = /^(.+?)\s+and\s+(.+?)[:\s]*$/i.exec(h.label);
    if (parts && rows.slice(i + 1).some((r) => r.emphasis === 'header' && key(r.label) === key(parts[2]))) {
      row.label = totalOf(parts[1]);
      h.members = [amounts(row).map((v) => v ?? ZERO)];
      continue;
    }
    row.label = totalOf(h.label);
    close(open, open.length - 1, row);
  }
}
