import type { Column, Diagnostic, Emphasis, Figure, Period, Row, Statement, StatementKind, Table, ValueKind } from '../model/types';
import { classifyByLabels, classifyTitle, isDigestTitle, kindFromFigures, kindFromLabel, revisedByFigures, type PrintedFigure } from './classify';
import { cleanCellText, isFigure, parseFigure, type ParsedNumber } from './number';
import { parsePeriod, periodLabel, samePeriod } from './period';
import type { ProseBlock, RawBlock, RawCell, RawRow, TableBlock } from './raw';
import { shareCountsBetween } from './share-rows';
import { filledColumn, foldSubColumns, widest } from './sub-columns';
import { isDashLed, isLoneModifier, qualifiedModifier, underHeading, withoutFootnoteMarks } from './labels';
import { nameUnlabelledTotals } from './totals';
import { remembered } from './recent';
import { currenciesIn, isUnitsCaption, parseUnits, scaleIn } from './units';

// Raw tables → statements. Every tokenizer hands over rows whose first cell is the label and whose
// other cells are the values; what a header is, which period and unit a column has, which rows
// are totals, and which tables belong to one statement is decided here, once, for every format.

const YEAR = /^(?:fiscal\s+|fy\s*)?(19|20)\d{2}\s*\*?$/i;
const CURRENCY_ONLY = /^(RMB|USD|US\$|\$|NT\$|C\$|EUR|€|CAD|TWD|HKD|HK\$|GBP|£|¥)$/i;
const TITLE_MAX = 200;
const UNAUDITED = /^\(?unaudited\)?$/i;
// Compiled once: every row's label and every column's figures are asked (a literal in a function is a new object each call).
const TOTAL_LABEL = /^total\b/i;
const CAPITAL = /[A-Z]/;
const PARENTHESES = /\([^)]*\)/;
const MARKED_FIGURE = /^\(?\s*(US\$|NT\$|C\$|HK\$|A\$|RMB|€|£|\$)/i;
const PERCENT_HEAD = /%|percent/i;
const PER_SHARE_HEAD = /\bper (?:share|unit|ads)\s*$/i;
const EXCEPT = /\bexcept\b/i;
const SENTENCE_STOP = /[.;]\s/;
const TITLE_STOP = /[:.]\s*$/;
// A row's kind by its label, read for every row: labels repeat from table to table.
const labelKind = remembered(kindFromLabel);

interface Context {
  title: string | null;
  units: string;
  /** Non-title, non-units prose lines seen since the previous table. */
  otherLines: number;
}

function isFigureText(text: string): boolean {
  return isFigure(text) && !YEAR.test(text.trim());
}

function hasValues(row: RawRow): boolean {
  // Asked of every row several times over: no copy of its cells.
  for (let i = 1; i < row.cells.length; i++) if (row.cells[i].text !== '') return true;
  return false;
}

/** A column-header row: no label (or a units/period label) and only non-figure texts or years above the values. */
function isHeaderRow(row: RawRow): boolean {
  // Asked of every row: one pass over its value cells, no copy of them.
  let texts = false;
  for (let i = 1; i < row.cells.length; i++) {
    const text = row.cells[i].text;
    if (text === '') continue;
    // Figures rule a data row out at once, before its label is read for a period.
    if (isFigureText(text) && !CURRENCY_ONLY.test(text)) return false;
    texts = true;
  }
  if (!texts) return false;
  const label = row.cells[0]?.text ?? '';
  return label === '' || isUnitsCaption(label) || parsePeriod(label, false) !== null || UNAUDITED.test(label);
}

function headerHasPeriod(rows: RawRow[]): boolean {
  return rows.some((r) => r.cells.some((c, i) => i > 0 && (parsePeriod(c.text, false) !== null || YEAR.test(c.text))));
}

/** Splits a raw table where a new column header starts after figures ("Nine months ended" below the three-month rows). */
function splitSegments(rows: RawRow[]): { header: RawRow[]; body: RawRow[]; lead: RawRow[] }[] {
  // Each row is judged once: whether it is a header, and whether a header follows it.
  const header = rows.map(isHeaderRow);
  // A header row follows row i when i is before the last of them.
  const lastHeader = header.lastIndexOf(true);
  // No header row below the first other row (most tables): one segment, its header and body sliced
  // from the rows as the loop below would gather them.
  const firstOther = header.indexOf(false);
  if (firstOther < 0) return [];
  if (lastHeader < firstOther) {
    const one = { header: rows.slice(0, firstOther), body: rows.slice(firstOther), lead: [] };
    return one.body.some(hasValues) ? [one] : [];
  }
  const segments: { header: RawRow[]; body: RawRow[]; lead: RawRow[] }[] = [];
  let seg = { header: [] as RawRow[], body: [] as RawRow[], lead: [] as RawRow[] };
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
    if (seg.header.length === 0 && seg.body.length === 0 && !hasValues(row) && i < lastHeader) {
      seg.lead.push(row);
      continue;
    }
    seg.body.push(row);
  }
  // Most tables are one segment: a list of exactly it, not one grown by push and filtered.
  if (segments.length === 0) return seg.body.some(hasValues) ? [seg] : [];
  segments.push(seg);
  return segments.filter((s) => s.body.some(hasValues));
}

/** A label alone on its line with its figures on the next line is one row. */
function mergeSplitLabels(body: RawRow[]): RawRow[] {
  // Copied from the first split label on; a table without one (most) is returned as it is.
  let out: RawRow[] | null = null;
  for (let i = 0; i < body.length; i++) {
    const row = body[i];
    const next = body[i + 1];
    if (next && !hasValues(row) && row.cells[0].text !== '' && next.cells[0].text === '' && hasValues(next)) {
      const cells = [{ ...row.cells[0], bold: row.cells[0].bold }, ...next.cells.slice(1)];
      out ??= body.slice(0, i);
      out.push({ cells, place: next.place, indent: row.indent });
      i++;
      continue;
    }
    out?.push(row);
  }
  return out ?? body;
}

/** Header text of one value column, taking a spanning header cell from the left where the row is blank. */
function columnHeader(header: RawRow[], col: number): string[] {
  // Kept as the column's header: sized to the rows and cut to the lines found (push would grow it past them).
  const lines: string[] = new Array(header.length);
  let n = 0;
  for (let r = 0; r < header.length; r++) {
    const row = header[r];
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
    if (text !== '') lines[n++] = text;
  }
  lines.length = n;
  return lines;
}

/** A heading row that goes on from the one above it: it starts in lower case, or the one above ends open ("Earnings per"). */
function continuesHeading(above: string, next: string): boolean {
  return /^[a-z(]/.test(next) || isLoneModifier(above) || /\b(?:and|of|the|per|on|in|to|for|or|from|at|by|with)$|[,&(-]$/i.test(above);
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

/** Rows whose label states a count's unit ("New leasing (square feet)"), by the label's stem (the map made at the first). */
function noteCounted(counted: Map<string, ValueKind> | null, label: string, own: ValueKind | null): Map<string, ValueKind> | null {
  const kind = PARENTHESES.test(label) ? own : null;
  if ((kind === 'number' || kind === 'shares') && stemOf(label).length >= 4) (counted ??= new Map()).set(stemOf(label), kind);
  return counted;
}

/**
 * A row named as a part of a counted row ("New leasing – anchor / junior anchor" under "New leasing
 * (square feet)") counts the same thing, though its label repeats no unit; a row naming money does not.
 */
function familyKind(counted: Map<string, ValueKind> | null, label: string, own: ValueKind | null): ValueKind | null {
  // No counted row yet (most tables): nothing to be a part of, and the label need not be read.
  if (!counted || own !== null || currenciesIn(label).length > 0 || scaleIn(label) !== null) return null;
  const l = label.toLowerCase();
  for (const [stem, kind] of counted) if (l.startsWith(stem) && /^\s*[\u2013\u2014:,-]\s/.test(l.slice(stem.length))) return kind;
  return null;
}

function isBoldRow(row: RawRow, boldColumns: number[]): boolean {
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (c.bold && c.text !== '' && !boldColumns.includes(i)) return true;
  }
  return false;
}

function emphasisOf(row: RawRow, values: boolean, boldColumns: number[], boldTable: boolean): Emphasis {
  if (!values) return 'header';
  const label = row.cells[0].text;
  const bold = !boldTable && isBoldRow(row, boldColumns);
  if (TOTAL_LABEL.test(label) || (bold && label === label.toUpperCase() && CAPITAL.test(label))) return 'total';
  if (bold) return 'subtotal';
  return 'item';
}

/**
 * Value columns set in bold on nearly every row (a release that prints its current period in bold):
 * there bold is the column's typeface, not a row's claim to be a total.
 */
function boldColumnsOf(body: RawRow[]): number[] {
  const out: number[] = [];
  const width = widest(body);
  for (let c = 1; c < width; c++) {
    // The filled cells, the bold ones, and a filled one beside a plain label, counted in one pass.
    let filled = 0;
    let bold = 0;
    let plainLabel = false;
    for (let i = 0; i < body.length; i++) {
      const cell = body[i].cells[c];
      if (!cell || cell.text === '') continue;
      filled++;
      if (cell.bold) bold++;
      if (!body[i].cells[0].bold) plainLabel = true;
    }
    if (filled >= 4 && bold >= filled * 0.8 && plainLabel) out.push(c);
  }
  return out;
}

/** The distinct indents of the rows, in order (a Set spread and sorted made the same). */
function distinctIndents(body: RawRow[]): number[] {
  const indents: number[] = [];
  for (let i = 0; i < body.length; i++) if (!indents.includes(body[i].indent)) indents.push(body[i].indent);
  return indents.sort((a, b) => a - b);
}

/** A row's cell in a column: its figure (`parsed`), the text it prints instead, or null when blank. */
function figureCell(cell: RawCell | undefined, parsed: ParsedNumber | null, col: Column, kindOfRow: ValueKind, diagnostics: Diagnostic[]): Figure | null {
  if (!cell || cell.text === '') return null;
  if (!parsed) {
    diagnostics.push({ level: 'info', message: `not a figure, kept as text: ${JSON.stringify(cell.text)}`, place: cell.place });
    return { value: null, text: cell.text, kind: kindOfRow, scale: 0, currency: null, decimals: 0, place: cell.place };
  }
  const kind: ValueKind = parsed.percent || col.kind === 'percent' ? 'percent' : kindOfRow;
  const scale = kind === 'amount' ? col.amountScale : kind === 'shares' ? col.shareScale : kind === 'percent' ? -2 : 0;
  const currency = kind === 'amount' || kind === 'per-share' ? col.currency : null;
  return { value: parsed.value, text: cell.text, kind, scale, currency, decimals: parsed.decimals, place: cell.place };
}

/** A text with a parenthesis opened and not closed. */
function unclosed(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

/** A row printing a figure with digits after the point (a per-share line's cents). */
function printsCents(figures: (ParsedNumber | null)[]): boolean {
  for (let i = 0; i < figures.length; i++) if (figures[i] && figures[i]!.decimals > 0 && !figures[i]!.percent) return true;
  return false;
}

/**
 * Whether a row ends a heading's per-share section: its lines printed cents, and this row prints a
 * whole figure of a thousand or more and none with cents, the way amounts are printed and per-share figures are not.
 */
function sectionEnds(figures: (ParsedNumber | null)[], cents: boolean): boolean {
  if (!cents || printsCents(figures)) return false;
  for (let i = 0; i < figures.length; i++) if (figures[i] && !figures[i]!.percent && figures[i]!.value.abs().gte(1000)) return true;
  return false;
}

/** The figures a row prints, for kindFromFigures. */
function printedFigures(raw: RawRow, kept: number[], figures: (ParsedNumber | null)[]): PrintedFigure[] {
  const printed: PrintedFigure[] = [];
  for (let i = 0; i < kept.length; i++) {
    const f = figures[i];
    if (f) printed.push({ value: f.value, percent: f.percent, text: raw.cells[kept[i]].text });
  }
  return printed;
}

/** The one kind all of a row's figures have, or null (none, or several): a Set of kinds per row said the same. */
function soleKind(cells: (Figure | null)[]): ValueKind | null {
  let kind: ValueKind | null = null;
  for (let i = 0; i < cells.length; i++) {
    const f = cells[i];
    if (!f || f.value === null) continue;
    if (kind === null) kind = f.kind;
    else if (f.kind !== kind) return null;
  }
  return kind;
}

/** The text of the first figure in column c printed with a currency mark ("$1,250"), if any. */
function markedFigure(body: RawRow[], c: number): string | undefined {
  for (let i = 0; i < body.length; i++) {
    const t = body[i].cells[c]?.text ?? '';
    if (MARKED_FIGURE.test(t)) return t;
  }
  return undefined;
}

function buildTable(
  seg: { header: RawRow[]; body: RawRow[] },
  kind: StatementKind,
  units: string,
  docCurrency: string | null,
  diagnostics: Diagnostic[],
): Table {
  const width = Math.max(widest(seg.header), widest(seg.body));
  const instantHint = kind === 'balance-sheet';
  // Each column's heading is read once, for folding sub-columns into dated ones and for the column
  // itself (each column keeps its own copy of the period).
  const headers: string[][] = new Array(width);
  const texts: string[] = new Array(width);
  const periods: (Period | null)[] = new Array(width);
  for (let c = 1; c < width; c++) {
    headers[c] = columnHeader(seg.header, c);
    texts[c] = headers[c].join(' ');
    periods[c] = parsePeriod(texts[c], instantHint);
  }
  // The header rows' labels, and a units caption in a column's heading cell (a merged heading
  // repeated, or misplaced, over the columns), state the table's units unless a column states its own.
  let unitTexts = units;
  for (let r = 0; r < seg.header.length; r++) unitTexts += ' ' + seg.header[r].cells[0].text;
  // A caption left open in the label column ("(in thousands") goes on in the label-only lines below
  // the header ("of Canadian" / "dollars)"): they are the header's words, not headings over rows.
  let captionEnd = 0;
  while (captionEnd < seg.body.length && unclosed(unitTexts) && !hasValues(seg.body[captionEnd])) unitTexts += ' ' + seg.body[captionEnd++].cells[0].text;
  const body = foldSubColumns(mergeSplitLabels(captionEnd ? seg.body.slice(captionEnd) : seg.body), (c) => periods[c] != null, isFigureText);
  for (let r = 0; r < seg.header.length; r++) {
    const cells = seg.header[r].cells;
    for (let k = 1; k < cells.length; k++) if (isUnitsCaption(cells[k].text)) unitTexts += ' ' + cells[k].text;
  }
  const parsedUnits = parseUnits(unitTexts);
  // Keep the columns that hold figures somewhere; spacer and empty columns go.
  const kept: number[] = [];
  for (let c = 1; c < width; c++) if (filledColumn(body, c)) kept.push(c);

  const columns: Column[] = kept.map((c, index) => {
    const header = headers[c];
    const text = texts[c];
    const period = periods[c];
    // Failing any caption, the marks printed on the column's figures ("$1,250") name its currency.
    let currency: string | null = currenciesIn(text)[0] ?? parsedUnits.currencies[0] ?? docCurrency ?? null;
    if (currency === null) {
      const marked = markedFigure(body, c);
      currency = marked ? currenciesIn(marked)[0] ?? null : null;
    }
    let ownCaption = '';
    for (let i = 0; i < header.length; i++) if (isUnitsCaption(header[i])) ownCaption = ownCaption ? `${ownCaption} ${header[i]}` : header[i];
    const own = ownCaption ? parseUnits(ownCaption) : null;
    const amountScale = own?.amountScale ?? parsedUnits.amountScale ?? scaleIn(text) ?? 0;
    const percentColumn = PERCENT_HEAD.test(text) && !period?.end;
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
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i];
    col.convenience = !!col.currency && col.currency !== reporting &&
      columns.some((o) => o.currency === reporting && samePeriod(o.period, col.period));
  }

  // The distinct indents, in order, listed only when rows differ in indent (most tables do not).
  let indents: number[] = [];
  for (let i = 1; i < body.length; i++) if (body[i].indent !== body[0].indent) { indents = distinctIndents(body); break; }
  const useIndent = indents.length > 1;
  // Columns each headed "Per Share" (over their periods) make every row a per-share figure unless its label says otherwise.
  // ("… except per share data" in a caption says the opposite).
  let context: ValueKind | null = columns.length && kept.every((c) => PER_SHARE_HEAD.test(texts[c]) && !EXCEPT.test(texts[c])) ? 'per-share' : null;
  let counted: Map<string, ValueKind> | null = null;
  // Whether the context came from a heading row (its section ends with its lines), and whether that
  // section's per-share lines print cents.
  let inherited = false;
  let cents = false;
  let underHeader = false;
  let heading = '';
  // The heading row a dash-led line is a part of (cleared by a line of its own), and the heading whose
  // section the rows are in (cleared by a total), for labels that only mean something under them.
  let parent = '';
  let section = '';
  // Kept as the table's rows: sized to the body and cut to the rows made (push would grow it past them).
  const rows: Row[] = new Array(body.length);
  let made = 0;
  const boldColumns = boldColumnsOf(body);
  // Nearly every row in bold is the table's typeface: bold then marks no row as a total.
  let valueRows = 0;
  let boldRows = 0;
  for (let i = 0; i < body.length; i++) {
    if (!hasValues(body[i])) continue;
    valueRows++;
    if (isBoldRow(body[i], boldColumns)) boldRows++;
  }
  const boldTable = valueRows >= 3 && boldRows >= valueRows * 0.8;
  const figures: (ParsedNumber | null)[] = new Array(kept.length);
  for (let r = 0; r < body.length; r++) {
    const raw = body[r];
    const printed = withoutFootnoteMarks(cleanCellText(raw.cells[0].text));
    const values = hasValues(raw);
    if (!values && printed === '') continue;
    const dashed = isDashLed(printed);
    const label = dashed && parent ? underHeading(parent, printed) : (values && section && qualifiedModifier(section, printed)) || printed;
    if (!dashed) parent = values ? '' : printed;
    if (!values) section = printed;
    let emphasis = emphasisOf(raw, values, boldColumns, boldTable);
    const own = labelKind(label);
    if (!values) {
      // A heading the source wrapped over several rows ("Earnings per" / "share") is read whole.
      const above = heading;
      heading = heading && continuesHeading(heading, label) ? `${heading} ${label}` : label;
      context = heading === label ? own : kindFromLabel(heading);
      inherited = context !== null;
      cents = false;
      underHeader = true;
      // The heading's lines are one row: "Operating" / "Segment:" is the heading "Operating Segment:".
      const last = made > 0 ? rows[made - 1] : null;
      if (heading !== label && last && last.emphasis === 'header' && last.label === above) {
        last.label = heading;
        last.kind = context ?? 'amount';
        section = heading;
        if (parent === above) parent = heading;
        continue;
      }
    } else heading = '';
    // Each cell's figure read once, for the row's kind and then for its own (into the table's one
    // list of them; the cells are sized once and filled by index: no closure per row as map made).
    for (let i = 0; i < kept.length; i++) {
      const text = raw.cells[kept[i]]?.text;
      figures[i] = text ? parseFigure(text) : null;
    }
    // A heading's per-share section ends at a line printing whole thousands without cents among lines
    // printed with them ("Free cash flow  $16,787" under "Diluted net income per share"): no per-share figure.
    if (values && inherited && own === null && context === 'per-share' && sectionEnds(figures, cents)) context = null;
    const byLabel = values ? rowKind(label, own, context ?? familyKind(counted, label, own)) : (own ?? 'amount');
    // Only a kind the figures can revise needs the list of them printed.
    const kindOfRow = values && revisedByFigures(byLabel) ? kindFromFigures(byLabel, label, printedFigures(raw, kept, figures)) : byLabel;
    if (values) counted = noteCounted(counted, label, own);
    const cells: (Figure | null)[] = new Array(kept.length);
    for (let i = 0; i < kept.length; i++) cells[i] = figureCell(raw.cells[kept[i]], figures[i], columns[i], kindOfRow, diagnostics);
    const kindFinal: ValueKind = soleKind(cells) ?? kindOfRow;
    // A rule over an amount row's figures closes a sum; over a per-share or share row it only separates lines.
    if (raw.ruled && emphasis === 'item' && kindFinal === 'amount') emphasis = 'subtotal';
    let depth: number;
    if (useIndent) depth = indents.indexOf(raw.indent);
    else depth = emphasis === 'header' || emphasis === 'total' ? 0 : underHeader ? 1 : 0;
    // A total closes its caption's section: "Equipment, net" after "Total current assets" is not a current asset.
    if (emphasis === 'total') {
      underHeader = false;
      section = '';
    }
    // A count's section ends at its sum ("Less off-hire days:" … "Operating days"): rows after it count no days.
    if (context === 'number' && values && emphasis !== 'item') context = null;
    if (values && inherited) {
      if (kindFinal === 'per-share' && printsCents(figures)) cents = true;
      // A line that names a kind of its own other than its heading's ("Weighted average shares used …"
      // below the per-share lines) ends the heading's section: the lines after it are not the heading's.
      if (own !== null && own !== context) context = null;
    }
    rows[made++] = { label, depth, emphasis, kind: kindFinal, cells, place: raw.place };
  }
  rows.length = made;
  shareCountsBetween(rows, columns);
  nameUnlabelledTotals(rows);
  return { caption: '', columns, rows, place: seg.header[0]?.place ?? body[0].place };
}

/** The context of a table from the paragraphs blocks[from] up to blocks[to] (prose all) and its own lead rows. */
function contextFrom(blocks: RawBlock[], from: number, to: number, lead: RawRow[]): Context {
  const lines: { text: string; strong: boolean }[] = [];
  // Line by line (indexed loops: this runs once per table).
  for (let k = from; k < to; k++) {
    const p = blocks[k] as ProseBlock;
    const texts = p.text.split('\n');
    for (let i = 0; i < texts.length; i++) lines.push({ text: cleanCellText(texts[i]), strong: (p.bold && i === 0) || p.heading > 0 });
  }
  for (let i = 0; i < lead.length; i++) lines.push({ text: lead[i].cells[0].text, strong: lead[i].cells[0].bold });
  // Each line asked once whether it states units: where the units start, and how many lines say something else.
  let unitsAt = -1;
  let otherLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const caption = isUnitsCaption(text);
    if (caption && unitsAt < 0) unitsAt = i;
    if (text !== '' && !caption && !UNAUDITED.test(text)) otherLines++;
  }
  const units: string[] = [];
  if (unitsAt >= 0) {
    for (let i = unitsAt; i < lines.length && units.length < 4; i++) {
      units.push(lines[i].text);
      const open = units.join(' ').split('(').length - units.join(' ').split(')').length;
      if (open <= 0) break;
    }
  }
  // The title is looked for in the lines before the units.
  const before = unitsAt >= 0 ? unitsAt : lines.length;
  let title: string | null = null;
  for (let i = before - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.text === '' || l.text.length > TITLE_MAX || UNAUDITED.test(l.text) || isNote(l.text)) continue;
    if (l.strong || classifyTitle(l.text) !== 'other') {
      // A title wrapped over two heading lines ("... STATEMENTS OF COMPREHENSIVE" / "LOSS") is read whole.
      const prev = lines[i - 1];
      const wrapped = prev?.strong && l.text.length <= 80 && !SENTENCE_STOP.test(prev.text) && classifyTitle(l.text) === 'other';
      const whole = wrapped ? `${prev.text} ${l.text}` : null;
      title = (whole && classifyTitle(whole) !== 'other' ? whole : l.text).replace(TITLE_STOP, '');
      break;
    }
  }
  return { title, units: units.join(' '), otherLines };
}

/**
 * A footnote ("* We define working capital as … reported in our Statements of Financial Position"):
 * it may name a statement, but it titles none.
 */
function isNote(text: string): boolean {
  return NOTE.test(text);
}

const NOTE = /^(\*+|\(\d{1,2}\)|\d{1,2}\))\s+\S+\s+\S+/;

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
  // The paragraphs since the last table are blocks[proseFrom] up to the table (no list of them is gathered).
  let proseFrom = 0;
  let current: Statement | null = null;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.type === 'prose') continue;
    const segments = splitSegments((block as TableBlock).rows);
    const from = proseFrom;
    proseFrom = b + 1;
    if (segments.length === 0) continue;
    // A table's context is read from the last six of them.
    const ctx = contextFrom(blocks, Math.max(from, b - 6), b, segments[0].lead);
    const continues = current !== null && ctx.title === null && ctx.otherLines === 0;
    if (!continues) {
      const titleKind = ctx.title ? classifyTitle(ctx.title) : 'other';
      let kind = titleKind !== 'other' || (ctx.title && isDigestTitle(ctx.title)) ? titleKind : kindByLabels(segments);
      // A "statement of comprehensive loss" that carries revenue down to net income is the income statement.
      if (kind === 'comprehensive-income' && kindByLabels(segments) === 'income') kind = 'income';
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
    // Sized to the tables, filled by index (a closure here would capture this block's variables, a context per table).
    const tables: Table[] = new Array(segments.length);
    for (let i = 0; i < segments.length; i++) tables[i] = buildTable(segments[i], st.kind, st.units || ctx.units, docCurrency, diagnostics);
    // A new statement takes the list as it is; a continued one adds to its own.
    if (st.tables.length === 0) st.tables = tables;
    else st.tables.push(...tables);
  }
  return statements.filter(hasFigure);
}

/** The kind the labels of a table's rows say (read only when its title says none). */
function kindByLabels(segments: { body: RawRow[] }[]): StatementKind {
  const labels: string[] = [];
  for (const s of segments) for (const r of s.body) labels.push(r.cells[0].text);
  return classifyByLabels(labels);
}

/** A statement with a figure somewhere (loops, not three closures made anew per table and row). */
function hasFigure(s: Statement): boolean {
  for (let t = 0; t < s.tables.length; t++) {
    const rows = s.tables[t].rows;
    for (let r = 0; r < rows.length; r++) if (rows[r].cells.some((c) => c?.value)) return true;
  }
  return false;
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
