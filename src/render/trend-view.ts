import type { Decimal } from '../model/decimal';
import type { LineItem, SeriesModel } from '../series/types';
import { mainMeasures } from '../series/measures';
import { analysisLines, previousQuarter, type AnalysisLine } from '../write/workbook/series-analysis';
import type { ModelCell, ModelColumn, ModelPlan } from '../write/workbook/series-cells';
import { checkSummary } from '../write/workbook/series-checks';
import { guidanceRows, type GuidanceRow } from '../write/workbook/series-guidance';
import { carriedDecimals, formatFigure } from './format';
import type { Paper } from './view';

// The company model's trend page as data for templates/trend.hbs: the last eight quarters of
// revenue, operating income and net income, their margins, and the latest quarter against a year
// earlier and the quarter before. Every figure is a cell of the model workbook (its plan is passed
// in), so the page and the workbook cannot disagree; the page is a draft, saying why, where the
// model's checks fail or find nothing, or a quarter of the eight has no figure.

export const TREND_QUARTERS = 8;

export interface TrendOptions {
  paper?: Paper;
  scale?: number;
}

interface Bar { x: number; y: number; w: number; h: number; cls: string }
interface Cell { text: string; cls: string }
interface Change { text: string; sign: 'pos' | 'neg' | 'flat' }

export interface TrendView {
  paper: Paper;
  pageSize: 'A4' | 'Letter';
  scale: number;
  header: { company: string; tickers: string; periodLine: string; dates: string; units: string };
  draft: string[];
  chart: { width: number; height: number; zeroY: number; bars: Bar[]; labels: { x: number; y: number; text: string; derived: boolean }[]; legend: { x: number; cls: string; text: string }[]; legendY: number } | null;
  quarters: { heads: Cell[]; rows: { label: string; cls: string; cells: Cell[] }[] };
  latest: { title: string; note: string | null; heads: string[]; rows: { label: string; now: string; yearAgo: string; yoy: Change | null; prior: string; qoq: Change | null }[] } | null;
  guidance: string[];
  outlook: string[];
  stamp: { ok: boolean; mark: string; line: string };
  footer: { source: string; units: string; rate: null; generated: string | null };
}

const SCALE_WORD: Record<number, string> = { 0: '', 3: 'thousands', 6: 'millions', 9: 'billions' };
const SCALE_UNIT: Record<number, string> = { 3: 'thousand', 6: 'million', 9: 'billion', 12: 'trillion' };
const NAMES = { revenue: 'Revenue', operating: 'Operating income', net: 'Net income' } as const;

/**
 * A growth cell of the workbook as the page prints it, coloured by which way the line moved: a loss
 * that deepens is a rise in magnitude but a fall in value. Blank cells are n/m (a zero base or a
 * change of sign), as releases print it.
 */
function changeOf(line: AnalysisLine | undefined, col: number, now: Decimal, then: Decimal): Change {
  const c = line?.cells.find((x) => x.col === col);
  if (!c) return { text: 'n/m', sign: 'flat' };
  const pct = c.value.times(100);
  const moved = now.minus(then);
  return { text: formatFigure(pct, { decimals: 1, percent: true, sign: true }), sign: pct.toDecimalPlaces(1).isZero() || moved.isZero() ? 'flat' : moved.isNegative() ? 'neg' : 'pos' };
}

/** The last eight quarter columns, ending at the quarter the latest release reports. */
export function trendQuarters(model: SeriesModel, plan: ModelPlan): ModelColumn[] {
  const quarters = plan.columns.filter((c) => c.quarter !== null).sort((a, b) => a.year - b.year || a.quarter! - b.quarter!);
  const last = model.releases[model.releases.length - 1]?.label ?? '';
  const m = /^(?:FY)?(\d{4})(?:Q([1-4]))?$/.exec(last);
  const end = m ? quarters.findIndex((c) => c.year === Number(m[1]) && c.quarter === (m[2] ? Number(m[2]) : 4)) : -1;
  const upto = end < 0 ? quarters.length : end + 1;
  return quarters.slice(Math.max(0, upto - TREND_QUARTERS), upto);
}

export function trendView(model: SeriesModel, plan: ModelPlan, opts: TrendOptions = {}): TrendView {
  const latest = model.releases[model.releases.length - 1].release;
  const measures = mainMeasures(model.items);
  const lines = analysisLines(plan, measures, '');
  const quarters = trendQuarters(model, plan);
  const cell = (item: LineItem | null, c: ModelColumn | undefined): ModelCell | undefined => (item && c ? plan.cells.get(`${item.id}|${c.col}`) : undefined);
  const unitScale = (measures.revenue ?? measures.operating ?? measures.net)?.scale ?? 0;
  const currency = latest.meta.currency;
  const amount = (item: LineItem, v: Decimal) => formatFigure(v, { from: item.scale, to: unitScale, decimals: Math.min(item.decimals, carriedDecimals(item.decimals, item.scale, unitScale)), parens: true });
  const draft: string[] = [];

  // Trust: the model's own checks, and every quarter of the page having its figures.
  const checks = checkSummary(model, plan);
  if (checks.count === 0) draft.push('the model\u2019s checks found nothing to compare (INCONCLUSIVE on its Checks sheet)');
  if (checks.fails.length) {
    const named = checks.fails.slice(0, 3).map((f) => `${f.label} ${f.period} (${f.kind})`).join('; ');
    draft.push(`${checks.fails.length} of the model\u2019s ${checks.count} checks differ beyond rounding: ${named}${checks.fails.length > 3 ? ` and ${checks.fails.length - 3} more` : ''} (Checks sheet)`);
  }
  for (const key of ['revenue', 'operating', 'net'] as const) {
    const item = measures[key];
    if (!item) { draft.push(`no ${NAMES[key].toLowerCase()} line was found in the income statements`); continue; }
    const missing = quarters.filter((c) => !cell(item, c)).map((c) => c.label);
    if (missing.length) draft.push(`${item.label}: no figure for ${missing.join(', ')} (not reported, and not derivable from a year to date)`);
  }
  if (quarters.length < TREND_QUARTERS) draft.push(`the releases cover ${quarters.length} quarter${quarters.length === 1 ? '' : 's'}, not ${TREND_QUARTERS}`);

  // Quarter by quarter: the three lines and their margins, derived cells marked.
  const rows: TrendView['quarters']['rows'] = [];
  for (const key of ['revenue', 'operating', 'net'] as const) {
    const item = measures[key];
    if (!item) continue;
    rows.push({ label: item.label, cls: key === 'revenue' ? 'total' : '', cells: quarters.map((c) => { const x = cell(item, c); return x ? { text: amount(item, x.value), cls: `num${x.origin === 'derived' ? ' derived' : ''}` } : { text: '\u2013', cls: 'num missing' }; }) });
  }
  for (const line of lines.filter((l) => l.key === 'margin')) {
    rows.push({ label: `${line.item.label}: margin`, cls: 'ratio', cells: quarters.map((c) => { const x = line.cells.find((y) => y.col === c.col); return { text: x ? formatFigure(x.value.times(100), { decimals: 1, percent: true }) : '\u2013', cls: 'num' }; }) });
  }
  const derivedCols = new Set(quarters.filter((c) => (['revenue', 'operating', 'net'] as const).some((k) => cell(measures[k], c)?.origin === 'derived')).map((c) => c.col));
  const heads = quarters.map((c) => ({ text: c.label, cls: derivedCols.has(c.col) ? 'derived' : '' }));

  // The latest quarter against a year earlier and the quarter before.
  const now = quarters[quarters.length - 1];
  let latestBlock: TrendView['latest'] = null;
  if (now) {
    const yearAgo = plan.columns.find((c) => c.year === now.year - 1 && c.quarter === now.quarter);
    const before = previousQuarter(plan, now);
    const text = (item: LineItem, c: ModelColumn | undefined) => { const x = cell(item, c); return x ? amount(item, x.value) : '\u2013'; };
    const rowsL: NonNullable<TrendView['latest']>['rows'] = [];
    for (const key of ['revenue', 'operating', 'net'] as const) {
      const item = measures[key];
      if (!item) continue;
      const of = (k: AnalysisLine['key']) => lines.find((l) => l.key === k && l.item === item);
      const x = cell(item, now);
      const change = (k: AnalysisLine['key'], c: ModelColumn | undefined) => { const y = cell(item, c); return x && y ? changeOf(of(k), now.col, x.value, y.value) : null; };
      rowsL.push({ label: item.label, now: text(item, now), yearAgo: text(item, yearAgo), yoy: change('yoy', yearAgo), prior: text(item, before), qoq: change('qoq', before) });
    }
    for (const line of lines.filter((l) => l.key === 'margin')) {
      const pct = (c: ModelColumn | undefined) => { const x = c && line.cells.find((y) => y.col === c.col); return x ? formatFigure(x.value.times(100), { decimals: 1, percent: true }) : '\u2013'; };
      rowsL.push({ label: `${line.item.label}: margin`, now: pct(now), yearAgo: pct(yearAgo), yoy: null, prior: pct(before), qoq: null });
    }
    // Quarters of different lengths (a 16-week fourth quarter, a 53-week year's extra week) are said so.
    const length = (c: ModelColumn | undefined) => {
      const s = cell(measures.revenue ?? measures.net, c)?.source;
      const st = s && model.releases[s.release].release.statements.find((x) => x.id === s.ref.statement);
      const p = st?.tables[s!.ref.table].columns[s!.ref.col]?.period;
      return p?.weeks ? `${p.weeks} weeks` : p?.months ? `${p.months} months` : null;
    };
    const lengths = [now, yearAgo, before].map((c) => (c ? { label: c.label, len: length(c) } : null)).filter((x): x is { label: string; len: string } => !!x?.len);
    const note = new Set(lengths.map((x) => x.len)).size > 1 ? `Quarters of different lengths: ${lengths.map((x) => `${x.label} ${x.len}`).join(', ')}.` : null;
    latestBlock = { title: `${now.label} against a year earlier and the quarter before`, note, heads: [now.label, yearAgo?.label ?? `${now.year - 1}Q${now.quarter}`, 'change', before?.label ?? '', 'change'], rows: rowsL };
  }

  // The latest quarter against its own guidance, and what the latest release guides next.
  const guided = guidanceRows(model, plan);
  const range = (r: GuidanceRow) => {
    const c = r.g.claim;
    const percent = c.unit === 'percent';
    const mark = c.unit === 'amount' || c.unit === 'per-share' ? c.currency ?? currency : null;
    const f = (v: Decimal, withMark = true) => formatFigure(v, { decimals: c.decimals, currency: withMark ? mark : null, home: currency, percent: percent && withMark });
    const unit = c.unit === 'amount' && SCALE_UNIT[c.scale] ? ` ${SCALE_UNIT[c.scale]}` : '';
    if (c.high === null) return `at least ${f(c.low!)}${unit}`;
    if (c.high.eq(c.low!)) return `${c.approximate ? 'approximately ' : ''}${f(c.low!)}${unit}`;
    return percent ? `${f(c.low!, false)}–${f(c.high)}` : `${f(c.low!)}–${f(c.high, false)}${unit}`;
  };
  const guidance = now ? guided.filter((r) => r.actual && r.col === now.col).map((r) => {
    const c = r.g.claim;
    const actual = c.unit === 'percent'
      // A ratio to a tenth of a point at least: a rate guided as "17%" that came in at 13.5% is not "13%".
      ? formatFigure(r.actual!.value, { decimals: Math.max(1, c.decimals), percent: true })
      : `${formatFigure(r.actual!.value, { decimals: carriedDecimals(r.item!.decimals, r.item!.scale, c.scale), currency: c.currency ?? currency, home: currency })}${c.unit === 'amount' && SCALE_UNIT[c.scale] ? ` ${SCALE_UNIT[c.scale]}` : ''}`;
    const said = r.actual!.verdict === 'in' ? 'within the guidance' : `${r.actual!.verdict} the guidance`;
    return `${r.g.subject} ${r.label}: ${actual}, ${said} of ${range(r)} given in the ${model.releases[r.g.release].label} release`;
  }) : [];
  const last = model.releases.length - 1;
  const outlook = guided.filter((r) => r.g.release === last && r.item && !r.actual).map((r) => `${r.g.subject} ${r.label}: ${range(r)}`);

  // The chart: three bars a quarter, derived ones hatched; zero line where a loss goes below it.
  let chart: TrendView['chart'] = null;
  const series = (['revenue', 'operating', 'net'] as const).map((k) => measures[k]);
  const values = quarters.flatMap((c) => series.map((item) => cell(item, c)?.value.toNumber() ?? 0));
  if (quarters.length && values.some((v) => v !== 0)) {
    const width = 560, top = 6, plotH = 190, groupW = width / TREND_QUARTERS, barW = groupW * 0.24;
    const max = Math.max(0, ...values), min = Math.min(0, ...values);
    const span = max - min || 1;
    const y = (v: number) => top + ((max - v) / span) * plotH;
    const zeroY = y(0);
    const bars: Bar[] = [];
    const labels: NonNullable<TrendView['chart']>['labels'] = [];
    quarters.forEach((c, qi) => {
      const x0 = qi * groupW + (groupW - 3 * barW) / 2;
      series.forEach((item, si) => {
        const x = cell(item, c);
        if (!x) return;
        const v = x.value.toNumber();
        bars.push({ x: x0 + si * barW, y: Math.min(y(v), zeroY), w: barW - 1, h: Math.max(0.5, Math.abs(y(v) - zeroY)), cls: `s${si}${x.origin === 'derived' ? ' derived' : ''}` });
      });
      labels.push({ x: qi * groupW + groupW / 2, y: top + plotH + 11, text: c.label, derived: derivedCols.has(c.col) });
    });
    const legend = series.map((item, si) => ({ x: si * 150, cls: `s${si}`, text: item?.label ?? '' })).filter((l) => l.text);
    legend.push({ x: legend.length * 150, cls: 's0 derived', text: 'derived in the model' });
    chart = { width, height: top + plotH + 32, zeroY, bars, labels, legend, legendY: top + plotH + 26 };
  }

  const first = quarters[0]?.label;
  const unitsLine = `${[currency, SCALE_WORD[unitScale]].filter(Boolean).join(' ')}`;
  return {
    paper: opts.paper ?? 'a4',
    pageSize: opts.paper === 'letter' ? 'Letter' : 'A4',
    scale: opts.scale ?? 1,
    header: {
      company: model.company,
      tickers: latest.meta.tickers.map((t) => (t.exchange ? `${t.exchange}: ${t.symbol}` : t.symbol)).join(' \u00b7 '),
      periodLine: now ? `Trend to ${now.label}` : 'Trend',
      dates: first && now ? `${quarters.length} quarters, ${first} to ${now.label}${model.releases[model.releases.length - 1].periodEnd ? ` (ended ${model.releases[model.releases.length - 1].periodEnd})` : ''}` : '',
      units: unitsLine ? `${unitsLine}; fiscal periods` : 'fiscal periods',
    },
    draft,
    chart,
    quarters: { heads, rows },
    latest: latestBlock,
    guidance,
    outlook,
    stamp: {
      ok: !draft.length,
      mark: draft.length ? 'DRAFT' : 'TIED',
      line: checks.count ? `Model checks: ${checks.count - checks.fails.length} of ${checks.count} tie or are within rounding (footings per period, quarters against years to date, balance-sheet identity)` : 'Model checks: nothing to compare',
    },
    footer: {
      source: `${model.releases.length} releases (${releaseNames(model).join(', ')}); every figure a cell of ${model.company}\u2019s model workbook; italic: derived there as a formula`,
      units: unitsLine,
      rate: null,
      generated: latest.meta.releaseDate,
    },
  };
}

/** Each release once, by its period; two releases of one period (a preliminary and a final one) told apart by date or file. */
function releaseNames(model: SeriesModel): string[] {
  const count = new Map<string, number>();
  for (const r of model.releases) count.set(r.label, (count.get(r.label) ?? 0) + 1);
  return model.releases.map((r) => (count.get(r.label)! > 1 ? `${r.label} of ${r.release.meta.releaseDate ?? r.release.source.file}` : r.label));
}
