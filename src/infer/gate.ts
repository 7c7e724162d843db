import { Decimal } from '../model/decimal';
import { InputError } from '../model/errors';
import type { Figure, Gate, Headline, HeadlineFigure, Release, Row, Statement, Table } from '../model/types';
import { daysBetween } from './facts-tie';
import type { Pass } from './index';
import { spanName } from './headline';
import { calendarYears, columnEnd, spanFits } from './locate';

// The checks a briefing passes before it is final. Each headline figure must be the cell of the
// workbook it claims to be — of the headline's period, span, currency and kind — and plausible as
// what it is called: a per-share figure is per-share in magnitude, a prior column is of the same
// scale as the current one, a margin lies within −100%…100%. What fails is refused (the figure or
// its prior is left out) and the reason recorded; a briefing with reasons prints as a DRAFT.

/** A ratio of two figures of one row (or of a figure and the one it stands beside) beyond this is a misread scale. */
const SCALE_GAP = 200;

export function rowOf(release: Release, f: HeadlineFigure, i = 0): Row | null {
  const ref = f.cols[i]?.row ?? f.row;
  return release.statements.find((s) => s.id === ref.statement)?.tables[ref.table]?.rows[ref.row] ?? null;
}

function tableOf(release: Release, f: HeadlineFigure, i: number): Table | null {
  const ref = f.cols[i]?.row ?? f.row;
  return release.statements.find((s) => s.id === ref.statement)?.tables[ref.table] ?? null;
}

/** The cell of a headline figure: `which` of its `i`-th span. */
export function cellOf(release: Release, f: HeadlineFigure, i: number, which: 'now' | 'prior' | 'usd'): Figure | null {
  const at = f.cols[i];
  const col = at?.[which];
  if (!at || col === null || col === undefined) return null;
  return rowOf(release, f, i)?.cells[col] ?? null;
}

/** The figure in units (scale applied). */
export function unitsOf(f: Figure): Decimal {
  return (f.value as Decimal).times(`1e${f.scale}`);
}

/** a ÷ b × 100, or null where either is missing or b is zero. */
export function percentOf(a: Figure | null, b: Figure | null): Decimal | null {
  if (!a?.value || !b?.value || b.value.isZero()) return null;
  return unitsOf(a).div(unitsOf(b)).times(100);
}

/** Margins of the first span shown beside the tiles: operating, net and adjusted net over the top line. */
export const MARGINS: [string, string][] = [['operating', 'Operating margin'], ['net', 'Net margin'], ['adjusted-net', 'Adjusted net margin']];

/** The figure a margin divides: the consolidated net line where reported (as releases compute their net margin), else the headline figure. */
export function marginFigure(h: Headline, role: string): HeadlineFigure | null {
  if (role === 'net') return h.income.find((f) => f.role === 'net-consolidated') ?? h.figures.find((f) => f.role === 'net') ?? null;
  return h.figures.find((f) => f.role === role) ?? null;
}

/** Margins over the top line are a measure of general companies; a landlord's or insurer's release states its own ratios. */
export function hasMargins(h: Headline): boolean {
  return h.sector === 'general';
}

/** A margin's name: an adjusted one as the release names its measure. */
export function marginName(f: HeadlineFigure, name: string): string {
  return f.role === 'adjusted-net' && /^non-gaap/i.test(f.caption) ? 'Non-GAAP net margin' : name;
}

/** A margin a reader can believe: a computed one beyond ±100% says the top line is not revenue. */
export function plausibleMargin(m: Decimal | null): boolean {
  return m !== null && m.abs().lte(100);
}

function far(a: Decimal, b: Decimal): boolean {
  if (a.isZero() || b.isZero()) return false;
  const r = a.div(b).abs();
  return r.gt(SCALE_GAP) || r.lt(new Decimal(1).div(SCALE_GAP));
}

/** A per-share figure that is a share count: a whole number in the thousands, or one that leaves the net income a handful of shares. */
export function looksLikeShares(f: Figure, net: Figure | null): boolean {
  if (!f.value) return false;
  if (f.value.abs().gte(1000) && f.decimals === 0) return true;
  return !!net?.value && !net.value.isZero() && !f.value.isZero() && unitsOf(net).div(f.value).abs().lt(1000);
}

/** Roles whose figure cannot sit near zero: a ratio of its spans or years far from one is a misread unit. */
const TOP_LINE_ROLES = new Set(['revenue', 'nii', 'premiums']);

/**
 * Two figures the reader states in one unit: cells of one table, of one scale and currency. A ratio
 * of their magnitudes is then no evidence of a misread unit (a quarter near break-even beside its year).
 */
function sameUnit(a: Figure, b: Figure, ta: Table | null, tb: Table | null): boolean {
  return !!ta && ta === tb && a.scale === b.scale && a.currency === b.currency;
}

function money(f: Figure): string {
  return f.text.trim();
}

const PER_SHARE_ROLES = new Set(['eps', 'adjusted-eps', 'ffo', 'affo', 'bvps']);

/** Checks one headline figure in place: refuses it (returns false) or its prior, recording why. */
function checkFigure(release: Release, f: HeadlineFigure, reasons: string[], tile: boolean): boolean {
  const h = release.headline!;
  if (!rowOf(release, f)) {
    reasons.push(`${f.caption}: its row is not in the statements`);
    return false;
  }
  const net = h.figures.find((x) => x.role === 'net');
  // A failure in the first span refuses the figure; in a longer span, only that span's column.
  const refuse = (i: number, why: string): boolean => {
    reasons.push(`${f.caption}: ${why}`);
    if (i === 0) return false;
    f.cols[i] = null;
    return true;
  };
  // A top line's span-to-span and year-on-year ratios are bounded; any other line may sit near zero.
  const topLine = TOP_LINE_ROLES.has(f.role);
  for (const [i, at] of f.cols.entries()) {
    const row = rowOf(release, f, i);
    const table = tableOf(release, f, i);
    if (!at || !row || !table) continue;
    const now = row.cells[at.now];
    const col = table.columns[at.now];
    const colEnd = h.end ? columnEnd(col, h.end, calendarYears(release, h.end), table) : null;
    if (!now || now.value === null || !h.end || !colEnd || daysBetween(colEnd, h.end) > 7 || (at.span !== null && !spanFits(col, at.span, h.spans[0] === 12))) {
      if (refuse(i, `not tied to a cell of ${h.end ?? 'the period'}`)) continue;
      return false;
    }
    if (col.currency && release.meta.currency && col.currency !== release.meta.currency && !col.convenience) {
      if (refuse(i, `in ${col.currency}, the statements in ${release.meta.currency}`)) continue;
      return false;
    }
    if ((now.kind === 'per-share' || (tile && PER_SHARE_ROLES.has(f.role))) && looksLikeShares(now, net ? cellOf(release, net, i, 'now') : null)) {
      if (refuse(i, `${money(now)} is a share count, not a per-share figure`)) continue;
      return false;
    }
    if (tile && now.kind === 'amount' && now.value.isZero()) {
      if (refuse(i, 'the current figure is zero')) continue;
      return false;
    }
    // A longer span's figure is of the scale of the quarter's (a half year is not 1,000 quarters).
    const first = i > 0 ? cellOf(release, f, 0, 'now') : null;
    if (first?.value && now.kind === 'amount' && first.kind === 'amount' && (topLine || !sameUnit(now, first, table, tableOf(release, f, 0))) && far(unitsOf(now), unitsOf(first))) {
      if (refuse(i, `${money(now)} (${at.span}M) is read in another unit than ${money(first)} (${f.cols[0]!.span}M)`)) continue;
    }
    const prior = at.prior === null ? null : row.cells[at.prior];
    if (prior?.value && now.kind === 'amount' && prior.kind === 'amount' && !prior.value.isZero() && now.value.isNegative() === prior.value.isNegative() && (topLine || !sameUnit(now, prior, table, table)) && far(unitsOf(now), unitsOf(prior))) {
      reasons.push(`${f.caption}: prior ${money(prior)} is read in another unit than ${money(now)} (left out)`);
      at.prior = null;
    }
  }
  return true;
}

export function gateOf(release: Release): Gate {
  const reasons: string[] = [];
  const m = release.meta;
  const h = release.headline;
  if (!m.company) reasons.push('company not stated');
  if (!m.fiscalPeriod) reasons.push('fiscal period not stated');
  if (!m.periodEnd) reasons.push('period end not stated');
  if (!h) return { passed: !reasons.length, reasons };
  if (m.periodEnd && h.end && daysBetween(m.periodEnd, h.end) > 7) reasons.push(`header period ends ${m.periodEnd}, the figures' column ${h.end}`);
  h.figures = h.figures.filter((f) => checkFigure(release, f, reasons, true));
  // An adjusted figure of another scale than the GAAP one it stands beside is a misread unit.
  h.figures = h.figures.filter((f) => {
    const gaap = f.beside ? h.figures.find((g) => g.role === f.beside) : null;
    const a = cellOf(release, f, 0, 'now');
    const g = gaap ? cellOf(release, gaap, 0, 'now') : null;
    if (a?.value && g?.value && a.kind === 'amount' && far(unitsOf(a), unitsOf(g))) {
      reasons.push(`${f.caption}: ${money(a)} is not of the scale of ${gaap!.caption} ${money(g)}`);
      return false;
    }
    return true;
  });
  // A quarter's release whose statements hold only a longer span: its tiles say their period, and
  // the page is no quarter's briefing until a reader sees that.
  const span = h.spans[0];
  if (m.fiscalQuarter && span && span !== 3 && h.figures.length) {
    const period = spanName(release, span);
    reasons.push(`the statements report ${span === 12 ? 'the full year' : `${span} months`} only; the quarter is not in the tables`);
    for (const f of h.figures) if (!f.caption.endsWith(`(${period})`)) f.caption = `${f.caption} (${period})`;
  }
  // Each tile shows the header's period, or names its own: a year's figure under a quarter's header
  // reads as the quarter's.
  const headerSpan = m.fiscalQuarter ? 3 : /^FY/.test(m.fiscalPeriod ?? '') ? 12 : null;
  for (const f of h.figures) {
    const at = f.cols.find(Boolean);
    if (!at || at.span === null || headerSpan === null || at.span === headerSpan) continue;
    const named = spanName(release, at.span);
    if (!f.caption.includes(named)) reasons.push(`${f.caption}: the header's period is ${m.fiscalPeriod}, the tile's column ${named}`);
  }
  for (const group of [h.income, h.balance, h.cashflow, h.parts]) {
    const kept = group.filter((f) => checkFigure(release, f, reasons, false));
    group.splice(0, group.length, ...kept);
  }
  if (!h.figures.length) reasons.push('no headline figure found in the statements');
  const top = h.figures.find((f) => f.role === 'revenue');
  for (const [role, name] of MARGINS) {
    const f = marginFigure(h, role);
    // A top line evidently the top line makes a margin beyond ±100% real: the page shows it n/m.
    if (!f || !top || !hasMargins(h) || h.topEvident) continue;
    for (const which of ['now', 'prior'] as const) {
      const pct = percentOf(cellOf(release, f, 0, which), cellOf(release, top, 0, which));
      if (pct && !plausibleMargin(pct)) reasons.push(`${marginName(f, name)} ${pct.toFixed(1)}% is outside −100%…100%: ${top.caption} may not be the top line`);
    }
  }
  return { passed: reasons.length === 0, reasons: [...new Set(reasons)] };
}

/**
 * Whether a statement holds no figure but zeros and blanks. Indexed loops rather than nested every()
 * callbacks: this runs once per statement of a release, and each callback made per table and row is
 * an object.
 */
function isBlank(s: Statement): boolean {
  for (let ti = 0; ti < s.tables.length; ti++) {
    const rows = s.tables[ti].rows;
    for (let ri = 0; ri < rows.length; ri++) {
      const cells = rows[ri].cells;
      for (let ci = 0; ci < cells.length; ci++) {
        const c = cells[ci];
        if (c && c.value !== null && !c.value.isZero()) return false;
      }
    }
  }
  return true;
}

/** Statements that hold no figure but zeros and blanks cannot be read; a release of nothing else is refused. */
function degenerate(release: Release): void {
  const blank = release.statements.filter(isBlank);
  for (const s of blank) release.diagnostics.push({ level: 'warning', message: `${s.title || s.id}: every figure is zero or blank`, place: s.place });
  if (release.statements.length && blank.length === release.statements.length) {
    throw new InputError({ file: release.source.file, line: blank[0].place.line, expected: 'statements with figures', found: `every figure of its ${blank.length} statements zero or blank`, exitCode: 1 });
  }
}

export const gatePass: Pass = {
  name: 'gate',
  run(release) {
    degenerate(release);
    release.gate = gateOf(release);
    for (const reason of release.gate.reasons) release.diagnostics.push({ level: 'warning', message: `briefing draft: ${reason}`, check: 'gate' });
  },
};
