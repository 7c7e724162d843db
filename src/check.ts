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
  for (const s of release.statements) {
    kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
    tables += s.tables.length;
    for (const t of s.tables) for (const r of t.rows) for (const c of r.cells) if (c && c.value !== null) figures++;
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
