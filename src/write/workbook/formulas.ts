import { Decimal, roundTo } from '../../model/decimal';
import { cellKey, cellRef, statementById } from '../../model/refs';
import type { Across, CellRef, Change, Conversion, Figure, Footing, Link, Ratio, Relation, Release } from '../../model/types';
import { addressOf, CHECKS, columnLetter, refText, type Address, type Layout } from './layout';
import { pow10, sheetDecimals, sheetScale, sheetValue } from './values';

// Relations → one formula per defined cell, with its cached result computed exactly from the
// model. A cell is typed or defined by exactly one formula: the first relation (in the model's
// reading order) to define a cell wins, and a relation that would close a cycle stays a constant.

export const FX_NAME = 'FX';

export type FormulaKind = 'footing' | 'link' | 'conversion' | 'ratio' | 'across' | 'change';

export interface CellFormula {
  kind: FormulaKind;
  relation: Relation;
  target: CellRef;
  /** Formula text without '='. */
  formula: string;
  /** Cached result: exactly what the formula gives, from the model's figures. */
  result: Decimal;
  /** True when the formula reads another sheet: a green link. */
  crossSheet: boolean;
}

export interface Dropped {
  relation: Relation;
  target: CellRef;
  reason: string;
}

export interface FormulaPlan {
  cells: Map<string, CellFormula>;
  /**
   * Relations that hold only within rounding: writing them would change a reported figure, so
   * the figure stays typed and the formula (written for the Checks sheet) shows the gap there.
   */
  checkOnly: CellFormula[];
  dropped: Dropped[];
  /** The value a cell shows once the workbook is calculated: its formula's result or the typed figure. */
  valueOf(ref: CellRef): Decimal | null;
  figureOf(ref: CellRef): Figure | null;
}

interface Place {
  key: string;
  figure: Figure | null;
  address: Address | null;
}

interface Pending {
  kind: FormulaKind;
  relation: Relation;
  target: CellRef;
  deps: CellRef[];
}

export function figureAt(release: Release, ref: CellRef): Figure | null {
  const st = statementById(release, ref.statement);
  return st?.tables[ref.table]?.rows[ref.row]?.cells[ref.col] ?? null;
}

/** A factor that carries a value printed at one scale to another, as formula text ('' for none). */
export function scaleFactorText(from: number, to: number): string {
  const shift = from - to;
  if (shift === 0) return '';
  return shift > 0 ? `*${pow10(shift).toString()}` : `/${pow10(-shift).toString()}`;
}

function pendings(rel: Relation): Pending[] {
  switch (rel.type) {
    case 'footing':
      return rel.columns.map((col) => ({
        kind: 'footing' as const,
        relation: rel,
        target: cellRef(rel.total, col),
        deps: rel.terms.map((t) => cellRef(t.ref, col)),
      }));
    case 'link':
      return [{ kind: 'link', relation: rel, target: rel.target, deps: [rel.source] }];
    case 'conversion':
      return [{ kind: 'conversion', relation: rel, target: rel.target, deps: [rel.source] }];
    case 'ratio':
      return [{ kind: 'ratio', relation: rel, target: rel.target, deps: [rel.numerator, rel.denominator] }];
    case 'across':
      return [{ kind: 'across', relation: rel, target: rel.target, deps: rel.terms.map((t) => t.ref) }];
    case 'change':
      return [{ kind: 'change', relation: rel, target: rel.target, deps: [rel.current, rel.prior] }];
  }
}

export function planFormulas(release: Release, layout: Layout): FormulaPlan {
  const dropped: Dropped[] = [];
  // A cell's key, figure and address, worked out once per cell and found again by the ref
  // object itself: the plan asks about the same few refs (relation terms) many times over.
  const places = new Map<string, Place>();
  const byRef = new WeakMap<CellRef, Place>();
  const place = (ref: CellRef): Place => {
    let p = byRef.get(ref);
    if (p) return p;
    const key = cellKey(ref, ref.col);
    p = places.get(key);
    if (!p) places.set(key, (p = { key, figure: figureAt(release, ref), address: addressOf(layout, ref) }));
    byRef.set(ref, p);
    return p;
  };
  const figureOf = (ref: CellRef): Figure | null => place(ref).figure;
  const addr = (ref: CellRef): Address | null => place(ref).address;

  // 1. Which relation defines which cell.
  const chosen = new Map<string, Pending>();
  for (const rel of release.relations) {
    for (const p of pendings(rel)) {
      const k = place(p.target).key;
      const fig = figureOf(p.target);
      if (!fig || fig.value === null || !addr(p.target)) { dropped.push({ relation: rel, target: p.target, reason: 'no reported figure at the target' }); continue; }
      if (p.deps.some((d) => !addr(d))) { dropped.push({ relation: rel, target: p.target, reason: 'a term is outside the statements' }); continue; }
      if (p.kind === 'conversion' && !release.fx) { dropped.push({ relation: rel, target: p.target, reason: 'no exchange rate stated' }); continue; }
      if (chosen.has(k)) { dropped.push({ relation: rel, target: p.target, reason: `already defined by ${chosen.get(k)!.relation.id}` }); continue; }
      chosen.set(k, p);
    }
  }

  // 2. Keep it acyclic: a definition whose dependencies lead back to its own cell stays a constant.
  const state = new Map<string, 1 | 2>();
  const visit = (k: string): void => {
    const p = chosen.get(k);
    state.set(k, 1);
    if (p) {
      for (const d of p.deps) {
        const dk = place(d).key;
        if (state.get(dk) === 1) {
          chosen.delete(k);
          dropped.push({ relation: p.relation, target: p.target, reason: 'it would make a circular reference' });
          break;
        }
        if (!state.has(dk)) visit(dk);
      }
    }
    state.set(k, 2);
  };
  for (const k of [...chosen.keys()]) if (!state.has(k)) visit(k);

  // 3. Values and formula texts, dependencies first.
  const values = new Map<string, Decimal | null>();
  const cells = new Map<string, CellFormula>();
  const checkOnly: CellFormula[] = [];
  const valueOf = (ref: CellRef): Decimal | null => {
    const k = place(ref).key;
    if (values.has(k)) return values.get(k)!;
    const p = chosen.get(k);
    const fig = figureOf(ref);
    let v: Decimal | null = fig ? sheetValue(fig) : null;
    if (p) {
      const f = build(p, addr(p.target)!.sheet);
      // Compared at the printed precision: an unrounded ratio prints as its figure.
      if (fig && v !== null && roundTo(f.result, sheetDecimals(fig)).eq(v)) {
        cells.set(k, f);
        v = f.result;
      } else {
        checkOnly.push(build(p, CHECKS));
      }
    }
    values.set(k, v);
    return v;
  };
  const scaleOf = (ref: CellRef) => { const f = figureOf(ref); return f ? sheetScale(f) : 0; };

  /** The formula defining p's target, written for a cell on `sheet`. */
  const build = (p: Pending, sheet: string): CellFormula => {
    const home = { ...addr(p.target)!, sheet };
    const ref = (r: CellRef) => refText(addr(r)!, home.sheet);
    const crossSheet = p.deps.some((d) => addr(d)!.sheet !== home.sheet);
    // Spelled out, not `{ ...base, formula, result }`: see model/refs.ts.
    const made = (formula: string, result: Decimal): CellFormula => ({ kind: p.kind, relation: p.relation, target: p.target, crossSheet, formula, result });
    const tScale = scaleOf(p.target);
    switch (p.kind) {
      case 'footing': {
        const rel = p.relation as Footing;
        const col = p.target.col;
        let result = new Decimal(0);
        rel.terms.forEach((t, i) => {
          const dep = p.deps[i];
          const v = (valueOf(dep) ?? new Decimal(0)).times(pow10(scaleOf(dep) - tScale));
          result = t.sign === 1 ? result.plus(v) : result.minus(v);
        });
        return made(footingFormula(rel, p.deps, col, home, layout, addr, scaleOf, tScale, figureOf), result);
      }
      case 'link': {
        const rel = p.relation as Link;
        const v = (valueOf(rel.source) ?? new Decimal(0)).times(pow10(scaleOf(rel.source) - tScale));
        return made(`${ref(rel.source)}${scaleFactorText(scaleOf(rel.source), tScale)}`, v);
      }
      case 'conversion': {
        const rel = p.relation as Conversion;
        const fx = release.fx!;
        const src = (valueOf(rel.source) ?? new Decimal(0)).times(pow10(scaleOf(rel.source) - tScale));
        // The rate is base per quote: base → quote divides, quote → base multiplies.
        const toBase = figureOf(rel.target)?.currency === fx.base && figureOf(rel.source)?.currency === fx.quote;
        const op = toBase ? '*' : '/';
        const raw = toBase ? src.times(fx.rate) : src.div(fx.rate);
        return made(`ROUND(${ref(rel.source)}${scaleFactorText(scaleOf(rel.source), tScale)}${op}${FX_NAME},${rel.decimals})`, roundTo(raw, rel.decimals));
      }
      case 'ratio': {
        // Unrounded on purpose: a margin that feeds further analysis should carry the full
        // quotient, the cell's 0.0% format prints it as the release did, and the Checks sheet
        // compares ROUND(cell, printed decimals) with the printed figure.
        const rel = p.relation as Ratio;
        const num = (valueOf(rel.numerator) ?? new Decimal(0)).times(pow10(scaleOf(rel.numerator)));
        const den = (valueOf(rel.denominator) ?? new Decimal(0)).times(pow10(scaleOf(rel.denominator)));
        const result = den.isZero() ? new Decimal(0) : num.div(den).times(pow10(-tScale));
        const factor = scaleFactorText(scaleOf(rel.numerator), scaleOf(rel.denominator) + tScale);
        return made(`${ref(rel.numerator)}${factor}/${ref(rel.denominator)}`, result);
      }
      case 'across': {
        const rel = p.relation as Across;
        let result = new Decimal(0);
        const text = rel.terms.map((t, i) => {
          const v = (valueOf(t.ref) ?? new Decimal(0)).times(pow10(scaleOf(t.ref) - tScale));
          result = t.sign === 1 ? result.plus(v) : result.minus(v);
          const cell = `${ref(t.ref)}${scaleFactorText(scaleOf(t.ref), tScale)}`;
          return t.sign === -1 ? `-${cell}` : i === 0 ? cell : `+${cell}`;
        }).join('');
        return made(text, result);
      }
      case 'change': {
        // Unrounded, like a ratio: the cell's format prints it as the release did, and Checks rounds.
        const rel = p.relation as Change;
        const cur = (valueOf(rel.current) ?? new Decimal(0)).times(pow10(scaleOf(rel.current)));
        const prior = (valueOf(rel.prior) ?? new Decimal(0)).times(pow10(scaleOf(rel.prior)));
        const result = prior.isZero() ? new Decimal(0) : cur.minus(prior).div(prior.abs()).times(pow10(-tScale));
        const c = ref(rel.current);
        const q = ref(rel.prior);
        // Both figures are printed at one scale (the pass pairs no others): it cancels out.
        return made(`(${c}-${q})/ABS(${q})`, result);
      }
    }
  };

  for (const k of chosen.keys()) valueOf(chosen.get(k)!.target);
  return { cells, checkOnly, dropped, valueOf, figureOf };
}

/**
 * A footing as an analyst writes it: SUM over a contiguous block when every term is added and
 * every row of the block between the first and the last term is a statement row whose figure
 * in this column (if any) is a term; explicit + and − otherwise.
 */
function footingFormula(
  rel: Footing,
  deps: CellRef[],
  col: number,
  home: Address,
  layout: Layout,
  addr: (r: CellRef) => Address | null,
  scaleOf: (r: CellRef) => number,
  tScale: number,
  figureOf: (r: CellRef) => Figure | null,
): string {
  const terms = rel.terms.map((t, i) => ({ sign: t.sign, ref: deps[i] }));
  const places = terms.map((t) => addr(t.ref)!);
  const sameSheet = places.every((p) => p.sheet === places[0].sheet);
  if (terms.length >= 2 && sameSheet && terms.every((t) => t.sign === 1 && scaleOf(t.ref) === tScale)) {
    const rows = places.map((p) => p.row).sort((a, b) => a - b);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const termRows = new Set(rows);
    const sheet = layout.sheetOf(terms[0].ref.statement)!;
    const inside = home.sheet === sheet.name && home.row >= first && home.row <= last;
    let clean = termRows.size === rows.length && !inside;
    for (let r = first; r <= last && clean; r++) {
      if (termRows.has(r)) continue;
      const at = sheet.rowAt.get(r);
      const fig = at ? figureOf({ statement: sheet.statement.id, table: at.table, row: at.row, col }) : null;
      clean = at !== undefined && (!fig || fig.value === null);
    }
    if (clean) {
      const letter = columnLetter(places[0].col);
      const start = refText({ ...places[0], row: first, a1: `${letter}${first}` }, home.sheet);
      return `SUM(${start}:${letter}${last})`;
    }
  }
  return terms
    .map((t, i) => {
      const text = `${refText(places[i], home.sheet)}${scaleFactorText(scaleOf(t.ref), tScale)}`;
      return t.sign === -1 ? `-${text}` : i === 0 ? text : `+${text}`;
    })
    .join('');
}
