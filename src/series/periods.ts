import { calendarOf, fiscalOf, fiscalOfInstant, type FiscalCalendar, type FiscalSpan } from '../model/fiscal';
import type { Column, Release, Statement, StatementKind, Table } from '../model/types';

// Where each column of a release's statements sits in the company's fiscal calendar. The calendar
// is the release's own (meta.calendar, from its identity); a release whose identity did not place
// it is placed from its statements' columns by the same model/fiscal.ts, never by day counts here.

/** The statements a company model stacks, in sheet order. */
export const MODEL_KINDS = ['income', 'balance-sheet', 'cash-flow'] as const satisfies readonly StatementKind[];
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
  const span = latestSpan(release.statements.filter((s) => (MODEL_KINDS as readonly string[]).includes(s.kind)));
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
export function primaryStatement(release: Release, kind: ModelKind, cal: FiscalCalendar): { statement: Statement; tables: number[] } | null {
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
