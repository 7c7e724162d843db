import type { Release } from '../model/types';

// Labels and titles as the page prints them: the release's words, without what only the source's
// typesetting put there — footnote markers ("Net income 2", "NOI 1 2", "Debt(1)"), a group heading
// glued to its first line ("Income Account- Retail Revenue"), words set in capitals for emphasis
// ("INCOME FROM OPERATIONS"), a table introduced by a sentence ("The following table reconciles …")
// and the company's own name before a caption. Nothing here changes what a label means: a word in
// capitals keeps them where the release itself writes it so in running text (EBITDA, FFO, NOI), and
// a proper noun keeps its capital.

/** The longest label a statement across the page prints whole; a longer one is shortened at a word. */
export const LABEL_MAX = 90;

/** Acronyms of reporting that stay in capitals even where the release never writes them in running text. */
const ACRONYMS = new Set([
  'EBITDA', 'EBITDAR', 'EBIT', 'EBT', 'FFO', 'AFFO', 'NOI', 'NAV', 'NTA', 'NRV', 'NDV', 'EPRA', 'REIT', 'GAAP', 'IFRS', 'EPS', 'ADS', 'ADR',
  'USD', 'US', 'U.S.', 'UK', 'EU', 'CEO', 'CFO', 'LLC', 'LP', 'PLC', 'TCE', 'OCI', 'LTV', 'GBV', 'CET1', 'ROE', 'ROA', 'ROIC', 'SG&A',
  'R&D', 'D&A', 'IT', 'AI', 'NCI', 'FX', 'RSU', 'ESPP', 'TTM', 'YTD', 'QTD', 'LAE', 'RASM', 'CASM', 'ASM', 'RPM', 'ATM', 'EMS',
]);

/** Words a trailing digit belongs to ("Tier 1", "Level 3"): never read as a footnote marker. */
const NUMBERED = /\b(?:tier|level|phase|class|stage|series|type|note|notes|schedule|table|exhibit|step|item|part|section|building|tower|block|lot|plant|mine|project|tranche)\s+\d$/i;

/**
 * A label without the footnote markers the source prints after it: "(1)", "(2)(3)", "(a)", "*",
 * superscript digits, or single digits after the words ("NOI 1 2"). A trailing number that is part
 * of the name ("Tier 1", "Class 2", "2024") stays.
 */
export function withoutFootnotes(label: string): string {
  let s = label.replace(/\s+/g, ' ').trim();
  for (;;) {
    const before = s;
    s = s.replace(/\s*(?:\((?:\d{1,2}|[a-z]|[A-Z])\))+$/, '')
      .replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+$/, '')
      .replace(/\s*\*+$/, '')
      .trim();
    // Single digits after words; a number that names the line (Tier 1) keeps its digit.
    const m = /^(.*[A-Za-z)%][^\d]*?)((?:\s+[1-9])+)$/.exec(s);
    if (m && !NUMBERED.test(`${m[1]} ${m[2].trim().split(/\s+/)[0]}`)) s = m[1].trim();
    if (s === before) break;
  }
  return s;
}

/**
 * A label split into the group heading the source set on the same line as the group's first line
 * ("Income Account- Retail Revenue": heading "Income Account", label "Retail Revenue") and the line's
 * own words; a leading bullet dash ("- As Reported") is typesetting too.
 */
export function splitHeading(label: string): { heading: string | null; label: string } {
  const s = label.replace(/^(?:[-\u2013\u2014]\s+)+/, '').replace(/\s*[-\u2013\u2014]$/, '').trim();
  // A hyphen glued to a word and followed by a space, between two capitalised phrases of two words
  // or more before it: a heading and its first line, not a hyphenated word broken by the source.
  const m = /^([A-Z][^-]*\s[^-]*?[A-Za-z])-\s+([A-Z(].*)$/.exec(s);
  return m ? { heading: m[1].trim(), label: m[2].trim() } : { heading: null, label: s };
}

/** How the release writes each word in running text: lower-cased word → its spelling, where one spelling is evidence. */
type Spellings = Map<string, string>;

const cache = new WeakMap<Release, Spellings>();

// A word: letters and digits with inner apostrophes, dots and ampersands (REIT's, U.S., R&D); a hyphen
// separates words, so each half of NON-IFRS takes its own case.
const WORD = /[A-Za-z][A-Za-z0-9&'’.]*[A-Za-z0-9]|[A-Za-z]/g;

/**
 * A text in which capitals are the exception — not set in capitals, not in Title Case ("Total
 * Operating Expenses") — so its words show how the release spells them.
 */
function running(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  const lower = text.replace(/[^a-z]/g, '').length;
  const long = (text.match(/[A-Za-z]{4,}/g) ?? []);
  const capitalised = long.filter((w) => /^[A-Z]/.test(w)).length;
  return letters.length >= 6 && lower / letters.length >= 0.6 && capitalised * 2 < long.length;
}

/** Words that are never acronyms, in whatever case a label sets them. */
const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'per', 'the', 'to', 'with', 'net', 'less', 'before', 'after', 'other', 'total']);

/**
 * The release's own spellings, from its prose, titles and labels written in mixed case: a word it
 * writes in capitals inside running text is an acronym ("FFO"), one it writes capitalised away from
 * the start of a sentence is a name ("North America"), any other is a common word.
 */
function spellings(release: Release): Spellings {
  const hit = cache.get(release);
  if (hit) return hit;
  const counts = new Map<string, Map<string, number>>();
  const texts = [
    ...(release.prose ?? []).map((p) => p.text),
    ...release.statements.flatMap((s) => [s.title, ...s.tables.flatMap((t) => [t.caption, ...t.rows.map((r) => r.label)])]),
  ];
  for (const text of texts) {
    if (!text || !running(text)) continue;
    for (const sentence of text.split(/(?<=[.!?:;])\s+|\s*[|\n]\s*|\s+[-\u2013\u2014]\s+/)) {
      const words = sentence.match(WORD) ?? [];
      // The first word of a sentence is capitalised whatever it is: no evidence.
      words.slice(1).forEach((w) => {
        const key = w.toLowerCase();
        const m = counts.get(key) ?? new Map<string, number>();
        m.set(w, (m.get(w) ?? 0) + 1);
        counts.set(key, m);
      });
    }
  }
  const out: Spellings = new Map();
  for (const [key, m] of counts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const caps = [...m.entries()].filter(([w]) => w === w.toUpperCase() && /[A-Z]{2}/.test(w));
    const capsCount = caps.reduce((a, [, n]) => a + n, 0);
    // An acronym that is also a common word ("US" and "us") is an acronym where the release writes it so often enough.
    if (caps.length && (capsCount >= 2 || capsCount / total >= 0.25)) { out.set(key, caps.sort((a, b) => b[1] - a[1])[0][0]); continue; }
    const lower = m.get(key) ?? 0;
    const best = [...m.entries()].sort((a, b) => b[1] - a[1])[0][0];
    out.set(key, lower > 0 && lower * 2 >= total - capsCount ? key : best);
  }
  cache.set(release, out);
  return out;
}

/**
 * A word in capitals the release gives no evidence for that reads as a word, not an acronym: longer
 * than acronyms usually are, or of three letters shaped like a word (TAX, NET, FEE; not ATM, NOI).
 */
function word(w: string): boolean {
  const letters = w.replace(/[^A-Z]/g, '');
  return letters.length > 3 || /^[^AEIOU][AEIOU][^AEIOU]$/.test(letters);
}

/** A word set in capitals: two letters or more, no lower-case letter. */
function shouted(word: string): boolean {
  return /[A-Z].*[A-Z]/.test(word) && !/[a-z]/.test(word);
}

/**
 * Words set in capitals for emphasis, in the case the release writes them in running text: "INCOME
 * FROM OPERATIONS" → "Income from operations", "ADJUSTED EBITDA" → "Adjusted EBITDA". A word the
 * release never writes otherwise stays in capitals unless the whole label is set in them and the
 * word is longer than an acronym usually is.
 */
export function readableCase(release: Release, text: string): string {
  const words = text.match(WORD) ?? [];
  const caps = words.filter(shouted);
  if (!caps.length) return text;
  // A label set mostly in capitals is shouted as a whole ("NET INCOME AS REPORTED (See Note)"), and
  // so is a run of words in capitals inside one ("COST OF SALES (Including buying …)").
  const all = caps.length * 3 >= words.length * 2;
  const inRun = words.map((w, i) => shouted(w) && (shouted(words[i - 1] ?? '') || shouted(words[i + 1] ?? '')));
  const known = spellings(release);
  let at = 0;
  return text.replace(WORD, (w) => {
    const initial = at === 0;
    const run = inRun[at++];
    if (!shouted(w)) return w;
    const key = w.toLowerCase();
    const spelled = known.get(key) ?? known.get(key.replace(/[.'’]+$/, ''));
    let out: string;
    const possessive = /^(.*)['’]S$/.exec(w);
    if (ACRONYMS.has(w) || ACRONYMS.has(w.replace(/[.,]+$/, ''))) out = w;
    else if (possessive && ACRONYMS.has(possessive[1])) out = `${possessive[1]}'s`;
    else if (SMALL.has(key)) out = key;
    else if (spelled) out = spelled === spelled.toUpperCase() ? w : spelled;
    else out = (all || run) && word(w) ? key : w;
    return initial && out === key ? out.charAt(0).toUpperCase() + out.slice(1) : out;
  });
}

/** A row label as the page prints it: no footnote markers, no glued group heading, no capitals for emphasis. */
export function labelText(release: Release, label: string): string {
  return readableCase(release, splitHeading(withoutFootnotes(label)).label);
}

/** The same, keeping the group heading the label carried (for a table that can print it above the line). */
export function labelParts(release: Release, label: string): { heading: string | null; label: string } {
  const parts = splitHeading(withoutFootnotes(label));
  return { heading: parts.heading ? readableCase(release, parts.heading) : null, label: readableCase(release, parts.label) };
}

/** The words of a sentence that introduces a table, and the noun each verb makes of the table. */
const INTRO = /^(?:the\s+)?(?:following\s+tables?|tables?\s+(?:below|above)|following)\s+(?:(?:is|are)\s+)?(reconcil\w*|summar\w*|sets?\s+(?:out|forth)|presents?|represents?|provides?|shows?|outlines?|details?|includes?|lists?|contains?)\s+(.*)$/i;

/** A sentence that introduces a table ("The following table reconciles …"): titleText makes it the table's name. */
export function introducesTable(text: string): boolean {
  return INTRO.test(text.replace(/\s+/g, ' ').trim());
}

/** "a", "an", "the" at the start of a phrase. */
const ARTICLE = /^(?:an?|the)\s+/i;

function strip(s: string, prefix: string): string | null {
  const norm = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  const want = norm(prefix);
  if (!want) return null;
  // Walk the title until its letters and digits spell the prefix, whatever its punctuation and spacing.
  let got = '';
  for (let i = 0; i < s.length; i++) {
    got += norm(s[i]);
    if (got === want) return s.slice(i + 1).replace(/^[\s,.:;\-\u2013\u2014|]+/, '');
    if (!want.startsWith(got)) return null;
  }
  return null;
}

/**
 * A table's title as the page prints it: the noun phrase of a sentence that introduces the table
 * ("The following table reconciles net income to FFO" → "Reconciliation of net income to FFO"), without
 * the company's own name before it, "(Unaudited)", a stray cell rule or footnote markers, and in the
 * case the release writes its words.
 */
export function titleText(release: Release, title: string): string {
  let s = title.replace(/\s+/g, ' ').replace(/^[|\s]+|[|\s]+$/g, '');
  s = s.replace(/\s*\((?:unaudited|audited)\)\s*/gi, ' ').trim();
  const company = release.meta.company;
  if (company) s = strip(s, company) ?? strip(s, company.replace(/^the\s+/i, '')) ?? s;
  const intro = INTRO.exec(s);
  if (intro) {
    const verb = intro[1].toLowerCase();
    let rest = intro[2].replace(/[.:]+$/, '').trim();
    const noun = /^reconcil/.test(verb) ? 'Reconciliation of ' : /^summar/.test(verb) ? 'Summary of ' : '';
    const phrase = rest.replace(ARTICLE, '');
    // "… provides a reconciliation of X" is already a noun phrase; "… reconciles X to Y" becomes one.
    rest = noun && !/^(?:reconciliation|summary|calculation|breakdown)\b/i.test(phrase) ? `${noun}${rest}` : phrase;
    s = rest;
  }
  s = withoutFootnotes(s.replace(/[:.]+$/, ''));
  s = readableCase(release, s);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
