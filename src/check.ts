import { infer } from './infer';
import { tieSummary } from './infer/summary';
import type { Release, StatementKind } from './model/types';
import { readFile, type ReadOptions } from './read';

export interface CheckRow {
  input: string;
  ok: boolean;
  format: string;
  kinds: Partial<Record<StatementKind, number>>;
  tables: number;
  figures: number;
  totalsTied: number;
  totalsFound: number;
  diagnostics: { error: number; warning: number; info: number };
  error?: string;
  /** For a document not read: the exit code its error calls for (2 unreadable, 1 no usable table). */
  exitCode?: 1 | 2;
  ms: number;
}

export const KIND_CODES: Record<StatementKind, string> = {
  'balance-sheet': 'BS',
  income: 'IS',
  'cash-flow': 'CF',
  'comprehensive-income': 'CI',
  'non-gaap': 'NG',
  other: 'OT',
};

export function summarize(input: string, release: Release, ms: number): CheckRow {
  const kinds: Partial<Record<StatementKind, number>> = {};
  let tables = 0;
  let figures = 0;
  // Indexed loops: they run once per release, and a for-of loop that runs once is not optimized and
  // makes an iterator result per step.
  for (let si = 0; si < release.statements.length; si++) {
    const s = release.statements[si];
    kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
    tables += s.tables.length;
    for (let ti = 0; ti < s.tables.length; ti++) {
      const rows = s.tables[ti].rows;
      for (let ri = 0; ri < rows.length; ri++) {
        const cells = rows[ri].cells;
        for (let ci = 0; ci < cells.length; ci++) if (cells[ci] && cells[ci]!.value !== null) figures++;
      }
    }
  }
  const tie = tieSummary(release);
  const diagnostics = { error: 0, warning: 0, info: 0 };
  for (const d of release.diagnostics) diagnostics[d.level]++;
  return { input, ok: true, format: release.source.format, kinds, tables, figures, totalsTied: tie.totalsTied, totalsFound: tie.totalsFound, diagnostics, ms };
}

/** Reads and infers one release without writing anything, for `tieout check`. */
export async function checkOne(input: string, opts: ReadOptions = {}): Promise<CheckRow> {
  const t0 = performance.now();
  const release = infer(await readFile(input, opts));
  return summarize(input, release, performance.now() - t0);
}

export function formatKinds(kinds: Partial<Record<StatementKind, number>>): string {
  return (Object.keys(KIND_CODES) as StatementKind[])
    .filter((k) => kinds[k])
    .map((k) => `${KIND_CODES[k]}${kinds[k]! > 1 ? `×${kinds[k]}` : ''}`)
    .join(',') || '-';
}

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}\u2026` : s.padEnd(n));

/** Width of the document column for a set of file names. */
export function nameWidth(names: string[]): number {
  return Math.min(48, Math.max(8, ...names.map((n) => n.length)));
}

export function checkHeader(width: number): string {
  return `${pad('document', width)}  ${pad('format', 9)} ${pad('statements', 26)} ${'tables'.padStart(6)} ${'figures'.padStart(7)} ${'tied/totals'.padStart(12)}  diagnostics`;
}

/** One document's line of `tieout check`. */
export function checkLine(row: CheckRow, name: string, width: number): string {
  if (!row.ok) return `${pad(name, width)}  NOT READ: ${row.error}`;
  const d = row.diagnostics;
  return `${pad(name, width)}  ${pad(row.format, 9)} ${pad(formatKinds(row.kinds), 26)} ${String(row.tables).padStart(6)} ${String(row.figures).padStart(7)} ${`${row.totalsTied}/${row.totalsFound}`.padStart(12)}  ${d.error}E ${d.warning}W ${d.info}I`;
}

export function checkSummary(rows: CheckRow[]): string {
  const read = rows.filter((r) => r.ok);
  const tied = read.reduce((a, r) => a + r.totalsTied, 0);
  const found = read.reduce((a, r) => a + r.totalsFound, 0);
  const pct = found ? ((100 * tied) / found).toFixed(1) : '0.0';
  return `${read.length} of ${rows.length} documents read; ${read.reduce((a, r) => a + r.figures, 0)} figures; totals tied ${tied}/${found} (${pct}%)`;
}

/** A document the readers refused, as a row of the report. */
export function refusedRow(input: string, error: string, exitCode: 1 | 2 = 1): CheckRow {
  return { input, ok: false, format: '-', kinds: {}, tables: 0, figures: 0, totalsTied: 0, totalsFound: 0, diagnostics: { error: 1, warning: 0, info: 0 }, error, exitCode, ms: 0 };
}
