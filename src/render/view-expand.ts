import { Decimal } from '../model/decimal';
import type { Figure, Release, StatementKind } from '../model/types';
import { formatFigure } from './format';
import { rowsOf, triple, units, type Located, type Periods } from '../infer/locate';
import { clipAtWord } from './text-fit';
import { spanHeads } from './heads';
import { introducesTable, LABEL_MAX, labelParts, labelText, titleText } from './labels';
import { labelWithoutOwnUnit } from '../infer/units';
import { footedRows, footings, footingTotals, twinIndex, twinTables } from './view-footing';
import { displayScale, money, yoyChange, type Condensed, type StatementLine } from './view-figures';

// What the briefing adds when its page has room: every line of the income statement instead of the
// condensed few, the balance sheet's totals, then further tables the release reports (a summary,
// segments, a reconciliation). The printer grows the page one step at a time, in this order, while
// it still fits; the steps are data here so the printer can try them without knowing what they are.

/** The extra content a briefing shows; empty shows the base page. */
export interface Growth {
  /**
   * The income statement in place of the condensed lines: every line ("all"), or its subtotals,
   * totals and per-share lines ("totals") when every line does not fit.
   */
  income?: IncomeLevel;
  /** The balance sheet's totals (current and total assets and liabilities, equity) beside cash. */
  balance?: boolean;
  /** Further tables, each with how many of its lines are shown and whether it sits under a column or spans the page. */
  tables?: { id: string; rows: number; place: Place }[];
}

/** Where a further table sits: under the left or right column, or across the page below both. */
export type Place = 'left' | 'right' | 'wide';

/** A further table on the page. */
export interface Extra {
  title: string;
  table: Condensed;
  /** Lines of the table left out for room ("… 12 more lines in the workbook"). */
  more: number;
}

/** The rows of the headline figures (the model's headline pass chose them): where the income statement is. */
export type KeyRows = { statement: string; tableIndex: number; rowIndex: number }[];

export function keyRowsOf(release: Release): KeyRows {
  return (release.headline?.income ?? []).map((f) => ({ statement: f.row.statement, tableIndex: f.row.table, rowIndex: f.row.row }));
}

/** A step the page may grow by, in priority order. */
export type GrowStep = { kind: 'income'; levels: IncomeLevel[] } | { kind: 'balance' } | { kind: 'table'; id: string; rows: number; narrow: boolean };

const SIDE_LABEL = 60;

/** A figure as the page prints it in a statement cell: amounts in the page's unit, ratios as printed. */
function cellText(release: Release, f: Figure | null): string {
  if (!f || f.value === null) return '';
  if (f.kind === 'percent') return formatFigure(f.value, { decimals: f.decimals, percent: true });
  if (f.kind === 'number') return formatFigure(f.value, { decimals: f.decimals });
  // Share counts in millions, to a tenth where the release prints them finer (49,521 thousand is
  // 49.5) — whole millions would round most of them to nothing — and whole where it prints whole
  // millions (7,434 stays 7,434, not 7,434.0).
  if (f.kind === 'shares') return formatFigure(units(f), { to: 6, decimals: f.scale - f.decimals >= 6 ? 0 : 1, parens: true });
  return money(release, f, false) ?? '';
}

function change(release: Release, loc: Located, f: Figure | null, prior: Figure | null): { text: string; cls: string } {
  // A change of a ratio is in points, not per cent: left to the reader rather than mislabelled.
  const at = { statement: loc.statement, table: loc.tableIndex, row: loc.rowIndex };
  const col = (x: Figure | null) => (x ? loc.row.cells.indexOf(x) : -1);
  const c = f?.value && f.kind !== 'percent' && f.kind !== 'number' ? yoyChange(release, at, f, col(f), prior, prior ? col(prior) : null) : null;
  return { text: c?.text ?? '', cls: `num chg ${c?.sign ?? ''}`.trim() };
}

/** A row's cells for the page's spans (prior, now, change per span), or null when it has no figure for any. */
function spanCells(release: Release, loc: Located, p: Periods, withChange: boolean, twins?: Map<number, Located[]>): StatementLine['cells'] | null {
  let any = false;
  const cells = p.spans.flatMap((span, i) => {
    let at = loc;
    let t = triple(loc, p, span);
    // A span printed in a twin table of its own (the year's statement apart from the quarter's): its line there.
    const twin = !t ? twins?.get(i) : undefined;
    if (twin?.length) {
      const j = twinIndex(loc.table.rows, loc.rowIndex, twin[0].table.rows);
      const other = twin.find((l) => l.rowIndex === j);
      if (other) { at = other; t = triple(other, p, span); }
    }
    if (t) any = true;
    const pair = [{ text: cellText(release, t?.prior ?? null), cls: 'num prior' }, { text: cellText(release, t?.now ?? null), cls: 'num now' }];
    return withChange ? [...pair, change(release, at, t?.now ?? null, t?.prior ?? null)] : pair;
  });
  return any ? cells : null;
}

/** A row's cells at the balance-sheet date and the one it is compared with. */
function instantCells(release: Release, loc: Located, p: Periods): StatementLine['cells'] | null {
  const t = triple(loc, p, null);
  if (!t) return null;
  return [{ text: cellText(release, t.prior), cls: 'num prior' }, { text: cellText(release, t.now), cls: 'num now' }, change(release, loc, t.now, t.prior)];
}

function instantHeads(loc: Located, p: Periods): string[] {
  const t = triple(loc, p, null);
  const priorCol = t?.prior ? loc.table.columns[loc.row.cells.indexOf(t.prior)] : null;
  return [priorCol?.period?.label ?? '', t?.label ?? '', 'Change'];
}

/** A line whose non-zero figures all print as zero in the page's unit (a count read as an amount, say): left to the workbook. */
function printsAsZero(release: Release, loc: Located): boolean {
  const figs = loc.row.cells.filter((f): f is Figure => !!f?.value && !f.value.isZero() && f.kind === 'amount');
  // Half the last digit the page prints: 0.05 million, or 500 on a page in thousands.
  const d = displayScale(release);
  const half = new Decimal(5).times(new Decimal(10).pow(d.to - d.decimals - 1));
  return figs.length > 0 && figs.every((f) => units(f).abs().lt(half));
}

function emphasisOf(loc: Located): string {
  return loc.row.emphasis === 'total' || loc.row.emphasis === 'subtotal' ? 'total' : 'item';
}

/** A shares line's unit as the page prints it (cellText prints share counts in millions); a unit the label states goes. */
function sharesLabel(label: string): string {
  const bare = label.replace(/\s*\((?:in\s+)?(?:thousands|millions|000s?|'000s?)(?:\s+of\s+shares)?\)|,?\s+in\s+(?:thousands|millions)$/gi, '').trim();
  return `${bare} (m shares)`;
}

/** A header that goes on from the one above it: the source wrapped one heading over several rows ("Other" / "comprehensive" / "income (loss):"). */
function continues(above: string, next: string): boolean {
  return /^[a-z(]/.test(next) || ENDS_OPEN.test(above);
}

/** Words a heading does not end with: the source went on to its next row. */
const ENDS_OPEN = /\b(?:and|of|the|per|on|in|to|for|or|from|at|by|with)$|[,&(-]$/i;

/**
 * A table's lines for the page: each row with a figure for the page's periods, in the release's
 * words (labels.ts). A header row prints only above a line of its group, never above a total alone
 * (the lines it heads are left out); a header wrapped over several rows prints as one; a row
 * without a label takes its group's header ("Income taxes:" … → "Income taxes").
 */
function tableLines(release: Release, locs: Located[], cells: (loc: Located) => StatementLine['cells'] | null, width: number): StatementLine[] {
  const lines: StatementLine[] = [];
  // Headers not printed yet (an outer one and the group's own), and the group's header once printed.
  let pending: string[] = [];
  let printed: string | null = null;
  let previous: Located | null = null;
  const blank = () => Array.from({ length: width }, () => ({ text: '', cls: 'num' }));
  const head = (label: string) => lines.push({ label: clipAtWord(label, LABEL_MAX), emphasis: 'header', cells: blank() });
  for (const loc of locs) {
    const adjacent = previous !== null && loc.rowIndex === previous.rowIndex + 1 && previous.row.emphasis === 'header';
    previous = loc;
    const parts = labelParts(release, labelWithoutOwnUnit(loc.row));
    if (loc.row.emphasis === 'header') {
      const words = [parts.heading, parts.label].filter(Boolean).join(' ');
      if (!/\p{L}/u.test(words)) continue;
      const last = pending[pending.length - 1];
      // Headers stacked directly over each other (ASSETS / Current assets) all head the group; one
      // whose rows were all left out heads nothing.
      if (!adjacent) pending = [];
      if (last !== undefined && adjacent && continues(last, words)) pending[pending.length - 1] = `${last} ${words}`;
      else pending.push(words);
      printed = null;
      continue;
    }
    const c = cells(loc);
    if (!c || c.every((x) => !x.text) || printsAsZero(release, loc)) continue;
    let label = parts.label;
    const emphasis = emphasisOf(loc);
    const last = pending[pending.length - 1];
    if (adjacent && last !== undefined && /\p{L}/u.test(label) && (/^total$/i.test(last) || ENDS_OPEN.test(last))) {
      // A label the source wrapped over two rows, its first row read as a header ("Total" / "Liabilities").
      label = `${last} ${label}`;
      pending.pop();
    }
    if (!/\p{L}/u.test(label)) {
      // A line without words is its group's total where the group has a header, else not for the page.
      const name = (printed ?? pending[pending.length - 1])?.replace(/[:\s]+$/, '');
      if (!name || loc.row.kind === 'per-share') continue;
      label = printed ? `Total ${name.charAt(0).toLowerCase()}${name.slice(1)}` : name;
      pending = [];
      printed = null;
    } else if (emphasis === 'item' && pending.length) {
      pending.forEach(head);
      printed = pending[pending.length - 1];
      pending = [];
    } else if (parts.heading && emphasis === 'item') {
      // The group heading the source set on this line's own row heads it here.
      head(parts.heading);
    }
    if (loc.row.kind === 'shares') label = sharesLabel(label);
    lines.push({ label: clipAtWord(label, LABEL_MAX), emphasis, cells: c });
    // A total closes its group: a header above it with no line of its own is not printed.
    if (emphasis !== 'item') { pending = []; printed = null; }
  }
  return lines;
}

function tableRows(release: Release, kinds: StatementKind[]): Map<string, Located[]> {
  const out = new Map<string, Located[]>();
  for (const loc of rowsOf(release, kinds)) {
    const id = `${loc.statement}/${loc.tableIndex}`;
    out.set(id, [...(out.get(id) ?? []), loc]);
  }
  return out;
}

/** The income statement the page is about: the one holding its key lines, else the first with figures for the page's spans. */
function incomeTable(release: Release, p: Periods, keys: KeyRows): Located[] | null {
  const tables = tableRows(release, ['income']);
  const keyed = keys.find((k) => tables.has(`${k.statement}/${k.tableIndex}`));
  if (keyed) return tables.get(`${keyed.statement}/${keyed.tableIndex}`) ?? null;
  for (const locs of tables.values()) if (locs.filter((l) => p.spans[0] !== undefined && triple(l, p, p.spans[0])).length >= 3) return locs;
  return null;
}

/** How much of the income statement the page shows: every line; the statement proper (no share counts, no memo lines after its last per-share line); or its totals with the lines that explain them. */
export type IncomeLevel = 'all' | 'body' | 'totals';

/** A total's lines are shown beside it when it has no more than this many (revenue less cost of sales, R&D and SG&A under operating expenses). */
const FEW_TERMS = 4;

/**
 * The rows of the income statement its 'totals' level shows: the subtotals, totals, per-share and key
 * lines, then what explains them — each line between the first and last key line that no total
 * stands for (SG&A and an impairment between gross profit and an operating loss), and the lines of
 * a shown total of few lines — and last the lines each total shown needs to foot (footedRows).
 */
function explainedRows(release: Release, table: Located[], keyRows: Set<string>): Set<number> {
  const { statement, tableIndex } = table[0];
  const totals = footingTotals(release, statement, tableIndex);
  const isKey = (l: Located) => keyRows.has(`${l.statement}/${l.tableIndex}/${l.rowIndex}`);
  const chosen = new Set(table.filter((l) => l.row.emphasis !== 'item' || l.row.kind === 'per-share' || totals.has(l.rowIndex) || isKey(l)).map((l) => l.rowIndex));
  const keys = table.filter(isKey).map((l) => l.rowIndex);
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const terms = footings(release, statement, tableIndex);
  const inSome = new Set([...terms.values()].flat());
  for (const l of table) {
    if (l.rowIndex <= first || l.rowIndex >= last || l.row.emphasis !== 'item' || l.row.kind !== 'amount') continue;
    if (!inSome.has(l.rowIndex)) chosen.add(l.rowIndex);
  }
  for (const [total, rows] of terms) {
    if (chosen.has(total) && rows.length <= FEW_TERMS && rows.every((r) => !totals.has(r))) rows.forEach((r) => chosen.add(r));
  }
  return footedRows(release, statement, tableIndex, chosen);
}

/** The statement proper: its rows up to its last per-share line (or last key line), share counts left to the workbook. */
function bodyRows(table: Located[], keyRows: Set<string>): Set<number> {
  const ends = table.filter((l) => l.row.kind === 'per-share' || keyRows.has(`${l.statement}/${l.tableIndex}/${l.rowIndex}`)).map((l) => l.rowIndex);
  const end = ends.length ? Math.max(...ends) : Infinity;
  return new Set(table.filter((l) => l.rowIndex <= end && l.row.kind !== 'shares').map((l) => l.rowIndex));
}

/** The twin tables of the statement's spans, as the page's rows (the year printed apart from the quarter). */
function twinRows(release: Release, table: Located[]): Map<number, Located[]> {
  const out = new Map<number, Located[]>();
  const { statement, tableIndex } = table[0];
  const all = tableRows(release, ['income']);
  for (const [i, t] of twinTables(release, statement, tableIndex)) {
    const locs = all.get(`${t.statement}/${t.table}`);
    if (locs?.length) out.set(i, locs);
  }
  return out;
}

/** The income statement for the page's spans: every line, the statement proper, or its totals with the lines that explain them. */
export function fullIncome(release: Release, p: Periods, keys: KeyRows, level: IncomeLevel = 'all'): Condensed | null {
  const table = incomeTable(release, p, keys);
  if (!table || !p.spans.length) return null;
  const keyRows = new Set(keys.map((l) => `${l.statement}/${l.tableIndex}/${l.rowIndex}`));
  // Header rows stay: "Basic" and "Diluted" need the "Weighted average shares:" above them (and a
  // header with no line under it is not printed). A total by its footing is a total whatever its typeface.
  const shown = level === 'all' ? null : level === 'body' ? bodyRows(table, keyRows) : explainedRows(release, table, keyRows);
  const locs = shown ? table.filter((l) => (l.row.emphasis === 'header' && (level === 'totals' || shown.has(l.rowIndex))) || shown.has(l.rowIndex)) : table;
  const width = p.spans.length * 3;
  const twins = twinRows(release, table);
  const lines = tableLines(release, locs, (loc) => spanCells(release, loc, p, true, twins), width);
  return lines.length ? { heads: spanHeads(release, p, true), lines } : null;
}

const TOTALS = [
  /^cash(?:,| and) cash equivalents|^cash and (?:due from )?banks?$|^cash$/i,
  /^total\s+current\s+assets$/i,
  /^total\s+assets$/i,
  /^total\s+current\s+liabilities$/i,
  /^total\s+non-?\s?current\s+liabilities$/i,
  /^total\s+liabilities$/i,
  // The owners' equity, then the total with non-controlling interests where both are printed.
  /^(?:total\s+)?(?:equity|(?:share|stock|unit)holders['’]?\s+equity)\s+attributable\s+to\s+(?!non)/i,
  /^total\s+(?:(?:share|stock|unit)holders['’]?\s+)?(?:equity|deficit)$|^total\s+equity\b(?!.*attributable)|^(?:(?:share|stock|unit)holders['’]?\s+)?equity$/i,
];

/** The balance sheet's totals: cash, current and total assets, current and total liabilities, equity. */
export function balanceTotals(release: Release, p: Periods): Condensed | null {
  for (const locs of tableRows(release, ['balance-sheet']).values()) {
    // A row that closes the liabilities-and-equity side is no total of liabilities, whatever its label.
    const picked = TOTALS.map((re) => locs.find((l) => !l.row.closes && l.row.emphasis !== 'header' && re.test(l.row.label.replace(/\s+/g, ' ').trim()) && triple(l, p, null))).filter((l): l is Located => !!l);
    if (picked.length < 2) continue;
    picked.sort((a, b) => a.rowIndex - b.rowIndex);
    const lines = tableLines(release, picked, (loc) => instantCells(release, loc, p), 3);
    return { heads: instantHeads(picked[0], p), lines };
  }
  return null;
}

/** The tables the page's statements already show: not offered again. */
function shownTables(release: Release, p: Periods, keys: KeyRows): Set<string> {
  const shown = new Set<string>();
  const income = incomeTable(release, p, keys);
  if (income?.[0]) {
    shown.add(`${income[0].statement}/${income[0].tableIndex}`);
    // The year's statement printed apart from the quarter's is on the page as the statement's year columns.
    for (const t of twinTables(release, income[0].statement, income[0].tableIndex).values()) shown.add(`${t.statement}/${t.table}`);
  }
  for (const kind of ['balance-sheet', 'cash-flow'] as const) {
    const first = [...tableRows(release, [kind]).entries()].find(([, locs]) => locs.some((l) => (kind === 'cash-flow' ? p.spans.some((sp) => !!triple(l, p, sp)) : !!triple(l, p, null))));
    if (first) shown.add(first[0]);
  }
  return shown;
}

/** A table with two columns for the same period (amounts beside their parts, several segments) is not read as one comparison. */
function ambiguous(locs: Located[]): boolean {
  const keys = (locs[0]?.table.columns ?? []).filter((c) => c.period && !c.convenience).map((c) => `${c.period?.label}|${c.currency ?? ''}|${c.kind ?? ''}`);
  return new Set(keys).size < keys.length;
}

/**
 * A table whose current and prior amounts differ by orders of magnitude on most lines has columns
 * read at different scales; printed side by side they would mislead, so it is not offered.
 */
function scalesDisagree(locs: Located[], p: Periods, span: number | null): boolean {
  const logs: number[] = [];
  for (const l of locs) {
    const t = triple(l, p, span);
    if (t?.now?.kind !== 'amount' || !t.now.value || !t.prior?.value || t.now.value.isZero() || t.prior.value.isZero()) continue;
    logs.push(Math.abs(Math.log10(units(t.now).abs().div(units(t.prior).abs()).toNumber())));
  }
  logs.sort((a, b) => a - b);
  return logs.length > 0 && logs[Math.floor(logs.length / 2)] > 1.5;
}

/** How a further table shows the page's periods: by span (flows), or at the balance-sheet date. */
function extraMode(locs: Located[], p: Periods): 'spans' | 'instant' | null {
  if (ambiguous(locs) || scalesDisagree(locs, p, p.spans[0] ?? null) || scalesDisagree(locs, p, null)) return null;
  const count = (f: (l: Located) => boolean) => locs.filter(f).length;
  if (p.spans.length && count((l) => p.spans.some((s) => !!triple(l, p, s))) >= 3) return 'spans';
  if (count((l) => !!triple(l, p, null)) >= 3) return 'instant';
  return null;
}

/** Further tables in the order they are offered: summaries and segments, then reconciliations, then the rest. */
function extraTables(release: Release, p: Periods, keys: KeyRows): { id: string; locs: Located[]; mode: 'spans' | 'instant' }[] {
  const shown = shownTables(release, p, keys);
  const rank: Record<StatementKind, number> = { other: 0, 'non-gaap': 1, income: 2, 'balance-sheet': 3, 'cash-flow': 4, 'comprehensive-income': 5 };
  const out: { id: string; locs: Located[]; mode: 'spans' | 'instant'; rank: number; order: number }[] = [];
  let order = 0;
  for (const [id, locs] of tableRows(release, ['other', 'non-gaap', 'income', 'balance-sheet', 'cash-flow', 'comprehensive-income'])) {
    if (shown.has(id) || !locs[0]) continue;
    const mode = extraMode(locs, p);
    // A table the reader found no title for ("Table 9") comes after the titled ones of its kind.
    const untitled = /^table \d+$/i.test(release.statements.find((st) => st.id === locs[0].statement)?.title.trim() ?? '') ? 0.5 : 0;
    if (mode) out.push({ id, locs, mode, rank: rank[locs[0].kind] + untitled, order: order++ });
  }
  return out.sort((a, b) => a.rank - b.rank || a.order - b.order);
}

function extraLines(release: Release, p: Periods, t: { locs: Located[]; mode: 'spans' | 'instant' }, narrow: boolean): Condensed {
  if (t.mode === 'instant') {
    const first = t.locs.find((l) => triple(l, p, null)) as Located;
    return { heads: instantHeads(first, p), lines: tableLines(release, t.locs, (loc) => instantCells(release, loc, p), 3) };
  }
  // In a column the change columns give way to the figures.
  const withChange = !narrow || p.spans.length === 1;
  return { heads: spanHeads(release, p, withChange), lines: tableLines(release, t.locs, (loc) => spanCells(release, loc, p, withChange), p.spans.length * (withChange ? 3 : 2)) };
}

/** A title that names nothing ("Table 9", as the reader numbers an untitled table) or is a fragment of a sentence ('Measures" section of this news release'). */
function namesNothing(title: string): boolean {
  const t = title.trim();
  return !t || /^table\s+\d+$/i.test(t) || /^[^\p{L}(]|^\p{Ll}/u.test(t) || (t.match(/["“”]/g) ?? []).length % 2 === 1;
}

/** Prose that is no title: the units line, "(Unaudited)", a figure's footnote, a long sentence that introduces nothing. */
const NOT_A_TITLE = /^\(?(?:unaudited|audited|in\s+(?:thousands|millions|billions)|amounts\s+in|\$\s*in|dollars\s+in|stated\s+in)\b|^\(?\d+\)|^\*/i;

/**
 * A further table's title: its own caption, else its statement's title, else — where these name
 * nothing — the heading or the sentence introducing it just above the table in the release ("Gross
 * and net earned premiums"; "The following table presents changes to …" → "Changes to …"), in the
 * release's words; else what its first line is ("Balance, beginning of period …").
 */
function tableTitle(release: Release, loc: Located): string {
  const caption = loc.table.caption.trim();
  const named = caption || (release.statements.find((s) => s.id === loc.statement)?.title ?? '');
  if (!namesNothing(named)) return titleText(release, named);
  const line = loc.table.place.line;
  // The lines of the prose just above the table, nearest first; a list's items each a line.
  const lines = (release.prose ?? []).filter((p) => p.place.line < line && p.place.line >= line - 12).sort((a, b) => b.place.line - a.place.line)
    .flatMap((p) => p.text.split('\n').reverse()).map((t) => t.replace(/\s+/g, ' ').replace(/^[*_\-\s]+|[*_\s]+$/g, '').trim())
    .filter((t) => t && !NOT_A_TITLE.test(t) && !ownName(release, t));
  const heading = lines.find((t) => t.length <= 90 && !/[.;:]$/.test(t) && !namesNothing(titleText(release, t)));
  const intro = lines.find((t) => introducesTable(t));
  if (heading ?? intro) return titleText(release, (heading ?? intro) as string);
  const first = loc.table.rows.find((r) => r.emphasis !== 'header' && /\p{L}/u.test(r.label));
  return first ? `${labelText(release, first.label)} \u2026` : named;
}

/** A line that is the company's name ("KELLY SERVICES, INC. AND SUBSIDIARIES"), not a table's. */
function ownName(release: Release, text: string): boolean {
  const first = release.meta.company?.toLowerCase().split(/[\s,]+/)[0];
  return !!first && text.toLowerCase().startsWith(first);
}

/** The steps the page may grow by, best first, each further table with all its lines. */
export function growSteps(release: Release, p: Periods, keys: KeyRows): GrowStep[] {
  const steps: GrowStep[] = [];
  // Each level offered where it shows fewer lines than the one before it.
  const levels: IncomeLevel[] = [];
  let prev = Infinity;
  for (const level of ['all', 'body', 'totals'] as const) {
    const n = fullIncome(release, p, keys, level)?.lines.length ?? 0;
    if (n && n < prev) { levels.push(level); prev = n; }
  }
  if (levels.length) steps.push({ kind: 'income', levels });
  if (balanceTotals(release, p)) steps.push({ kind: 'balance' });
  for (const t of extraTables(release, p, keys)) {
    const rows = extraLines(release, p, t, false).lines.length;
    if (rows >= 2) steps.push({ kind: 'table', id: t.id, rows, narrow: t.mode === 'instant' || p.spans.length <= 2 });
  }
  return steps;
}

/** The further tables the growth asks for, cut to their line counts, by where they sit. */
export function extras(release: Release, p: Periods, keys: KeyRows, growth: Growth): Record<Place, Extra[]> {
  const out: Record<Place, Extra[]> = { left: [], right: [], wide: [] };
  if (!growth.tables?.length) return out;
  const all = new Map(extraTables(release, p, keys).map((t) => [t.id, t]));
  for (const want of growth.tables) {
    const t = all.get(want.id);
    if (!t) continue;
    const narrow = want.place !== 'wide';
    const table = extraLines(release, p, t, narrow);
    const title = tableTitle(release, t.locs[0]);
    // In a column a label has half the room: shortened sooner, at a word.
    const lines = table.lines.slice(0, want.rows).map((l) => (narrow ? { ...l, label: clipAtWord(l.label, SIDE_LABEL) } : l));
    // A header line never ends a cut table.
    while (lines.length && lines[lines.length - 1].emphasis === 'header') lines.pop();
    out[want.place].push({ title, table: { heads: table.heads, lines }, more: table.lines.length - lines.length });
  }
  // In reading order (the left column, the right, then across the page), a title already read is
  // the same statement going on.
  const seen = new Set<string>();
  for (const e of [...out.left, ...out.right, ...out.wide]) {
    const named = e.title;
    e.title = seen.has(named) ? `${clipAtWord(named, 58)} (continued)` : clipAtWord(named, 70);
    seen.add(named);
  }
  return out;
}

/**
 * The table without the column groups (one per span: prior, now, change) in which no line has a
 * current figure — a span the statement does not report is not printed as an empty group — and
 * without any single column left blank on every line (no prior date to compare with, say).
 */
export function withoutEmptyGroups(c: Condensed | null, groups: number): Condensed | null {
  if (!c || groups < 1 || c.heads.length % groups !== 0) return c;
  const size = c.heads.length / groups;
  const lines = c.lines.filter((l) => l.emphasis !== 'header');
  const keep = c.heads.map((_, i) => {
    const g = Math.floor(i / size);
    const group = lines.some((l) => l.cells.slice(g * size, (g + 1) * size).some((x) => x.text && /\bnow\b/.test(x.cls)));
    return group && lines.some((l) => l.cells[i]?.text);
  });
  if (keep.every(Boolean)) return c;
  if (!keep.some(Boolean)) return null;
  const pick = <T>(xs: T[]) => xs.filter((_, i) => keep[i]);
  return { heads: pick(c.heads), lines: c.lines.map((l) => ({ ...l, cells: pick(l.cells) })) };
}
