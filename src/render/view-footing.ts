import type { HeadlineFigure, Release, Row, RowRef } from '../model/types';

// A shortened statement still foots on the page: every total it shows follows from the lines it
// shows. The footing relations the model found say which lines make up a total; a total whose
// lines are all left out stands for them (total operating expenses without its six items), but a
// total that adds up other totals or lines the page shows (income before taxes less the tax and the
// equity-method line is net income) brings the rest of its lines with it, so the reader can see
// 18,037 − 2,706 − 3 = 15,328 rather than a gap.

/** Totals of a table and the rows of the same table that make each up. */
function footings(release: Release, statement: string, table: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of release.relations) {
    if (r.type !== 'footing' || r.total.statement !== statement || r.total.table !== table) continue;
    const terms = r.terms.filter((t) => t.ref.statement === statement && t.ref.table === table).map((t) => t.ref.row);
    if (terms.length) out.set(r.total.row, terms);
  }
  return out;
}

/**
 * The rows of one table to show, given the rows the page chose: each shown total whose lines include
 * a shown row or another total gets all of its lines, until nothing more is needed.
 */
export function footedRows(release: Release, statement: string, table: number, chosen: Iterable<number>): Set<number> {
  const foot = footings(release, statement, table);
  const shown = new Set(chosen);
  for (let changed = true; changed;) {
    changed = false;
    for (const [total, terms] of foot) {
      if (!shown.has(total) || terms.every((t) => shown.has(t))) continue;
      if (!terms.some((t) => shown.has(t) || foot.has(t))) continue;
      for (const t of terms) if (!shown.has(t)) { shown.add(t); changed = true; }
    }
  }
  return shown;
}

/** The rows of a table that are the total of a footing: subtotals by evidence, whatever their typeface. */
export function footingTotals(release: Release, statement: string, table: number): Set<number> {
  return new Set(footings(release, statement, table).keys());
}

const same = (a: RowRef, b: RowRef) => a.statement === b.statement && a.table === b.table;

/**
 * The condensed statement's lines with the lines its totals need (footedRows), each in its place in
 * its table's order, read from the same columns as the line chosen from that table.
 */
export function footedLines(release: Release, lines: HeadlineFigure[]): HeadlineFigure[] {
  const out = inTableOrder(lines);
  const tables = new Map<string, HeadlineFigure[]>();
  for (const f of lines) {
    const k = `${f.row.statement}/${f.row.table}`;
    tables.set(k, [...(tables.get(k) ?? []), f]);
  }
  for (const group of tables.values()) {
    const ref = group[0].row;
    const chosen = new Set(group.map((f) => f.row.row));
    const extra = [...footedRows(release, ref.statement, ref.table, chosen)].filter((r) => !chosen.has(r)).sort((a, b) => a - b);
    const rows = release.statements.find((s) => s.id === ref.statement)?.tables[ref.table]?.rows ?? [];
    // The columns of the chosen line with the most spans: a line of the same table is read from them.
    const model = [...group].sort((a, b) => b.cols.filter(Boolean).length - a.cols.filter(Boolean).length)[0];
    for (const r of extra) {
      const row = rows[r];
      if (!row) continue;
      const line: HeadlineFigure = { role: 'line', caption: row.label.trim() || groupName(rows, r), row: { ...ref, row: r }, cols: model.cols.map((c) => (c ? sameLine(release, c, row.label) : null)) };
      // After the last line of the table above it, else before the first below it.
      let at = -1;
      out.forEach((f, i) => { if (same(f.row, ref) && f.row.row < r) at = i; });
      if (at < 0) at = out.findIndex((f) => same(f.row, ref) && f.row.row > r) - 1;
      out.splice(at + 1, 0, line);
    }
  }
  return out;
}

/**
 * The lines of each table in the table's own order (revenue above the lines it is made of where the
 * statement prints it so), in the places the table's lines held; a line of another table keeps its place.
 */
function inTableOrder(lines: HeadlineFigure[]): HeadlineFigure[] {
  const out = [...lines];
  const keys = [...new Set(lines.map((f) => `${f.row.statement}/${f.row.table}`))];
  for (const k of keys) {
    const at = out.flatMap((f, i) => (`${f.row.statement}/${f.row.table}` === k ? [i] : []));
    const sorted = at.map((i) => out[i]).sort((a, b) => a.row.row - b.row.row);
    at.forEach((i, j) => { out[i] = sorted[j]; });
  }
  return out;
}

/** The name of the group a line without a label totals: its header's words ("Income taxes:" → "Income taxes"), or "" where it has none. */
export function groupName(rows: Row[], at: number): string {
  for (let i = at - 1; i >= 0; i--) {
    const r = rows[i];
    if (r.emphasis === 'header') return r.label.replace(/[:\s]+$/, '').trim();
    if (r.emphasis !== 'item' || !r.label.trim()) return '';
  }
  return '';
}

/** A span's columns for a line of the chosen table; where the span is read from another table (a separate year to date), its line of the same label there. */
function sameLine(release: Release, c: NonNullable<HeadlineFigure['cols'][number]>, label: string): HeadlineFigure['cols'][number] {
  if (!c.row) return { ...c };
  const other = release.statements.find((s) => s.id === c.row?.statement)?.tables[c.row.table];
  const at = other?.rows.findIndex((x) => x.label.trim().toLowerCase() === label.trim().toLowerCase()) ?? -1;
  return at >= 0 ? { ...c, row: { ...c.row, row: at } } : null;
}
