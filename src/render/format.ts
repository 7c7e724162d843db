import { Decimal } from '../model/decimal';

// The one way a figure becomes text on the briefing: Decimal in, string out. Every printed number
// passes through here, so the page and the workbook round the same way (half away from zero).

export interface FormatOptions {
  /** Power of ten the value is expressed in (a figure's scale: 3 for thousands). */
  from?: number;
  /** Power of ten to print in: 6 prints millions. */
  to?: number;
  decimals: number;
  /** Currency code printed before the number (RMB, USD ...). */
  currency?: string | null;
  /** The home currency: its dollar prints as "$", another's as "US$". */
  home?: string | null;
  /** Appends the scale word ("million") after the number. */
  unitWord?: boolean;
  percent?: boolean;
  /** "+" before positive values (changes). */
  sign?: boolean;
  /** Negatives in parentheses, as statements print them. */
  parens?: boolean;
  /** Text after the number ("bp", "x"). */
  suffix?: string;
}

const SYMBOL: Record<string, string> = { EUR: '€', GBP: '£', JPY: '¥', TWD: 'NT$', HKD: 'HK$', CAD: 'C$', AUD: 'A$' };
const SCALE_WORD: Record<number, string> = { 3: 'thousand', 6: 'million', 9: 'billion', 12: 'trillion' };

/** The mark a currency prints with: "US$" beside another home currency, "$" when the dollar is home. */
export function currencyMark(code: string, home: string | null | undefined): string {
  if (code === 'USD') return home && home !== 'USD' ? 'US$' : '$';
  if (code === 'CAD' && home === 'CAD') return '$';
  return SYMBOL[code] ?? code;
}

/**
 * The decimals a figure printed with `decimals` places in units of 10^`scale` carries in units of
 * 10^`to`: 144,940 thousand carries three in millions (144.940), 11.9 billion none (11,900), 2,721
 * million none. The page never prints a figure with more: the places beyond would be invented.
 */
export function carriedDecimals(decimals: number, scale: number, to: number): number {
  return Math.max(0, decimals + to - scale);
}

function group(digits: string): string {
  const [int, frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}

export function formatFigure(value: Decimal, o: FormatOptions): string {
  const shift = (o.from ?? 0) - (o.to ?? o.from ?? 0);
  const scaled = value.times(new Decimal(10).pow(shift)).toDecimalPlaces(o.decimals, Decimal.ROUND_HALF_UP);
  const negative = scaled.isNegative() && !scaled.isZero();
  let body = group(scaled.abs().toFixed(o.decimals));
  if (o.currency) body = `${currencyMark(o.currency, o.home)}${body}`;
  if (o.percent) body = `${body}%`;
  if (o.unitWord && o.to && SCALE_WORD[o.to]) body = `${body} ${SCALE_WORD[o.to]}`;
  if (o.suffix) body = `${body}${o.suffix}`;
  if (negative) return o.parens ? `(${body})` : `\u2212${body}`;
  return o.sign && !scaled.isZero() ? `+${body}` : body;
}
