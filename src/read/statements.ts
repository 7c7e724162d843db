import type { Column, Diagnostic, Emphasis, Figure, Row, Statement, StatementKind, Table, ValueKind } from '../model/types';
import { classifyByLabels, classifyTitle, isDigestTitle, kindFromFigures, kindFromLabel } from './classify';
import { cleanCellText, parseFigure } from './number';
import { parsePeriod, periodLabel, samePeriod } from './period';
import type { ProseBlock, RawBlock, RawCell, RawRow, TableBlock } from './raw';
import { shareCountsBetween } from './share-rows';
import { foldSubColumns } from './sub-columns';
import { nameUnlabelledTotals } from './totals';
import { remembered } from './recent';
import { currenciesIn, isUnitsCaption, parseUnits, scaleIn } from './units';

// Raw tables → statements. Every tokenizer hands over rows whose first cell is the label and whose
// other cells are the values; what a header is, which period and unit a column has, which rows
// are totals, and which tables belong to one statement is decided here, once, for every format.

const YEAR = /^(?:fiscal\s+|fy\s*)?(19|20)\d{2}\s*\*?$/i;
const CURRENCY_ONLY = /^(RMB|USD|US\$|\$|NT\$|C\$|EUR|€|CAD|TWD|HKD|HK\$|GBP|£|¥)$/i;
const TITLE_MAX = 200;
// A row's kind by its label, read for every row: labels repeat from table to table.
const labelKind = remembered(kindFromLabel);
// A title's kind, asked of every line above every table.
const kindOfTitle = remembered(classifyTitle);

interface Context {
  title: string | null;
  units: string;
  /** Non-title, non-units prose lines seen since the previous table. */
  otherLines: number;
}

function isFigureText(text: string): boolean {
  return parseFigure(text) !== null && !YEAR.test(text.trim());
}

function valueCells(row: RawRow): RawCell[] {
  return row.cells.slice(1);
}

function hasValues(row: RawRow): boolean {
  // Asked of every row several times over: no copy of its cells.
  for (let i = 1; i < row.cells.length; i++) if (row.cells[i].text !== '') return true;
  return false;
}

/** A column-header row: no label (or a units/period label) and only non-figure texts or years above the values. */
function isHeaderRow(row: RawRow): boolean {
  const values = valueCells(row).filter((c) => c.text !== '');
  if (values.length === 0) return false;
  // Figures rule a data row out at once, before its label is read for a period.
  if (!values.every((c) => !isFigureText(c.text) || CURRENCY_ONLY.test(c.text))) return false;
  const label = row.cells[0]?.text ?? '';
  return label === '' || isUnitsCaption(label) || parsePeriod(label, false) !== null || /^\(?unaudited\)?$/i.test(label);
}

function headerHasPeriod(rows: RawRow[]): boolean {
  return rows.some((r) => valueCells(r).some((c) => parsePeriod(c.text, false) !== null || YEAR.test(c.text)));
}

/** Splits a raw table where a new column header starts after figures ("Nine months ended" below the three-month rows). */
function splitSegments(rows: RawRow[]): { header: RawRow[]; body: RawRow[]; lead: RawRow[] }[] {
  const segments: { header: RawRow[]; body: RawRow[]; lead: RawRow[] }[] = [];
  let seg = { header: [] as RawRow[], body: [] as RawRow[], lead: [] as RawRow[] };
  // Each row is judged once: whether it is a header, and whether a header follows it.
  const header = rows.map(isHeaderRow);
  const headerAfter: boolean[] = Array(rows.length).fill(false);
  for (let i = rows.length - 2; i >= 0; i--) headerAfter[i] = header[i + 1] || headerAfter[i + 1];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (header[i]) {
      if (seg.body.some(hasValues)) {
        // Gather the run of header rows and split only if they state periods.
        let j = i;
        while (j < rows.length && header[j]) j++;
        const run = rows.slice(i, j);
        if (headerHasPeriod(run)) {
          segments.push(seg);
          seg = { header: run, body: [], lead: [] };
          i = j - 1;
          continue;
        }
        seg.body.push(row);
        continue;
      }
      seg.header.push(row);
      continue;
    }
    // Label-only rows before the column header are the table's own title and units rows.
    if (seg.header.length === 0 && seg.body.length === 0 && !hasValues(row) && headerAfter[i]) {
      seg.lead.push(row);
      continue;
    }
    seg.body.push(row);
  }
  segments.push(seg);
  return segments.filter((s) => s.body.some(hasValues));
}

/** A label alone on its line with its figures on the next line is one row. */
function mergeSplitLabels(body: RawRow[]): RawRow[] {
  const out: RawRow[] = [];
  for (let i = 0; i < body.length; i++) {
    const row = body[i];
    const next = body[i + 1];
    if (next && !hasValues(row) && row.cells[0].text !== '' && next.cells[0].text === '' && hasValues(next)) {
      const cells = [{ ...row.cells[0], bold: row.cells[0].bold }, ...next.cells.slice(1)];
      out.push({ cells, place: next.place, indent: row.indent });
      i++;
      continue;
    }
    out.push(row);
  }
  return out;
}

/** Header text of one value column, taking a spanning header cell from the left where the row is blank. */
function columnHeader(header: RawRow[], col: number): string[] {
  const lines: string[] = [];
  for (const row of header) {
    let text = row.cells[col]?.text ?? '';
    if (text === '') {
      for (let k = col - 1; k >= 1; k--) {
        const left = row.cells[k]?.text ?? '';
        if (left !== '') {
          // Only a phrase spans (a period or a caption), never a year or a currency over one column.
          if (!YEAR.test(left) && !CURRENCY_ONLY.test(left)) text = left;
          break;
        }
      }
    }
    if (text !== '') lines.push(text);
  }
  return lines;
}

/** A heading row that goes on from the one above it: it starts in lower case, or the one above ends open ("Earnings per"). */
function continuesHeading(above: string, next: string): boolean {
  return /^[a-z(]/.test(next) || /\b(?:and|of|the|per|on|in|to|for|or|from|at|by|with)$|[,&(-]$/i.test(above);
}

/** `own` is kindFromLabel(label), read once per row by the caller. */
function rowKind(label: string, own: ValueKind | null, context: ValueKind | null): ValueKind {
  // A row that names its money ("Revenues (in '000s of US$)") counts no days under a heading of days.
  if (context === 'number' && (currenciesIn(label).length > 0 || scaleIn(label) !== null)) context = null;
  return own ?? context ?? 'amount';
}

/** A label without its parenthesised units and footnote markers, to compare labels of one family. */
function stemOf(label: string): string {
  return label.replace(/\([^)]*\)/g, ' ').replace(/(?:\s+\d{1,2})+\s*$/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Rows whose label states a count's unit ("New leasing (square feet)"), by the label's stem. */
function noteCounted(counted: Map<string, ValueKind>, label: string, own: ValueKind | null): void {
  const kind = /\([^)]*\)/.test(label) ? own : null;
  if ((kind === 'number' || kind === 'shares') && stemOf(label).length >= 4) counted.set(stemOf(label), kind);
}

/**
 * A row named as a part of a counted row ("New leasing – anchor / junior anchor" under "New leasing
 * (square feet)") counts the same thing, though its label repeats no unit; a row naming money does not.
 */
function familyKind(counted: Map<string, ValueKind>, label: string, own: ValueKind | null): ValueKind | null {
  // No counted row yet (most tables): nothing to be a part of, and the label need not be read.
  if (counted.size === 0 || own !== null || currenciesIn(label).length > 0 || scaleIn(label) !== null) return null;
  const l = label.toLowerCase();
  for (const [stem, kind] of counted) if (l.startsWith(stem) && /^\s*[\u2013\u2014:,-]\s/.test(l.slice(stem.length))) return kind;
  return null;
}

function isBoldRow(row: RawRow, boldColumns: Set<number>): boolean {
  return row.cells.some((c, i) => c.bold && c.text !== '' && !boldColumns.has(i));
}

function emphasisOf(row: RawRow, values: boolean, boldColumns: Set<number>, boldTable: boolean): Emphasis {
  if (!values) return 'header';
  const label = row.cells[0].text;
  const bold = !boldTable && isBoldRow(row, boldColumns);
  if (/^total\b/i.test(label) || (bold && label === label.toUpperCase() && /[A-Z]/.test(label))) return 'total';
  if (bold) return 'subtotal';
  return 'item';
}

/**
 * Value columns set in bold on nearly every row (a release that prints its current period in bold):
 * there bold is the column's typeface, not a row's claim to be a total.
 */
function boldColumnsOf(body: RawRow[]): Set<number> {
  const out = new Set<number>();
  const width = Math.max(0, ...body.map((r) => r.cells.length));
  for (let c = 1; c < width; c++) {
    const filled = body.filter((r) => (r.cells[c]?.text ?? '') !== '');
    const bold = filled.filter((r) => r.cells[c].bold).length;
    if (filled.length >= 4 && bold >= filled.length * 0.8 && body.some((r) => (r.cells[c]?.text ?? '') !== '' && !r.cells[0].bold)) out.add(c);
  }
  return out;
}

function buildTable(
  seg: { header: RawRow[]; body: RawRow[] },
  kind: StatementKind,
  units: string,
  docCurrency: string | null,
  diagnostics: Diagnostic[],
): Table {
  const width = Math.max(...seg.header.concat(seg.body).map((r) => r.cells.length));
  const body = foldSubColumns(mergeSplitLabels(seg.body), (c) => parsePeriod(columnHeader(seg.header, c).join(' '), kind === 'balance-sheet') !== null, isFigureText);
  // A units caption in a column's heading cell (a merged heading repeated, or misplaced, over the
  // columns) states the table's units unless a column states its own.
  const headingCaptions = seg.header.flatMap((r) => r.cells.slice(1).map((c) => c.text).filter(isUnitsCaption));
  const unitTexts = [units, ...seg.header.map((r) => r.cells[0].text), ...headingCaptions].join(' ');
  const parsedUnits = parseUnits(unitTexts);
  // Keep the columns that hold figures somewhere; spacer and empty columns go.
  const kept: number[] = [];
  for (let c = 1; c < width; c++) if (body.some((r) => (r.cells[c]?.text ?? '') !== '')) kept.push(c);

  const columns: Column[] = kept.map((c, index) => {
    const header = columnHeader(seg.header, c);
    const text = header.join(' ');
    const period = parsePeriod(text, kind === 'balance-sheet');
    // Failing any caption, the marks printed on the column's figures ("$1,250") name its currency.
    const marked = body.map((r) => r.cells[c]?.text ?? '').find((t) => /^\(?\s*(US\$|NT\$|C\$|HK\$|A\$|RMB|€|£|\$)/i.test(t));
    const currency = currenciesIn(text)[0] ?? parsedUnits.currencies[0] ?? docCurrency ?? (marked ? currenciesIn(marked)[0] ?? null : null);
    const ownCaption = header.filter(isUnitsCaption).join(' ');
    const own = ownCaption ? parseUnits(ownCaption) : null;
    const amountScale = own?.amountScale ?? parsedUnits.amountScale ?? scaleIn(text) ?? 0;
    const percentColumn = /%|percent/i.test(text) && !period?.end;
    return {
      index,
      header,
      period,
      currency,
      amountScale,
      shareScale: (own?.amountScale != null ? own.shareScale : parsedUnits.shareScale) ?? amountScale,
      kind: percentColumn ? 'percent' : null,
      convenience: false,
    };
  });
  const reporting = columns.find((c) => c.currency)?.currency ?? null;
  for (const col of columns) {
    col.convenience = !!col.currency && col.currency !== reporting &&
      columns.some((o) => o.currency === reporting && samePeriod(o.period, col.period));
  }

  const indents = [...new Set(body.map((r) => r.indent))].sort((a, b) => a - b);
  const useIndent = indents.length > 1;
  // Columns each headed "Per Share" (over their periods) make every row a per-share figure unless its label says otherwise.
  // ("… except per share data" in a caption says the opposite).
  let context: ValueKind | null = columns.length && columns.every((c) => /\bper (?:share|unit|ads)\s*$/i.test(c.header.join(' ')) && !/\bexcept\b/i.test(c.header.join(' '))) ? 'per-share' : null;
  const counted = new Map<string, ValueKind>();
  let underHeader = false;
  let heading = '';
  const rows: Row[] = [];
  const boldColumns = boldColumnsOf(body);
  // Nearly every row in bold is the table's typeface: bold then marks no row as a total.
  const valueRows = body.filter(hasValues);
  const boldTable = valueRows.length >= 3 && valueRows.filter((r) => isBoldRow(r, boldColumns)).length >= valueRows.length * 0.8;
  for (const raw of body) {
    const label = cleanCellText(raw.cells[0].text);
    const values = hasValues(raw);
    if (!values && label === '') continue;
    let emphasis = emphasisOf(raw, values, boldColumns, boldTable);
    const own = labelKind(label);
    if (!values) {
      // A heading the source wrapped over several rows ("Earnings per" / "share") is read whole.
      heading = heading && continuesHeading(heading, label) ? `${heading} ${label}` : label;
      context = heading === label ? own : kindFromLabel(heading);
      underHeader = true;
    } else heading = '';
    // Each cell's figure read once, for the row's kind and then for its own.
    const figures = kept.map((c) => (raw.cells[c]?.text ? parseFigure(raw.cells[c].text) : null));
    const printed = kept.flatMap((c, i) => { const f = figures[i]; return f ? [{ value: f.value, percent: f.percent, text: raw.cells[c].text }] : []; });
    const kindOfRow = values ? kindFromFigures(rowKind(label, own, context ?? familyKind(counted, label, own)), label, printed) : (own ?? 'amount');
    if (values) noteCounted(counted, label, own);
    const cells: (Figure | null)[] = kept.map((c, i) => {
      const cell = raw.cells[c];
      if (!cell || cell.text === '') return null;
      const col = columns[i];
      const parsed = figures[i];
      if (!parsed) {
        diagnostics.push({ level: 'info', message: `not a figure, kept as text: ${JSON.stringify(cell.text)}`, place: cell.place });
        return { value: null, text: cell.text, kind: kindOfRow, scale: 0, currency: null, decimals: 0, place: cell.place };
      }
      const kind: ValueKind = parsed.percent || col.kind === 'percent' ? 'percent' : kindOfRow;
      const scale = kind === 'amount' ? col.amountScale : kind === 'shares' ? col.shareScale : kind === 'percent' ? -2 : 0;
      const currency = kind === 'amount' || kind === 'per-share' ? col.currency : null;
      return { value: parsed.value, text: cell.text, kind, scale, currency, decimals: parsed.decimals, place: cell.place };
    });
    const printedKinds = new Set(cells.filter((f): f is Figure => !!f && f.value !== null).map((f) => f.kind));
    const kindFinal: ValueKind = printedKinds.size === 1 ? [...printedKinds][0] : kindOfRow;
    // A rule over an amount row's figures closes a sum; over a per-share or share row it only separates lines.
    if (raw.ruled && emphasis === 'item' && kindFinal === 'amount') emphasis = 'subtotal';
    let depth: number;
    if (useIndent) depth = indents.indexOf(raw.indent);
    else depth = emphasis === 'header' || emphasis === 'total' ? 0 : underHeader ? 1 : 0;
    // A total closes its caption's section: "Equipment, net" after "Total current assets" is not a current asset.
    if (emphasis === 'total') underHeader = false;
    // A count's section ends at its sum ("Less off-hire days:" … "Operating days"): rows after it count no days.
    if (context === 'number' && values && emphasis !== 'item') context = null;
    rows.push({ label, depth, emphasis, kind: kindFinal, cells, place: raw.place });
  }
  shareCountsBetween(rows, columns);
  nameUnlabelledTotals(rows);
  return { caption: '', columns, rows, place: seg.header[0]?.place ?? body[0].place };
}

function contextFrom(prose: ProseBlock[], lead: RawRow[]): Context {
  const lines: { text: string; strong: boolean }[] = [];
  for (const p of prose.slice(-6)) {
    p.text.split('\n').forEach((t, i) => lines.push({ text: cleanCellText(t), strong: (p.bold && i === 0) || p.heading > 0 }));
  }
  for (const r of lead) lines.push({ text: r.cells[0].text, strong: r.cells[0].bold });
  const unitsAt = lines.findIndex((l) => isUnitsCaption(l.text));
  const units: string[] = [];
  if (unitsAt >= 0) {
    for (let i = unitsAt; i < lines.length && units.length < 4; i++) {
      units.push(lines[i].text);
      const open = units.join(' ').split('(').length - units.join(' ').split(')').length;
      if (open <= 0) break;
    }
  }
  const before = unitsAt >= 0 ? lines.slice(0, unitsAt) : lines;
  let title: string | null = null;
  for (let i = before.length - 1; i >= 0; i--) {
    const l = before[i];
    if (l.text === '' || l.text.length > TITLE_MAX || /^\(?unaudited\)?$/i.test(l.text) || isNote(l.text)) continue;
    if (l.strong || kindOfTitle(l.text) !== 'other') {
      // A title wrapped over two heading lines ("... STATEMENTS OF COMPREHENSIVE" / "LOSS") is read whole.
      const prev = before[i - 1];
      const wrapped = prev?.strong && l.text.length <= 80 && !/[.;]\s/.test(prev.text) && kindOfTitle(l.text) === 'other';
      const whole = wrapped ? `${prev.text} ${l.text}` : null;
      title = (whole && kindOfTitle(whole) !== 'other' ? whole : l.text).replace(/[:.]\s*$/, '');
      break;
    }
  }
  const otherLines = lines.filter((l) => l.text !== '' && !isUnitsCaption(l.text) && !/^\(?unaudited\)?$/i.test(l.text)).length;
  return { title, units: units.join(' '), otherLines };
}

/**
 * A footnote ("* We define working capital as … reported in our Statements of Financial Position"):
 * it may name a statement, but it titles none.
 */
function isNote(text: string): boolean {
  return /^(\*+|\(\d{1,2}\)|\d{1,2}\))\s+\S+\s+\S+/.test(text);
}

/** The next id of a kind: `income`, `income-2`, … (counted, not searched: a release may hold thousands). */
function slug(kind: StatementKind, counts: Map<StatementKind, number>): string {
  const n = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, n);
  return n === 1 ? kind : `${kind}-${n}`;
}

/** Builds statements from a tokenized document, in the order the release prints them. */
export function buildStatements(blocks: RawBlock[], docCurrency: string | null, diagnostics: Diagnostic[]): Statement[] {
  const statements: Statement[] = [];
  const ids = new Map<StatementKind, number>();
  let prose: ProseBlock[] = [];
  let current: Statement | null = null;
  for (const block of blocks) {
    if (block.type === 'prose') { prose.push(block); continue; }
    const segments = splitSegments((block as TableBlock).rows);
    if (segments.length === 0) { prose = []; continue; }
    const ctx = contextFrom(prose, segments[0].lead);
    prose = [];
    const continues = current !== null && ctx.title === null && ctx.otherLines === 0;
    if (!continues) {
      const labels = segments.flatMap((s) => s.body.map((r) => r.cells[0].text));
      const titleKind = ctx.title ? kindOfTitle(ctx.title) : 'other';
      let kind = titleKind !== 'other' || (ctx.title && isDigestTitle(ctx.title)) ? titleKind : classifyByLabels(labels);
      // A "statement of comprehensive loss" that carries revenue down to net income is the income statement.
      if (kind === 'comprehensive-income' && classifyByLabels(labels) === 'income') kind = 'income';
      current = {
        id: slug(kind, ids),
        title: ctx.title ?? `Table ${block.place.table ?? statements.length + 1}`,
        kind,
        units: ctx.units,
        tables: [],
        place: block.place,
      };
      statements.push(current);
    } else if (ctx.units && current) current.units ||= ctx.units;
    const st = current as Statement;
    for (const seg of segments) st.tables.push(buildTable(seg, st.kind, st.units || ctx.units, docCurrency, diagnostics));
  }
  return statements.filter((s) => s.tables.some((t) => t.rows.some((r) => r.cells.some((c) => c?.value))));
}

const FLOWS: StatementKind[] = ['income', 'comprehensive-income', 'cash-flow'];

/**
 * A statement of flows covers a span, never an instant: a column headed by a date alone ("For the
 * period ended September 30, 2024") covers the longest span the release's other flow statements
 * report to that date (the nine months a third-quarter release's cash flows run from the year's
 * start) or, with none, the year when the release reports a full year ending on that day of the year.
 */
export function spanDatedFlows(statements: Statement[], fullYearEnd: string | null): void {
  const longest = new Map<string, number>();
  for (const s of statements) {
    if (!FLOWS.includes(s.kind)) continue;
    for (const t of s.tables) for (const c of t.columns) {
      const p = c.period;
      if (p?.end && p.months) longest.set(p.end, Math.max(longest.get(p.end) ?? 0, p.months));
    }
  }
  for (const s of statements) {
    if (!FLOWS.includes(s.kind)) continue;
    for (const t of s.tables) for (const c of t.columns) {
      const p = c.period;
      const year = fullYearEnd && p?.end && p.end.slice(4) === fullYearEnd.slice(4) && p.end <= fullYearEnd ? 12 : undefined;
      const months = p?.end && p.instant ? longest.get(p.end) ?? year : undefined;
      if (!p || !months) continue;
      c.period = { ...p, months, instant: false, label: periodLabel({ ...p, months, instant: false }) };
    }
  }
}
