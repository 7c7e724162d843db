import { remembered } from './recent';

// Units and currency as captions and headers state them.

export interface Units {
  amountScale: number | null;
  shareScale: number | null;
  currencies: string[];
}

const CURRENCY_WORDS: [RegExp, string][] = [
  [/\bRMB\b|renminbi|\bCNY\b|\byuan\b/i, 'RMB'],
  [/NT\$|\bTWD\b|new taiwan dollars?/i, 'TWD'],
  [/C\$|\bCAD\b|canadian dollars?/i, 'CAD'],
  [/HK\$|\bHKD\b|hong kong dollars?/i, 'HKD'],
  [/A\$|\bAUD\b|australian dollars?/i, 'AUD'],
  [/€|\bEUR\b|\beuros?\b/i, 'EUR'],
  [/£|\bGBP\b|pounds? sterling/i, 'GBP'],
  [/US\$|\bUSD\b|U\.S\. dollars?|US dollars?|united states dollars?/i, 'USD'],
];

/** Currencies named in a text, in order of first mention. */
export function currenciesIn(text: string): string[] {
  const found: { code: string; at: number }[] = [];
  for (const [re, code] of CURRENCY_WORDS) {
    // Not global: exec gives the first mention and keeps no position between calls.
    const hit = re.exec(text);
    if (hit && !found.some((f) => f.code === code)) found.push({ code, at: hit.index });
  }
  // A bare "$" or "dollars" means US dollars when no other dollar is named.
  if (!found.some((f) => /USD|CAD|TWD|HKD|AUD/.test(f.code))) {
    const bare = /(^|[^A-Z])\$|\bdollars?\b/i.exec(text);
    if (bare) found.push({ code: 'USD', at: bare.index });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.code);
}

const SCALE_WORDS: [RegExp, number][] = [
  [/\bbillions?\b|\bbn\b/i, 9],
  [/\bmillions?\b|\bmn\b|\bmm\b|'000,000/i, 6],
  [/\bthousands?\b|'000s?\b|\b000[’']?s\b|\(000\)/i, 3],
];

/** The power of ten a caption's "in thousands" etc. means, or null when it names none. */
export function scaleIn(text: string): number | null {
  let best: { scale: number; at: number } | null = null;
  for (const [re, scale] of SCALE_WORDS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { scale, at: m.index };
  }
  return best?.scale ?? null;
}

/**
 * Reads a units caption: "(Amounts in thousands of Renminbi ("RMB") and U.S. dollars ("USD")
 * except for number of shares and per share data)" → amounts ×10³, shares ×10⁰, RMB and USD.
 */
export function parseUnits(caption: string): Units {
  return recentUnits(caption);
}

// Every table reads its caption, and most tables of a release share one (or have none).
const recentUnits = remembered(readUnits);

function readUnits(caption: string): Units {
  const text = caption.replace(/\s+/g, ' ');
  const exceptAt = text.search(/\bexcept\b/i);
  const main = exceptAt >= 0 ? text.slice(0, exceptAt) : text;
  const except = exceptAt >= 0 ? text.slice(exceptAt) : '';
  const amountScale = scaleIn(main);
  let shareScale = amountScale;
  // "except per share data" excepts per-share figures only; "except share and per share data",
  // "except for number of shares" except share counts too.
  const exceptWithoutPerShare = except.replace(/per[-\s](share|unit|ads)\b/gi, '');
  if (/\bshares?\b|\bunits?\b|\bads\b/i.test(exceptWithoutPerShare)) shareScale = 0;
  const sharesIn = /shares? (?:are |amounts? )?in (thousands|millions)|\(shares in (thousands|millions)\)|shares in (thousands|millions)/i.exec(text);
  if (sharesIn) shareScale = scaleIn(sharesIn[0]);
  return { amountScale, shareScale, currencies: currenciesIn(main) };
}

/** True for a caption line that states units ("in thousands", "except per share data"). */
export function isUnitsCaption(text: string): boolean {
  return recentCaption(text);
}

// Asked of every title, prose line and header cell near a table, and most are asked again and again.
const recentCaption = remembered(readsAsCaption);

function readsAsCaption(text: string): boolean {
  return /\b(in|of)\s+(thousands?|millions?|billions?)\b|\bamounts in\b|'000s?\b|\bin 000[’']?s\b|\bexcept (for )?(per|share|number)|\(in [a-z$€]|\((?:[A-Z]{0,3}\$|€|£|[A-Z]{3})?\s*(thousands|millions|billions)\b/i.test(text) && text.length < 400;
}
