import type { Claim, ClaimKind, ProseFact, Release } from '../model/types';
import { Decimal } from '../model/decimal';
import { formatFigure } from './format';
import { toneByWords } from './tone';
import { displayAmount, displayScale } from './view-figures';
import { clipAtWord } from './text-fit';

// The briefing's prose sections, printed from release.claims (infer/claims.ts): outlook,
// operating highlights, capital return and what moved. What each section says is decided there;
// here every figure is re-printed from the claim's values, never copied from the text.

export interface ProseItem {
  label: string;
  value: string;
  note: string | null;
  change: { text: string; sign: 'pos' | 'neg' | 'flat' } | null;
}

/** A prose figure printed in its own stated unit ("RMB82,436 million", "2.72%", "55.2 million"). */
export function factText(f: ProseFact, home: string | null, value: Decimal = f.value, withUnit = true): string {
  if (f.kind === 'percent') return formatFigure(value, { decimals: f.decimals, percent: true });
  return formatFigure(value, { decimals: f.decimals, currency: withUnit ? f.currency : null, home, from: f.scale, to: f.scale, unitWord: withUnit && f.scale >= 3 });
}

function one(c: Claim, v: Decimal, home: string | null, withUnit: boolean, sign: boolean): string {
  if (c.unit === 'bp') return `${formatFigure(v, { decimals: c.decimals, sign })}bp`;
  if (c.unit === 'percent') return withUnit ? formatFigure(v, { decimals: c.decimals, percent: true, sign }) : formatFigure(v, { decimals: c.decimals, sign });
  return formatFigure(v, { decimals: c.decimals, currency: withUnit || c.unit === 'per-share' ? c.currency : null, home, from: c.scale, to: c.scale, unitWord: withUnit && c.scale >= 3, sign });
}

/** A claim's value as stated: "RMB1.75–1.85 billion", "−12.5% to −8.5%", "≥$100 million", "~$22 billion". */
export function claimValue(c: Claim, home: string | null): string {
  if (!c.low) return '';
  // "9.0 cents to 11.0 cents" is printed as the release states it, in cents.
  if (c.cents && c.unit === 'per-share' && !c.change) {
    const cents = (x: Decimal) => formatFigure(x.times(100), { decimals: Math.max(0, c.decimals - 2) });
    if (c.high === null) return `at least ${cents(c.low)} cents`;
    return `${c.approximate ? 'c. ' : ''}${cents(c.low)}${c.high.eq(c.low) ? '' : `\u2013${cents(c.high)}`} cents`;
  }
  const sign = c.change;
  if (c.high === null) return `at least ${one(c, c.low, home, true, sign)}`;
  if (c.high.eq(c.low)) return `${c.approximate ? 'c. ' : ''}${one(c, c.low, home, true, sign)}`;
  // A range prints its unit once, after the upper end, unless a sign would make it ambiguous.
  if (sign || c.low.isNegative()) return `${one(c, c.low, home, true, sign)} to ${one(c, c.high, home, true, sign)}`;
  const money = c.unit === 'amount' || c.unit === 'per-share';
  const first = formatFigure(c.low, { decimals: c.decimals, currency: money ? c.currency : null, home });
  const last = c.unit === 'bp'
    ? `${formatFigure(c.high, { decimals: c.decimals })}bp`
    : formatFigure(c.high, { decimals: c.decimals, percent: c.unit === 'percent', from: c.scale, to: c.scale, unitWord: money && c.scale >= 3 });
  return `${c.approximate ? 'c. ' : ''}${first}\u2013${last}`;
}

/** A midpoint and its tolerance as the release states them: "$37.5 billion ± 2%", "c. $6.65 billion ± $0.4 billion", "73.0% ± 50bp". */
function toleranceText(c: Claim, t: NonNullable<Claim['tolerance']>, home: string | null): string {
  const mid = one({ ...c, decimals: t.decimals }, t.mid, home, true, c.change);
  const width = t.widthUnit === 'amount' ? one({ ...c, decimals: t.widthDecimals }, t.width, home, true, false)
    : t.widthUnit === 'bp' ? `${formatFigure(t.width, { decimals: t.widthDecimals })}bp`
    : formatFigure(t.width, { decimals: t.widthDecimals, percent: true });
  return `${t.approximate ? 'c. ' : ''}${mid} \u00b1 ${width}`;
}

function claims(release: Release, kind: ClaimKind): Claim[] {
  return (release.claims ?? []).filter((c) => c.kind === kind);
}

const COMPARISON: Record<string, string> = { yoy: 'YoY', qoq: 'QoQ', 'vs-base': '' };

/** Guidance as stated: measure, period, range; the growth over a stated base when there is one. */
export function outlook(release: Release, max = 8): ProseItem[] {
  const home = release.meta.currency;
  return claims(release, 'outlook').slice(0, max).map((c) => {
    // The release states the base; the growth over it is worked out here and says so.
    const growth = c.base && c.base.growthLow !== null ? ` (vs ${c.base.text}; computed ${formatFigure(c.base.growthLow, { decimals: 1, percent: true, sign: true })}${c.base.growthHigh && !c.base.growthHigh.eq(c.base.growthLow) ? ` to ${formatFigure(c.base.growthHigh, { decimals: 1, percent: true, sign: true })}` : ''})` : '';
    const label = `${c.subject}${c.change ? ' growth' : ''}${c.comparison && COMPARISON[c.comparison] ? ` ${COMPARISON[c.comparison]}` : ''}`;
    // The implied growth goes with the label, which wraps; the value column stays one short figure.
    // What the figure includes or leaves out goes with the measure, in the release's words.
    const qualifier = c.note ? `, ${c.note}` : '';
    return { label: `${label}${qualifier}${growth}`, value: c.tolerance ? toleranceText(c, c.tolerance, home) : claimValue(c, home), note: c.period, change: null };
  });
}

/** The release's own operating figures, each with the change it states. */
export function highlights(release: Release, max = 10): ProseItem[] {
  const home = release.meta.currency;
  return claims(release, 'highlight').slice(0, max).map((c) => {
    const change: ProseItem['change'] = c.note
      ? { text: `${c.note.replace(/^-/, '\u2212')}${c.comparison ? ` ${COMPARISON[c.comparison]}` : ''}`.trim(), sign: toneByWords(c.subject, c.note.startsWith('-') ? 'neg' : /^\+0(?:\.0*)?%$/.test(c.note) ? 'flat' : 'pos') }
      : c.base && c.low
        // A comparison the release states without a change ("compared with $21.4 billion") prints
        // the figure compared with, in its own words, uncoloured: a higher ratio may be worse.
        ? { text: `vs ${c.base.text.replace(/\s*percent$/i, '%')}`, sign: 'flat' }
        : null;
    // A figure of another span than the page's ("in 2024" on a fourth quarter's page) says which.
    // A change stated alone ("comparable store sales decreased 0.7 percent") says what it is compared with.
    const against = c.change && c.comparison && COMPARISON[c.comparison] ? ` ${COMPARISON[c.comparison]}` : '';
    return { label: `${withPeriod(c, release)}${against}`, value: claimValue(c, home), note: null, change };
  });
}

/** Dividends and buybacks, each labelled what it is. */
export function capitalReturn(release: Release, max = 6): ProseItem[] {
  const home = release.meta.currency;
  return claims(release, 'capital-return').slice(0, max).map((c) => ({
    label: `${c.subject}${c.period ? ` (${c.period})` : ''}`,
    // A figure of the statements prints in the page's unit, as the statements do.
    value: c.sentence < 0 && c.unit === 'amount' && c.low ? displayAmount(release, c.low, c.scale, c.decimals, c.currency) : claimValue(c, home),
    note: c.note,
    change: null,
  }));
}

// What two lines of a what-moved note hold at the narrowest panel, in characters.
const NOTE_CHARS = 130;

/** The one-offs and explained changes the release names. */
export function whatMoved(release: Release, max = 5): ProseItem[] {
  const home = release.meta.currency;
  // Amounts print in the page's unit, as the statements beside them do; a change keeps its sign.
  return claims(release, 'driver').slice(0, max).map((c) => {
    // A reconciliation item's adjustment a year earlier, which the table states beside it.
    let was = '';
    if (c.base && c.base.text === 'a year earlier') {
      const amount = displayAmount(release, c.base.value.abs(), c.scale, c.decimals, c.currency);
      // An amount too small for the page's unit is said to be so, never printed as zero.
      const shown = /[1-9]/.test(amount) ? amount : `less than ${amount.replace(/0(?=\D*$)/, '1')}`;
      was = `; a year earlier ${c.base.value.isNegative() ? 'deducted' : 'added back'} ${shown}`;
    }
    // A sentence's figure keeps the precision it was stated at; a change reads as one ("down $126
    // million"), with the level it reached when the sentence states it.
    const stated = c.sentence >= 0;
    const value = stated ? changeText(c, home, release) : c.unit === 'amount' && c.low ? displayAmount(release, c.low, c.scale, c.decimals, c.currency, c.change) : claimValue(c, home);
    const level = stated && c.base ? `to ${c.base.text}; ` : '';
    return {
      label: withPeriod(c, release),
      value,
      // The note has two lines on the page; a longer reason is cut at a word, with an ellipsis,
      // never by the page inside a word ("December 3…").
      note: c.note ? `${level}${clipAtWord(c.note, Math.max(40, NOTE_CHARS - level.length - was.length))}${was}` : null,
      change: null,
    };
  });
}

/** A stated change as words of change: "up $5.5 million", "down 1.2 points"; a level as stated. */
function changeText(c: Claim, home: string | null, release: Release): string {
  if (!c.low) return claimValue(c, home);
  // An amount stated in a smaller unit than the page's ("$160,947" on a page in thousands) prints
  // in the page's unit, with its word, as the statements beside it do ("$161 thousand").
  const single = c.unit === 'amount' && c.high !== null && c.high.eq(c.low);
  const paged = single && c.scale < displayScale(release).to;
  if (!c.change) return paged ? `${c.approximate ? 'c. ' : ''}${displayAmount(release, c.low, c.scale, c.decimals, c.currency)}` : claimValue(c, home);
  const level = { ...c, change: false, low: c.low.abs(), high: c.high?.abs() ?? null };
  return `${c.low.isNegative() ? 'down' : 'up'} ${paged ? displayAmount(release, c.low.abs(), c.scale, c.decimals, c.currency) : claimValue(level, home)}`;
}

/** A claim's subject with its period when that is not the page's: "Total inflows (Asset Management, FY2024)". */
function withPeriod(c: Claim, release: Release): string {
  if (!c.period || c.period === release.meta.fiscalPeriod) return c.subject;
  return /\)$/.test(c.subject) ? `${c.subject.slice(0, -1)}, ${c.period})` : `${c.subject} (${c.period})`;
}
