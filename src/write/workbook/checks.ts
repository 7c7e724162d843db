import type { Sheet } from '../xlsx/sheet';
import { Decimal, roundTo } from '../../model/decimal';
import { cellRef, statementById } from '../../model/refs';
import type { CellRef, Footing, ProseFact, Release } from '../../model/types';
import { figureAt, scaleFactorText, type CellFormula, type FormulaPlan } from './formulas';
import { findEpsChecks, type EpsCheck } from './eps';
import { claimsLabel, findIdentities } from './identity';
import { addressOf, placeText, refText, CHECKS, type Address, type Layout } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, figureStyle, font, look, numberFormat, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { pow10, sheetDecimals, sheetScale, sheetValue, toNumber } from './values';

// The proof: one row per inferred relation and column (reported − recomputed), the balance-sheet
// identity, the prose figures that restate table figures, and the totals nothing ties. The counts
// at the top are formulas over the difference column, so the sheet proves itself when recalculated.

/** Cells the Summary sheet reads. */
export const CHECK_COUNT = 'B3';
export const CHECK_PASSING = 'B4';
export const CHECK_ROUNDING = 'B5';
export const CHECK_FAILING = 'B6';
export const CHECK_UNTIED = 'B7';
const HEADER_ROW = 9;
const COLS = ['#', 'Check', 'What', 'Where', 'Reported', 'Recomputed', 'Difference', 'Source', 'Tolerance', 'Status'];
/** Status texts: zero; within the rounding of the figures involved; beyond. */
export const STATUS = { ties: 'ties', rounding: 'within rounding', fails: 'fails' } as const;

export function statusOf(diff: Decimal, tolerance: Decimal): string {
  if (diff.isZero()) return STATUS.ties;
  return diff.abs().lte(tolerance) ? STATUS.rounding : STATUS.fails;
}

interface Operand {
  formula: string | null;
  value: Decimal;
  /** Typed constants are blue; formulas reading other sheets green. */
  origin: 'typed' | 'link' | 'formula';
}

export interface CheckLine {
  kind: string;
  what: string;
  /** The cell checked, as a structure: a sheet's name may hold any character, '!' included. */
  where: Address;
  reported: Operand;
  recomputed: Operand;
  /** Decimals the difference is rounded to: the printed precision, which also clears binary noise. */
  decimals: number;
  /**
   * The largest difference rounding explains: one unit of the last printed digit, or for a sum,
   * half a unit for each figure it adds and for the total (the bound the footing itself holds to).
   */
  tolerance: Decimal;
  format: string;
  diff: Decimal;
  line: number | null;
}

export interface UntiedLine {
  what: string;
  /** The cell checked, as a structure: a sheet's name may hold any character, '!' included. */
  where: Address;
  reported: Operand;
  recomputed: Operand | null;
  gap: Decimal | null;
  reason: string;
  format: string;
  line: number;
  /** A total a tying footing takes as a term but whose own lines are not printed: neither tied nor untied. */
  inconclusive: boolean;
}

function labelOf(release: Release, ref: CellRef): string {
  const st = statementById(release, ref.statement);
  return st?.tables[ref.table]?.rows[ref.row]?.label ?? '';
}

/** The column a cell sits in, as an analyst names it: "3M Sep-30-2024 USD". */
function columnLabel(release: Release, ref: CellRef): string {
  const st = statementById(release, ref.statement);
  const col = st?.tables[ref.table]?.columns[ref.col];
  return [col?.period?.label, col?.currency].filter(Boolean).join(' ') || `column ${ref.col + 1}`;
}

/**
 * The check a relation gets: the printed figure against what the relation computes. A relation
 * written into its statement is read from there; one that holds only within rounding was kept
 * out of the statement and is computed here (`f` was built for this sheet).
 */
function relationCheck(release: Release, layout: Layout, f: CellFormula, written: boolean): CheckLine {
  const fig = figureAt(release, f.target)!;
  const addr = addressOf(layout, f.target)!;
  const expr = written ? refText(addr, CHECKS) : f.formula;
  const decimals = sheetDecimals(fig);
  const reported = sheetValue(fig)!;
  // A ratio or change is kept unrounded in its sheet; the check compares it at the printed precision.
  const recomputed: Operand = f.kind === 'ratio' || f.kind === 'change'
    ? { formula: `ROUND(${expr},${decimals})`, value: roundTo(f.result, decimals), origin: 'link' }
    : { formula: expr, value: f.result, origin: 'link' };
  const diff = roundTo(reported.minus(recomputed.value), decimals);
  const what = `${labelOf(release, f.target)} (${columnLabel(release, f.target)})`;
  const unit = pow10(-decimals);
  const terms = f.kind === 'footing' ? (f.relation as Footing).terms.length : 0;
  return {
    kind: f.kind,
    what,
    where: addr,
    reported: { formula: null, value: reported, origin: 'typed' },
    recomputed,
    decimals,
    tolerance: terms > 1 ? Decimal.max(unit, unit.times(terms + 1).div(2)) : unit,
    format: figureFormat(fig),
    diff,
    line: fig.place.line,
  };
}

/** The prose figure against the table figure it restates, at the prose's precision. */
function narrativeCheck(release: Release, layout: Layout, plan: FormulaPlan, fact: ProseFact): CheckLine | null {
  const tie = fact.tie!;
  const fig = figureAt(release, tie.ref);
  const addr = addressOf(layout, tie.ref);
  const value = plan.valueOf(tie.ref);
  if (!fig || !addr || value === null) return null;
  // The cell holds its figure in units of 10^sheetScale; the text states it in units of
  // 10^fact.scale. Percents are fractions in the sheet; a fact may count them as points.
  const candidates = [sheetScale(fig) - fact.scale];
  if (fig.kind === 'percent') candidates.push(2);
  const shift = candidates.find((s) => roundTo(value.times(pow10(s)), fact.decimals).eq(tie.tableValue)) ?? candidates[0];
  const factor = shift === 0 ? '' : shift > 0 ? `*${pow10(shift).toString()}` : `/${pow10(-shift).toString()}`;
  const recomputed = roundTo(value.times(pow10(shift)), fact.decimals);
  return {
    kind: 'narrative',
    what: `${fact.subject}: “${fact.text}”`,
    where: addr,
    reported: { formula: null, value: fact.value, origin: 'typed' },
    recomputed: { formula: `ROUND(${refText(addr, CHECKS)}${factor},${fact.decimals})`, value: recomputed, origin: 'link' },
    decimals: fact.decimals,
    tolerance: pow10(-fact.decimals),
    format: numberFormat('number', fact.decimals),
    diff: roundTo(fact.value.minus(recomputed), fact.decimals),
    line: fact.place.line,
  };
}

/**
 * The printed earnings per share against net income ÷ weighted average shares, rounded as the
 * release rounds it. Cells hold amounts and counts in their printed units (millions, thousands):
 * one factor carries the quotient to units of currency per share.
 */
function epsLine(release: Release, layout: Layout, plan: FormulaPlan, e: EpsCheck, col: number): CheckLine {
  const [eps, income, shares] = [e.eps, e.income, e.shares].map((r) => cellRef(r, col));
  const fe = figureAt(release, eps)!;
  const [from, to] = [sheetScale(figureAt(release, income)!), sheetScale(figureAt(release, shares)!)];
  const shift = from - to;
  const factor = scaleFactorText(from, to);
  const decimals = sheetDecimals(fe);
  const reported = plan.valueOf(eps)!;
  const value = roundTo(plan.valueOf(income)!.times(pow10(shift)).div(plan.valueOf(shares)!), decimals);
  const at = (ref: CellRef) => refText(addressOf(layout, ref)!, CHECKS);
  return {
    kind: 'eps',
    what: `${labelOf(release, eps)} = ${labelOf(release, income)} ÷ ${labelOf(release, shares)} (${columnLabel(release, eps)})`,
    where: addressOf(layout, eps)!,
    reported: { formula: at(eps), value: reported, origin: 'link' },
    recomputed: { formula: `ROUND(${at(income)}${factor}/${at(shares)},${decimals})`, value, origin: 'link' },
    decimals,
    tolerance: pow10(-decimals),
    format: figureFormat(fe),
    diff: roundTo(reported.minus(value), decimals),
    line: fe.place.line,
  };
}

export function checkLines(release: Release, layout: Layout, plan: FormulaPlan): { checks: CheckLine[]; untied: UntiedLine[] } {
  const checks: CheckLine[] = [];
  for (const f of plan.cells.values()) checks.push(relationCheck(release, layout, f, true));
  for (const f of plan.checkOnly) checks.push(relationCheck(release, layout, f, false));
  // Reading order: statement sheets in order, then row, then column.
  const order = new Map(layout.sheets.map((s, i) => [s.name, i]));
  const sheetAt = (w: Address) => order.get(w.sheet) ?? 99;
  checks.sort((a, b) => sheetAt(a.where) - sheetAt(b.where) || a.where.row - b.where.row || a.where.col - b.where.col);

  for (const id of findIdentities(release)) {
    const claims = statementById(release, id.claims.statement)?.tables[id.claims.table]?.rows[id.claims.row];
    id.columns.forEach((col, k) => {
      const a = cellRef(id.assets, col);
      const b = cellRef(id.claims, id.claimColumns[k]);
      const fa = figureAt(release, a)!;
      const va = plan.valueOf(a)!;
      const vb = plan.valueOf(b) ?? new Decimal(0);
      const decimals = sheetDecimals(fa);
      checks.push({
        kind: 'balance',
        what: `${labelOf(release, a)} − ${claimsLabel(claims)} (${columnLabel(release, a)})`,
        where: addressOf(layout, a)!,
        reported: { formula: refText(addressOf(layout, a)!, CHECKS), value: va, origin: 'link' },
        recomputed: { formula: refText(addressOf(layout, b)!, CHECKS), value: vb, origin: 'link' },
        decimals,
        tolerance: pow10(-decimals),
        format: figureFormat(fa),
        diff: roundTo(va.minus(vb), decimals),
        line: fa.place.line,
      });
    });
  }

  for (const e of findEpsChecks(release)) for (const col of e.columns) checks.push(epsLine(release, layout, plan, e, col));

  for (const fact of release.facts ?? []) {
    if (!fact.tie) continue;
    const c = narrativeCheck(release, layout, plan, fact);
    if (c) checks.push(c);
  }

  const untied: UntiedLine[] = [];
  for (const u of release.untied) {
    const ref = cellRef(u.ref, u.col);
    const fig = figureAt(release, ref);
    const addr = addressOf(layout, ref);
    if (!fig || fig.value === null || !addr) continue;
    // Where a footing was tried on this column, show what its terms give and the gap.
    const tried = release.relations.find((r): r is Footing => r.type === 'footing' && r.total.statement === ref.statement && r.total.table === ref.table && r.total.row === ref.row && r.residuals.some((x) => x.col === u.col));
    let recomputed: Operand | null = null;
    let gap: Decimal | null = null;
    if (tried) {
      let v = new Decimal(0);
      const parts = tried.terms.map((t, i) => {
        const tr = cellRef(t.ref, u.col);
        const tv = plan.valueOf(tr) ?? new Decimal(0);
        v = t.sign === 1 ? v.plus(tv) : v.minus(tv);
        const text = refText(addressOf(layout, tr)!, CHECKS);
        return t.sign === -1 ? `-${text}` : i ? `+${text}` : text;
      });
      recomputed = { formula: parts.join(''), value: v, origin: 'link' };
      gap = sheetValue(fig)!.minus(v);
    }
    // The footing pass may state the gap to the nearest candidate sum without its terms.
    const stated = (u as { gap?: Decimal }).gap;
    if (gap === null && stated) gap = stated;
    untied.push({
      what: labelOf(release, ref),
      where: addr,
      reported: { formula: refText(addr, CHECKS), value: plan.valueOf(ref)!, origin: 'link' },
      recomputed,
      gap,
      reason: u.reason,
      format: figureFormat(fig),
      line: fig.place.line,
      inconclusive: !!u.partOf,
    });
  }
  return { checks, untied };
}

function put(ws: Sheet, row: number, col: number, op: Operand, format: string): void {
  const value = op.formula === null ? toNumber(op.value) : { formula: op.formula, result: toNumber(op.value) };
  ws.set(row, col, value, figureStyle(format, op.origin));
}

export interface CheckStatus {
  checks: number;
  passing: number;
  rounding: number;
  failing: number;
  untied: number;
}

export function writeChecks(ws: Sheet, release: Release, layout: Layout, plan: FormulaPlan): CheckStatus {
  const { checks, untied } = checkLines(release, layout, plan);
  ws.set(1, 1, 'Checks: reported − recomputed, zero when the figure ties', look({ font: TITLE_FONT }));
  const first = HEADER_ROW + 1;
  const last = Math.max(first, HEADER_ROW + checks.length);
  const statuses = checks.map((c) => statusOf(c.diff, c.tolerance));
  const n = (st: string) => statuses.filter((x) => x === st).length;
  const counts: [string, string, string | null, number][] = [
    ['Checks', CHECK_COUNT, `COUNT(G${first}:G${last})`, checks.length],
    ['Tie exactly', CHECK_PASSING, `COUNTIF(G${first}:G${last},0)`, n(STATUS.ties)],
    ['Within rounding', CHECK_ROUNDING, `COUNTIF(J${first}:J${last},"${STATUS.rounding}")`, n(STATUS.rounding)],
    ['Failing', CHECK_FAILING, `COUNTIF(J${first}:J${last},"${STATUS.fails}")`, n(STATUS.fails)],
    ['Untied totals (kept as reported)', CHECK_UNTIED, null, untied.filter((u) => !u.inconclusive).length],
  ];
  const bold = look({ font: BOLD_FONT });
  const heading = look({ font: BOLD_FONT, border: BOTTOM_BORDER });
  const text = look({ font: TEXT_FONT });
  for (const [label, at, formula, value] of counts) {
    // The count cells (CHECK_COUNT and the others) sit in column B.
    const row = Number(at.slice(1));
    ws.set(row, 1, label, bold);
    ws.set(row, 2, formula ? { formula, result: value } : value, figureStyle('#,##0', formula ? 'formula' : 'typed', true));
  }
  // The figures the text states, counted apart: those that tie to a table figure, those that
  // disagree with the table line they restate, and those no table holds.
  const facts = release.facts ?? [];
  const narrative = checks.filter((c) => c.kind === 'narrative');
  const disagree = narrative.filter((c) => !c.diff.isZero()).length;
  const textCounts: [string, string | null, number][] = [
    ['Figures stated in the text', null, facts.length],
    ['Tie to the tables', `COUNTIFS(B${first}:B${last},"narrative",G${first}:G${last},0)`, narrative.length - disagree],
    ['Disagree with the tables', `COUNTIFS(B${first}:B${last},"narrative",G${first}:G${last},"<>0")`, disagree],
    ['Not in the tables', null, facts.length - narrative.length],
  ];
  textCounts.forEach(([label, formula, value], k) => {
    ws.set(3 + k, 4, label, bold);
    ws.set(3 + k, 5, formula ? { formula, result: value } : value, figureStyle('#,##0', formula ? 'formula' : 'typed', true));
  });
  COLS.forEach((h, i) => ws.set(HEADER_ROW, i + 1, h, heading));
  const statusStyle = look({ font: font('formula') });
  const tolerance = look({ numFmt: 'General', font: TEXT_FONT });
  checks.forEach((chk, i) => {
    const y = first + i;
    ws.set(y, 1, i + 1, text);
    ws.set(y, 2, chk.kind, text);
    ws.set(y, 3, chk.what, text);
    ws.set(y, 4, placeText(chk.where), text);
    put(ws, y, 5, chk.reported, chk.format);
    put(ws, y, 6, chk.recomputed, chk.format);
    ws.set(y, 7, { formula: `ROUND(E${y}-F${y},${chk.decimals})`, result: toNumber(chk.diff) }, figureStyle(chk.format, 'formula'));
    ws.set(y, 8, chk.line === null ? '' : sourceText(chk.line), text);
    ws.set(y, 9, toNumber(chk.tolerance), tolerance);
    ws.set(y, 10, { formula: `IF(G${y}=0,"${STATUS.ties}",IF(ABS(G${y})<=I${y},"${STATUS.rounding}","${STATUS.fails}"))`, result: statuses[i] }, statusStyle);
  });
  if (checks.length) {
    ws.conditionalFormat(`G${first}:G${last}`, [
      { operator: 'equal', formula: '0', style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }, font: { color: { argb: 'FF006100' } } } },
      { operator: 'notEqual', formula: '0', style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } } },
    ]);
  }

  // Untied totals below the checks: not counted as checks, listed with their gap where known.
  let y = last + 3;
  ws.set(y, 1, 'Untied totals: reported constants no relation recomputes (inconclusive: a larger total vouches for the figure, its lines are not printed)', look({ font: TITLE_FONT }));
  y++;
  ['#', 'Kind', 'What', 'Where', 'Reported', 'Terms give', 'Gap', 'Source', 'Why'].forEach((h, i) => ws.set(y, i + 1, h, heading));
  untied.forEach((u, i) => {
    y++;
    ws.set(y, 1, i + 1);
    ws.set(y, 2, u.inconclusive ? 'inconclusive' : 'untied');
    ws.set(y, 3, u.what);
    ws.set(y, 4, placeText(u.where));
    put(ws, y, 5, u.reported, u.format);
    if (u.recomputed) {
      put(ws, y, 6, u.recomputed, u.format);
      ws.set(y, 7, { formula: `E${y}-F${y}`, result: toNumber(u.gap!) }, figureStyle(u.format, 'formula'));
    } else if (u.gap) {
      put(ws, y, 7, { formula: null, value: u.gap, origin: 'typed' }, u.format);
    }
    ws.set(y, 8, sourceText(u.line));
    ws.set(y, 9, u.reason);
  });
  if (!untied.length) ws.set(y + 1, 3, 'None: every reported total is recomputed by a formula or is an item.');

  [5, 10, 60, 24, 14, 14, 12, 10, 10, 16].forEach((w, i) => ws.width(i + 1, w));
  ws.freeze(0, HEADER_ROW);
  ws.page = printSetup();
  return { checks: checks.length, passing: n(STATUS.ties), rounding: n(STATUS.rounding), failing: n(STATUS.fails), untied: untied.filter((u) => !u.inconclusive).length };
}
