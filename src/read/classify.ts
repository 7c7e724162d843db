import type { Decimal } from '../model/decimal';
import type { StatementKind, ValueKind } from '../model/types';
import { remembered } from './recent';

// Classification by the vocabulary of financial reporting, not by any one company's words.

const KIND_RULES: [StatementKind, RegExp][] = [
  // Free cash flow is a non-GAAP measure: its table is a reconciliation, not the statement of cash flows.
  ['non-gaap', /non[-\s]?(gaap|ifrs)|reconciliation|free cash flow|adjusted (ebitda|net|earnings|operating)|\bffo\b|\baffo\b|distributable earnings|earnings available for distribution/i],
  ['cash-flow', /cash[-\s]flows?/i],
  // "Financial position" alone heads a section of a review (a few lines and ratios); the statement says whose.
  ['balance-sheet', /balance sheets?|statements? of (\w+ )?financial (position|condition)|consolidated financial (position|condition)|assets,? liabilities and (stockholders|shareholders)/i],
  // "Operations and Comprehensive Loss" is an income statement that also shows comprehensive income.
  ['income', /(operations|income|earnings|profit or \(?loss\)?|results of operations)\s+and\s+(other\s+)?comprehensive/i],
  ['comprehensive-income', /comprehensive\s+(\(loss\)\/?\s*)?(income|loss|\(loss\))/i],
  ['income', /statements? of (consolidated )?(operations|income|earnings|net earnings|profit or loss|loss|results of operations|\(loss\)|comprehensive)|income statements?|statements? of results|results of operations|profit (and|or) loss|statements? of (net )?(income|loss)/i],
];

/** The kind of statement a title names ('other' for none); asked of every line above every table, and titles repeat. */
export const classifyTitle: (title: string) => StatementKind = remembered(readTitle);

function readTitle(title: string): StatementKind {
  // Indexed: a for-of with destructuring makes an iterator per rule until optimised.
  for (let i = 0; i < KIND_RULES.length; i++) if (KIND_RULES[i][1].test(title)) return KIND_RULES[i][0];
  return 'other';
}

/** A table titled as a summary or highlights picks figures from several statements: it is none of them. */
export function isDigestTitle(title: string): boolean {
  return /\b(summary|highlights)\b/i.test(title);
}

/** Classifies an untitled table by the rows any such statement must carry. */
export function classifyByLabels(labels: string[]): StatementKind {
  const text = labels.join('\n').toLowerCase();
  if (/total assets/.test(text) && /total liabilities/.test(text)) return 'balance-sheet';
  if (/operating activities/.test(text) && /(investing|financing) activities/.test(text)) return 'cash-flow';
  if (/(net (income|loss|earnings)|operating (income|loss)|income from operations)/.test(text) && /(revenue|net sales|sales)/.test(text)) return 'income';
  return 'other';
}

/**
 * Lines a statement of cash flows carries as inputs to its closing balance, never as sums of lines
 * above them, however they are printed: the opening balance and the effect of exchange rates.
 */
export function isInputLabel(label: string): boolean {
  return /\b(at|as of) (the )?beginning of|beginning of (the )?(period|year|quarter|fiscal|month)|\bopening balance|effect of (foreign )?(currency )?exchange rate/i.test(label);
}

/** The kind a row's label announces: per-share figures and share counts are not scaled like amounts. */
export function kindFromLabel(label: string): ValueKind | null {
  const l = label.toLowerCase();
  // "(in thousand shares)" states what the row counts, whatever else its label says.
  if (/\((in )?(thousands?|millions?) (of )?shares\)|\(shares in (thousands|millions)\)/.test(l)) return 'shares';
  // A class of stock described by its par value is its carrying amount, not a per-share figure.
  if (/par value|authori[sz]ed|issued and outstanding/.test(l)) return null;
  // Share counts first: their labels often go on "... used in calculating net income per share".
  // A trust's or partnership's units are its shares.
  if (/weighted[-\s]average (number of )?(ordinary |common |class [a-z] |trust |partnership )?(shares|ads|units)|(shares|ads) used in|number of (ordinary |common |trust |partnership )?(shares|ads|units)\b|(shares|units) outstanding|^(basic|diluted) shares|\bshare equivalents\b|weighted[-\s]average (basic|diluted)?\s*(shares|ads)/.test(l)) return 'shares';
  // "Net income for diluted earnings per share" is the numerator of a per-share figure, an amount.
  if (/\b(income|earnings|loss|profit)\b.*\b(for|used in|in computing|in calculating)\b.*(\bper (share|ads|unit)|\beps\b)/.test(l)) return null;
  // "per diluted common share", "per adjusted diluted common share": up to three words between.
  // A footnote mark may follow ("Per Brookfield share2,3"); "ps" in a label's parentheses abbreviates it ("(Group share, ps, EUR)").
  if (/\bper ([a-z][\w-]* ){0,3}(share|ads|unit)s?(?![a-z])|\beps\b|earnings per|income per|loss per|dividends? declared per|per ordinary|per fully diluted|\((?:[^)]*[,\s])?p\.?s\.?(?:[,\s][^)]*)?\)/.test(l)) return 'per-share';
  // Counts and physical measures are not money, whatever the table's currency unit: "Number of
  // properties", "Leasing (square feet)", "Employees at period end".
  // Days counted ("Ownership days", "Less off-hire days:") likewise, but not an ageing bucket
  // ("Past due 90 days"), which is an amount.
  if (/^(total )?number of\b|\((in )?(square (feet|foot|metres|meters)|sq\.? ?(ft|m)\.?)\)|\b(headcount|employees at)\b|^[a-z ,&/-]*\bdays:?$/.test(l) && !/past due|overdue/.test(l)) return 'number';
  // Percent rows are mostly known by their printed '%'; a label alone says so only for margins.
  if (/\bmargin\b|\(%\)|\bin %|percentage of/.test(l)) return 'percent';
  return null;
}

/** A figure as printed, for judging a row's kind by its figures. */
export interface PrintedFigure {
  value: Decimal;
  percent: boolean;
  text: string;
}

/** Larger than any per-share figure a release prints: a row of these counts shares or money. */
const PER_SHARE_MAX = 100_000;

/** Only a percentage or a per-share figure is revised by its figures: a caller need not list them for any other kind. */
export function revisedByFigures(kind: ValueKind): boolean {
  return kind === 'percent' || kind === 'per-share';
}

/**
 * The kind a row's label gave it, revised by the figures it prints: a "margin" printed in dollars
 * (or at a size no percentage has, without a '%') is an amount, and a "per share" row whose figures are
 * the size of share counts or balances is shares when its label counts shares, otherwise an amount.
 */
export function kindFromFigures(kind: ValueKind, label: string, figures: PrintedFigure[]): ValueKind {
  if (figures.length === 0 || !revisedByFigures(kind)) return kind;
  if (kind === 'percent' && figures.some((f) => !f.percent && (/[$€£¥]/.test(f.text) || f.value.abs().gte(1000)))) return 'amount';
  if (kind === 'per-share' && figures.some((f) => f.value.abs().gte(PER_SHARE_MAX))) return /\bshares?\b|\bads\b|\bunits\b/i.test(label) ? 'shares' : 'amount';
  return kind;
}
