import type { Release, StatementKind } from '../../src/model/types';

/** The values, as printed numbers, of the first row matching `label` in the statements of `kind`. */
export function rowValues(r: Release, kind: StatementKind, label: RegExp): (string | null)[] {
  for (const s of r.statements.filter((x) => x.kind === kind)) {
    for (const t of s.tables) {
      const row = t.rows.find((x) => label.test(x.label));
      if (row) return row.cells.map((c) => c?.value?.toString() ?? null);
    }
  }
  throw new Error(`no ${kind} row matching ${label}`);
}
