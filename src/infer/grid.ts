import { Decimal } from '../model/decimal';
import { cellKey, statementById } from '../model/refs';
import type { CellRef, Column, Figure, Release, Row, RowRef, Statement, Table, ValueKind } from '../model/types';

// Shared arithmetic of the passes: a cell's value in units of currency or shares, the rounding
// unit its printing implies, and which cells some relation already defines. Every pass reads
// figures through here so that footings, links, conversions and ratios agree on what "equal" means.

const TEN = new Decimal(10);
const POWERS = new Map<number, Decimal>();

/** 10^n, computed once per exponent: every figure of a release needs one of a handful. */
export function pow10(n: number): Decimal {
  let p = POWERS.get(n);
  if (!p) { p = TEN.pow(n); POWERS.set(n, p); }
  return p;
}

/** A printed figure in absolute units (value × 10^scale) with one unit of its last printed digit. */
export interface Amount {
  value: Decimal;
  unit: Decimal;
}

const ZERO = new Decimal(0);
const DIGIT = /\d/;

/**
 * The figure of a row in a column as an absolute amount, when it is a number of the given kind. A
 * dash ("—", "-") is an exact nothing, not a figure rounded to the column's units: it carries no
 * rounding, or a sum of dashes in a table of millions could absorb a gap of millions.
 */
export function amountOf(fig: Figure | null | undefined, kind?: ValueKind): Amount | null {
  if (!fig || fig.value === null) return null;
  if (kind && fig.kind !== kind) return null;
  return {
    value: fig.scale === 0 ? fig.value : fig.value.times(pow10(fig.scale)),
    unit: fig.value.isZero() && !DIGIT.test(fig.text) ? ZERO : pow10(fig.scale - fig.decimals),
  };
}


export function rowAt(release: Release, ref: RowRef): Row | undefined {
  return statementById(release, ref.statement)?.tables[ref.table]?.rows[ref.row];
}

export function figureAt(release: Release, ref: CellRef): Figure | null {
  return rowAt(release, ref)?.cells[ref.col] ?? null;
}

/** Every cell some relation already defines; each figure is typed or defined exactly once. */
export function definedCells(release: Release): Set<string> {
  const out = new Set<string>();
  // Indexed loops: the CLI leaves most code unoptimized (bin/tieout.js), and there every step of a
  // for-of makes an object; several passes call this over every relation of the release.
  for (let r = 0; r < release.relations.length; r++) {
    const rel = release.relations[r];
    if (rel.type === 'footing') for (let c = 0; c < rel.columns.length; c++) out.add(cellKey(rel.total, rel.columns[c]));
    else out.add(cellKey(rel.target, rel.target.col));
  }
  return out;
}

/** Drops the untied entries of cells a later pass has defined after all; once per pass, not per cell. */
export function dropDefinedUntied(release: Release, defined: Set<string>): void {
  release.untied = release.untied.filter((u) => !defined.has(cellKey(u.ref, u.col)));
}

// A signature's parts, joined as cellKey's are (see there). String() spells null and undefined as
// a template does, where join would leave them empty.
const PERIOD_PARTS: string[] = ['', '', '', '', '', '', '', ''];
const HEADER_PARTS: string[] = ['', '', '', ''];

/** A column's identity across tables: same period, currency and convenience flag. */
export function columnSignature(col: Column): string {
  const p = col.period;
  const parts = p ? PERIOD_PARTS : HEADER_PARTS;
  if (p) {
    parts[0] = String(p.end);
    parts[1] = String(p.months);
    parts[2] = String(p.weeks);
    parts[3] = String(p.instant);
    parts[4] = String(p.fiscalYear);
  } else parts[0] = `#${col.header.join(' ')}`;
  parts[parts.length - 3] = String(col.currency);
  parts[parts.length - 2] = String(col.convenience);
  parts[parts.length - 1] = String(col.kind);
  return parts.join('|');
}

export interface TableAt {
  statement: Statement;
  table: Table;
  index: number;
}

export function allTables(release: Release): TableAt[] {
  // Loops, not flatMap: that made an array and a closure per statement, and most statements hold one table.
  const out: TableAt[] = [];
  for (let s = 0; s < release.statements.length; s++) {
    const statement = release.statements[s];
    for (let index = 0; index < statement.tables.length; index++) out.push({ statement, table: statement.tables[index], index });
  }
  return out;
}

/** Whether a row's figures in the given columns are all zero or blank. */
export function isBlankOrZero(row: Row, kind: ValueKind): boolean {
  return row.cells.every((c) => !c || c.value === null || c.kind !== kind || c.value.isZero());
}
