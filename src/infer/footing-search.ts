import { Decimal } from '../model/decimal';
import type { Emphasis } from '../model/types';
import type { Amount } from './grid';

// The footing search over one run of same-kind rows, in reading order, independent of the model so
// that it can be tested on hand-made tables. It parses the rows the way a preparer wrote them:
// rows not yet used by a total stay "open"; a total takes its terms from the open rows directly
// above it (a contiguous run first, signs from the numbers), or, as a heading, from the rows
// directly below it; the rows it takes are closed and the total itself becomes open, so subtotals
// become single terms of larger totals. Every step is bounded: windows of at most MAX_WINDOW rows,
// scattered subsets only among the last SUBSET_POOL open rows and of at most SUBSET_MAX terms.

const MAX_WINDOW = 40;
const SUBSET_POOL = 12;
const SUBSET_MAX = 4;
const HEADING_UNITS = 30;
const HEADING_NESTING = 3;

export interface Line {
  /** Absolute amount per column; null where the row has no figure of this kind. */
  values: (Amount | null)[];
  emphasis: Emphasis;
  depth: number;
  /** Position among all rows of the block, headers included: adjacency means seq differs by one. */
  seq: number;
}

export interface Check {
  col: number;
  diff: Decimal;
  holds: boolean;
}

export interface SignedTerm {
  line: number;
  sign: 1 | -1;
}

export interface Solution {
  terms: SignedTerm[];
  checks: Check[];
  /** Where the terms came from: a run above, a heading's lines below, or a scattered subset above. */
  how: 'window' | 'heading' | 'subset';
}

export interface Failure {
  line: number;
  /** reported − Σ of the open item rows directly above, per column, when there are any. */
  gap: Check[] | null;
}

export interface BlockResult {
  solutions: Map<number, Solution>;
  failures: Failure[];
}

/** Which columns must hold: every tested one, or every tested one outside `optional` (convenience columns). */
type Mode = 'full' | 'reporting';

const isTotal = (l: Line) => l.emphasis === 'subtotal' || l.emphasis === 'total';

/** reported − Σ sign·term in every column where the total has a figure; tolerance one printed unit per term. */
export function evaluate(lines: Line[], total: number, terms: SignedTerm[]): Check[] {
  const checks: Check[] = [];
  const t = lines[total];
  t.values.forEach((v, col) => {
    if (!v) return;
    let sum = new Decimal(0);
    let tol = new Decimal(0);
    for (const term of terms) {
      const a = lines[term.line].values[col];
      if (!a) continue;
      sum = term.sign === 1 ? sum.plus(a.value) : sum.minus(a.value);
      tol = tol.plus(a.unit);
    }
    const diff = v.value.minus(sum);
    checks.push({ col, diff, holds: diff.abs().lte(tol) });
  });
  return checks;
}

function accepts(lines: Line[], total: number, terms: SignedTerm[], checks: Check[], mode: Mode, optional: Set<number>): boolean {
  if (checks.length === 0) return false;
  // A tie of nothing to nothing proves nothing: some term must carry a figure.
  const carries = checks.some((c) => terms.some((t) => { const a = lines[t.line].values[c.col]; return !!a && !a.value.isZero(); }));
  if (!carries) return false;
  if (mode === 'full') return checks.every((c) => c.holds);
  const required = checks.filter((c) => !optional.has(c.col));
  return required.length > 0 && required.every((c) => c.holds);
}

/** Quick float test on the first column before exact arithmetic: most candidates fail here. */
function roughlyTies(lines: Line[], total: number, terms: SignedTerm[]): boolean {
  const t = lines[total];
  const col = t.values.findIndex((v) => v !== null);
  if (col < 0) return false;
  let sum = 0;
  let tol = 0;
  for (const term of terms) {
    const a = lines[term.line].values[col];
    if (!a) continue;
    sum += term.sign * a.value.toNumber();
    tol += a.unit.toNumber();
  }
  return Math.abs(t.values[col]!.value.toNumber() - sum) <= tol * 1.001 + 1e-6 * Math.abs(sum);
}

/** Sign patterns for a run of k terms, most likely first: all +, one − (last first), then + followed by all −. */
function signPatterns(k: number, minus: boolean): (1 | -1)[][] {
  const out: (1 | -1)[][] = [Array(k).fill(1)];
  if (!minus || k < 2) return out;
  for (let m = k - 1; m >= 0; m--) out.push(Array.from({ length: k }, (_, i) => (i === m ? -1 : 1)));
  for (let p = 1; p < k - 1; p++) out.push(Array.from({ length: k }, (_, i) => (i < p ? 1 : -1)));
  return out;
}

function nonzeroColumns(line: Line): number {
  return line.values.filter((v) => v && !v.value.isZero()).length;
}

export interface SearchOptions {
  /** Columns a footing may miss (convenience translations, which a release may convert instead of sum). */
  optional?: Set<number>;
  /** Only subtotal/total rows may be totals (share and per-share rows): items are never sums there. */
  totalsOnly?: boolean;
}

/** Solves one run of same-kind rows: which rows are sums of which, in reading order. */
export function solveBlock(lines: Line[], opts: SearchOptions = {}): BlockResult {
  const optional = opts.optional ?? new Set<number>();
  const n = lines.length;
  const consumed = new Array<boolean>(n).fill(false);
  const solutions = new Map<number, Solution>();
  const failures: Failure[] = [];

  const tryTerms = (i: number, terms: SignedTerm[], mode: Mode): Check[] | null => {
    if (!roughlyTies(lines, i, terms) && mode === 'full') return null;
    const checks = evaluate(lines, i, terms);
    return accepts(lines, i, terms, checks, mode, optional) ? checks : null;
  };

  const openAbove = (i: number) => {
    const open: number[] = [];
    for (let j = 0; j < i; j++) if (!consumed[j]) open.push(j);
    return open;
  };

  // A run of open rows ending directly above the total, shortest first; all + before any −.
  const searchWindow = (i: number, open: number[], mode: Mode): Solution | null => {
    const line = lines[i];
    const item = !isTotal(line);
    const minus = !item || nonzeroColumns(line) >= 2;
    const maxLen = Math.min(open.length, MAX_WINDOW);
    for (const pass of minus ? [false, true] : [false]) {
      for (let len = 1; len <= maxLen; len++) {
        const run = open.slice(open.length - len);
        // An item equal to one row is a restatement only when that row is directly above it.
        if (len === 1 && item && (lines[run[0]].seq !== line.seq - 1 || nonzeroColumns(line) === 0)) continue;
        if (item && len > 1 && nonzeroColumns(line) === 0) continue;
        // An item that is a difference subtracts one row from those above it (gross − allowance,
        // income before tax − tax); wider sign patterns on items mostly find coincidences.
        const patterns = signPatterns(len, pass).slice(pass ? 1 : 0, pass ? (item ? 2 : undefined) : 1);
        for (const signs of patterns) {
          const terms = run.map((l, k) => ({ line: l, sign: signs[k] }));
          const checks = tryTerms(i, terms, mode);
          if (checks) return { terms: extendOverZeros(terms, open), checks, how: 'window' };
        }
      }
    }
    return null;
  };

  // Blank or zero item rows directly above a run belong to it (a "—" line inside the block).
  const extendOverZeros = (terms: SignedTerm[], open: number[]): SignedTerm[] => {
    const out = [...terms];
    let at = open.indexOf(out[0].line);
    while (at > 0) {
      const prev = open[at - 1];
      const pl = lines[prev];
      if (isTotal(pl) || pl.seq !== lines[out[0].line].seq - 1 || pl.values.some((v) => v && !v.value.isZero())) break;
      out.unshift({ line: prev, sign: 1 });
      at--;
    }
    return out;
  };

  const headingCandidate = (i: number) => {
    const next = lines[i + 1];
    return !!next && !consumed[i + 1] && (isTotal(lines[i]) || next.depth > lines[i].depth);
  };

  // A heading total's lines follow it directly; a line that itself heads lines is one unit with them.
  const headingBlock = (i: number, mode: Mode, nesting: number, nested: Map<number, Solution>): { end: number; sol: Solution } | null => {
    const units: number[] = [];
    const inner = new Map<number, Solution>();
    let j = i + 1;
    while (j < n && units.length < HEADING_UNITS && !consumed[j]) {
      const lj = lines[j];
      if (lj.depth < lines[i].depth) break;
      let end = j;
      if (nesting < HEADING_NESTING && headingCandidate(j)) {
        const sub = headingBlock(j, mode, nesting + 1, inner);
        if (sub) { inner.set(j, sub.sol); end = sub.end; }
      }
      if (end === j && lj.emphasis === 'total') break;
      units.push(j);
      j = end + 1;
      if (units.length >= 2) {
        const terms = units.map((u) => ({ line: u, sign: 1 as const }));
        const checks = tryTerms(i, terms, mode);
        if (checks) {
          // Every inner heading found here is one of the units or nested in one.
          for (const [k, s] of inner) nested.set(k, s);
          return { end: j - 1, sol: { terms, checks, how: 'heading' } };
        }
      }
    }
    return null;
  };

  // Up to SUBSET_MAX scattered open rows among the last SUBSET_POOL: fewest terms, fewest −, nearest.
  const searchSubset = (i: number, open: number[]): Solution | null => {
    const pool = open.slice(-SUBSET_POOL);
    const combos: { idx: number[]; signs: (1 | -1)[]; minus: number; spread: number }[] = [];
    const choose = (start: number, picked: number[]) => {
      if (picked.length >= 2) {
        const k = picked.length;
        for (let mask = 0; mask < (1 << k) - 1; mask++) {
          const signs = picked.map((_, b) => ((mask >> b) & 1 ? -1 : 1) as 1 | -1);
          combos.push({ idx: [...picked], signs, minus: signs.filter((s) => s < 0).length, spread: pool.length - picked[0] });
        }
      }
      if (picked.length === SUBSET_MAX) return;
      for (let s = start; s < pool.length; s++) choose(s + 1, [...picked, s]);
    };
    choose(0, []);
    combos.sort((a, b) => a.idx.length - b.idx.length || a.minus - b.minus || a.spread - b.spread);
    for (const c of combos) {
      const terms = c.idx.map((p, k) => ({ line: pool[p], sign: c.signs[k] }));
      const checks = tryTerms(i, terms, 'full');
      if (checks) return { terms, checks, how: 'subset' };
    }
    return null;
  };

  const gapOf = (i: number, open: number[]): Check[] | null => {
    const run: number[] = [];
    for (let k = open.length - 1; k >= 0 && !isTotal(lines[open[k]]); k--) run.unshift(open[k]);
    if (run.length === 0) return null;
    return evaluate(lines, i, run.map((l) => ({ line: l, sign: 1 as const })));
  };

  for (let i = 0; i < n; i++) {
    if (consumed[i] || solutions.has(i)) continue;
    const line = lines[i];
    const total = isTotal(line);
    if (!total && opts.totalsOnly) continue;
    if (line.values.every((v) => v === null)) continue;
    const open = openAbove(i);
    let sol: Solution | null = null;
    const nested = new Map<number, Solution>();
    for (const mode of ['full', 'reporting'] as Mode[]) {
      if (mode === 'reporting' && (!total || optional.size === 0)) break;
      sol = searchWindow(i, open, mode);
      if (!sol && headingCandidate(i)) {
        nested.clear();
        sol = headingBlock(i, mode, 0, nested)?.sol ?? null;
      }
      if (!sol && total && mode === 'full') sol = searchSubset(i, open);
      if (sol) break;
    }
    if (!sol) {
      if (total) failures.push({ line: i, gap: gapOf(i, open) });
      continue;
    }
    solutions.set(i, sol);
    for (const t of sol.terms) consumed[t.line] = true;
    if (sol.how === 'heading') {
      for (const [k, s] of nested) {
        solutions.set(k, s);
        for (const t of s.terms) consumed[t.line] = true;
      }
    }
  }
  return { solutions, failures };
}
