import { Decimal } from '../../model/decimal';
import type { Figure } from '../../model/types';

// What a statement cell holds. Amounts and share counts stay in the units they are printed in
// (the sheet's header row states the units), so an analyst sees the release's own numbers;
// percents become fractions so that 0.0% formatting and ratio formulas agree.

const POWERS = new Map<number, Decimal>();

/** 10^n, exactly; kept once made, as every figure, formula and check scales by one. */
export function pow10(n: number): Decimal {
  let p = POWERS.get(n);
  if (!p) POWERS.set(n, (p = new Decimal(10).pow(n)));
  return p;
}

/** Power of ten one unit of the cell stands for. */
export function sheetScale(fig: Figure): number {
  return fig.kind === 'amount' || fig.kind === 'shares' || fig.kind === 'number' ? fig.scale : 0;
}

/** The figure as the cell holds it, exactly; null for a blank. */
export function sheetValue(fig: Figure): Decimal | null {
  if (fig.value === null) return null;
  const shift = fig.scale - sheetScale(fig);
  return shift === 0 ? fig.value : fig.value.times(pow10(shift));
}

/** Digits after the decimal point of the cell value as printed (a 26.6% percent is 0.266: three). */
export function sheetDecimals(fig: Figure): number {
  return Math.max(0, fig.decimals - (fig.scale - sheetScale(fig)));
}

/** The Decimal as the JS number written to the file: the writer's edge. */
export function toNumber(value: Decimal): number {
  return value.toNumber();
}
