import type { Decimal } from '../model/decimal';
import type { FiscalCalendar } from '../model/fiscal';
import type { CellRef, Emphasis, Release, ValueKind } from '../model/types';
import type { Guided } from './guidance';
import type { ModelKind, PeriodKey } from './periods';

// The company model: several releases of one company aligned into line items over fiscal periods.
// Everything the workbook and the JSON show is decided here, as data: which rows are one line
// item, which figure each period shows, which quarters are derived and how, what was restated.

export interface SeriesRelease {
  release: Release;
  /** The release's period as the model names it ("2024Q3"), and the date it ends on. */
  label: string;
  periodEnd: string | null;
  calendar: FiscalCalendar;
  /** The fiscal year and quarter its period closes (quarter null for a release of a year). */
  closes: { year: number; quarter: number | null } | null;
}

/** One printed figure of one release, as the release's own statement sheet holds it. */
export interface Source {
  /** Index into SeriesModel.releases (oldest first). */
  release: number;
  ref: CellRef;
  /** The cell value on the release's sheet (printed units), its power of ten and printed decimals. */
  value: Decimal;
  scale: number;
  decimals: number;
}

export interface LineItem {
  id: string;
  kind: ModelKind;
  /** The newest release's label; the earlier ones it was printed under, oldest first. */
  label: string;
  labels: string[];
  valueKind: ValueKind;
  emphasis: Emphasis;
  depth: number;
  /** A balance inside a flow statement (cash at the beginning or end of the period): never derived. */
  balance: boolean;
  /** Period key (keyText) → every release's figure for it, oldest release first. */
  sources: Map<string, Source[]>;
  /** The power of ten and decimals the model row is written in: its newest figure's. */
  scale: number;
  decimals: number;
}

/** A part of a derivation: a model cell (a quarter or full year) or a release's year-to-date figure. */
export type Operand = { model: string } | { source: Source };

/** A quarter (or year) as a difference or sum: value = Σ plus − Σ minus. */
export interface Derivation {
  item: string;
  /** The model period it defines or checks (keyText of a quarter or full year). */
  period: string;
  plus: Operand[];
  minus: Operand[];
  value: Decimal;
  /** True when the period was reported too: then this is a check, not the cell's formula. */
  check: boolean;
}

export interface Restatement {
  item: string;
  period: string;
  first: Source;
  latest: Source;
  /** latest − first, in the model row's units. */
  change: Decimal;
  type: 'restatement' | 'reclassification';
}

/** A per-share figure or share count printed on both sides of a stock split. */
export interface SplitFlag {
  item: string;
  period: string;
  before: Source;
  after: Source;
  factor: number;
}

export interface Split {
  /** The factor the figures show (10 for ten-for-one) and, when a release states it, its words. */
  factor: number;
  stated: string | null;
  /** The first release printing post-split figures. */
  release: number;
}

export interface SeriesModel {
  company: string;
  releases: SeriesRelease[];
  calendar: FiscalCalendar;
  /** Fiscal years covered, oldest first; each shows Q1–Q4 then FY. */
  years: number[];
  items: LineItem[];
  derivations: Derivation[];
  restatements: Restatement[];
  splitFlags: SplitFlag[];
  split: Split | null;
  /** Every outlook the releases gave, with the line item that reports the guided period. */
  guidance: Guided[];
  /** `${release}|${rowKey}` of a release's statement row → the line item it was matched to. */
  rowItem: Map<string, string>;
  /** What could not be placed or matched, in words. */
  notes: string[];
}

export type { PeriodKey };
