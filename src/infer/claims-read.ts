import { Decimal } from '../model/decimal';
import type { Claim, ValueKind } from '../model/types';
import { findMentions, type Mention } from './facts-mentions';

// "above guidance", "better than expected": a comparison with guidance is not guidance.
export const VERSUS_GUIDANCE = /\b(?:above|below|exceed\w*|beat|surpass\w*|in\s+line\s+with|ahead\s+of|within|outperform\w*|than|of\s+(?:its|our|the)|upper\s+end\s+of|high\s+end\s+of|issued)\s+(?:\w+[\s-]+){0,4}?(?:guidance|outlook|expectations?|expected|anticipated|forecasts?)\b/gi;

// Reading one clause of prose into the values it states: a point, or a range from one clause
// ("between $X and $Y", "$X to $Y", "$X, plus or minus 2%", "down 8.5% to 12.5%", "X and Y,
// respectively"), each with the words before it that name what it measures. Pure text work:
// which statements are guidance, highlights or capital return is decided in claims.ts.

/** One value a clause states, as a range (low ≤ high; high null for "at least"). */
export interface Stated {
  low: Decimal;
  high: Decimal | null;
  unit: ValueKind | 'bp';
  currency: string | null;
  scale: number;
  decimals: number;
  approximate: boolean;
  /** Stated as a change ("up 7%", "decrease 8.5% to 12.5%"), not a level. */
  change: boolean;
  /** Where the value's words start and end in the clause. */
  start: number;
  end: number;
  /** The words between the previous value (or the clause's start) and this one. */
  before: string;
  /** The words after it up to the next value. */
  after: string;
  /** For "A and B are X and Y, respectively": this value's place in the list (0, 1, …), else null. */
  respective: number | null;
  /** Stated in cents. */
  cents: boolean;
  /** Stated as a midpoint and a tolerance ("$37.5 billion, plus or minus 2%"), else null. */
  tolerance: Tolerance | null;
}

/**
 * A figure stated as a midpoint with a tolerance, kept as the release words it; low and high hold
 * the range it spans. The width is in its own unit: a percent of an amount is a share of the
 * midpoint, a percent or basis points of a percent are points; an amount is at the midpoint's scale.
 */
export type Tolerance = NonNullable<Claim['tolerance']>;

const DOWN = /\b(?:decrease[sd]?|declin(?:e[sd]?|ing)|down|lower|fall(?:s|ing)?|fell|drop(?:s|ped)?|reduc(?:e[sd]?|tion)|contract(?:s|ed)?|negative)\s*(?:of|by|between)?\s*(?:approximately|about|around|roughly|c\.)?\s*$/i;
const UP = /\b(?:increase[sd]?|grow(?:th|s|n)?|grew|up|higher|rise|rose|gain|improve(?:ment|d|s)?|expand(?:ed|s)?)\s*(?:of|by|between)?\s*(?:approximately|about|around|roughly|c\.)?\s*$/i;
const APPROX = /\b(?:approximately|about|around|roughly|nearly|c\.|circa|some)\s*$/i;
const AT_LEAST = /\b(?:at\s+least|a\s+minimum\s+of|no\s+less\s+than|more\s+than|over)\s*$/i;
const RANGE_JOIN = /^\s*(?:to|through|\u2013|\u2014|-|\/)?\s*\+?$/;
const BETWEEN = /\b(?:between|from)\s*(?:approximately|about)?[\s+]*$/i;
const PLUS_MINUS = /^\s*,?\s*(?:plus\s+or\s+minus|\u00b1|\+\/-)\s*$/i;
const BP = /(?<![\w.])(\d+(?:\.\d+)?)\s*(?:basis\s+points?|bps?)\b/gi;
const FLAT_TO = /\bflat\s+to\s*(?:up\s+|an?\s+)?$/i;

/** Values and basis-point figures of a clause, in order (basis points are not table figures, so facts skip them). */
function valuesOf(clause: string, currency: string | null): Mention[] {
  const out = findMentions(clause, currency);
  for (const m of clause.matchAll(BP)) {
    const start = m.index ?? 0;
    if (out.some((x) => x.start <= start && start < x.end)) continue;
    out.push({ value: new Decimal(m[1]), kind: 'percent', currency: null, scale: -4, decimals: 0, text: m[0], start, end: start + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

function unitOf(m: Mention): Stated['unit'] {
  return m.scale === -4 && m.kind === 'percent' ? 'bp' : m.kind;
}

/** The same unit: a range never joins a percent with an amount or two currencies. */
function sameUnit(a: Mention, b: Mention): boolean {
  return unitOf(a) === unitOf(b) && (a.currency === b.currency || !a.currency || !b.currency);
}

/** `b` expressed at `a`'s scale ("$6.65 billion, plus or minus $400 million" → 0.4 billion). */
function atScale(b: Mention, scale: number): Decimal {
  return b.value.times(new Decimal(10).pow(b.scale - scale));
}

function widthUnitOf(unit: Stated['unit']): Tolerance['widthUnit'] {
  return unit === 'bp' || unit === 'percent' ? unit : 'amount';
}

function ordered(a: Decimal, b: Decimal): [Decimal, Decimal] {
  return a.lte(b) ? [a, b] : [b, a];
}

/**
 * The values a clause states. Two figures form a range only when the words between them join
 * them ("to", "and" after "between", a dash, "plus or minus"); figures of two clauses never do.
 */
export function statedValues(clause: string, currency: string | null): Stated[] {
  const ms = valuesOf(clause, currency);
  const out: Stated[] = [];
  let prevEnd = 0;
  for (let i = 0; i < ms.length; i++) {
    const a = ms[i];
    const before = clause.slice(prevEnd, a.start);
    let end = a.end;
    let low = a.value;
    let high: Decimal | null = a.value;
    let decimals = a.decimals;
    let tolerance: Tolerance | null = null;
    const b = ms[i + 1];
    const gap = b ? clause.slice(a.end, b.start) : '';
    // A figure with a scale word and one without are of two sizes, never one range's ends.
    const sized = a.kind === 'percent' || (a.scale === 0) === (b?.scale === 0);
    if (b && sameUnit(a, b) && sized && (RANGE_JOIN.test(gap) || (/^\s*and\s*\+?$/i.test(gap) && BETWEEN.test(before)))) {
      // A range: the scale word may be printed once, after the upper end ("$4.8 to $5.2 billion").
      const scale = Math.max(a.scale, b.scale);
      [low, high] = [atScale(a, scale), atScale(b, scale)];
      decimals = Math.max(a.decimals, b.decimals);
      a.scale = scale;
      end = b.end;
      i++;
    } else if (b && PLUS_MINUS.test(gap)) {
      // "$37.5 billion, plus or minus 2%": a width in the value's unit, or a percent of it; a
      // percent's width in percents or basis points is in points.
      let width: Decimal;
      if (a.kind === 'percent') width = b.scale === -4 ? b.value.div(100) : b.value;
      else if (b.kind === 'percent') width = a.value.times(b.value).div(100);
      else width = atScale(b, a.scale);
      low = a.value.minus(width);
      high = a.value.plus(width);
      const widthUnit = widthUnitOf(unitOf(b));
      const stated = widthUnit === 'amount' ? atScale(b, a.scale) : b.value;
      tolerance = { mid: a.value, decimals: a.decimals, approximate: APPROX.test(before), width: stated, widthUnit, widthDecimals: widthUnit === 'amount' ? stated.decimalPlaces() : b.decimals };
      decimals = Math.max(a.decimals, b.kind === 'percent' && a.kind !== 'percent' ? a.decimals + 1 : b.decimals, width.decimalPlaces());
      end = b.end;
      i++;
    }
    if (FLAT_TO.test(before) && a.kind === 'percent') low = new Decimal(0);
    const down = DOWN.test(before);
    const change = down || UP.test(before) || (a.kind === 'percent' && /^\s*(?:increase|decrease|growth|decline|higher|lower)\b/i.test(clause.slice(end)));
    if (down) {
      [low, high] = [low.negated(), high?.negated() ?? null];
      if (tolerance) tolerance.mid = tolerance.mid.negated();
    }
    if (high !== null) [low, high] = ordered(low, high);
    const atLeast = AT_LEAST.test(before);
    out.push({
      low,
      high: atLeast ? null : high,
      unit: unitOf(a),
      currency: a.currency,
      scale: a.scale,
      decimals,
      // "approximately $6.65 billion, plus or minus $400 million" states its range exactly.
      approximate: APPROX.test(before) && !tolerance,
      change,
      start: a.start,
      end,
      before,
      after: '',
      respective: null,
      cents: /\bcents?$/i.test(a.text),
      tolerance,
    });
    prevEnd = end;
  }
  out.forEach((s, k) => {
    s.after = clause.slice(s.end, out[k + 1]?.start ?? clause.length);
  });
  // "73.0% and 73.5%, respectively": the listed values belong to listed subjects.
  for (let k = 0; k < out.length; k++) {
    if (!/^\s*,?\s*respectively\b/i.test(out[k].after)) continue;
    let first = k;
    while (first > 0 && /^\s*(?:,|and|,\s*and)\s*$/i.test(out[first - 1].after)) first--;
    if (first === k) continue;
    for (let j = first; j <= k; j++) out[j].respective = j - first;
    // A width stated after the list applies to each ("…, respectively, plus or minus 50 basis points").
    const pm = /^\s*,?\s*respectively\s*,?\s*(?:plus\s+or\s+minus|\u00b1)\s*$/i.test(out[k].after) ? out[k + 1] : undefined;
    if (pm) {
      for (let j = first; j <= k; j++) {
        const s = out[j];
        const width = s.unit === 'percent' && pm.unit === 'bp' ? pm.low.div(100) : pm.low;
        // Each listed figure keeps its own midpoint with the shared width, as stated.
        if (s.high !== null && s.high.eq(s.low) && pm.unit !== 'number' && pm.unit !== 'per-share') {
          s.tolerance = { mid: s.low, decimals: s.decimals, approximate: s.approximate, width: pm.low, widthUnit: widthUnitOf(pm.unit), widthDecimals: pm.decimals };
          s.approximate = false;
        }
        s.low = s.low.minus(width);
        s.high = s.high?.plus(width) ?? null;
        s.decimals = Math.max(s.decimals, width.decimalPlaces());
      }
      out.splice(k + 1, 1);
    }
  }
  return out;
}

/** Splits "GAAP and non-GAAP gross margins" into the subjects a "respectively" list names. */
export function respectiveSubjects(subject: string, count: number): string[] | null {
  const parts = subject.split(/\s*,\s*(?:and\s+)?|\s+and\s+/);
  if (parts.length !== count) return null;
  // "GAAP and non-GAAP gross margins": qualifiers share the noun after the last one.
  const last = parts[count - 1].split(' ');
  const QUALIFIER = /^(?:non-)?(?:GAAP|IFRS|adjusted|reported|organic|basic|diluted|core|underlying|total|net|gross|operating)$/i;
  if (parts.slice(0, -1).every((p) => QUALIFIER.test(p)) && last.length > 1 && QUALIFIER.test(last[0])) {
    const noun = last.slice(1).join(' ');
    return [...parts.slice(0, -1).map((p) => `${p} ${noun}`), parts[count - 1]];
  }
  return parts;
}
