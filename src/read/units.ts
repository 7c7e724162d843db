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

// Every pattern above and the bare dollar below needs one of these: a text without any (most
// column headings: "2024", "Three months ended") is passed over with one search, not nine.
const CURRENCY_HINT = /[$€£]|rmb|renminbi|cny|yuan|twd|cad|hkd|aud|eur|gbp|sterling|usd|dollar/i;
const OTHER_DOLLAR = new Set(['USD', 'CAD', 'TWD', 'HKD', 'AUD']);
const BARE_DOLLAR = /(^|[^A-Z])\$|\bdollars?\b/i;

/** Currencies named in a text, in order of first mention. */
export function currenciesIn(text: string): string[] {
  if (!CURRENCY_HINT.test(text)) return [];
  // Asked of every column heading: indexed loops, each code placed by its position as it is found
  // (after any found at the same position, as a stable sort would place it).
  const codes: string[] = [];
  const ats: number[] = [];
  const place = (code: string, at: number) => {
    let k = ats.length;
    while (k > 0 && ats[k - 1] > at) k--;
    codes.splice(k, 0, code);
    ats.splice(k, 0, at);
  };
  let dollar = false;
  for (let i = 0; i < CURRENCY_WORDS.length; i++) {
    // Not global: exec gives the first mention and keeps no position between calls.
    const hit = CURRENCY_WORDS[i][0].exec(text);
    if (!hit) continue;
    const code = CURRENCY_WORDS[i][1];
    place(code, hit.index);
    if (OTHER_DOLLAR.has(code)) dollar = true;
  }
  // A bare "$" or "dollars" means US dollars when no other dollar is named.
  if (!dollar) {
    const bare = BARE_DOLLAR.exec(text);
    if (bare) place('USD', bare.index);
  }
  return codes;
}

// Every pattern below needs one of these; most texts name no scale.
const SCALE_HINT = /illion|thousand|bn|mn|mm|000/i;

const SCALE_WORDS: [RegExp, number][] = [
  [/\bbillions?\b|\bbn\b/i, 9],
  [/\bmillions?\b|\bmn\b|\bmm\b|'000,000/i, 6],
  [/\bthousands?\b|'000s?\b|\b000[’']?s\b|\(000\)/i, 3],
];

/** The power of ten a caption's "in thousands" etc. means, or null when it names none. */
export function scaleIn(text: string): number | null {
  if (!SCALE_HINT.test(text)) return null;
  let scale: number | null = null;
  let at = Infinity;
  for (let i = 0; i < SCALE_WORDS.length; i++) {
    const m = SCALE_WORDS[i][0].exec(text);
    if (m && m.index < at) { scale = SCALE_WORDS[i][1]; at = m.index; }
  }
  return scale;
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
  if (/\bshares?\b|\bunits?\b|\bads\b/i.test(exceptWithoutPerShare)) {
    // "except share amounts which are reflected in thousands": the excepted counts name their own scale.
    shareScale = scaleIn(exceptWithoutPerShare) ?? 0;
  }
  const sharesIn = /shares? (?:are |amounts? )?in (thousands|millions)|\(shares in (thousands|millions)\)|shares in (thousands|millions)/i.exec(text);
  if (sharesIn) shareScale = scaleIn(sharesIn[0]);
  return { amountScale, shareScale, currencies: currenciesIn(main) };
}

/** True for a caption line that states units ("in thousands", "except per share data"). */
export function isUnitsCaption(text: string): boolean {
  return CAPTION_HINT.test(text) && recentCaption(text);
}

// Every caption below has one of these: most texts asked (labels, years, titles) have none and are
// turned away with one search, quicker than a look-up of a string not seen before.
const CAPTION_HINT = /illion|thousand|amounts in|000|except|\(in/i;

// Asked of every title, prose line and header cell near a table, and most are asked again and again.
const recentCaption = remembered(readsAsCaption);

function readsAsCaption(text: string): boolean {
  return /\b(in|of)\s+(thousands?|millions?|billions?)\b|\bamounts in\b|'000s?\b|\bin 000[’']?s\b|\bexcept (for )?(per|share|number)|\(in [a-z$€]|\((?:[A-Z]{0,3}\$|€|£|[A-Z]{3})?\s*(thousands|millions|billions)\b/i.test(text) && text.length < 400;
}
