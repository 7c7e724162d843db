import { tieSummary } from '../infer/summary';
import { companyText, datesText, NOT_STATED } from '../model/meta-text';
import type { Release } from '../model/types';
import { chart, type Chart } from './chart';
import { currencyMark, formatFigure } from './format';
import { spanHeads } from './heads';
import { labelText } from './labels';
import { balanceSnapshot, cashFlows, chartRows, condensedIncome, displayScale, headlinePeriods, margins, tiles, type Condensed, type MarginRow, type Tile } from './view-figures';
import { balanceTotals, extras, fullIncome, growSteps, keyRowsOf, withoutEmptyGroups, type Extra, type GrowStep, type Growth } from './view-expand';
import { capitalReturn, highlights, outlook, whatMoved, type ProseItem } from './view-prose';

// The briefing's view-model: everything the template prints, already formatted. Sections a
// release lacks are null or empty and the template leaves them out.

export type Paper = 'a4' | 'letter';

/** Sections in the order they are dropped when the page is too full (first dropped first). */
export const DROP_ORDER = ['capitalNotes', 'moved', 'chart', 'ytd', 'cashflow', 'highlights', 'balance', 'margins', 'capital', 'outlook', 'income'] as const;
export type Section = (typeof DROP_ORDER)[number];

export interface BriefingOptions {
  paper?: Paper;
  /** Date printed as the generation date; defaults to the release date so output is reproducible (none when not stated). */
  generated?: string;
  /** Font scale, 1 = the design size; the printer lowers it to fit one page. */
  scale?: number;
  drop?: Section[];
  /** What the page adds while it has room (the printer grows it one step at a time). */
  grow?: Growth;
}

export interface BriefingView {
  paper: Paper;
  pageSize: 'A4' | 'Letter';
  scale: string;
  header: { company: string; tickers: string; period: string | null; periodLine: string; periodEnd: string | null; releaseDate: string | null; dates: string; units: string; headline: string | null };
  tiles: Tile[];
  margins: MarginRow[];
  marginHeads: string[];
  chart: Chart | null;
  income: Condensed | null;
  /** "condensed" for the key lines, "" when every line of the statement is shown. */
  incomeCondensed: boolean;
  balance: Condensed | null;
  cashflow: Condensed | null;
  highlights: ProseItem[];
  outlook: ProseItem[];
  capital: ProseItem[];
  moved: ProseItem[];
  /** Further tables the release reports, in a column beside the others or across the page. */
  extrasLeft: Extra[];
  extrasRight: Extra[];
  extrasWide: Extra[];
  /** The stamp's mark: TIED OUT only when every reported total and every tile ties. */
  stamp: { ok: boolean; mark: string; line: string; facts: string; exceptions: string[] };
  /** Why the page is a draft (the gate's findings); empty when it passed. */
  draft: string[];
  footer: { source: string; units: string; rate: string | null; generated: string | null };
  dropped: string[];
}

function unitsLine(release: Release): string {
  const cur = release.meta.currency;
  const d = displayScale(release);
  const word = d.to === 6 ? 'millions' : d.to === 9 ? 'billions' : 'thousands';
  return cur ? `${cur} ${word}` : `Amounts in ${word}`;
}

/** The steps the printer may grow the page by while it has room, best first. */
export function growthSteps(release: Release): GrowStep[] {
  return growSteps(release, headlinePeriods(release), keyRowsOf(release));
}

export function briefingView(release: Release, opts: BriefingOptions = {}): BriefingView {
  const drop = new Set(opts.drop ?? []);
  const full = headlinePeriods(release);
  const p = drop.has('ytd') ? { ...full, spans: full.spans.slice(0, 1) } : full;
  const spans = drop.has('ytd') ? 1 : undefined;
  const meta = release.meta;
  const cur = meta.currency;
  const summary = tieSummary(release);
  const tiedFacts = release.facts.filter((f) => f.tie);
  const disagree = tiedFacts.filter((f) => f.tie && !f.tie.diff.isZero());
  const failing = summary.exceptions.filter((e) => !e.rounding);
  const rounding = summary.exceptions.length - failing.length;
  const reasons = release.gate?.reasons ?? [];
  // The banner names the first reasons; the JSON's diagnostics hold them all.
  const draft = reasons.length > 4 ? [...reasons.slice(0, 3), `and ${reasons.length - 3} more (the JSON's diagnostics list them)`] : reasons;
  const untied = summary.totalsFound - summary.totalsTied;
  const ok = failing.length === 0 && disagree.length === 0 && untied === 0 && reasons.length === 0;
  // Gaps beyond rounding first: they are what a reader must look at; then where totals are untied.
  const exceptions = [
    ...[...failing, ...summary.exceptions.filter((e) => e.rounding)].slice(0, 3).map((e) => `${e.rounding ? 'within rounding' : 'gap'} \u2014 ${e.text}`),
    ...(untied ? [`untied \u2014 ${summary.untiedRows.slice(0, 3).map((u) => `${labelText(release, u.label)}${u.count > 1 ? ` (${u.count} columns)` : ''}`).join('; ')}${summary.untiedRows.length > 3 ? `; and ${summary.untiedRows.length - 3} more rows` : ''}`] : []),
    ...disagree.slice(0, 3).map((f) => `text says ${f.subject} ${f.text}, table ${f.tie?.tableValue.toString()}`),
  ];
  const rate = release.fx
    ? `${currencyMark(release.fx.base, cur)}${formatFigure(release.fx.rate, { decimals: release.fx.rate.decimalPlaces() })} = ${currencyMark(release.fx.quote, cur)}1.00${release.fx.asOf ? ` (${release.fx.asOf})` : ''}`
    : null;
  const span0 = full.spans[0];
  const end = full.end;
  const grow = opts.grow ?? {};
  const keys = keyRowsOf(release);
  const fuller = grow.income ? fullIncome(release, p, keys, grow.income) : null;
  const more = extras(release, p, keys, grow);
  const pruned = (e: Extra): Extra => ({ ...e, table: withoutEmptyGroups(e.table, p.spans.length) ?? e.table });
  return {
    paper: opts.paper ?? 'a4',
    pageSize: opts.paper === 'letter' ? 'Letter' : 'A4',
    scale: String(opts.scale ?? 1),
    header: {
      company: companyText(meta),
      tickers: meta.tickers.map((t) => `${t.exchange}: ${t.symbol}`).join(' \u00b7 '),
      period: meta.fiscalPeriod,
      periodLine: meta.fiscalPeriod ? `${meta.fiscalPeriod} results` : `Period ${NOT_STATED}`,
      periodEnd: meta.periodEnd,
      releaseDate: meta.releaseDate,
      dates: datesText(meta),
      units: `${unitsLine(release)}; per-share in ${cur ?? 'units'}`,
      headline: meta.headline,
    },
    tiles: tiles(release),
    margins: drop.has('margins') ? [] : margins(release),
    marginHeads: span0 && end ? [...spanHeads(release, { end, spans: [span0], home: null }, false), 'Change'] : [],
    chart: drop.has('chart') ? null : chart(release, p, chartRows(release)),
    income: drop.has('income') ? null : withoutEmptyGroups(fuller ?? condensedIncome(release, spans), p.spans.length),
    incomeCondensed: !fuller,
    balance: drop.has('balance') ? null : (grow.balance ? balanceTotals(release, full) : null) ?? balanceSnapshot(release),
    cashflow: drop.has('cashflow') ? null : withoutEmptyGroups(cashFlows(release, spans), p.spans.length),
    highlights: drop.has('highlights') ? [] : highlights(release),
    outlook: drop.has('outlook') ? [] : outlook(release),
    capital: drop.has('capital') ? [] : capitalReturn(release).map((c) => (drop.has('capitalNotes') ? { ...c, note: null } : c)),
    moved: drop.has('moved') ? [] : whatMoved(release),
    extrasLeft: more.left.map(pruned),
    extrasRight: more.right.map(pruned),
    extrasWide: more.wide.map(pruned),
    stamp: {
      ok,
      mark: ok ? 'TIED OUT' : failing.length || disagree.length ? 'EXCEPTIONS' : untied ? `${untied} UNTIED` : 'DRAFT',
      line: `${summary.totalsTied} of ${summary.totalsFound} reported totals tie \u00b7 ${summary.relations} relations \u00b7 ${failing.length} exceptions${rounding ? ` \u00b7 ${rounding} within the release's rounding` : ''}`,
      // Counts of what the text's figures were matched to, not of what the tables hold: a figure
      // the text restates in other words or rounding may be in a table and still not be matched.
      facts: `Text: ${release.facts.length} figures read \u00b7 ${tiedFacts.length - disagree.length} matched to a table figure and agree \u00b7 ${disagree.length} disagree \u00b7 ${release.facts.length - tiedFacts.length} not matched`,
      exceptions,
    },
    footer: {
      source: `${release.source.file} (${release.source.format})`,
      units: `${unitsLine(release)} unless noted`,
      rate,
      // No date is made up: without a stated release date the footer names none.
      generated: opts.generated ?? meta.releaseDate,
    },
    draft,
    dropped: [...drop],
  };
}
