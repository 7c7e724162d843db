import { rowAt } from '../infer/grid';
import type { HeadlineFigure, Release, Row, RowRef } from '../model/types';

// A shortened statement still foots on the page: every total it shows follows from the lines it
// shows. The footing relations the model found say which lines make up a total; a total whose
// lines are all left out stands for them (total operating expenses without its six items), but a
// total that adds up other totals or lines the page shows (income before taxes less the tax and the
// equity-method line is net income) brings the rest of its lines with it, so the reader can see
// 18,037 − 2,706 − 3 = 15,328 rather than a gap.

/** Totals of a table and the rows of the same table that make each up. */
export function footings(release: Release, statement: string, table: number): Map<number, number[]> {
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

/**
 * Lines of a table between the first and the last of the chosen lines that no footing total stands
 * for and that are none of the chosen: amounts the shown lines do not account for (SG&A and an
 * impairment between gross profit and an operating loss footed by nothing), so the page shows them.
 */
export function unexplained(release: Release, statement: string, table: number, chosen: Set<number>): number[] {
  const rows = release.statements.find((s) => s.id === statement)?.tables[table]?.rows ?? [];
  const foot = footings(release, statement, table);
  const terms = new Set([...foot.values()].flat());
  const first = Math.min(...chosen);
  const last = Math.max(...chosen);
  const out: number[] = [];
  for (let r = first + 1; r < last; r++) {
    const row = rows[r];
    if (!row || chosen.has(r) || terms.has(r) || foot.has(r) || row.emphasis !== 'item' || row.kind !== 'amount') continue;
    out.push(r);
  }
  return out;
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
    const picked = new Set(group.map((f) => f.row.row));
    const chosen = new Set([...picked, ...unexplained(release, ref.statement, ref.table, picked)]);
    const extra = [...footedRows(release, ref.statement, ref.table, chosen)].filter((r) => !picked.has(r)).sort((a, b) => a - b);
    const rows = release.statements.find((s) => s.id === ref.statement)?.tables[ref.table]?.rows ?? [];
    // The columns of the chosen line with the most spans: a line of the same table is read from them.
    const model = [...group].sort((a, b) => b.cols.filter(Boolean).length - a.cols.filter(Boolean).length)[0];
    for (const r of extra) {
      const row = rows[r];
      if (!row || amidPerShare(rows, r)) continue;
      let line: HeadlineFigure = { role: 'line', caption: row.label.trim() || groupName(rows, r), row: { ...ref, row: r }, cols: model.cols.map((c) => (c ? sameLine(release, c, row.label, r, rows) : null)) };
      // A line chosen from another table (a summary) that this table prints too gives way to it here,
      // in its place among the lines it foots with: the page prints each line once.
      const twin = out.findIndex((f) => !same(f.row, ref) && !!row.label.trim() && plain(rows[r].label) === plain(rowAt(release, f.row)?.label ?? ''));
      if (twin >= 0) {
        line = { ...line, role: out[twin].role, caption: out[twin].caption };
        out.splice(twin, 1);
      }
      // After the last line of the table above it, else before the first below it.
      let at = -1;
      out.forEach((f, i) => { if (same(f.row, ref) && f.row.row < r) at = i; });
      if (at < 0) at = out.findIndex((f) => same(f.row, ref) && f.row.row > r) - 1;
      out.splice(at + 1, 0, line);
    }
  }
  // A line the headline read in one span only, where its table's other lines are read in a twin
  // table too (the year's tax line labelled otherwise), takes its twin line's columns.
  return out.map((f) => {
    const model = lines.filter((g) => same(g.row, f.row)).sort((a, b) => b.cols.filter(Boolean).length - a.cols.filter(Boolean).length)[0];
    if (!model || !f.cols.some((c, i) => !c && model.cols[i]?.row)) return f;
    const rows = release.statements.find((s) => s.id === f.row.statement)?.tables[f.row.table]?.rows ?? [];
    return { ...f, cols: f.cols.map((c, i) => c ?? (model.cols[i]?.row ? sameLine(release, model.cols[i]!, rows[f.row.row]?.label ?? '', f.row.row, rows) : null)) };
  });
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

/**
 * A line between per-share lines (the per-share effect of an accounting change between earnings per
 * share before it and after it) is a per-share figure whatever its cells were read as: it is never
 * shown as an amount line of a statement in millions.
 */
export function amidPerShare(rows: Row[], at: number): boolean {
  if (rows[at]?.kind === 'per-share') return false;
  const near = (step: number): Row | undefined => {
    for (let i = at + step; i >= 0 && i < rows.length; i += step) if (rows[i].emphasis !== 'header') return rows[i];
    return undefined;
  };
  return near(-1)?.kind === 'per-share' && near(1)?.kind === 'per-share';
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
function sameLine(release: Release, c: NonNullable<HeadlineFigure['cols'][number]>, label: string, at: number, rows: Row[]): HeadlineFigure['cols'][number] {
  if (!c.row) return { ...c };
  const other = release.statements.find((s) => s.id === c.row?.statement)?.tables[c.row.table];
  const found = other ? twinIndex(rows, at, other.rows) : -1;
  return found >= 0 ? { ...c, row: { ...c.row, row: found } } : null;
}

const plain = (label: string) => label.replace(/\s+/g, ' ').trim().toLowerCase();
const firstWord = (label: string) => /^[a-z]+/.exec(plain(label))?.[0] ?? '';

/**
 * The row of a twin table (the year's statement printed apart from the quarter's, line for line)
 * that is line `at` of `rows`: the row of the same label, else the row in the same place whose
 * neighbours above and below carry the same labels as the line's, and whose first word is its
 * ("Income tax expense (benefit)" in the quarter, "Income tax benefit" in the year).
 */
export function twinIndex(rows: Row[], at: number, other: Row[]): number {
  const label = plain(rows[at]?.label ?? '');
  const same = other.findIndex((x) => plain(x.label) === label);
  if (same >= 0 || !label) return same;
  // Where the twin has lines the other lacks, the place is found from the line above.
  const above = at > 0 ? other.findIndex((x) => plain(x.label) === plain(rows[at - 1].label) && plain(x.label) !== '') : -1;
  const i = above >= 0 ? above + 1 : at;
  const cand = other[i];
  if (!cand || firstWord(cand.label) !== firstWord(rows[at].label)) return -1;
  const below = rows[at + 1];
  if (below && other[i + 1] && plain(below.label) !== plain(other[i + 1].label)) return -1;
  return i;
}

/** For a table of the page's statement, the twin table each span is read from where it is not the table itself (from the headline's lines). */
export function twinTables(release: Release, statement: string, table: number): Map<number, { statement: string; table: number }> {
  const out = new Map<number, { statement: string; table: number }>();
  for (const f of release.headline?.income ?? []) {
    if (f.row.statement !== statement || f.row.table !== table) continue;
    f.cols.forEach((c, i) => {
      if (c?.row && !(c.row.statement === statement && c.row.table === table) && !out.has(i)) out.set(i, { statement: c.row.statement, table: c.row.table });
    });
  }
  return out;
}
