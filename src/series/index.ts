import { CALENDAR_YEAR, fiscalOfInstant } from '../model/fiscal';
import { rowKey } from '../model/refs';
import { outputStem } from '../output';
import type { Release } from '../model/types';
import { alignKind } from './align';
import { deriveQuarters, findRestatements, findSplit } from './derive';
import { matchGuidance } from './guidance';
import { MODEL_KINDS, placeColumn, primaryStatement, releaseCalendar, STATEMENT_KINDS } from './periods';
import type { SeriesModel, SeriesRelease } from './types';

// Several releases → one company model per company: releases grouped by the company they name,
// ordered by the period they report, placed in the company's fiscal calendar, then aligned.

export type { SeriesModel } from './types';

/** A company's name as evidence that two releases are of one company. */
export function companyKey(name: string | null): string {
  return (name ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').replace(/\b(the|inc|incorporated|corp|corporation|company|co|ltd|limited|plc|group|holdings?)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/** "2024Q3" for a release of a quarter, "FY2024" for one of a full year. */
export function periodLabel(year: number, quarter: number | null): string {
  return quarter ? `${year}Q${quarter}` : `FY${year}`;
}

/** Releases grouped by company (in order of first appearance), each group aligned into a model. */
export function buildSeries(releases: Release[]): SeriesModel[] {
  const groups = new Map<string, Release[]>();
  for (const r of releases) {
    // A release that names no company is a model of its own: no name is no evidence of one company.
    const key = companyKey(r.meta.company) || `\u0000${r.source.file}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map(buildCompany);
}

export function buildCompany(group: Release[]): SeriesModel {
  const notes: string[] = [];
  const placed: SeriesRelease[] = [];
  for (const release of group) {
    const { calendar, periodEnd } = releaseCalendar(release);
    if (!calendar) { notes.push(`${release.source.file}: no dated statement columns; left out`); continue; }
    // Named by the quarter its period closes, in its own calendar.
    const closes = periodEnd ? fiscalOfInstant(periodEnd, calendar) : null;
    const label = closes ? periodLabel(closes.year, closes.quarter) : release.meta.fiscalYear ? periodLabel(release.meta.fiscalYear, release.meta.fiscalQuarter) : release.source.file;
    placed.push({ release, calendar, periodEnd, label, closes: closes ? { year: closes.year, quarter: closes.quarter } : release.meta.fiscalYear ? { year: release.meta.fiscalYear, quarter: release.meta.fiscalQuarter } : null });
  }
  // One release published twice (a filing and the company's web page of it) is one release: the
  // copy that reads more of the statements is used, and the other named once in the notes.
  const kept: { sr: SeriesRelease; rows: Set<string> }[] = [];
  for (const sr of placed) {
    const rows = statementRows(sr);
    const twin = kept.find((k) => sameRelease(k.sr, k.rows, sr, rows));
    if (!twin) { kept.push({ sr, rows }); continue; }
    const [use, drop] = rows.size > twin.rows.size ? [sr, twin.sr] : [twin.sr, sr];
    notes.push(`${drop.release.source.file}: the same release as ${use.release.source.file}; ${use.release.source.file} used`);
    if (use === sr) Object.assign(twin, { sr, rows });
  }
  placed.splice(0, placed.length, ...kept.map((k) => k.sr));
  // Oldest first: by the period reported, then the release date, then the file name (a preliminary
  // release before the final one of the same quarter).
  placed.sort((a, b) => (a.periodEnd ?? '').localeCompare(b.periodEnd ?? '') || (a.release.meta.releaseDate ?? '').localeCompare(b.release.meta.releaseDate ?? '') || a.release.source.file.localeCompare(b.release.source.file));
  const latest = placed[placed.length - 1];
  const calendar = latest?.calendar ?? CALENDAR_YEAR;
  const items = [];
  const rowItem = new Map<string, string>();
  for (const kind of MODEL_KINDS) {
    const a = alignKind(kind, placed);
    items.push(...a.items);
    for (const [k, v] of a.rowItem) rowItem.set(k, v);
    notes.push(...a.notes);
  }
  const yearSet = new Set<number>();
  for (const sr of placed) {
    for (const kind of STATEMENT_KINDS) {
      const p = primaryStatement(sr.release, kind, sr.calendar);
      if (!p) continue;
      for (const ti of p.tables) for (const c of p.statement.tables[ti].columns) { const k = placeColumn(c, sr.calendar); if (k) yearSet.add(k.year); }
    }
  }
  const years = [...yearSet].sort((a, b) => a - b);
  const { split, flags } = findSplit(items, placed);
  return {
    company: (latest?.release.meta.company ?? '').replace(/\s+/g, ' ').trim() || (latest ? outputStem(latest.release.source.file) : 'Company'),
    releases: placed,
    calendar,
    years,
    items,
    derivations: deriveQuarters(items, years),
    restatements: findRestatements(items, flags, footingTotals(placed, rowItem)),
    splitFlags: flags,
    split,
    guidance: matchGuidance(placed, items),
    rowItem,
    notes,
  };
}

/** Every figure row of a release's statements, figures only (a dash and a zero alike): headings and labels differ between copies. */
function statementRows(sr: SeriesRelease): Set<string> {
  const out = new Set<string>();
  for (const kind of STATEMENT_KINDS) {
    const p = primaryStatement(sr.release, kind, sr.calendar);
    if (!p) continue;
    for (const ti of p.tables) {
      for (const row of p.statement.tables[ti].rows) {
        const figures = row.cells.map((c) => (c?.value && !c.value.isZero() ? c.value.toString() : '')).join(',');
        if (/[^,]/.test(figures)) out.add(`${kind}|${figures}`);
      }
    }
  }
  return out;
}

/**
 * Two copies of one release: the same period, published the same day where both say when, and
 * every statement row of one printed with the same figures by the other (one copy may read a
 * table more than the other).
 */
function sameRelease(a: SeriesRelease, aRows: Set<string>, b: SeriesRelease, bRows: Set<string>): boolean {
  if (!a.periodEnd || a.periodEnd !== b.periodEnd) return false;
  const [da, db] = [a.release.meta.releaseDate, b.release.meta.releaseDate];
  if (da && db && da !== db) return false;
  const [small, large] = aRows.size <= bRows.size ? [aRows, bRows] : [bRows, aRows];
  return small.size > 0 && [...small].every((r) => large.has(r));
}

/** Line item → the line items it is a term of, by the footings every release's inference found. */
function footingTotals(releases: SeriesRelease[], rowItem: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  releases.forEach((sr, ri) => {
    for (const rel of sr.release.relations) {
      if (rel.type !== 'footing') continue;
      const total = rowItem.get(`${ri}|${rowKey(rel.total)}`);
      if (!total) continue;
      for (const t of rel.terms) {
        const term = rowItem.get(`${ri}|${rowKey(t.ref)}`);
        if (!term || term === total) continue;
        const list: string[] = out.get(term) ?? [];
        if (!list.includes(total)) list.push(total);
        out.set(term, list);
      }
    }
  });
  return out;
}
