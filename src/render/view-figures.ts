import { cellOf, hasMargins, marginFigure, marginName, MARGINS, percentOf, plausibleMargin, rowOf, unitsOf } from '../infer/gate';
import { Decimal } from '../model/decimal';
import type { Figure, HeadlineFigure, Release, Row, RowRef } from '../model/types';
import { COARSE_DIGITS, printedChange, printedChangeOf, significantDigits } from '../infer/printed-change';
import { carriedDecimals, formatFigure } from './format';
import { spanHeads } from './heads';
import { LABEL_MAX, labelText } from './labels';
import { labelWithoutOwnUnit } from '../infer/units';
import { clipAtWord } from './text-fit';
import { tone } from './tone';
import { footedLines } from './view-footing';
import { calendarYears, type Located, type Periods } from '../infer/locate';

// The statement figures of the briefing — headline tiles, margins, condensed statements — as the
// headline pass chose them (release.headline): every figure printed here is one cell of the
// workbook, read by its row and column; nothing is chosen again.

/** The label of a figure's row as the page prints it, its own unit once applied left off. */
const shownLabel = (row: Row | null): string | null => (row ? labelWithoutOwnUnit(row) : null);

export interface Change {
  text: string;
  /** pos / neg / flat: colours the change by its sign. */
  sign: 'pos' | 'neg' | 'flat';
}

export interface Tile {
  caption: string;
  /** The figure with its currency ("RMB4,370.2"); the scale word goes in `unit`, printed smaller. */
  value: string;
  unit: string | null;
  prior: string | null;
  change: Change | null;
  usd: string | null;
}

export interface MarginRow {
  caption: string;
  now: string;
  prior: string | null;
  change: Change | null;
}

export interface StatementLine {
  label: string;
  emphasis: string;
  cells: { text: string; cls: string }[];
}

export interface Condensed {
  heads: string[];
  lines: StatementLine[];
}

/** The display unit for amounts as the headline pass chose it (millions, one decimal, where the release prints finer). */
export function displayScale(release: Release): { to: number; decimals: number } {
  const scale = release.meta.amountScale ?? 3;
  const to = release.headline?.display ?? (scale < 6 ? 6 : scale);
  return { to, decimals: to === 6 && scale < 6 ? 1 : 0 };
}

function sign(d: Decimal): Change['sign'] {
  return d.isZero() ? 'flat' : d.isNegative() ? 'neg' : 'pos';
}

/**
 * Change in % of now against prior. n/m on a zero base or across a sign change, as releases print
 * NM; two negatives (an expense printed in parentheses, a loss) change by their magnitudes.
 */
function magnitudeChange(now: Decimal, prior: Decimal): Decimal {
  return now.abs().minus(prior.abs()).div(prior.abs()).times(100);
}

export function pctChange(now: Decimal, prior: Decimal | null): Change | null {
  if (!prior) return null;
  if (prior.isZero() || (now.isNegative() !== prior.isNegative() && !now.isZero())) return { text: 'n/m', sign: 'flat' };
  const pct = magnitudeChange(now, prior);
  return { text: formatFigure(pct, { decimals: 1, percent: true, sign: true }), sign: sign(pct.toDecimalPlaces(1)) };
}

/**
 * The change of a row's figure in column now against column prior: the change the release prints
 * beside them where it prints one (computed from its unrounded figures, it wins over ours), else
 * computed from the printed figures — shown as approximate, to the whole per cent, where either is
 * printed with two significant digits or fewer (0.25 against 0.27 may be anything from −4% to −11%).
 */
export function yoyChange(release: Release, at: RowRef, now: Figure, nowCol: number, prior: Figure | null, priorCol: number | null): Change | null {
  const printed = printedChange(release, at, nowCol, priorCol) ?? printedChangeOf(release, now, prior);
  const colour = (c: Change): Change => (c.text === 'n/m' ? c : { ...c, sign: tone(release, at, now.value, prior?.value ?? null, c.sign) });
  if (printed === 'n/m') return { text: 'n/m', sign: 'flat' };
  if (printed?.value) return colour({ text: formatFigure(printed.value, { decimals: printed.decimals, percent: true, sign: true }), sign: sign(printed.value) });
  // Where the release prints a change column and leaves this line's cell blank, so does the page.
  if (printsNoChange(release, at, nowCol, priorCol)) return null;
  if (!now.value) return null;
  // A base printed with one significant digit ((4) against (3)), or one the page prints as nothing
  // (0.0 million), gives a change that means nothing to the reader.
  if (prior && prior.kind === 'amount' && /^\(?0(?:\.0+)?\)?$/.test(money(release, prior, false) ?? '')) return null;
  if (prior?.value && !prior.value.isZero() && significantDigits(prior) <= 1) return null;
  const c = pctChange(now.value, prior?.value ?? null);
  if (!c || c.text === 'n/m' || !prior) return c;
  // A figure of nothing is exact: from anything to nothing is −100%.
  const digits = [now, prior].filter((f) => !f.value!.isZero()).map(significantDigits);
  if (Math.min(...digits) > COARSE_DIGITS) return colour(c);
  const pct = magnitudeChange(now.value, prior.value!);
  return colour({ text: `${APPROX}${formatFigure(pct, { decimals: 0, percent: true, sign: true })}`, sign: sign(pct.toDecimalPlaces(0)) });
}

/** The mark of a change recomputed from coarse figures, as the outlook marks an approximate figure ("c. +6%"). */
export const APPROX = 'c.\u00a0';

/** The release prints a change column for these two columns of the table, and nothing in it on this line. */
function printsNoChange(release: Release, at: RowRef, now: number, prior: number | null): boolean {
  if (prior === null) return false;
  const pair = release.headline?.changes?.find((c) => c.statement === at.statement && c.table === at.table && c.current === now && c.prior === prior);
  if (!pair) return false;
  const cell = release.statements.find((s) => s.id === at.statement)?.tables[at.table]?.rows[at.row]?.cells[pair.change];
  return !cell || !cell.text.trim();
}

/** Prints an amount, per-share or percent figure in the briefing's unit. */
export function money(release: Release, f: Figure | null, withUnit: boolean, currency?: string | null): string | null {
  if (!f || f.value === null) return null;
  // Where the release printed a dash for nothing, its tables on the page print one too.
  if (!withUnit && f.value.isZero() && !/\d/.test(f.text)) return '\u2014';
  const home = release.meta.currency;
  if (f.kind === 'percent') return formatFigure(f.value, { decimals: f.decimals, percent: true });
  // A per-share figure in another currency than the page's says so in a table too (US$0.129 per ADS on a page in NT$).
  if (f.kind === 'per-share') return formatFigure(f.value, { decimals: f.decimals, currency: withUnit ? currency ?? f.currency : f.currency && home && f.currency !== home ? f.currency : null, home });
  if (f.kind === 'shares' || f.kind === 'number') return formatFigure(unitsOf(f), { decimals: 0 });
  const d = displayScale(release);
  return formatFigure(unitsOf(f), { from: 0, to: d.to, decimals: displayDecimals(release, f.decimals, f.scale), currency: withUnit ? currency ?? f.currency ?? home : null, home, unitWord: withUnit, parens: !withUnit });
}

/**
 * Decimals of an amount in the display unit: a figure printed finer than the unit gets the page's
 * (144,940 thousand is 144.9 million), one printed in the unit or coarser keeps what it carries, up
 * to hundredths (tenths of millions stay tenths; 2,721 million and 11.9 billion print whole).
 */
function displayDecimals(release: Release, decimals: number, scale: number): number {
  const d = displayScale(release);
  return Math.min(carriedDecimals(decimals, scale, d.to), scale < d.to ? d.decimals : 2);
}

/**
 * An amount stated in prose or a side table, printed in the briefing's display unit with its own
 * scale applied ("$32,082" reads "$0.03 million" on a page in millions); an amount under one unit
 * gets the decimals that keep it from printing as nothing.
 */
export function displayAmount(release: Release, value: Decimal, scale: number, decimals: number, currency: string | null, sign = false): string {
  const d = displayScale(release);
  const home = release.meta.currency;
  const shown = value.times(new Decimal(10).pow(scale - d.to)).abs();
  // On a page in thousands, an amount under a thousand is printed as it is ("$10", not "$0.01 thousand").
  if (d.to <= 3 && shown.lt(1)) return formatFigure(value, { from: scale, to: 0, decimals: carriedDecimals(decimals, scale, 0), currency: currency ?? home, home, sign });
  // Below one display unit, hundredths at least ("$0.16 million"), thousandths if that still reads nothing.
  // Never beyond what the figure carries: "$0.5 million" stays 0.5, not 0.50.
  const carried = carriedDecimals(decimals, scale, d.to);
  let places = Math.min(carried, shown.lt(1) ? Math.max(2, displayDecimals(release, decimals, scale)) : displayDecimals(release, decimals, scale));
  while (places < Math.min(3, carried) && !shown.isZero() && shown.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).isZero()) places++;
  return formatFigure(value, { from: scale, to: d.to, decimals: places, currency: currency ?? home, home, unitWord: true, sign });
}

/** A USD figure: the release's own convenience column, else the stated rate applied. */
function usdOf(release: Release, now: Figure, usd: Figure | null): string | null {
  if (usd?.value != null) return money(release, usd, true, 'USD');
  const fx = release.fx;
  if (!fx || !now.value || now.currency !== fx.base || fx.quote !== 'USD' || now.kind === 'percent') return null;
  const converted: Figure = { ...now, value: now.value.div(fx.rate), currency: 'USD' };
  return money(release, converted, true, 'USD');
}

/** A change in percentage points as basis points. */
function bpChange(now: Decimal, prior: Decimal | null): Change | null {
  if (!prior) return null;
  const bp = now.minus(prior).times(100);
  return { text: formatFigure(bp, { decimals: 0, sign: true, suffix: ' bp' }), sign: sign(bp) };
}

export function tiles(release: Release): Tile[] {
  const out: Tile[] = [];
  for (const f of release.headline?.figures ?? []) {
    const now = cellOf(release, f, f.cols.findIndex(Boolean), 'now');
    const i = f.cols.findIndex(Boolean);
    if (!now?.value) continue;
    const prior = cellOf(release, f, i, 'prior');
    const [value, ...unit] = (money(release, now, true) as string).split(' ');
    out.push({
      caption: f.caption,
      value,
      unit: unit.join(' ') || null,
      prior: money(release, prior, true),
      change: now.kind === 'percent' ? ratioChange(release, f, i) : figureChange(release, f, i),
      usd: release.meta.currency === 'USD' ? null : usdOf(release, now, cellOf(release, f, i, 'usd')),
    });
  }
  return out;
}

/** The top line the margins divide by: revenue (a bank's net income over its net interest income is no margin). */
function topLine(release: Release): HeadlineFigure | null {
  if (!release.headline || !hasMargins(release.headline)) return null;
  return release.headline.figures.find((f) => f.role === 'revenue') ?? null;
}

export function margins(release: Release): MarginRow[] {
  const top = topLine(release);
  if (!top) return [];
  const out: MarginRow[] = [];
  // The gross margin rate first where the statement has a gross profit line (an amount).
  for (const [role, name] of [['gross-profit', 'Gross margin'], ...MARGINS]) {
    const f = !release.headline ? null : role === 'gross-profit' ? release.headline.income.find((g) => g.role === role) ?? null : marginFigure(release.headline, role);
    if (!f) continue;
    const now = percentOf(cellOf(release, f, 0, 'now'), cellOf(release, top, 0, 'now'));
    if (!now) continue;
    // A computed margin beyond ±100% is not shown: the gate has said why; on a top line that is
    // evidently the top line (a small company's losses) it is not meaningful, and says so.
    if (!plausibleMargin(now)) {
      if (release.headline?.topEvident) out.push({ caption: marginName(f, name), now: 'n/m', prior: null, change: null });
      continue;
    }
    let prior = percentOf(cellOf(release, f, 0, 'prior'), cellOf(release, top, 0, 'prior'));
    if (!plausibleMargin(prior)) prior = null;
    // From the unrounded ratios: 30.13% → 29.27% is −86 bp, not the −80 bp of the rounded 30.1% and 29.3%.
    const bp = prior ? now.minus(prior).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP) : null;
    out.push({
      caption: marginName(f, name),
      now: formatFigure(now, { decimals: 1, percent: true }),
      prior: prior ? formatFigure(prior, { decimals: 1, percent: true }) : null,
      change: bp ? { text: formatFigure(bp, { decimals: 0, sign: true, suffix: ' bp' }), sign: sign(bp) } : null,
    });
  }
  return out;
}

/** A headline ratio's change for span i in basis points, coloured by what the ratio is (a combined ratio up is bad news). */
function ratioChange(release: Release, f: HeadlineFigure, i: number): Change | null {
  const now = cellOf(release, f, i, 'now');
  const prior = cellOf(release, f, i, 'prior');
  const c = now?.value ? bpChange(now.value, prior?.value ?? null) : null;
  return c && { ...c, sign: tone(release, f.cols[i]?.row ?? f.row, now!.value, prior!.value, c.sign) };
}

/** A headline figure's change for span i. */
function figureChange(release: Release, f: HeadlineFigure, i: number): Change | null {
  const at = f.cols[i];
  const now = cellOf(release, f, i, 'now');
  if (!at || !now) return null;
  return yoyChange(release, at.row ?? f.row, now, at.now, cellOf(release, f, i, 'prior'), at.prior);
}

/** A line's cells: prior, now (and the change) for each span shown. */
function cellsFor(release: Release, f: HeadlineFigure, spans: number, withChange: boolean): { text: string; cls: string }[] | null {
  const out: { text: string; cls: string }[] = [];
  let any = false;
  for (let i = 0; i < spans; i++) {
    const now = cellOf(release, f, i, 'now');
    const prior = cellOf(release, f, i, 'prior');
    if (now?.value) any = true;
    out.push({ text: money(release, prior, false) ?? '', cls: 'num prior' });
    out.push({ text: money(release, now, false) ?? '', cls: 'num now' });
    if (withChange) {
      const c = now?.value ? figureChange(release, f, i) : null;
      out.push({ text: c?.text ?? '', cls: `num chg ${c?.sign ?? ''}`.trim() });
    }
  }
  return any ? out : null;
}


const TOTALS = new Set(['revenue', 'nii', 'operating', 'net-consolidated', 'net']);

function condensed(release: Release, lines: HeadlineFigure[], spans: number, withChange: boolean, label: (f: HeadlineFigure) => string): StatementLine[] {
  const out: StatementLine[] = [];
  for (const f of lines) {
    const cells = cellsFor(release, f, spans, withChange);
    // The company's share of net income is a line under the consolidated total where both are shown.
    const total = TOTALS.has(f.role) && !(f.role === 'net' && lines.some((l) => l.role === 'net-consolidated'));
    // A line whose figures all print as nothing in the page's unit (0.0 million) is left to the workbook.
    if (cells && !cells.every((c) => !/[1-9]/.test(c.text) || /\bchg\b/.test(c.cls))) out.push({ label: label(f), emphasis: total ? 'total' : 'item', cells });
  }
  return out;
}

/** The condensed income statement; `spans` limits it to the first span (the page's room decides). */
export function condensedIncome(release: Release, spans?: number): Condensed | null {
  const h = release.headline;
  if (!h || !h.income.some((f) => TOTALS.has(f.role))) return null;
  const n = Math.min(spans ?? h.spans.length, h.spans.length);
  // With the lines its totals need, so each total shown follows from the lines shown (view-footing.ts).
  const lines = condensed(release, footedLines(release, h.income), n, true, (f) => (f.role === 'eps' ? f.caption : clipAtWord(labelText(release, shownLabel(rowOf(release, f)) || f.caption), LABEL_MAX)));
  return lines.length ? { heads: spanHeads(release, { end: h.end, spans: h.spans.slice(0, n), home: null }, true), lines } : null;
}

export function balanceSnapshot(release: Release): Condensed | null {
  const h = release.headline;
  if (!h?.balance.length) return null;
  const first = h.balance[0];
  const table = release.statements.find((s) => s.id === first.row.statement)?.tables[first.row.table];
  const at = first.cols[0];
  const heads = [at?.prior !== null && at?.prior !== undefined ? table?.columns[at.prior]?.period?.label ?? '' : '', at ? table?.columns[at.now]?.period?.label ?? '' : '', 'Change'];
  const lines = condensed(release, h.balance, 1, true, (f) => labelText(release, shownLabel(rowOf(release, f)) ?? f.caption))
    .map((l) => ({ ...l, emphasis: /^total/i.test(l.label) ? 'total' : 'item' }));
  return lines.length ? { heads, lines } : null;
}

/**
 * The net lines of the activities the headline did not name, from the same table as the ones it
 * did ("Net cash used in investing", without "activities"), read from the same columns.
 */
function otherActivities(release: Release, found: HeadlineFigure[]): HeadlineFigure[] {
  const model = found[0];
  const table = model ? release.statements.find((s) => s.id === model.row.statement)?.tables[model.row.table] : null;
  if (!model || !table) return [];
  const out: HeadlineFigure[] = [];
  for (const activity of ['investing', 'financing']) {
    if (found.some((f) => f.role === activity)) continue;
    const at = table.rows.findIndex((r) => r.emphasis !== 'header' && new RegExp(`^net cash\\b.*\\b${activity}(?: activities)?$`, 'i').test(r.label.replace(/\s+/g, ' ').trim()));
    if (at < 0) continue;
    out.push({ role: activity, caption: `${activity.charAt(0).toUpperCase()}${activity.slice(1)} activities`, row: { ...model.row, row: at }, cols: model.cols.map((c) => (c ? { ...c, row: c.row ? { ...c.row, row: at } : undefined } : null)) });
  }
  return out;
}

export function cashFlows(release: Release, spans?: number): Condensed | null {
  const h = release.headline;
  if (!h?.cashflow.length) return null;
  const n = Math.min(spans ?? h.spans.length, h.spans.length);
  // Columns read from another table (a separate year to date) are not assumed to hold the same line.
  const more = otherActivities(release, h.cashflow).map((f) => ({ ...f, cols: f.cols.map((c) => (c?.row ? null : c)) }));
  const lines = condensed(release, [...h.cashflow, ...more], n, false, (f) => f.caption).map((l) => ({ ...l, emphasis: 'item' }));
  return lines.length ? { heads: spanHeads(release, { end: h.end, spans: h.spans.slice(0, n), home: null }, false), lines } : null;
}

/** The periods the headline figures are of, for the chart. */
export function headlinePeriods(release: Release): Periods {
  const end = release.headline?.end ?? null;
  // Columns headed by their year alone are found as the headline pass found them.
  return { end, spans: release.headline?.spans ?? [], home: release.meta.currency, calendarYears: calendarYears(release, end) };
}

/** The chart's rows: the lines that add up to the top line (or the top line itself), then net income. */
export function chartRows(release: Release): { loc: Located; label: string }[] {
  const h = release.headline;
  if (!h) return [];
  const top = h.income.find((f) => f.role === 'revenue' || f.role === 'nii');
  const net = h.income.find((f) => f.role === 'net-consolidated') ?? h.income.find((f) => f.role === 'net');
  const picked = [...(h.parts.length ? h.parts : top ? [top] : []), ...(net ? [net] : [])];
  return picked.flatMap((f) => {
    const st = release.statements.find((s) => s.id === f.row.statement);
    const table = st?.tables[f.row.table];
    const row = table?.rows[f.row.row];
    if (!st || !table || !row) return [];
    // The chart finds its columns by period; it sees only the cells the headline kept (not a refused prior).
    const kept = new Set(f.cols.flatMap((c) => (c ? [c.now, c.prior] : [])));
    const shown = { ...row, cells: row.cells.map((c, i) => (kept.has(i) ? c : null)) };
    // A line that prints as nothing in the page's unit would chart as empty bars.
    if (shown.cells.every((c) => !c?.value || !/[1-9]/.test(money(release, c, false) ?? ''))) return [];
    return [{ loc: { statement: st.id, kind: st.kind, table, tableIndex: f.row.table, row: shown, rowIndex: f.row.row }, label: labelWithoutOwnUnit(row) }];
  });
}
