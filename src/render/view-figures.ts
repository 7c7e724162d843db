import { Decimal } from '../model/decimal';
import type { Figure, Release } from '../model/types';
import { formatFigure } from './format';
import { spanHeads } from './heads';
import { find, periodsOf, ratioDenominator, rowsOf, triple, units, WORDS, type Located, type Periods, type Triple } from './locate';

// The statement figures of the briefing: headline tiles, margins, condensed statements.

export interface Change {
  text: string;
  /** pos / neg / flat: colours the change by its sign. */
  sign: 'pos' | 'neg' | 'flat';
}

export interface Tile {
  caption: string;
  /** The figure with its currency ("RMB4,370.2"); the scale word goes in `unit`, printed smaller. */
  value: string;
  unit: string | null;
  prior: string | null;
  change: Change | null;
  usd: string | null;
}

export interface MarginRow {
  caption: string;
  now: string;
  prior: string | null;
  change: Change | null;
}

export interface StatementLine {
  label: string;
  emphasis: string;
  cells: { text: string; cls: string }[];
}

export interface Condensed {
  heads: string[];
  lines: StatementLine[];
}

/** The display unit for amounts: millions at least, one decimal when the release prints finer. */
export function displayScale(release: Release): { to: number; decimals: number } {
  const scale = release.meta.amountScale ?? 3;
  return scale < 6 ? { to: 6, decimals: 1 } : { to: scale, decimals: 0 };
}

function sign(d: Decimal): Change['sign'] {
  return d.isZero() ? 'flat' : d.isNegative() ? 'neg' : 'pos';
}

/** Change in % of now against prior; n/m when the base is zero or negative. */
export function pctChange(now: Decimal, prior: Decimal | null): Change | null {
  if (!prior) return null;
  if (prior.lte(0)) return { text: 'n/m', sign: 'flat' };
  const pct = now.minus(prior).div(prior).times(100);
  return { text: formatFigure(pct, { decimals: 1, percent: true, sign: true }), sign: sign(pct.toDecimalPlaces(1)) };
}

export interface Key {
  revenue: Located | null;
  operating: Located | null;
  net: Located | null;
  nonGaapNet: Located | null;
  eps: Located | null;
}

/** The briefing's key lines, by relations first and general words second. */
export function keyLines(release: Release, p: Periods): Key {
  const span = p.spans[0] ?? null;
  const denominator = ratioDenominator(release);
  const revenue = (denominator && triple(denominator, p, span) ? denominator : null)
    ?? find(release, p, ['income'], WORDS.revenue, span, WORDS.notRevenue)
    ?? find(release, p, ['income'], WORDS.revenueLoose, span, WORDS.notRevenue);
  const net = find(release, p, ['income'], WORDS.net, span) ?? find(release, p, ['income'], WORDS.netAttributable, span);
  return {
    revenue,
    operating: find(release, p, ['income'], WORDS.operating, span),
    net,
    nonGaapNet: find(release, p, ['non-gaap', 'income', 'other'], WORDS.nonGaapNet, span),
    eps: dilutedEps(release, p, span),
  };
}

/** Diluted earnings per ADS where reported, else per share. */
function dilutedEps(release: Release, p: Periods, span: number | null): Located | null {
  let perAds: Located | null = null;
  let perShare: Located | null = null;
  let header = '';
  for (const loc of rowsOf(release, ['income'])) {
    if (loc.row.emphasis === 'header') header = loc.row.label;
    if (loc.row.kind !== 'per-share' || !WORDS.diluted.test(`${header} ${loc.row.label}`) || !triple(loc, p, span)) continue;
    if (!perAds && WORDS.perAds.test(`${header} ${loc.row.label}`)) perAds = loc;
    if (!perShare) perShare = loc;
  }
  return perAds ?? perShare;
}

/** Prints an amount or per-share figure in the briefing's unit. */
export function money(release: Release, f: Figure | null, withUnit: boolean, currency?: string | null): string | null {
  if (!f || f.value === null) return null;
  // Where the release printed a dash for nothing, its tables on the page print one too.
  if (!withUnit && f.value.isZero() && !/\d/.test(f.text)) return '\u2014';
  const home = release.meta.currency;
  if (f.kind === 'per-share') return formatFigure(f.value, { decimals: f.decimals, currency: withUnit ? currency ?? f.currency : null, home });
  const d = displayScale(release);
  return formatFigure(units(f), { from: 0, to: d.to, decimals: d.decimals, currency: withUnit ? currency ?? f.currency ?? home : null, home, unitWord: withUnit, parens: !withUnit });
}

/** A USD figure: the release's own convenience column, else the stated rate applied. */
function usdOf(release: Release, t: Triple): string | null {
  if (t.usd?.value != null) return money(release, t.usd, true, 'USD');
  const fx = release.fx;
  if (!fx || !t.now?.value || t.now.currency !== fx.base || fx.quote !== 'USD') return null;
  const converted: Figure = { ...t.now, value: t.now.value.div(fx.rate), currency: 'USD' };
  return money(release, converted, true, 'USD');
}

function caption(loc: Located, fallback: string): string {
  const label = loc.row.label.replace(/\s+/g, ' ').trim();
  return label.length <= 30 ? label : fallback;
}

export function tiles(release: Release, p: Periods, key: Key): Tile[] {
  const span = p.spans[0] ?? null;
  const defs: [Located | null, string][] = [
    [key.revenue, 'Revenue'], [key.operating, 'Operating income'], [key.net, 'Net income'],
    [key.nonGaapNet, 'Non-GAAP net income'], [key.eps, 'Diluted EPS'],
  ];
  const out: Tile[] = [];
  for (const [loc, fallback] of defs) {
    if (!loc) continue;
    const t = triple(loc, p, span);
    if (!t?.now?.value) continue;
    const epsCaption = loc === key.eps ? tilesEpsLabel(loc) : null;
    const [value, unit] = (money(release, t.now, true) as string).split(' ');
    out.push({
      caption: epsCaption ?? caption(loc, fallback),
      value,
      unit: unit ?? null,
      prior: money(release, t.prior, true),
      change: pctChange(t.now.value, t.prior?.value ?? null),
      usd: release.meta.currency === 'USD' ? null : usdOf(release, t),
    });
  }
  return out;
}

function ratio(a: Figure | null | undefined, b: Figure | null | undefined): Decimal | null {
  if (!a?.value || !b?.value || b.value.isZero()) return null;
  return units(a).div(units(b)).times(100);
}

export function margins(release: Release, p: Periods, key: Key): MarginRow[] {
  const span = p.spans[0] ?? null;
  const rev = key.revenue ? triple(key.revenue, p, span) : null;
  if (!rev) return [];
  const out: MarginRow[] = [];
  for (const [loc, name] of [[key.operating, 'Operating margin'], [key.net, 'Net margin'], [key.nonGaapNet, 'Non-GAAP net margin']] as const) {
    const t = loc ? triple(loc, p, span) : null;
    const now = ratio(t?.now, rev.now);
    if (!t || !now) continue;
    const prior = ratio(t.prior, rev.prior);
    const bp = prior ? now.toDecimalPlaces(1).minus(prior.toDecimalPlaces(1)).times(100) : null;
    out.push({
      caption: name,
      now: formatFigure(now, { decimals: 1, percent: true }),
      prior: prior ? formatFigure(prior, { decimals: 1, percent: true }) : null,
      change: bp ? { text: formatFigure(bp, { decimals: 0, sign: true, suffix: ' bp' }), sign: sign(bp) } : null,
    });
  }
  return out;
}

function cellsFor(release: Release, loc: Located, p: Periods, withChange: boolean): { text: string; cls: string }[] | null {
  const out: { text: string; cls: string }[] = [];
  let any = false;
  for (const span of p.spans) {
    const t = triple(loc, p, span);
    if (t) any = true;
    out.push({ text: money(release, t?.prior ?? null, false) ?? '', cls: 'num prior' });
    out.push({ text: money(release, t?.now ?? null, false) ?? '', cls: 'num now' });
    if (withChange) {
      const c = t?.now?.value ? pctChange(t.now.value, t.prior?.value ?? null) : null;
      out.push({ text: c?.text ?? '', cls: `num chg ${c?.sign ?? ''}`.trim() });
    }
  }
  return any ? out : null;
}

/** Revenue lines that add up to revenue: the footing's terms, or the subtotals right above it. */
export function revenueParts(release: Release, key: Key): Located[] {
  const rev = key.revenue;
  if (!rev) return [];
  const footing = release.relations.find((r) => r.type === 'footing' && r.total.statement === rev.statement && r.total.table === rev.tableIndex && r.total.row === rev.rowIndex);
  const rows = rev.table.rows;
  if (footing && footing.type === 'footing' && footing.terms.length <= 5 && footing.terms.length > 1) {
    return footing.terms.map((t) => ({ ...rev, row: rows[t.ref.row], rowIndex: t.ref.row }));
  }
  const parts = rows.slice(0, rev.rowIndex).map((row, rowIndex) => ({ ...rev, row, rowIndex })).filter((l) => l.row.emphasis === 'subtotal' && l.row.kind === 'amount');
  return parts.length > 1 && parts.length <= 5 ? parts : [];
}

export function condensedIncome(release: Release, p: Periods, key: Key): Condensed | null {
  if (!key.revenue) return null;
  const span = p.spans[0] ?? null;
  const pick: (Located | null)[] = [
    ...revenueParts(release, key),
    key.revenue,
    find(release, p, ['income'], WORDS.costs, span),
    key.operating,
    find(release, p, ['income'], WORDS.pretax, span),
    find(release, p, ['income'], WORDS.tax, span, /deferred|payable/i),
    key.net,
    key.net && WORDS.net.test(key.net.row.label) ? find(release, p, ['income'], WORDS.netAttributable, span) : null,
    key.eps,
  ];
  const seen = new Set<string>();
  const lines: StatementLine[] = [];
  for (const loc of pick) {
    if (!loc) continue;
    const id = `${loc.statement}/${loc.tableIndex}/${loc.rowIndex}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const cells = cellsFor(release, loc, p, true);
    if (!cells) continue;
    const total = loc === key.revenue || loc === key.operating || loc === key.net;
    lines.push({ label: loc === key.eps ? tilesEpsLabel(loc) : loc.row.label, emphasis: total ? 'total' : 'item', cells });
  }
  return lines.length ? { heads: spanHeads(release, p, true), lines } : null;
}

function tilesEpsLabel(loc: Located): string {
  const header = [...loc.table.rows.slice(0, loc.rowIndex)].reverse().find((r) => r.emphasis === 'header');
  return header && WORDS.perAds.test(header.label) ? `Diluted EPS per ADS` : `Diluted EPS`;
}

export function balanceSnapshot(release: Release, p: Periods): Condensed | null {
  const kinds = ['balance-sheet'] as const;
  const pick = [
    find(release, p, [...kinds], WORDS.cash, null),
    find(release, p, [...kinds], WORDS.totalAssets, null),
    find(release, p, [...kinds], WORDS.totalLiabilities, null),
    find(release, p, [...kinds], WORDS.equity, null) ?? find(release, p, [...kinds], WORDS.equityLoose, null, WORDS.notLiabEquity),
  ];
  const lines: StatementLine[] = [];
  let heads: string[] = [];
  for (const loc of pick) {
    if (!loc) continue;
    const t = triple(loc, p, null);
    if (!t) continue;
    if (!heads.length) {
      const priorCol = loc.table.columns[loc.row.cells.indexOf(t.prior as Figure)];
      heads = [priorCol?.period?.label ?? '', t.label ?? '', 'Change'];
    }
    const c = t.now?.value ? pctChange(t.now.value, t.prior?.value ?? null) : null;
    lines.push({
      label: loc.row.label,
      emphasis: /^total/i.test(loc.row.label) ? 'total' : 'item',
      cells: [
        { text: money(release, t.prior, false) ?? '', cls: 'num prior' },
        { text: money(release, t.now, false) ?? '', cls: 'num now' },
        { text: c?.text ?? '', cls: `num chg ${c?.sign ?? ''}`.trim() },
      ],
    });
  }
  return lines.length ? { heads, lines } : null;
}

export function cashFlows(release: Release, p: Periods): Condensed | null {
  const lines: StatementLine[] = [];
  for (const activity of ['Operating', 'Investing', 'Financing']) {
    // The net line of the activity ("Net cash provided by …", "Cash used in …") before any other line
    // that names it; never an "Other … activities" item.
    const search = (re: RegExp) => find(release, p, ['cash-flow'], re, p.spans[0] ?? null, /^other\b/i) ?? find(release, p, ['cash-flow'], re, p.spans[1] ?? null, /^other\b/i);
    const net = search(new RegExp(`^(?:net )?cash\\b.*\\b${activity} activities\\b`, 'i'));
    const loc = net ?? search(new RegExp(`\\b${activity} activities\\b`, 'i'));
    if (!loc) continue;
    const cells = cellsFor(release, loc, p, false);
    // "Net cash provided by (used in) operating activities" does not fit beside four periods: under
    // the block's title the activity names its net line, and the figure's sign says provided or used.
    if (cells) lines.push({ label: net ? `${activity} activities` : loc.row.label, emphasis: 'item', cells });
  }
  return lines.length ? { heads: spanHeads(release, p, false), lines } : null;
}

export { periodsOf };
