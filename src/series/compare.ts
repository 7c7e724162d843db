import { Decimal, roundTo } from '../model/decimal';
import type { Source } from './types';
import { pow10 } from '../write/workbook/values';

// Two printings of one figure compared as an analyst would: in units, at the coarser of their two
// printed precisions, so 1,234 (millions) and 1,234,000 (thousands) agree and 1,234.5 ≈ 1,235.

/** The figure in units (currency or shares). */
export const inUnits = (s: Source): Decimal => s.value.times(pow10(s.scale));

/** Power of ten of the last printed digit, in units. */
const precision = (s: Source): number => s.scale - s.decimals;

export function sameFigure(a: Source, b: Source): boolean {
  const p = Math.max(precision(a), precision(b));
  return roundTo(inUnits(a).div(pow10(p)), 0).eq(roundTo(inUnits(b).div(pow10(p)), 0));
}

/**
 * The stock-split factor that carries `before` to `after` (10 for ten-for-one), or null: shares
 * multiply by it and per-share figures divide, each compared at the later printing's precision.
 */
export function splitFactor(before: Source, after: Source, perShare: boolean): number | null {
  const a = inUnits(before);
  const b = inUnits(after);
  if (a.isZero() || b.isZero() || a.isNeg() !== b.isNeg()) return null;
  const ratio = perShare ? a.div(b) : b.div(a);
  const k = roundTo(ratio, 0).toNumber();
  if (k < 2) return null;
  const moved: Source = { ...after, value: (perShare ? a.div(k) : a.times(k)).div(pow10(after.scale)) };
  // The later printing rounds the moved figure once more: one unit of its last digit apart is the same.
  return moved.value.minus(after.value).abs().lte(pow10(-after.decimals)) ? k : null;
}

export function toUnitsOf(s: Source, scale: number): Decimal {
  return s.value.times(pow10(s.scale - scale));
}

export { Decimal };
