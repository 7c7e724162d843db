import type { Release } from '../../model/types';
import { Workbook } from '../xlsx/workbook';
import { writeAssumptions } from './assumptions';
import { writeChecks } from './checks';
import { planFormulas } from './formulas';
import { writeHighlights } from './highlights';
import { ASSUMPTIONS, CHECKS, HIGHLIGHTS, planLayout, SUMMARY } from './layout';
import { writeStatementSheet } from './statement-sheet';
import { writeSummary } from './summary';

// Model → workbook, in memory: Summary, Assumptions, one sheet per statement, Highlights,
// Checks. No disk IO here; the build writes the bytes with the other outputs.

const CREATOR = 'tieout';

/** The moment the workbook says it was made: the release date, so the same input gives the same file. */
export function workbookDate(release: Release): Date {
  const d = release.meta.releaseDate ?? release.meta.periodEnd;
  const parsed = d ? new Date(`${d}T00:00:00Z`) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(Date.UTC(2000, 0, 1));
}

export function toWorkbook(release: Release): Workbook {
  const wb = new Workbook({ creator: CREATOR, created: workbookDate(release) });
  const layout = planLayout(release);
  const plan = planFormulas(release, layout);
  const summary = wb.addSheet(SUMMARY);
  const assumptions = wb.addSheet(ASSUMPTIONS);
  const statementSheets = layout.sheets.map((s) => wb.addSheet(s.name));
  const highlights = wb.addSheet(HIGHLIGHTS);
  const checks = wb.addSheet(CHECKS);

  writeAssumptions(wb, assumptions, release);
  layout.sheets.forEach((s, i) => writeStatementSheet(statementSheets[i], s, release, plan));
  writeHighlights(highlights, release, layout, plan);
  const status = writeChecks(checks, release, layout, plan);
  writeSummary(summary, release, layout, plan, status);
  return wb;
}

/** The workbook as .xlsx bytes: identical for identical input. */
export function toXlsxBuffer(release: Release): Buffer {
  return toWorkbook(release).toBuffer();
}
