import { Decimal } from '../model/decimal';
import type { Claim } from '../model/types';
import { keyText } from './periods';
import { shown } from './derive';
import { mainMeasures } from './measures';
import type { LineItem, SeriesRelease } from './types';

// The outlook each release gave, set beside the line item that later reports the guided period.
// A guided measure is matched to a line item by evidence, never by its words alone: the same kind
// of figure (an amount in the statements' currency, or a per-share figure), a label that holds
// every word of the measure, and a size that fits — the guided figure within a factor of two of
// what that line showed in the guiding release's own period of the same length.

export interface Guided {
  /** Index into SeriesModel.releases of the release that gave the outlook. */
  release: number;
  claim: Claim;
  /** The measure as the release names it. */
  subject: string;
  /** The guided period: a quarter (quarters 1) or a full year (quarters 4), keyText of the model. */
  period: string;
  year: number;
  quarter: number | null;
  /** The line item that reports it (a margin's numerator), or null with the reason in `why`. */
  item: string | null;
  /** For a guided ratio: the line it is a ratio on (revenue; pre-tax income); the actual is item / over. */
  over: string | null;
  /** True where the numerator line is printed as a deduction (a tax expense in parentheses): the ratio is −item / over. */
  negate: boolean;
  why: string | null;
  /** What the comparison leaves aside, in words ("guided excluding any discrete items"). */
  note: string | null;
}

/** 'in', 'above' or 'below' the guided range; an approximate point is met at its own precision. */
export type Verdict = 'in' | 'above' | 'below';

/** The actual (in the guidance's unit) against the range: the formula the Guidance sheet writes says the same. */
export function verdict(actual: Decimal, g: { low: Decimal; high: Decimal | null; approximate: boolean; decimals: number }): Verdict {
  const a = g.approximate ? actual.toDecimalPlaces(g.decimals, Decimal.ROUND_HALF_UP) : actual;
  if (a.lt(g.low)) return 'below';
  if (g.high !== null && a.gt(g.high)) return 'above';
  return 'in';
}

/** "Q3 FY2025", "Q4 2024", "FY2025", "2025" → the model's period; null for halves and the rest. */
export function guidedPeriod(text: string | null): { year: number; quarter: number | null } | null {
  const q = /^Q([1-4])\s+(?:FY)?((?:19|20)\d{2})$/i.exec(text ?? '');
  if (q) return { year: Number(q[2]), quarter: Number(q[1]) };
  const y = /^(?:FY\s?)?((?:19|20)\d{2})$/i.exec(text ?? '');
  return y ? { year: Number(y[1]), quarter: null } : null;
}

/** Measures the statements do not report as such: an adjusted figure, or one with parts left out. */
const NOT_REPORTED = /\bnon[-\s]?GAAP\b|\badjusted\b|\borganic\b|\bconstant[-\s]currency\b|\bcore\b|\bunderlying\b|\bpro[-\s]?forma\b|\bcomparable\b|\bsame[-\s]store\b/i;
/** A sentence that leaves parts of the measure out ("excluding gains and losses …"). */
const PARTS_LEFT_OUT = /\bexclud\w*|\bbefore\s+(?:the\s+)?(?:impact|effect)\b/i;
/**
 * Items no one can guide, left out of a guided rate ("excluding any discrete items"): the guided
 * measure is still the reported one, compared with the caveat said beside it.
 */
const UNFORESEEABLE = /\s*,?\s*\bexclud\w*\s+(?:any\s+)?(?:discrete|unusual)\s+(?:tax\s+)?items\b/i;
/** One figure guided for both ("GAAP and non-GAAP tax rates are expected to be 16.5%"): the GAAP one is reported. */
const BOTH_BASES = /^GAAP\s+and\s+non[-\s]?GAAP\b/i;

/** A measure's words, stemmed lightly; sales and revenue name one line. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\bGAAP\b/gi, ' ')
    .split(/[^a-z]+/)
    .filter((w) => w && !['total', 'net', 'the', 'and', 'of', 'our', 'its', 'in', 'for', 'a', 'an'].includes(w))
    .map((w) => (w === 'sales' || w === 'revenues' ? 'revenue' : w.replace(/(?:ies)$/, 'y').replace(/(?<!s)s$/, '')));
}

/** The figure a line showed in a release's own period of the given length, in the line's units. */
function ownPeriodValue(item: LineItem, sr: SeriesRelease, quarters: number): Decimal | null {
  const m = /^(?:FY)?(\d{4})(?:Q([1-4]))?$/.exec(sr.label);
  if (!m) return null;
  const year = Number(m[1]);
  const q = m[2] ? Number(m[2]) : 4;
  const s = shown(item, keyText({ year, quarters, quarter: quarters === 4 ? 4 : q })) ?? (quarters === 4 ? shown(item, keyText({ year: year - 1, quarters: 4, quarter: 4 })) : null);
  return s ? s.value.times(new Decimal(10).pow(s.scale - item.scale)) : null;
}

/** Every outlook claim of every release with the line item it is matched to, oldest release first. */
export function matchGuidance(releases: SeriesRelease[], items: LineItem[]): Guided[] {
  const out: Guided[] = [];
  const seen = new Set<string>();
  releases.forEach((sr, ri) => {
    const release = sr.release;
    for (const claim of release.claims ?? []) {
      if (claim.kind !== 'outlook' || claim.low === null || claim.change) continue;
      const period = guidedPeriod(claim.period);
      if (!period) continue;
      const quarters = period.quarter ? 1 : 4;
      // One release published twice (kept where their statements differ) guides once.
      const said = `${sr.label}|${claim.subject}|${claim.period}|${claim.low}|${claim.high}`;
      if (seen.has(said)) continue;
      seen.add(said);
      const g: Guided = { release: ri, claim, subject: claim.subject, period: keyText({ year: period.year, quarters, quarter: period.quarter ?? 4 }), year: period.year, quarter: period.quarter, item: null, over: null, negate: false, why: null, note: null };
      out.push(g);
      let sentence = release.sentences?.[claim.sentence]?.text ?? '';
      const caveat = UNFORESEEABLE.exec(sentence);
      if (caveat) { sentence = sentence.replace(caveat[0], ''); g.note = `guided ${caveat[0].trim().replace(/^,\s*/, '')}; the actual includes them`; }
      const reported = claim.subject.replace(BOTH_BASES, 'GAAP');
      if (NOT_REPORTED.test(reported) || PARTS_LEFT_OUT.test(sentence)) { g.why = 'a measure the statements do not report as such'; g.note = null; continue; }
      const kind = claim.unit === 'amount' && (!claim.currency || claim.currency === release.meta.currency) ? 'amount' : claim.unit === 'per-share' ? 'per-share' : null;
      if (claim.unit === 'percent') { matchRatio(g, reported, sr, items, quarters); continue; }
      if (!kind) { g.why = 'a unit no line item has'; continue; }
      const want = words(reported);
      const candidates = items.filter((i) => (i.kind === 'income' || i.kind === 'cash-flow') && i.valueKind === kind && !i.balance && want.length > 0 && want.every((w) => words(i.label).includes(w)));
      // The size is the evidence the words cannot give: what the line showed in the guiding release's period.
      const mid = claim.high ? claim.low.plus(claim.high).div(2) : claim.low;
      const fits = candidates.filter((i) => {
        const now = ownPeriodValue(i, sr, quarters);
        if (!now || now.isZero() || now.isNegative() !== mid.isNegative()) return false;
        const ratio = mid.times(new Decimal(10).pow(claim.scale - i.scale)).div(now).abs();
        return ratio.gte(0.5) && ratio.lte(2);
      });
      // The fewest words beyond the measure's own: "Revenue" before "Revenue from services".
      fits.sort((a, b) => words(a.label).length - words(b.label).length || items.indexOf(a) - items.indexOf(b));
      if (fits[0]) g.item = fits[0].id;
      else g.why = candidates.length ? 'no line of that name is of that size' : 'no line item of that name';
    }
  });
  return out;
}

const PROFIT = ['profit', 'income', 'earning'];
/** A tax line and the income it is a rate on, by the general words of income statements. */
const TAX_LINE = (i: LineItem) => { const w = words(i.label); return (w.includes('tax') || w.includes('taxe')) && !/\b(before|pre-?tax|after|net of|deferred)\b/i.test(i.label) && !w.includes('receivable') && !w.includes('payable'); };
const PRE_TAX_LINE = (i: LineItem) => /\bbefore\b.*\btax|\bpre-?tax\b/i.test(i.label) && !/\bper share\b/i.test(i.label);

/**
 * A guided ratio as a ratio of two lines of the model, when that ratio in the guiding release's own
 * period lies within ten points of the guided figure: a margin ("gross margin of 74.4%, plus or minus
 * 50 basis points") is the line its words name (Gross profit) over revenue; a tax rate is the tax
 * line over income before tax (a tax printed as a deduction is negated).
 */
function matchRatio(g: Guided, subject: string, sr: SeriesRelease, items: LineItem[], quarters: number): void {
  const want = words(subject);
  const income = items.filter((i) => i.kind === 'income' && i.valueKind === 'amount' && !i.balance);
  let pairs: [LineItem, LineItem][] = [];
  if (want.includes('tax') && want.includes('rate')) {
    const over = income.filter(PRE_TAX_LINE);
    pairs = income.filter(TAX_LINE).flatMap((t) => over.map((o) => [t, o] as [LineItem, LineItem]));
  } else if (want.includes('margin')) {
    const revenue = mainMeasures(items).revenue;
    const base = want.filter((w) => w !== 'margin');
    if (revenue) pairs = income.filter((i) => i !== revenue && base.length > 0 && base.every((w) => words(i.label).includes(w)) && words(i.label).some((w) => PROFIT.includes(w))).map((i) => [i, revenue]);
  } else { g.why = 'a ratio the model has no lines for'; return; }
  if (!pairs.length) { g.why = 'no line items of those names'; return; }
  const mid = g.claim.high ? g.claim.low!.plus(g.claim.high).div(2) : g.claim.low!;
  for (const [num, den] of pairs) {
    const n = ownPeriodValue(num, sr, quarters);
    const d = ownPeriodValue(den, sr, quarters);
    if (!n || !d || d.isZero()) continue;
    const ratio = n.times(new Decimal(10).pow(num.scale - den.scale)).div(d).times(100);
    for (const negate of [false, true]) {
      if ((negate ? ratio.neg() : ratio).minus(mid).abs().lte(10)) { Object.assign(g, { item: num.id, over: den.id, negate }); return; }
    }
  }
  g.why = 'no lines give a ratio of that size';
  g.note = null;
}
