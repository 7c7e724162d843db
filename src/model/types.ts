import Decimal from 'decimal.js';
import type { FiscalCalendar } from './fiscal';

// The one model every reader produces and every writer consumes.
// Exact numbers only: a figure is a Decimal from the reader to the writer's edge.

/** Where in the release's source file (`Release.source.file`) a piece of the model came from; 1-based. */
export interface Place {
  line: number;
  /** For table readers: 1-based table number in the document, row within the raw table, cell within the row. */
  table?: number;
  row?: number;
  cell?: number;
}

export type StatementKind =
  | 'balance-sheet'
  | 'income'
  | 'cash-flow'
  | 'comprehensive-income'
  | 'non-gaap'
  | 'other';

/** What a figure measures. Decides both its unit and whether the column's scale applies. */
export type ValueKind = 'amount' | 'shares' | 'per-share' | 'percent' | 'number';

export type Emphasis = 'header' | 'item' | 'subtotal' | 'total';

export interface Period {
  /** ISO date of the period's end (or of the instant, for a balance sheet). */
  end: string | null;
  /** Duration in months for flows (3 = a quarter); null for an instant. */
  months: number | null;
  /** Duration in weeks where the release counts weeks ("13 Weeks Ended"). */
  weeks: number | null;
  /** ISO start date when stated. */
  start: string | null;
  instant: boolean;
  /** Fiscal year as stated ("2024", "FY2025") when that is all the header says. */
  fiscalYear: string | null;
  /** A short label an analyst reads: "3M Sep-30-2024", "Sep-30-2024". */
  label: string;
}

export interface Column {
  /** 0-based position among the table's value columns. */
  index: number;
  /** Header text lines as printed, top to bottom. */
  header: string[];
  period: Period | null;
  /** ISO-style code as the release names it: RMB, USD, EUR, CAD, TWD ... */
  currency: string | null;
  /** Power of ten the amounts of this column are printed in: 3 = thousands, 6 = millions. */
  amountScale: number;
  /** Power of ten share counts are printed in (0 unless the caption says shares are in thousands etc.). */
  shareScale: number;
  /**
   * Column-level kind when the whole column is one kind (a "% change" column is percent);
   * null when the kind comes from each row.
   */
  kind: ValueKind | null;
  /** True for a convenience translation column (US$ beside RMB at a stated rate). */
  convenience: boolean;
}

export interface Figure {
  /** Exact value in the printed unit: 1,137,690 printed in thousands is 1137690 here, scale 3. Null for a blank cell. */
  value: Decimal | null;
  /** The text as printed: "(30,112)", "-", "26.6%". */
  text: string;
  kind: ValueKind;
  /** Power of ten to multiply value by to get units of currency or shares; 0 for per-share and percent. */
  scale: number;
  /** Currency of an amount or per-share figure; null for shares, percents and plain numbers. */
  currency: string | null;
  /** Digits after the decimal point as printed (a percent "26.6%" has 1). */
  decimals: number;
  place: Place;
}

export interface Row {
  label: string;
  depth: number;
  emphasis: Emphasis;
  kind: ValueKind;
  /** One entry per table column; null where the row has no cell (header rows). */
  cells: (Figure | null)[];
  place: Place;
  /**
   * False when the row is printed as a total but the evidence says it claims no sum of its table's
   * rows (a per-share or share-count line, an input a later total takes, a total whose lines the
   * table does not print): it keeps its typeface but is not counted among the totals. Absent otherwise.
   */
  claimed?: false;
  /**
   * Columns whose figures claim no sum although the row's other columns tie: a per-share or share-count
   * row's figure that no link or across relation makes (a non-GAAP EPS is a ratio, a share count's "—"
   * adjustment adds nothing). Not counted among the totals. Absent when there are none.
   */
  unclaimed?: number[];
  /**
   * What a balance-sheet row closes where its label names less (infer/balance-sides.ts): a "Total
   * liabilities" equal to total assets, with equity inside its span, is total liabilities and equity.
   */
  closes?: 'liabilities-and-equity';
}

export interface Table {
  /** Caption rows above the header that name this block, e.g. "Reconciliation of ..." (may be empty). */
  caption: string;
  columns: Column[];
  rows: Row[];
  place: Place;
}

export interface Statement {
  id: string;
  title: string;
  kind: StatementKind;
  /** The units caption as printed: "(Amounts in thousands of Renminbi ...)". */
  units: string;
  /** One title may head several tables (three months, then nine months). */
  tables: Table[];
  place: Place;
}

export interface Ticker {
  exchange: string;
  symbol: string;
}

export interface ExchangeRate {
  /** Currency the statements are reported in (RMB). */
  base: string;
  /** Convenience currency (USD). */
  quote: string;
  /** Units of base per one unit of quote: 7.0176 RMB per US$1.00. */
  rate: Decimal;
  asOf: string | null;
  text: string;
  place: Place;
}

export interface ProseFact {
  id: string;
  /** What the figure measures, as the sentence names it ("Total net revenue"). */
  subject: string;
  value: Decimal;
  /** Unit as stated: currency amounts carry currency and scale, percents have kind percent. */
  kind: ValueKind;
  currency: string | null;
  /** Power of ten of the stated unit: 6 for "million", 9 for "billion". */
  scale: number;
  decimals: number;
  text: string;
  /** Index of the sentence that states it in `release.sentences` (each sentence is stored once). */
  sentence: number;
  /** Whether the figure is of the current period, a comparison, or guidance. */
  role: 'current' | 'prior-year' | 'prior-period' | 'outlook' | 'other';
  place: Place;
  /** The table figure this prose figure restates, compared at the prose's precision; null when no table holds it. */
  tie: FactTie | null;
}

/** One sentence of the release's prose, with the section it stands under and its place. */
export interface ProseSentence {
  text: string;
  section: string;
  place: Place;
  /** Index of its paragraph in `release.prose`: a paragraph's opening words may name the period of all its sentences. */
  paragraph?: number;
}

/**
 * What the release says in its prose, read as a statement: guidance, an operating highlight, a
 * return of capital, or a driver of a change. A range keeps both ends (low ≤ high); a point has
 * low = high; "at least X" has high null.
 */
export type ClaimKind = 'outlook' | 'highlight' | 'capital-return' | 'driver';

export interface Claim {
  id: string;
  kind: ClaimKind;
  /** The measure, with its qualifiers: "Non-GAAP net income", "Dividend declared per share". */
  subject: string;
  /** The period the statement is about, named with the release's fiscal calendar ("Q4 2024", "FY2025"). */
  period: string | null;
  low: Decimal | null;
  high: Decimal | null;
  /** Stated as approximate ("about $22 billion"). */
  approximate: boolean;
  /** Unit: currency amounts carry currency and scale; 'bp' counts basis points. */
  unit: ValueKind | 'bp';
  currency: string | null;
  scale: number;
  decimals: number;
  /** The figure is a change of the subject (growth of 7% to 11%), not its level. */
  change: boolean;
  /** What the change or the guidance is compared with, as stated. */
  comparison: 'yoy' | 'qoq' | 'vs-base' | null;
  /** A stated base of comparison and the growth the range implies over it (percent, low and high). */
  base: { value: Decimal; text: string; growthLow: Decimal | null; growthHigh: Decimal | null } | null;
  /** What the release gives beside the figure: a driver's reason, a buyback's shares and price. */
  note: string | null;
  /** Stated in cents ("9.0 cents to 11.0 cents"), printed so; low and high are in the currency's units. */
  cents?: boolean;
  /**
   * Stated as a midpoint and a tolerance ("$37.5 billion, plus or minus 2%"), printed so; low and
   * high are the range it spans, for comparisons. The width is a percent of an amount's midpoint,
   * points of a percent's, or an amount at the claim's scale.
   */
  tolerance?: { mid: Decimal; decimals: number; approximate: boolean; width: Decimal; widthUnit: 'percent' | 'bp' | 'amount'; widthDecimals: number };
  /** Index of the sentence in `release.sentences`. */
  sentence: number;
  place: Place;
}

/** One paragraph of the release's text with its place; headings have level > 0. */
export interface ProseParagraph {
  text: string;
  heading: number;
  bold: boolean;
  place: Place;
}

export interface FactTie {
  ref: CellRef;
  /** The table figure expressed in the fact's unit and rounded to its printed decimals. */
  tableValue: Decimal;
  /** fact value − tableValue (zero when the words and the tables agree). */
  diff: Decimal;
}

export interface Diagnostic {
  level: 'error' | 'warning' | 'info';
  message: string;
  place?: Place;
  /** 'gate': a reason the briefing is a draft (infer/gate.ts). */
  check?: 'gate';
}

export interface ReleaseMeta {
  company: string | null;
  tickers: Ticker[];
  /** "Q3 2024", "Q4 FY2025", "FY2024": fiscalLabel() of fiscalYear and fiscalQuarter on the calendar. */
  fiscalPeriod: string | null;
  /** The fiscal year as the company names it (2025 for NVIDIA's year ending January 26, 2025). */
  fiscalYear: number | null;
  /** The quarter the release reports (1–4); null for a release of a full year or half year only. */
  fiscalQuarter: number | null;
  /** How the company counts fiscal years (model/fiscal.ts); null when the release does not show it. */
  calendar: FiscalCalendar | null;
  periodEnd: string | null;
  releaseDate: string | null;
  headline: string | null;
  /** The statements' reporting currency and the scale of amounts, as most statements state them. */
  currency: string | null;
  amountScale: number | null;
}

/** A reference to one row of one table of one statement. */
export interface RowRef {
  statement: string;
  table: number;
  row: number;
}

export interface CellRef extends RowRef {
  col: number;
}

export interface Term {
  ref: RowRef;
  sign: 1 | -1;
}

/**
 * A reported total and the signed rows that make it up. It defines the total in `columns`;
 * `residuals` hold reported − recomputed for every column the relation was tested on.
 */
export interface Footing {
  type: 'footing';
  id: string;
  total: RowRef;
  terms: Term[];
  columns: number[];
  residuals: { col: number; diff: Decimal }[];
}

/** A figure that restates a figure elsewhere (comprehensive income's Net income = the income statement's). */
export interface Link {
  type: 'link';
  id: string;
  target: CellRef;
  source: CellRef;
  diff: Decimal;
}

/** A convenience-currency figure computed from the same row in the reporting currency. */
export interface Conversion {
  type: 'conversion';
  id: string;
  target: CellRef;
  source: CellRef;
  /** Round to this many decimals, as printed. */
  decimals: number;
  diff: Decimal;
}

/** A percentage that is numerator ÷ denominator (margins). */
export interface Ratio {
  type: 'ratio';
  id: string;
  target: CellRef;
  numerator: CellRef;
  denominator: CellRef;
  decimals: number;
  diff: Decimal;
}

/**
 * A figure that is a signed sum of other figures of its own row in other columns: GAAP +
 * adjustments = non-GAAP in a reconciliation, current − prior in a favourable/(unfavourable) column.
 */
export interface Across {
  type: 'across';
  id: string;
  target: CellRef;
  terms: { ref: CellRef; sign: 1 | -1 }[];
  /** reported − recomputed, in printed units (within one printed unit per term). */
  diff: Decimal;
}

/** A percentage change column: (current − prior) ÷ |prior|, rounded as printed. */
export interface Change {
  type: 'change';
  id: string;
  target: CellRef;
  current: CellRef;
  prior: CellRef;
  decimals: number;
  diff: Decimal;
}

export type Relation = Footing | Link | Conversion | Ratio | Across | Change;

/** A reported total that no inferred relation recomputes: stays a constant, reported in Checks. */
export interface Untied {
  ref: RowRef;
  col: number;
  reason: string;
  /** reported − the nearest candidate sum (the open item rows directly above), in printed units, when there is one. */
  gap?: Decimal;
  /**
   * The total of a footing that takes this figure as a term and ties in its column: the figure agrees
   * with the table, but its own lines are not printed (or not all of them), so nothing can check it.
   * Listed as inconclusive, not counted as untied.
   */
  partOf?: RowRef;
}

/** The kind of company the statements' own line items show; it decides which figures lead. */
export type Sector = 'general' | 'bank' | 'insurer' | 'reit' | 'airline' | 'asset-manager';

/** One headline figure: a statement row and, per span, the cells of now, a year earlier and the convenience translation. */
export interface HeadlineFigure {
  /** What the figure is: revenue, operating, net, eps, adjusted-net, adjusted-eps, or a sector metric (nii, ffo, combined-ratio ...). */
  role: string;
  /** The caption a reader sees ("Diluted EPS per ADS", the row's own label when short). */
  caption: string;
  row: RowRef;
  /** Per span of `Headline.spans` (null for a balance-sheet instant), the columns; null where the row has none. */
  cols: ({
    span: number | null; now: number; prior: number | null; usd: number | null;
    /** The row holding this span when it is not `row`: the same line of a separate year-to-date statement. */
    row?: RowRef;
  } | null)[];
  /** For an adjusted figure, the role of the GAAP figure it stands beside. */
  beside?: string;
}

/** The briefing's and the Summary sheet's headline set, decided once (infer/headline.ts). */
export interface Headline {
  sector: Sector;
  /** The period end the figures are of, and the spans reported to it: the release's own first (3 before 12). */
  end: string | null;
  spans: number[];
  /** Tiles in reading order: each GAAP figure followed by the adjusted figure the release leads with. */
  figures: HeadlineFigure[];
  /** The lines that add up to the top line (segments or revenue kinds), for the chart. */
  parts: HeadlineFigure[];
  /** Lines of the condensed income statement, balance sheet and cash flows, in reading order. */
  income: HeadlineFigure[];
  balance: HeadlineFigure[];
  cashflow: HeadlineFigure[];
  /** The change (%) columns the release prints beside two period columns: the page prints these, not a recomputed change. */
  changes?: PrintedChange[];
  /**
   * The top line is evidently the top line: its statement's first figure row, with lines below it
   * footing from it. A margin on it beyond ±100% is then real (a small company's losses), shown n/m.
   */
  topEvident?: boolean;
  /** The power of ten the page prints amounts in (6 millions, 3 thousands), so its headline figures keep their digits. */
  display?: number;
}

/** A percent column of a table that is the release's change of `current` against `prior` (column indexes). */
export interface PrintedChange {
  statement: string;
  table: number;
  current: number;
  prior: number;
  change: number;
}

/** The checks a briefing must pass before it is final (infer/gate.ts); reasons empty when it passes. */
export interface Gate {
  passed: boolean;
  reasons: string[];
}

export interface Release {
  source: { file: string; format: string; bytes: number };
  meta: ReleaseMeta;
  fx: ExchangeRate | null;
  statements: Statement[];
  facts: ProseFact[];
  /** Every sentence of the prose that states a figure, once; facts and claims refer to them by index. */
  sentences?: ProseSentence[];
  /** The prose read as statements: outlook, highlights, capital return, drivers (infer/claims.ts). */
  claims?: Claim[];
  /** The release's text paragraphs in reading order, for passes that read prose (facts). */
  prose?: ProseParagraph[];
  relations: Relation[];
  untied: Untied[];
  /** The headline figures, chosen once for every writer (absent before the headline pass runs). */
  headline?: Headline;
  /** The briefing's gate (absent before the gate pass runs). */
  gate?: Gate;
  diagnostics: Diagnostic[];
}
