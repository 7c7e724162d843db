import { calendarOf, fiscalOf, fiscalOfInstant, type FiscalCalendar, type FiscalSpan } from '../model/fiscal';
import type { Column, Release, Statement, StatementKind, Table } from '../model/types';

// Where each column of a release's statements sits in the company's fiscal calendar. The calendar
// is the release's own (meta.calendar, from its identity); a release whose identity did not place
// it is placed from its statements' columns by the same model/fiscal.ts, never by day counts here.

/** The statements a company model stacks, in sheet order; then the non-GAAP measures that recur. */
export const STATEMENT_KINDS = ['income', 'balance-sheet', 'cash-flow'] as const satisfies readonly StatementKind[];
export type StatementModelKind = (typeof STATEMENT_KINDS)[number];
export const MODEL_KINDS = [...STATEMENT_KINDS, 'non-gaap'] as const satisfies readonly StatementKind[];
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A column's place: a flow span (quarter, year to date, full year) or a balance-sheet instant. */
export interface PeriodKey {
  year: number;
  /** 1 for a quarter, 2–3 for year to date, 4 for the full year; 0 for an instant. */
  quarters: number;
  /** The (last) quarter the span covers, or the quarter an instant closes. */
  quarter: 1 | 2 | 3 | 4;
  /** ISO date the period ends on. */
  end: string;
}

export const keyText = (k: { year: number; quarters: number; quarter: number }) => `${k.year}:${k.quarters}:${k.quarter}`;

/** The longest flow column ending on the latest date any column ends on: the release's year to date. */
function latestSpan(statements: Statement[]): { end: string; months: number | null; weeks: number | null } | null {
  let best: { end: string; months: number | null; weeks: number | null } | null = null;
  for (const st of statements) {
    for (const t of st.tables) {
      for (const c of t.columns) {
        const p = c.period;
        if (!p?.end) continue;
        if (!best || p.end > best.end) best = { end: p.end, months: null, weeks: null };
        if (p.end === best.end && !p.instant && (p.months ?? 0) > (best.months ?? 0)) best = { end: p.end, months: p.months, weeks: p.weeks };
      }
    }
  }
  return best;
}

/** The calendar a release counts its years by, and the date its period ends. */
export function releaseCalendar(release: Release): { calendar: FiscalCalendar | null; periodEnd: string | null } {
  const span = latestSpan(release.statements.filter((s) => (STATEMENT_KINDS as readonly string[]).includes(s.kind)));
  const periodEnd = release.meta.periodEnd ?? span?.end ?? null;
  if (release.meta.calendar) return { calendar: release.meta.calendar, periodEnd };
  if (!span) return { calendar: null, periodEnd };
  return { calendar: calendarOf(span.end, span.months, span.weeks, release.meta.fiscalYear), periodEnd };
}

/** A column's fiscal place, or null when its period is not one the model has a column for. */
export function placeColumn(col: Column, cal: FiscalCalendar): PeriodKey | null {
  const p = col.period;
  if (!p?.end || col.convenience) return null;
  let span: FiscalSpan | null;
  if (p.instant) {
    span = fiscalOfInstant(p.end, cal);
    return span ? { year: span.year, quarters: 0, quarter: span.quarter, end: p.end } : null;
  }
  span = fiscalOf(p.end, p.months, p.weeks, cal);
  return span ? { year: span.year, quarters: span.quarters, quarter: span.quarter, end: p.end } : null;
}

const periodsOf = (t: Table, cal: FiscalCalendar) => t.columns.map((c) => placeColumn(c, cal));
const sameKeys = (a: (PeriodKey | null)[], b: (PeriodKey | null)[]) => a.length === b.length && a.every((k, i) => (k ? keyText(k) : '') === (b[i] ? keyText(b[i]!) : ''));

/**
 * The release's statement of a kind: of the statements of that kind, the one with the most placed
 * figures, with the tables that continue it (the same columns as its first table). A table with
 * other columns under the same title is another table, not more of the statement.
 */
export function primaryStatement(release: Release, kind: StatementModelKind, cal: FiscalCalendar): { statement: Statement; tables: number[] } | null {
  let best: { statement: Statement; tables: number[]; figures: number } | null = null;
  for (const st of release.statements) {
    if (st.kind !== kind || !st.tables.length) continue;
    const first = periodsOf(st.tables[0], cal);
    if (!first.some(Boolean)) continue;
    const tables = st.tables.map((t, i) => ({ t, i })).filter(({ t, i }) => i === 0 || sameKeys(periodsOf(t, cal), first)).map(({ i }) => i);
    const figures = tables.reduce((n, i) => n + st.tables[i].rows.reduce((m, r) => m + r.cells.filter((c, ci) => c?.value != null && first[ci]).length, 0), 0);
    if (!best || figures > best.figures) best = { statement: st, tables, figures };
  }
  return best && { statement: best.statement, tables: best.tables };
}

/** A table of a release the model reads, with where each of its columns sits. */
export interface ModelTable { statement: Statement; table: number; keys: (PeriodKey | null)[] }

/** A measure the statements do not report as such: "Non-GAAP net income", "Adjusted EBITDA", "Free cash flow". */
export const NON_GAAP_MEASURE = /\bnon[-\s]?gaap\b|\badjusted\b|\bfree cash flow\b/i;
/** A table or column of what is expected, not what was reported. */
const OUTLOOK = /\b(?:outlook|guidance|expect(?:ed|ations?)?|forecast)\b/i;
const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/**
 * A column without a date ("Fourth Quarter / 2024", "Q2 FY25", "Full Year 2023"), placed by the
 * fiscal year its header states and its length: a quarter the header names, or the quarter the
 * release reports (its prior-year comparative is the same quarter); a year to date ends where the
 * release's does. Null where the header states no year or no length, or looks ahead.
 */
export function placeUndated(col: Column, closes: { year: number; quarter: number | null } | null): PeriodKey | null {
  const p = col.period;
  const head = col.header.join(' ');
  if (!p || p.end || p.instant || col.convenience || OUTLOOK.test(head)) return null;
  const fy = /((?:19|20)\d{2})\b|\bFY\s?(\d{2})\b/i.exec(p.fiscalYear ?? head);
  if (!fy) return null;
  const year = fy[1] ? Number(fy[1]) : 2000 + Number(fy[2]);
  const quarters = p.months ? Math.round(p.months / 3) : /\bhalf\b|\bsix months\b/i.test(head) ? 2 : /\bnine months\b/i.test(head) ? 3 : /\bfull year\b|\btwelve months\b/i.test(head) ? 4 : null;
  if (!quarters || quarters > 4) return null;
  const named = /\bQ([1-4])\b|\b(first|second|third|fourth) quarter\b/i.exec(head);
  const quarter = quarters > 1 ? quarters : named ? (named[1] ? Number(named[1]) : QUARTER_WORDS[named[2].toLowerCase()]) : closes?.quarter ?? null;
  if (!quarter) return null;
  return { year, quarters, quarter: quarter as 1 | 2 | 3 | 4, end: '' };
}

/**
 * The tables of a release a model sheet reads. For a statement, its primary statement's tables.
 * For the non-GAAP measures, the release's reconciliation tables: every table outside the primary
 * statements that names a non-GAAP measure in a row of figures (not in a footnote), whatever the title it was read under (a
 * reconciliation may follow a statement with no title of its own) — never an outlook, and not a
 * summary that only repeats the measures under a "Non-GAAP" heading.
 */
export function modelTables(release: Release, kind: ModelKind, cal: FiscalCalendar, closes: { year: number; quarter: number | null } | null): ModelTable[] {
  if (kind !== 'non-gaap') {
    const p = primaryStatement(release, kind, cal);
    return p ? p.tables.map((table) => ({ statement: p.statement, table, keys: periodsOf(p.statement.tables[table], cal) })) : [];
  }
  const primary = new Set<Table>();
  for (const k of STATEMENT_KINDS) { const p = primaryStatement(release, k, cal); if (p) for (const ti of p.tables) primary.add(p.statement.tables[ti]); }
  const out: ModelTable[] = [];
  for (const st of release.statements) {
    if (OUTLOOK.test(st.title)) continue;
    st.tables.forEach((t, table) => {
      if (primary.has(t) || !t.rows.some((r) => NON_GAAP_MEASURE.test(r.label) && r.cells.some((c) => c?.value != null))) return;
      const keys = t.columns.map((c) => (OUTLOOK.test(c.header.join(' ')) ? null : placeColumn(c, cal) ?? placeUndated(c, closes)));
      if (keys.some(Boolean)) out.push({ statement: st, table, keys });
    });
  }
  return out;
}
