import { Decimal } from '../../src/model/decimal';
import type { Column, Figure, Release, Row, Statement, ValueKind } from '../../src/model/types';

// The expectation for a tab-separated release, built without the reader: split each tabbed line
// on tabs, strip tags, parse the few number forms by hand, and take each column's period and
// currency from a list written by hand from the document's headers. The reader's output is then
// compared with this, figure by figure.

/** A value column as a person reads it from the header. `months: null` is an instant (balance sheet). */
export interface HandColumn {
  end: string;
  months: number | null;
  currency: string;
}

export interface ExpectedFigure {
  line: number;
  /** 1-based cell in the tab-split line (cell 1 is the label). */
  cell: number;
  label: string;
  text: string;
  value: Decimal;
  decimals: number;
  kind: ValueKind;
  scale: number;
  currency: string | null;
  column: HandColumn;
}

export interface HandLayout {
  /** One entry per header block in reading order; each lists the value cells left to right (null: a spacer). */
  blocks: (HandColumn | null)[][];
  /** Lines whose figures are share counts and per-share figures; every other unpercented figure is an amount. */
  shareLines: number[];
  perShareLines: number[];
  amountScale: number;
  shareScale?: number;
}

const YEAR = /^(19|20)\d\d$/;
const NUMBER = /^\(?-?[\d,]*\.?\d+\)?%?$|^[-—]$/;

function cellText(raw: string): string {
  return raw.replace(/<[^>]+>/g, '').replace(/\\([$*_])/g, '$1').trim();
}

/** "(1,234)" → -1234, "-" or "—" → 0, "26.6%" → 26.6. */
export function handParse(text: string): { value: Decimal; decimals: number } {
  if (text === '-' || text === '—') return { value: new Decimal(0), decimals: 0 };
  const negative = text.startsWith('(');
  const digits = text.replace(/[(),%]/g, '');
  const dot = digits.indexOf('.');
  const value = new Decimal(digits);
  return { value: negative ? value.negated() : value, decimals: dot < 0 ? 0 : digits.length - dot - 1 };
}

export function expectedFigures(source: string, layout: HandLayout): ExpectedFigure[] {
  const out: ExpectedFigure[] = [];
  let block = -1;
  let inHeader = false;
  let previousLabel = '';
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.includes('\t')) { inHeader = false; return; }
    const parts = raw.split('\t').map(cellText);
    const label = parts[0];
    const values = parts.slice(1);
    const filled = values.filter((v) => v !== '');
    const header = label === '' && filled.length > 0 && filled.every((v) => YEAR.test(v) || !NUMBER.test(v));
    if (header) {
      if (!inHeader) block++;
      inHeader = true;
      return;
    }
    inHeader = false;
    const rowLabel = label !== '' ? label : previousLabel;
    previousLabel = label;
    values.forEach((text, j) => {
      if (text === '') return;
      if (!NUMBER.test(text)) throw new Error(`line ${line}: hand parser does not know ${JSON.stringify(text)}`);
      const column = layout.blocks[block]?.[j];
      if (!column) throw new Error(`line ${line} cell ${j + 2}: no hand-written column for it (block ${block})`);
      const kind: ValueKind = text.endsWith('%') ? 'percent'
        : layout.shareLines.includes(line) ? 'shares'
        : layout.perShareLines.includes(line) ? 'per-share' : 'amount';
      const scale = kind === 'amount' ? layout.amountScale : kind === 'shares' ? (layout.shareScale ?? 0) : kind === 'percent' ? -2 : 0;
      const currency = kind === 'amount' || kind === 'per-share' ? column.currency : null;
      out.push({ line, cell: j + 2, label: rowLabel, text, ...handParse(text), kind, scale, currency, column });
    });
  });
  return out;
}

export interface ModelFigure {
  figure: Figure;
  column: Column;
  row: Row;
  statement: Statement;
}

/** Every printed figure of a release (blank cells left out), with its column, row and statement. */
export function modelFigures(release: Release): ModelFigure[] {
  const out: ModelFigure[] = [];
  for (const statement of release.statements) {
    for (const table of statement.tables) {
      for (const row of table.rows) {
        row.cells.forEach((figure, i) => {
          if (figure && figure.value !== null) out.push({ figure, column: table.columns[i], row, statement });
        });
      }
    }
  }
  return out;
}

/**
 * Differences between the hand-built expectation and the model, one line each: missing, extra,
 * or a figure whose value, text, kind, scale, currency, period or row label is off. Empty when all agree.
 */
export function compareFigures(expected: ExpectedFigure[], release: Release): string[] {
  const problems: string[] = [];
  const model = new Map<string, ModelFigure>();
  for (const m of modelFigures(release)) {
    const key = `${m.figure.place.line}:${m.figure.place.cell}`;
    if (model.has(key)) problems.push(`${key} read twice`);
    model.set(key, m);
  }
  for (const e of expected) {
    const key = `${e.line}:${e.cell}`;
    const m = model.get(key);
    if (!m) { problems.push(`${key} missing: ${e.label} ${e.text}`); continue; }
    model.delete(key);
    const f = m.figure;
    const p = m.column.period;
    const want = `${e.value.toString()} ${e.decimals}dp ${e.kind} 10^${e.scale} ${e.currency} ${e.column.months ?? 'instant'} ${e.column.end} ${e.column.currency} "${e.text}" "${e.label}"`;
    const got = `${f.value?.toString()} ${f.decimals}dp ${f.kind} 10^${f.scale} ${f.currency} ${p?.instant ? 'instant' : p?.months} ${p?.end} ${m.column.currency} "${f.text}" "${m.row.label}"`;
    if (!f.value?.eq(e.value) || want !== got) problems.push(`${key} expected ${want}, got ${got}`);
  }
  for (const [key, m] of model) problems.push(`${key} extra: ${m.row.label} ${m.figure.text}`);
  return problems;
}
