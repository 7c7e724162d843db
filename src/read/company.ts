import type { Ticker } from '../model/types';

// The company as the release names itself. Evidence, strongest first: the name that stands right
// before a ticker group ("Caterpillar Inc. (NYSE: CAT)"), the subject of the dateline sentence
// ("— Ascendis Pharma A/S today announced"), the subject of the headline verb ("Precision Drilling
// Announces …"). A short name is completed by its legal form where the release prints one
// ("NVIDIA" → "NVIDIA Corporation" from "© 2024 NVIDIA Corporation"), and a name in capitals by
// the same words in ordinary case. Nothing found is null: never a file name or a headline.

const EXCHANGES = 'NASDAQ|Nasdaq|NYSE American|NYSE|HKEx|HKEX|SEHK|TSX|TSXV|TSX-V|LSE|ASX|SGX|TWSE|TASE|Euronext(?: Paris| Amsterdam| Brussels)?|OTCQX|OTCQB|OTC|AMEX|NYSEArca|SIX|CSE|JSE|NZX|KRX|KOSDAQ|KOSPI|TSE|TYO|SSE|SZSE|BSE|NSE|XETRA|FWB|BME|BIT|OSE|WSE';
const MARKET = `(?:${EXCHANGES})(?:\\s+(?:Global Select|Global|Capital)\\s+Market)?`;
const SYMBOL = '[A-Z0-9][A-Z0-9.\\-]*';
// "(NASDAQ: AMAT)", "(TWSE: 3711, NYSE: ASX)", "(Nasdaq: KELYA, KELYB)", "[NYSE: BA]", "(NYSE:CIM)".
const GROUP_BODY = `\\s*${MARKET}\\s*:\\s*${SYMBOL}(?:\\s*(?:[;,/]|\\band\\b)\\s*(?:${MARKET}\\s*:\\s*)?${SYMBOL})*\\s*`;
const TICKER_GROUP = new RegExp(`[([](${GROUP_BODY})[)\\]]`, 'g');

// Legal forms that end a company's name.
const LEGAL = String.raw`(?:Inc|Incorporated|Corp|Corporation|Company|Co|Ltd|Limited|plc|PLC|LLC|L\.L\.C|LP|L\.P|N\.V|NV|S\.A|SA|S\.p\.A|SpA|AG|SE|A\/S|ASA|AB|Oyj|GmbH|KGaA|S\.A\.S|SAS|Pty|Bhd|REIT|Trust|Holdings|Group)\.?`;
const LEGAL_END = new RegExp(`(?:^|[\\s,])${LEGAL}$`);
// A word of a name: capitalised ("Roebuck", "H&R", "A/S", "Amazon.com"), or a joining word.
const NAME_WORD = /^(?:[A-Z0-9][\w&.'’\/-]*|&|and|of|de|du|des|la|le|der|van|von|for|the)$/;
const JOINING = /^(?:&|and|of|de|du|des|la|le|der|van|von|for|the)$/;

const ONE_TICKER = new RegExp(`^\\s*(?:(${MARKET})\\s*:\\s*)?(${SYMBOL})\\s*$`);

/** The tickers of a group's text; a symbol without its exchange is on the one before it ("Nasdaq: KELYA, KELYB"). */
function tickersIn(body: string): Ticker[] {
  const out: Ticker[] = [];
  let exchange = '';
  for (const part of body.split(/\s*(?:[;,/]|\band\b)\s*/)) {
    const m = ONE_TICKER.exec(part);
    if (!m) continue;
    exchange = (m[1] ?? exchange).replace(/\s+(?:Global Select|Global|Capital)\s+Market$/, '');
    if (exchange) out.push({ exchange, symbol: m[2] });
  }
  return out;
}

/** The release's ticker groups in order, each with the name that stands before it (null if none). */
export function tickerGroups(texts: string[]): { name: string | null; tickers: Ticker[] }[] {
  const out: { name: string | null; tickers: Ticker[] }[] = [];
  for (const text of texts) {
    // Every group has an exchange's colon; most paragraphs have none and are passed over at once.
    if (!text.includes(':')) continue;
    for (const m of text.matchAll(TICKER_GROUP)) {
      const tickers = tickersIn(m[1]);
      if (tickers.length) out.push({ name: nameBefore(text.slice(0, m.index)), tickers });
    }
  }
  return out;
}

const firstWord = (name: string): string => name.split(/[\s,]/)[0].toLowerCase();

/** The company's own tickers: those of the groups after its name (a partner's are not), else the first group's. */
export function ownTickers(groups: { name: string | null; tickers: Ticker[] }[], company: string | null): Ticker[] {
  const own = groups.filter((g) => g.name && company && firstWord(g.name) === firstWord(company));
  const tickers: Ticker[] = [];
  for (const g of own.length ? own : groups.slice(0, 1)) {
    for (const t of g.tickers) if (!tickers.some((k) => k.exchange.toUpperCase() === t.exchange.toUpperCase() && k.symbol === t.symbol)) tickers.push(t);
  }
  return tickers;
}

// Exchanges as prose names them: "listed on the Toronto Stock Exchange under the trading symbol “PD”".
const EXCHANGE_NAMES: [RegExp, string][] = [
  [/New York Stock Exchange|\bNYSE\b/i, 'NYSE'],
  [/Toronto Stock Exchange|\bTSX\b/i, 'TSX'],
  [/Nasdaq/i, 'NASDAQ'],
  [/London Stock Exchange/i, 'LSE'],
  [/Hong Kong Stock Exchange|Stock Exchange of Hong Kong/i, 'HKEX'],
  [/Australian Securities Exchange/i, 'ASX'],
  [/Euronext/i, 'Euronext'],
  [/OTC Markets?|\bOTC\b/i, 'OTC'],
];
const LISTED = /(?:\b(?:[Ll]isted|[Tt]raded|[Tt]rades?|[Qq]uoted)\b[^.;]{0,80}?|\band\s+)\b(?:on|through)\s+(?:the\s+)?([A-Z][^.;“”"]{2,60}?)\s+under\s+the\s+(?:trading\s+|ticker\s+|stock\s+)?symbols?\s+[“"]?([A-Z][A-Z0-9.\-]{0,9})[”"]?/g;

/** Tickers a release states in prose, when it prints no ticker group. */
export function proseTickers(texts: string[]): Ticker[] {
  const out: Ticker[] = [];
  for (const text of texts) {
    if (!text.includes('under')) continue;
    for (const m of text.matchAll(LISTED)) {
      const exchange = EXCHANGE_NAMES.find(([re]) => re.test(m[1]))?.[1];
      if (exchange && !out.some((t) => t.exchange === exchange && t.symbol === m[2])) out.push({ exchange, symbol: m[2] });
    }
  }
  return out;
}

/** Quotes, escapes, marks and line breaks a name must not carry. */
function clean(s: string): string {
  return s.replace(/\\(["'])/g, '$1').replace(/[*_®™©]/g, '').replace(/\s+/g, ' ').trim().replace(/[\s,]+$/, '')
    // A full stop after a whole word ends the sentence; after "Inc" or "Co" it is the abbreviation's.
    .replace(/\b(Corporation|Company|Limited|Incorporated|Holdings|Group|Trust|REIT|plc|PLC|AG|SE|SA|NV|LLC|LP|ASA|AB|Oyj|GmbH|KGaA|SAS|A\/S)\.$/, '$1');
}

/** The name that ends `before` (the text before a ticker group), after any alias in parentheses. */
function nameBefore(before: string): string | null {
  // Aliases between name and ticker: Danaos Corporation ("Danaos") (NYSE: DAC) …
  let text = before.replace(/\\"/g, '"');
  for (;;) {
    // … and another ticker group: Slate Grocery REIT (TSX: SGR.U) (TSX: SGR.UN).
    const alias = /\s*(?:\((?:[^()]*[“”"'‘’][^()]*|the\s+[^()]*)\)|[([][^()[\]]*:[^()[\]]*[)\]])\s*,?\s*$/.exec(text);
    if (!alias) break;
    text = text.slice(0, alias.index);
  }
  // A dash ends the dateline before the name.
  const part = text.split(/\s[-–—―]+\s|--|—|―|\/\s|(?<=\d)[-–]/).pop() ?? '';
  return nameAtEnd(part.replace(/\\(["'])/g, '$1').replace(/[*_®™©]/g, ''));
}

/** The run of name words that ends `text` ("… capacity, Atlanta-based Southern Company" → "Southern Company"). */
function nameAtEnd(text: string): string | null {
  const tokens = text.replace(/[ \t]*\n\s*/g, ' \n ').split(/[ \t]+/).filter(Boolean);
  const out: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    let tok = tokens[i];
    // A line break ends the name unless the name goes on across it ("Sears, Roebuck" / "and Co.").
    if (tok === '\n') {
      if (out.length && (JOINING.test(out[0]) || tokens[i - 1]?.endsWith(','))) continue;
      break;
    }
    // A comma belongs inside a name only before its legal form or between its words ("Sears, Roebuck and Co.").
    const comma = tok.endsWith(',');
    if (comma) {
      // "Amazon.com, Inc.", "Co., Ltd.", "Sears, Roebuck and Co." — not "Today, Acme Corp".
      const legalNext = out.length > 0 && new RegExp(`^${LEGAL}$`).test(out[0]);
      const joinedToLegal = out.some((w) => JOINING.test(w)) && LEGAL_END.test(out.join(' '));
      if (!legalNext && !joinedToLegal) break;
      tok = tok.slice(0, -1);
    }
    if (!NAME_WORD.test(tok) || /-based$|-headquartered$/i.test(tok) || /^\d/.test(tok)) break;
    // A date or a sentence ends before the name.
    if (/^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$/.test(tok) && out.length) break;
    out.unshift(comma ? `${tok},` : tok);
  }
  while (out.length && JOINING.test(out[0]) && out[0] !== 'the') out.shift();
  if (out.length && out[0] === 'the') out[0] = 'The';
  const name = out.join(' ').replace(/,$/, '');
  return name && /[A-Za-z]/.test(name) ? name : null;
}

/** The subject of the dateline sentence: "… (GLOBE NEWSWIRE) — Ascendis Pharma A/S today announced". */
function datelineSubject(text: string): string | null {
  const head = text.slice(0, 240);
  // The name starts after the dateline's last mark (a wire's parenthesis or slash, a dash) and ends
  // at its alias, an apposition or the verb.
  for (const mark of head.matchAll(/\)|\/(?=\s)|\s[-–—―]+\s|--|—|―/g)) {
    const rest = head.slice((mark.index ?? 0) + mark[0].length);
    const m = /^\s*([A-Z][^()“”"\n]{0,80}?)\s*(?:\((?:[^()]*[“”":]|the\b)[^()]*\)|,\s+(?:a|an|the|one)\s|\s+(?:today|announced|reported|reports|announces|recorded|is pleased|has reported)\b)/.exec(rest);
    if (!m) continue;
    const name = clean(m[1]);
    if (name.split(' ').every((w) => NAME_WORD.test(w.replace(/,$/, '')))) return name;
  }
  return null;
}

/** The subject of a headline: "Precision Drilling Announces …", "Gecina: 2024 Earnings". */
function headlineSubject(headline: string): string | null {
  const m = /^(.{2,80}?)(?:\s+(?:Announces|Reports|Reported|Releases|Posts|Delivers|Declares|Provides|Issues|Publishes)\b|\s*:\s)/i.exec(headline);
  if (!m) return null;
  const name = clean(m[1]);
  return name.split(' ').every((w) => NAME_WORD.test(w.replace(/,$/, ''))) ? name : null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The same words printed in ordinary case somewhere in the release ("COSTCO WHOLESALE CORPORATION" → "Costco Wholesale Corporation"). */
function ordinaryCase(name: string, texts: string[]): string {
  // One word in capitals is a brand as printed ("NVIDIA"); several are a headline's capitals.
  if (name !== name.toUpperCase() || !/[A-Z]{4}/.test(name) || !/\s/.test(name)) return name;
  const re = new RegExp(`(?<![\\w.@])${escapeRe(name).replace(/\s+/g, '\\s+')}(?![\\w@])`, 'gi');
  for (const t of texts) for (const m of t.matchAll(re)) if (m[0] !== m[0].toUpperCase() && /^[A-Z]/.test(m[0])) return clean(m[0]);
  // Capitals only: ordinary case word by word, short legal forms kept as printed ("INC." → "Inc.").
  return name.toLowerCase().replace(/(^|[\s,&(-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase()).replace(/\b(And|Of|The|For)\b/g, (w, _x, at: number) => (at === 0 ? w : w.toLowerCase()));
}

/** The legal name the release prints for a short name: "Kelly" → "Kelly Services, Inc.", most often printed wins. */
function legalForm(name: string, texts: string[]): string {
  // A name ending in a word that also heads companies ("Holdings", "Group", "Trust") may still carry
  // its registered form right after it ("Foresight Autonomous Holdings Ltd."): take it where printed.
  if (LEGAL_END.test(name)) return registered(name, texts);
  const re = new RegExp(`(?<![\\w&])${escapeRe(name)}((?:,?\\s+[A-Z][\\w&.'’-]*){0,3}?,?\\s+${LEGAL})(?![\\w])`, 'g');
  const counts = new Map<string, number>();
  for (const t of texts) for (const m of t.matchAll(re)) {
    const full = clean(`${name}${m[1]}`);
    counts.set(full, (counts.get(full) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0];
  return best ? registered(best[0], texts) : name;
}

/** The name with the registered form printed directly after it, where the release prints one. */
function registered(name: string, texts: string[]): string {
  const re = new RegExp(`(?<![\\w&])${escapeRe(name)}(,?\\s+(?:Ltd|Limited|Inc|plc|PLC|LLC|N\\.V|S\\.A|AG|SE|A\\/S|ASA)\\.?)(?![\\w])`);
  for (const t of texts) {
    const m = re.exec(t);
    if (m) return clean(`${name}${m[1]}`);
  }
  return name;
}

/**
 * The company's name: by the ticker groups (a name with its legal form preferred), then the
 * dateline's subject, then the headline's; completed and put in ordinary case from the release.
 */
export function companyName(headline: string | null, lead: string[], texts: string[], tickerNames: string[]): string | null {
  const candidates = [
    ...tickerNames,
    ...lead.map(datelineSubject).filter((n): n is string => !!n),
    ...(headline ? [headlineSubject(headline)].filter((n): n is string => !!n) : []),
  ].map(clean).filter((n) => n.length > 1 && n.length <= 90);
  if (!candidates.length) return null;
  // The first name found is the company's; a fuller name of the same company may follow ("Kelly" →
  // "Kelly Services, Inc."), a partner's name never replaces it.
  const first = candidates[0];
  const named = candidates.find((n) => LEGAL_END.test(n) && firstWord(n) === firstWord(first)) ?? first;
  return legalForm(ordinaryCase(named, texts), texts);
}
