import Decimal from 'decimal.js';

// One configuration for the whole program: plain notation in JSON, enough precision for any
// ratio of reported figures.
Decimal.set({ precision: 40, toExpNeg: -30, toExpPos: 40, rounding: Decimal.ROUND_HALF_UP });

export { Decimal };

/** Rounds half away from zero, as spreadsheets' ROUND does. */
export function roundTo(value: Decimal, decimals: number): Decimal {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}
