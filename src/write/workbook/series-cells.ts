import { Decimal } from '../../model/decimal';
import { keyText } from '../../series/periods';
import { shown } from '../../series/derive';
import type { Derivation, LineItem, Operand, SeriesModel, Source } from '../../series/types';
import { addressOf, columnLetter, quoteSheet, refText, type Layout } from './layout';
import { pow10 } from './values';

// Where every cell of the company model sits and what it holds: a link to the release sheet that
// printed it last, or a derivation as a formula; with its value computed exactly, for the cached
// results and the checks.

export const MODEL_SHEETS = { income: 'Income Statement', 'balance-sheet': 'Balance Sheet', 'cash-flow': 'Cash Flows', 'non-gaap': 'Non-GAAP Measures' } as const;
export const RESTATEMENTS = 'Restatements';
export const MODEL_CHECKS = 'Checks';
export const GUIDANCE = 'Guidance';

/** Rows of a model sheet: title, units, blank, period labels, period ends, then line items. */
export const LABEL_ROW = 4;
export const END_ROW = 5;
export const FIRST_ITEM_ROW = 6;

export interface ModelColumn {
  year: number;
  /** 1–4, or null for the full year. */
  quarter: number | null;
  col: number;
  label: string;
}

export interface ModelCell {
  /** The sheet column it sits in. */
  col: number;
  formula: string;
  value: Decimal;
  origin: 'link' | 'derived';
  source: Source | null;
}

export interface ModelPlan {
  columns: ModelColumn[];
  /** Item id → its sheet row. */
  rows: Map<string, number>;
  /** `${item}|${col}` → the cell. */
  cells: Map<string, ModelCell>;
  /** The model period key a column shows for an item (balance sheets show instants). */
  keyOf(item: LineItem, c: ModelColumn): string;
  /** A1 of an item's cell in a column, on its own sheet. */
  a1(item: LineItem, c: ModelColumn): string;
  /** The cell as written on another sheet. */
  ref(item: LineItem, c: ModelColumn, from: string): string;
  column(key: string): ModelColumn | undefined;
  sourceRef(s: Source, from: string): string;
}

/** How the period columns run: each year's quarters then its FY column, or every quarter then every FY. */
export type ModelLayout = 'years' | 'quarters-then-years';
export const MODEL_LAYOUTS: readonly ModelLayout[] = ['years', 'quarters-then-years'];

export function modelColumns(model: SeriesModel, layout: ModelLayout = 'years'): ModelColumn[] {
  const cols: ModelColumn[] = [];
  let col = 2;
  const quarters = (year: number) => { for (const q of [1, 2, 3, 4]) cols.push({ year, quarter: q, col: col++, label: `${year}Q${q}` }); };
  const full = (year: number) => cols.push({ year, quarter: null, col: col++, label: `FY${year}` });
  if (layout === 'quarters-then-years') {
    model.years.forEach(quarters);
    model.years.forEach(full);
  } else {
    for (const year of model.years) { quarters(year); full(year); }
  }
  return cols;
}

const flowKey = (c: ModelColumn) => keyText({ year: c.year, quarters: c.quarter ? 1 : 4, quarter: c.quarter ?? 4 });

export function planModel(model: SeriesModel, layouts: Layout[], layout: ModelLayout = 'years'): ModelPlan {
  const columns = modelColumns(model, layout);
  const byKey = new Map(columns.map((c) => [flowKey(c), c]));
  const rows = new Map<string, number>();
  const next = new Map<string, number>();
  for (const item of model.items) {
    const r = next.get(item.kind) ?? FIRST_ITEM_ROW;
    rows.set(item.id, r);
    next.set(item.kind, r + 1);
  }
  const keyOf = (item: LineItem, c: ModelColumn) => (item.kind === 'balance-sheet' ? keyText({ year: c.year, quarters: 0, quarter: c.quarter ?? 4 }) : flowKey(c));
  const a1 = (item: LineItem, c: ModelColumn) => `${columnLetter(c.col)}${rows.get(item.id)}`;
  const ref = (item: LineItem, c: ModelColumn, from: string) => (from === MODEL_SHEETS[item.kind] ? a1(item, c) : `${quoteSheet(MODEL_SHEETS[item.kind])}!${a1(item, c)}`);
  const sourceRef = (s: Source, from: string) => refText(addressOf(layouts[s.release], s.ref)!, from);
  const cells = new Map<string, ModelCell>();
  const byId = new Map(model.items.map((i) => [i.id, i]));
  for (const item of model.items) {
    const sheet = MODEL_SHEETS[item.kind];
    for (const c of columns) {
      const s = shown(item, keyOf(item, c));
      if (!s) continue;
      cells.set(`${item.id}|${c.col}`, { col: c.col, formula: `${sourceRef(s, sheet)}${scaled(s, item)}`, value: s.value.times(pow10(s.scale - item.scale)), origin: 'link', source: s });
    }
  }
  const operandText = (o: Operand, item: LineItem, from: string) => ('model' in o ? ref(item, byKey.get(o.model)!, from) : `${sourceRef(o.source, from)}${scaled(o.source, item)}`);
  for (const d of model.derivations) {
    if (d.check) continue;
    const item = byId.get(d.item)!;
    const c = byKey.get(d.period)!;
    cells.set(`${item.id}|${c.col}`, { col: c.col, formula: derivationFormula(d, item, MODEL_SHEETS[item.kind], operandText), value: d.value, origin: 'derived', source: null });
  }
  return { columns, rows, cells, keyOf, a1, ref, column: (k) => byKey.get(k), sourceRef };
}

/** A release figure carried to its model row's power of ten, as formula text ('' when they agree). */
export function scaled(s: Source, item: LineItem): string {
  const shift = s.scale - item.scale;
  return shift === 0 ? '' : shift > 0 ? `*${pow10(shift)}` : `/${pow10(-shift)}`;
}

/** Σ plus − Σ minus as an analyst writes it: FY−(Q1+Q2+Q3), 9M−6M, SUM(Q1:Q4). */
export function derivationFormula(d: Derivation, item: LineItem, from: string, text: (o: Operand, item: LineItem, from: string) => string): string {
  const plus = d.plus.map((o) => text(o, item, from));
  const minus = d.minus.map((o) => text(o, item, from));
  if (!minus.length) return plus.length === 4 ? `SUM(${plus[0]}:${plus[3].replace(/^.*!/, '')})` : plus.join('+');
  return `${plus.join('+')}-${minus.length > 1 ? `(${minus.join('+')})` : minus[0]}`;
}
