import type ExcelJS from 'exceljs';
import type { Release } from '../../model/types';
import { writeAssumptions } from './assumptions';
import { writeChecks } from './checks';
import { planFormulas } from './formulas';
import { writeHighlights } from './highlights';
import { ASSUMPTIONS, CHECKS, HIGHLIGHTS, planLayout, SUMMARY } from './layout';
import { writeStatementSheet } from './statement-sheet';
import { writeSummary } from './summary';
import { deflateStoredZip } from './zip';

// Model → ExcelJS workbook, in memory: Summary, Assumptions, one sheet per statement, Highlights,
// Checks. No disk IO here; the build writes the buffer with the other outputs.

const CREATOR = 'tieout';

/** The moment the workbook says it was made: the release date, so the same input gives the same file. */
export function workbookDate(release: Release): Date {
  const d = release.meta.releaseDate ?? release.meta.periodEnd;
  const parsed = d ? new Date(`${d}T00:00:00Z`) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : new Date(Date.UTC(2000, 0, 1));
}

/**
 * ExcelJS's Workbook class alone: the package's entry point also loads its streaming reader and
 * writer (unzipper, archiver and their dependencies), which we never use, and that doubles the
 * start-up time of every run.
 */
function newWorkbook(): ExcelJS.Workbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Workbook = require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook;
  return new Workbook();
}

export function toWorkbook(release: Release): ExcelJS.Workbook {
  const wb = newWorkbook();
  const when = workbookDate(release);
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = when;
  wb.modified = when;
  // Excel recalculates on open; the cached results serve viewers that do not.
  wb.calcProperties = { fullCalcOnLoad: true };

  const layout = planLayout(release);
  const plan = planFormulas(release, layout);
  const summary = wb.addWorksheet(SUMMARY);
  const assumptions = wb.addWorksheet(ASSUMPTIONS);
  const statementSheets = layout.sheets.map((s) => wb.addWorksheet(s.name));
  const highlights = wb.addWorksheet(HIGHLIGHTS);
  const checks = wb.addWorksheet(CHECKS);

  writeAssumptions(wb, assumptions, release);
  layout.sheets.forEach((s, i) => writeStatementSheet(statementSheets[i], s, release, plan));
  writeHighlights(highlights, release, layout, plan);
  const status = writeChecks(checks, release, layout, plan);
  writeSummary(summary, release, layout, plan, status);
  return wb;
}

/** The workbook as .xlsx bytes: identical for identical input. */
export async function toXlsxBuffer(release: Release): Promise<Buffer> {
  const wb = toWorkbook(release);
  // Stored, not compressed: the zip is rebuilt with native deflate (see zip.ts).
  const data = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  return deflateStoredZip(Buffer.from(data as ArrayBuffer), workbookDate(release));
}
