import { Decimal } from '../model/decimal';
import type { Emphasis } from '../model/types';
import { groupedRun } from './footing-groups';
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
/** How many lines above a run that ties only within rounding are tried for an exact tie. */
const SMALL_LINES = 3;
/** The most rows directly above an item of a totals-only kind that may add up to it. */
const ITEM_RUN_MAX = 4;
/** How many reconciling subtotals directly above a total of adjustments are tried together. */
const ADJUSTMENT_GROUPS = 6;

export interface Line {
  /** Absolute amount per column; null where the row has no figure of this kind. */
  values: (Amount | null)[];
  emphasis: Emphasis;
  depth: number;
  /** Position among all rows of the block, headers included: adjacency means seq differs by one. */
  seq: number;
  /** The label says the line is taken away ("Less: …", "Deduct …"): tried as − before +. */
  subtract?: boolean;
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
  /**
   * Where the terms came from: a run above, a heading's lines below, a scattered subset above, the
   * adjustments of the reconciling subtotals above it, or the heads of groups above.
   */
  how: 'window' | 'heading' | 'subset' | 'adjustments' | 'groups';
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

/**
 * Which columns must hold: every tested one; every one outside `optional` (convenience columns, which
 * a release may convert rather than sum); or, for the natural terms of a total only (the open items
 * directly above it), at least half of them, so that one misprinted column does not lose the rest.
 */
type Mode = 'full' | 'reporting' | 'natural';

const isTotal = (l: Line) => l.emphasis === 'subtotal' || l.emphasis === 'total';

/** A gap within rounding is rounding only where it is small beside the figures: at most this share of the largest term. */
const ROUNDING_SHARE = new Decimal('0.01');
const ZERO = new Decimal(0);

/**
 * reported − Σ sign·term in every column where the total has a figure. Each printed figure, the
 * total's too, is off its true value by at most half its last unit, so a sum holds within half a
 * unit per figure; and only where that gap is small beside the largest term, for a total of a few
 * small counts within "rounding" of some other few is a coincidence, not a sum.
 */
export function evaluate(lines: Line[], total: number, terms: SignedTerm[]): Check[] {
  const values = lines[total].values;
  // Sized, not grown by push from empty (which makes room for sixteen): one check per figure.
  let figures = 0;
  for (let col = 0; col < values.length; col++) if (values[col]) figures++;
  const checks = new Array<Check>(figures);
  let at = 0;
  // A loop, not forEach: the search evaluates candidates by the thousand, one closure each.
  for (let col = 0; col < values.length; col++) {
    const v = values[col];
    if (!v) continue;
    let sum = ZERO;
    for (let k = 0; k < terms.length; k++) {
      const a = lines[terms[k].line].values[col];
      if (a) sum = terms[k].sign === 1 ? sum.plus(a.value) : sum.minus(a.value);
    }
    const diff = v.value.minus(sum);
    // One term is a restatement, printed from the same figure: it must agree exactly.
    const holds = diff.isZero() || (terms.length > 1 && withinRounding(lines, terms, col, v.unit, diff));
    checks[at++] = { col, diff, holds };
  }
  return checks;
}

/** Whether a gap is within half a unit per figure and small beside the largest term (worked out only for a gap: most sums tie exactly). */
function withinRounding(lines: Line[], terms: SignedTerm[], col: number, unit: Decimal, diff: Decimal): boolean {
  let tol = unit;
  let largest = ZERO;
  for (let k = 0; k < terms.length; k++) {
    const a = lines[terms[k].line].values[col];
    if (!a) continue;
    tol = tol.plus(a.unit);
    const abs = a.value.abs();
    if (abs.gt(largest)) largest = abs;
  }
  const gap = diff.abs();
  return gap.lte(tol.div(2)) && gap.lte(largest.times(ROUNDING_SHARE));
}

// Indexed loops in the helpers the search runs per candidate: for-of makes an iterator until the code is optimized.
const allHold = (checks: Check[]) => {
  for (let k = 0; k < checks.length; k++) if (!checks[k].holds) return false;
  return true;
};

function accepts(lines: Line[], total: number, terms: SignedTerm[], checks: Check[], mode: Mode, optional: Set<number> | undefined): boolean {
  if (checks.length === 0) return false;
  // A tie of nothing to nothing proves nothing: some term must carry a figure.
  let carries = false;
  for (let k = 0; k < checks.length && !carries; k++) {
    for (let t = 0; t < terms.length; t++) {
      const a = lines[terms[t].line].values[checks[k].col];
      if (a && !a.value.isZero()) { carries = true; break; }
    }
  }
  if (!carries) return false;
  if (mode === 'full') return allHold(checks);
  let holding = 0;
  let required = 0;
  let requiredHold = true;
  for (let k = 0; k < checks.length; k++) {
    const c = checks[k];
    if (c.holds) holding++;
    if (optional?.has(c.col)) continue;
    required++;
    requiredHold &&= c.holds;
  }
  if (mode === 'natural') return holding * 2 >= checks.length;
  return required > 0 && requiredHold;
}

/**
 * Each line's figure in the total's first column as a float, for a quick test before exact
 * arithmetic. Typed arrays: a plain array of whole numbers and one with a fraction have different
 * element kinds, and the search loops then stop running as compiled code whenever the kind changes.
 */
interface Rough {
  col: number;
  value: Float64Array;
  unit: Float64Array;
}

function roughColumn(lines: Line[], col: number): Rough {
  const value = new Float64Array(lines.length);
  const unit = new Float64Array(lines.length);
  // toNumber prints the decimal and parses it back: a column's lines mostly share one unit, printed once.
  let lastUnit: Decimal | null = null;
  let lastFloat = 0;
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i].values[col];
    if (!a) continue;
    value[i] = a.value.toNumber();
    if (a.unit !== lastUnit) { lastUnit = a.unit; lastFloat = a.unit.toNumber(); }
    unit[i] = lastFloat;
  }
  return { col, value, unit };
}

/** Whether a float sum is within its float tolerance of the reported float, with a margin for float error. */
function roughWithin(reported: number, sum: number, tol: number): boolean {
  return Math.abs(reported - sum) <= tol * 1.001 + 1e-9 * Math.abs(sum);
}

/** Most candidates fail on one column in floats; only the survivors are checked exactly in every column. */
function roughlyTies(rough: Rough, total: number, terms: SignedTerm[]): boolean {
  let sum = 0;
  let tol = 0;
  for (let k = 0; k < terms.length; k++) {
    sum += terms[k].sign * rough.value[terms[k].line];
    tol += rough.unit[terms[k].line];
  }
  return roughWithin(rough.value[total], sum, tol);
}

/**
 * The subsets of a pool of one size in the order they are tried, flat: choice c has len[c] terms,
 * at pool positions pos[c·SUBSET_MAX …] with signs sign[c·SUBSET_MAX …], positions ascending.
 */
export interface SubsetOrder {
  count: number;
  len: Uint8Array;
  pos: Uint8Array;
  sign: Int8Array;
}

function popcount(n: number): number {
  let c = 0;
  for (let m = n; m; m &= m - 1) c++;
  return c;
}

/**
 * The order: fewest terms, then fewest −, then nearest (the first term closest to the end of the
 * pool); among equals, positions in reading order, then − on the earlier terms first (a sign mask
 * counted up). It is written out in that order rather than sorted: a pool of twelve has 9,163
 * subsets, and building them as arrays and sorting them cost a worker a tenth of a second at its
 * first releases, and kept 4 MB alive for the rest of the run.
 */
export function makeSubsetOrder(size: number): SubsetOrder {
  let count = 0;
  // C(size, k) · (2^k − 1) subsets of k terms: every sign mask but all −.
  for (let k = 2, c = (size * (size - 1)) / 2; k <= SUBSET_MAX && k <= size; c = (c * (size - k)) / (k + 1), k++) count += c * ((1 << k) - 1);
  const order: SubsetOrder = { count, len: new Uint8Array(count), pos: new Uint8Array(count * SUBSET_MAX), sign: new Int8Array(count * SUBSET_MAX) };
  const picked: number[] = [];
  let c = 0;
  const emit = (k: number, minus: number) => {
    for (let mask = 0; mask < (1 << k) - 1; mask++) {
      if (popcount(mask) !== minus) continue;
      order.len[c] = k;
      for (let b = 0; b < k; b++) {
        order.pos[c * SUBSET_MAX + b] = picked[b];
        order.sign[c * SUBSET_MAX + b] = (mask >> b) & 1 ? -1 : 1;
      }
      c++;
    }
  };
  // The rest of a subset after its first term, in reading order.
  const rest = (from: number, k: number, minus: number) => {
    if (picked.length === k) { emit(k, minus); return; }
    for (let p = from; p < size; p++) {
      picked.push(p);
      rest(p + 1, k, minus);
      picked.pop();
    }
  };
  for (let k = 2; k <= SUBSET_MAX; k++) {
    for (let minus = 0; minus < k; minus++) {
      for (let first = size - 1; first >= 0; first--) {
        picked.push(first);
        rest(first + 1, k, minus);
        picked.pop();
      }
    }
  }
  return order;
}

// Made once per pool size and never changed.
const subsetOrders = new Map<number, SubsetOrder>();
function subsetOrder(size: number): SubsetOrder {
  let order = subsetOrders.get(size);
  if (!order) { order = makeSubsetOrder(size); subsetOrders.set(size, order); }
  return order;
}

/** Sign patterns for a run of k terms, most likely first: all +, one − (last first), then + followed by all −. */
function makeSignPatterns(k: number, minus: boolean): (1 | -1)[][] {
  const out: (1 | -1)[][] = [Array(k).fill(1)];
  if (!minus || k < 2) return out;
  for (let m = k - 1; m >= 0; m--) out.push(Array.from({ length: k }, (_, i) => (i === m ? -1 : 1)));
  for (let p = 1; p < k - 1; p++) out.push(Array.from({ length: k }, (_, i) => (i < p ? 1 : -1)));
  return out;
}

// Every total tries the patterns of every run length up to MAX_WINDOW: each is made once, and never changed.
// Indexed [minus ? 1 : 0][k]: a key string per lookup would be made anew for every run tried.
const signPatternCache: (readonly (readonly (1 | -1)[])[])[][] = [[], []];
function signPatterns(k: number, minus: boolean): readonly (readonly (1 | -1)[])[] {
  const byLength = signPatternCache[minus ? 1 : 0];
  return (byLength[k] ??= makeSignPatterns(k, minus));
}

/** The float test of the rows open[from …] with their signs against a total, before any terms are made of them. */
function roughlyTiesRun(rough: Rough, total: number, open: number[], from: number, signs: readonly (1 | -1)[]): boolean {
  let sum = 0;
  let tol = 0;
  for (let k = 0; from + k < open.length; k++) {
    sum += signs[k] * rough.value[open[from + k]];
    tol += rough.unit[open[from + k]];
  }
  return roughWithin(rough.value[total], sum, tol);
}

function nonzeroColumns(line: Line): number {
  let count = 0;
  for (let c = 0; c < line.values.length; c++) {
    const v = line.values[c];
    if (v && !v.value.isZero()) count++;
  }
  return count;
}

/** Whether a line has no figure at all (a hole in its values, as from a sparse row, is none). */
function noFigures(line: Line): boolean {
  for (let c = 0; c < line.values.length; c++) if (line.values[c] != null) return false;
  return true;
}

export interface SearchOptions {
  /** Columns a footing may miss (convenience translations, which a release may convert instead of sum). */
  optional?: Set<number>;
  /** Only subtotal/total rows may be totals (share and per-share rows): items are never sums there. */
  totalsOnly?: boolean;
  /**
   * With totalsOnly, an item may still be the sum of the two to four rows printed directly above it
   * (diluted shares = basic shares + the dilutive effect), never one row alone: diluted shares equal
   * to basic shares restate nothing.
   */
  itemRuns?: boolean;
}

/** Solves one run of same-kind rows: which rows are sums of which, in reading order. */
export function solveBlock(lines: Line[], opts: SearchOptions = {}): BlockResult {
  return new BlockSearch(lines, opts).run();
}

/**
 * The state of one block's search, and its steps as methods: most blocks are a few lines, and as
 * closures inside solveBlock each step was a function object made afresh for every block.
 */
class BlockSearch {
  private readonly n: number;
  private readonly optional: Set<number> | undefined;
  private readonly consumed: boolean[];
  private readonly solutions = new Map<number, Solution>();
  private readonly failures: Failure[] = [];
  /** Rows not yet taken by a total, in reading order; totals take from its end, so it stays short to scan. */
  private readonly open: number[] = [];
  private rough: Rough;
  private roughs: Map<number, Rough> | null = null;
  private readonly adjustmentGroups: SignedTerm[][] = [];
  /** The solutions of the lines inside the last heading or groups found, in the order they were found. */
  private nested: Map<number, Solution> | null = null;

  constructor(private readonly lines: Line[], private readonly opts: SearchOptions) {
    this.n = lines.length;
    this.optional = opts.optional;
    this.consumed = new Array<boolean>(this.n).fill(false);
    this.rough = roughColumn(lines, 0);
  }

  private tryTerms(i: number, terms: SignedTerm[], mode: Mode): Check[] | null {
    if (mode === 'full' && !roughlyTies(this.rough, i, terms)) return null;
    const checks = evaluate(this.lines, i, terms);
    return accepts(this.lines, i, terms, checks, mode, this.optional) ? checks : null;
  }

  private roughFor(i: number): void {
    const values = this.lines[i].values;
    let col = 0;
    while (col < values.length && values[col] === null) col++;
    if (col === values.length || col === this.rough.col) return;
    const roughs = (this.roughs ??= new Map());
    let r = roughs.get(col);
    if (!r) roughs.set(col, (r = roughColumn(this.lines, col)));
    this.rough = r;
  }

  // A run of open rows ending directly above the total, shortest first; all + before any −.
  private searchWindow(i: number, mode: Mode): Solution | null {
    const { lines, open, rough } = this;
    const line = lines[i];
    const item = !isTotal(line);
    const nonzero = nonzeroColumns(line);
    if (item && nonzero === 0) return null;
    const minus = !item || nonzero >= 2;
    const maxLen = Math.min(open.length, MAX_WINDOW);
    for (let pass = false; ; pass = true) {
      // Running float sums of the run, so that a long block costs one addition per step.
      let sum = 0;
      let tol = 0;
      // The same run with the lines its labels take away subtracted, and whether there are any.
      let said = 0;
      let anySaid = false;
      for (let len = 1; len <= maxLen; len++) {
        const from = open.length - len;
        const first = open[from];
        sum += rough.value[first];
        tol += rough.unit[first];
        const away = !!lines[first].subtract;
        said += away ? -rough.value[first] : rough.value[first];
        anySaid ||= away;
        // An item equal to one row is a restatement only when that row is directly above it.
        if (len === 1 && item && lines[first].seq !== line.seq - 1) continue;
        const last = open[open.length - 1];
        // An item that is a difference subtracts one row from those above it (gross − allowance,
        // income before tax − tax); wider sign patterns on items mostly find coincidences.
        const saidFirst = !pass && anySaid;
        if (mode === 'full' && item) {
          const near = pass ? sum - 2 * rough.value[last] : sum;
          if (!roughWithin(rough.value[i], near, tol) && !(saidFirst && roughWithin(rough.value[i], said, tol))) continue;
        }
        // A line labelled as taken away is subtracted first; printed already negative, it is added after all.
        if (saidFirst) {
          const sol = this.tryRun(i, from, open.slice(from).map((l) => (lines[l].subtract ? -1 : 1)), mode);
          if (sol) return sol;
        }
        // All + alone; then, with −, the last term − alone for an item, every other pattern for a total.
        const patterns = signPatterns(len, pass);
        const end = Math.min(patterns.length, pass ? (item ? 2 : patterns.length) : 1);
        for (let p = pass ? 1 : 0; p < end; p++) {
          const sol = this.tryRun(i, from, patterns[p], mode);
          if (sol) return sol;
        }
      }
      if (pass || !minus) return null;
    }
  }

  /** The open rows from `from` to the end with the given signs, as the window's terms of line i. */
  private tryRun(i: number, from: number, signs: readonly (1 | -1)[], mode: Mode): Solution | null {
    const { open } = this;
    if (mode === 'full' && !roughlyTiesRun(this.rough, i, open, from, signs)) return null;
    const terms = new Array<SignedTerm>(open.length - from);
    for (let k = from; k < open.length; k++) terms[k - from] = { line: open[k], sign: signs[k - from] };
    const checks = this.tryTerms(i, terms, mode);
    if (!checks) return null;
    const exact = allZero(checks) ? null : this.smallLinesAbove(i, terms, mode);
    if (exact) return { terms: this.extendOverZeros(exact.terms), checks: exact.checks, how: 'window' };
    return { terms: this.extendOverZeros(terms), checks, how: 'window' };
  }

  // A run that ties only within rounding may have left out small lines directly above it (a
  // "Common stock 1" inside the rounding of the terms): the run that takes them in and
  // ties exactly is the one the release added up.
  private smallLinesAbove(i: number, terms: SignedTerm[], mode: Mode): { terms: SignedTerm[]; checks: Check[] } | null {
    const { open, lines } = this;
    let at = open.lastIndexOf(terms[0].line);
    const out = [...terms];
    for (let k = 0; k < SMALL_LINES && at > 0; k++) {
      const prev = open[--at];
      if (isTotal(lines[prev])) break;
      out.unshift({ line: prev, sign: 1 });
      const checks = this.tryTerms(i, out, mode);
      if (checks && allZero(checks)) return { terms: out, checks };
    }
    return null;
  }

  // Blank or zero item rows directly above a run belong to it (a "—" line inside the block).
  // The terms are the caller's own, made for this run: they are extended in place.
  private extendOverZeros(terms: SignedTerm[]): SignedTerm[] {
    const { open, lines } = this;
    let at = open.lastIndexOf(terms[0].line);
    while (at > 0) {
      const prev = open[at - 1];
      const pl = lines[prev];
      if (isTotal(pl) || pl.seq !== lines[terms[0].line].seq - 1 || nonzeroColumns(pl) > 0) break;
      terms.unshift({ line: prev, sign: 1 });
      at--;
    }
    return terms;
  }

  private headingCandidate(i: number): boolean {
    const next = this.lines[i + 1];
    return !!next && !this.consumed[i + 1] && (isTotal(this.lines[i]) || next.depth > this.lines[i].depth);
  }

  // A heading total's lines follow it directly; a line that itself heads lines is one unit with them.
  // The solutions of the headings nested in it come back as `inner`, innermost first.
  private headingBlock(i: number, mode: Mode, nesting: number): { end: number; sol: Solution; inner: Map<number, Solution> | null } | null {
    const { lines, consumed, n } = this;
    const units: number[] = [];
    let inner: Map<number, Solution> | null = null;
    let j = i + 1;
    while (j < n && units.length < HEADING_UNITS && !consumed[j]) {
      // Indentation is not trusted to end the block (readers differ in how they see it): the sums decide.
      const lj = lines[j];
      let end = j;
      if (nesting < HEADING_NESTING && this.headingCandidate(j)) {
        const sub = this.headingBlock(j, mode, nesting + 1);
        if (sub) {
          inner ??= new Map();
          if (sub.inner) for (const [k, s] of sub.inner) inner.set(k, s);
          inner.set(j, sub.sol);
          end = sub.end;
        }
      }
      if (end === j && lj.emphasis === 'total') break;
      units.push(j);
      j = end + 1;
      if (units.length >= 2) {
        const terms = units.map((u) => ({ line: u, sign: 1 as const }));
        const checks = this.tryTerms(i, terms, mode);
        // Every inner heading found here is one of the units or nested in one.
        if (checks) return { end: j - 1, sol: { terms, checks, how: 'heading' }, inner };
      }
    }
    return null;
  }

  /** A heading block of line i in the given mode, its nested solutions kept for the loop to take. */
  private heading(i: number, mode: Mode): Solution | null {
    const found = this.headingBlock(i, mode, 0);
    if (!found) return null;
    this.nested = found.inner;
    return found.sol;
  }

  // Up to SUBSET_MAX scattered open rows among the last SUBSET_POOL: fewest terms, fewest −, nearest.
  private searchSubset(i: number): Solution | null {
    const { open, rough } = this;
    // The pool is the last SUBSET_POOL open rows, read in place.
    const base = Math.max(0, open.length - SUBSET_POOL);
    const { count, len, pos, sign } = subsetOrder(open.length - base);
    for (let c = 0; c < count; c++) {
      const at = c * SUBSET_MAX;
      // The float test first, on the pool positions: most subsets fail it, and then no terms are made.
      let sum = 0;
      let tol = 0;
      for (let k = 0; k < len[c]; k++) {
        const line = open[base + pos[at + k]];
        sum += sign[at + k] * rough.value[line];
        tol += rough.unit[line];
      }
      if (!roughWithin(rough.value[i], sum, tol)) continue;
      const terms = new Array<SignedTerm>(len[c]);
      for (let k = 0; k < len[c]; k++) terms[k] = { line: open[base + pos[at + k]], sign: sign[at + k] as 1 | -1 };
      const checks = this.tryTerms(i, terms, 'full');
      if (checks) return { terms, checks, how: 'subset' };
    }
    return null;
  }

  // A total printed again further down (a second "Total backlog" after a split of the same figure)
  // restates the earlier row, taken or not, when every column agrees exactly and at least two are not zero.
  private restatement(i: number): Solution | null {
    const { lines } = this;
    if (nonzeroColumns(lines[i]) < 2) return null;
    for (let j = i - 1; j >= 0 && i - j <= MAX_WINDOW; j--) {
      const same = lines[i].values.every((v, col) => { const w = lines[j].values[col]; return v === null ? w === null : !!w && w.value.eq(v.value); });
      if (!same) continue;
      const terms: SignedTerm[] = [{ line: j, sign: 1 }];
      return { terms, checks: evaluate(lines, i, terms), how: 'window' };
    }
    return null;
  }

  // The gap is measured only against lines printed directly above the total: a total that opens a
  // new section (a heading or lines of another kind between) has no lines of its own above it.
  private gapOf(i: number): Check[] | null {
    const { lines } = this;
    const run = this.naturalTerms();
    let from = run.length;
    for (let seq = lines[i].seq - 1; from > 0 && lines[run[from - 1].line].seq === seq; seq--) from--;
    const direct = run.slice(from);
    return direct.length === 0 ? null : evaluate(lines, i, direct);
  }

  private naturalTerms(): SignedTerm[] {
    const { open, lines } = this;
    const run: SignedTerm[] = [];
    for (let k = open.length - 1; k >= 0 && open.length - k <= MAX_WINDOW && !isTotal(lines[open[k]]); k--) run.unshift({ line: open[k], sign: 1 });
    return run;
  }

  // A reconciliation adds adjustments to a base line ("Non-GAAP operating income = GAAP operating
  // income + its adjustments") and then often totals the adjustments of several such subtotals
  // ("Total pre-tax impact of non-GAAP adjustments"). Those adjustments are already taken, so no
  // search over open rows finds them: the total is tried as the adjustments of the last two or more
  // reconciling subtotals above it, every column exactly as for any other sum.
  private noteAdjustments(i: number, sol: Solution): void {
    const base = sol.terms[0];
    if (!isTotal(this.lines[i]) || sol.how !== 'window' || sol.terms.length < 2 || base.sign !== 1 || isTotal(this.lines[base.line])) return;
    this.adjustmentGroups.push(sol.terms.slice(1));
  }

  private searchAdjustments(i: number): Solution | null {
    const { adjustmentGroups } = this;
    const terms: SignedTerm[] = [];
    for (let k = 1; k <= Math.min(adjustmentGroups.length, ADJUSTMENT_GROUPS); k++) {
      terms.unshift(...adjustmentGroups[adjustmentGroups.length - k]);
      if (k < 2) continue;
      const checks = this.tryTerms(i, [...terms], 'full');
      if (checks) return { terms: [...terms], checks, how: 'adjustments' };
    }
    return null;
  }

  private searchItemRun(i: number): Solution | null {
    const { open, lines } = this;
    const run: number[] = [];
    for (let k = open.length - 1; k >= 0 && run.length < ITEM_RUN_MAX; k--) {
      const l = open[k];
      if (isTotal(lines[l]) || lines[l].seq !== lines[i].seq - run.length - 1) break;
      run.unshift(l);
      if (run.length < 2) continue;
      const terms = run.map((line) => ({ line, sign: 1 as const }));
      const checks = this.tryTerms(i, terms, 'full');
      if (checks) return { terms, checks, how: 'window' };
    }
    return null;
  }

  private solve(i: number): Solution | null {
    const { lines, open } = this;
    const total = isTotal(lines[i]);
    this.nested = null;
    this.roughFor(i);
    if (!total && this.opts.totalsOnly) return this.searchItemRun(i);
    let sol = this.searchWindow(i, 'full');
    if (!sol && this.headingCandidate(i)) sol = this.heading(i, 'full');
    if (!sol && total) sol = this.searchSubset(i);
    if (!sol && total) sol = this.searchAdjustments(i);
    if (!sol && total && this.optional && this.optional.size > 0) {
      sol = this.searchWindow(i, 'reporting');
      if (!sol && this.headingCandidate(i)) sol = this.heading(i, 'reporting');
    }
    if (!sol && total) {
      const terms = this.naturalTerms();
      const checks = terms.length > 0 ? this.tryTerms(i, terms, 'natural') : null;
      if (checks) sol = { terms, checks, how: 'window' };
    }
    if (!sol && total) sol = this.restatement(i);
    if (!sol && total) {
      const g = groupedRun(lines, i, open, (l, terms) => this.tryTerms(l, terms, 'full'));
      if (g) {
        this.nested = new Map();
        for (const x of g.groups) this.nested.set(x.head, { terms: x.terms, checks: x.checks, how: 'window' });
        sol = { terms: g.heads, checks: g.checks, how: 'groups' };
      }
    }
    return sol;
  }

  // A total subtracted to leave a balance stays open: after "equity = assets − liabilities" the
  // release still prints "liabilities and equity = liabilities + equity".
  // So does any row a total subtracts: "adjustments = non-GAAP − GAAP" leaves GAAP for the
  // "non-GAAP = GAAP + adjustments" printed below it.
  private take(s: Solution, total: boolean): void {
    for (let k = 0; k < s.terms.length; k++) {
      const t = s.terms[k];
      if (t.sign === 1 || (!total && !isTotal(this.lines[t.line]))) this.consumed[t.line] = true;
    }
  }

  run(): BlockResult {
    const { lines, n, consumed, solutions, failures, open, opts } = this;
    for (let i = 0; i < n; i++) {
      if (consumed[i]) continue;
      const line = lines[i];
      const total = isTotal(line);
      if (solutions.has(i) || (!total && opts.totalsOnly && !opts.itemRuns) || noFigures(line)) { open.push(i); continue; }
      const sol = this.solve(i);
      if (!sol) {
        if (total) failures.push({ line: i, gap: this.gapOf(i) });
        open.push(i);
        continue;
      }
      solutions.set(i, sol);
      this.noteAdjustments(i, sol);
      this.take(sol, total);
      if ((sol.how === 'heading' || sol.how === 'groups') && this.nested) for (const [k, s] of this.nested) { solutions.set(k, s); this.take(s, isTotal(lines[k])); }
      // Terms above are always among the last MAX_WINDOW + SUBSET_POOL open rows: those still open
      // stay, in place, and the total follows them.
      let kept = Math.max(0, open.length - MAX_WINDOW - SUBSET_POOL);
      for (let k = kept; k < open.length; k++) if (!consumed[open[k]]) open[kept++] = open[k];
      open.length = kept;
      open.push(i);
    }
    return { solutions, failures };
  }
}

const allZero = (checks: Check[]) => {
  for (let k = 0; k < checks.length; k++) if (!checks[k].diff.isZero()) return false;
  return true;
};
