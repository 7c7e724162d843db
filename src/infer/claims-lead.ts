import { Decimal } from '../model/decimal';
import type { Claim, ProseFact, Release, RowRef } from '../model/types';
import { similarity } from './facts-tie';
import { isMeasure } from './claims-highlights';
import { periodIn } from './claims-period';

// The operating figures a release leads with: a sentence of its opening paragraphs or lead bullets
// that names a measure, states its figure with a change or a comparison, and says the period
// ("Online sales increased 1.1 percent to $46.6 million for the 13-week fiscal quarter …",
// "Free cash flow increased to $47.7 billion for the trailing twelve months, compared with $21.4
// billion …", "Apple sold 4.13 million Macs during the quarter, a 23 percent unit increase …").
// Each clause is read from its own subject: the measure is the words before its verb, the figure
// the one the verb governs, the sign the verb's. A clause the reader cannot read whole — several
// measures "respectively", a range, a figure it does not know — gives nothing.

// Where the lead ends: the sections a release puts after its results.
const STOP = /outlook|guidance|conference|webcast|\babout\b|forward|non-gaap|definition|reconcil|statements?\s+of|balance\s+sheet|contacts?\b|safe\s+harbor|dividend|capital\s+return/i;
const QUOTE = /[\u201c\u201d"]|\b(?:commented|said|added|stated)\b/;
// A sentence of several measures or a range is not read: its figures would be given to the wrong words.
const UNREADABLE = /\brespectively\b|\bbetween\b|\branging\b/i;
const LEAD_SENTENCES = 40;
const LEAD_MAX = 8;

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
// A percent as a change: "23 percent", "+6.3%", "seven percent".
const PCT = String.raw`([+\-\u2212]\s?)?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s?(?:%|percent\b|per\s+cent\b)`;
const UP_WORD = /^(?:up|increased?|grew|grow(?:th)?|rose|rise|improved?|improvement|gain(?:ed)?|higher|growth)$/i;
const DOWN_WORD = /^(?:down|decreased?|declined?|decline|fell|fall|lower|drop(?:ped)?|reduction|reduced)$/i;
const CHANGE_VERB = String.raw`(?:increased|decreased|grew|rose|fell|declined|improved|were\s+up|was\s+up|were\s+down|was\s+down)`;
const LEVEL_VERB = String.raw`(?:was|were|of|totaled|totalled|reached|amounted\s+to|stood\s+at)`;
// Words a clause opens with before its measure.
const LEAD_IN = [
  /^(?:for|in|during)\s+(?:fiscal\s+)?(?:year\s+)?(?:19|20)\d{2},\s+/i,
  /^(?:(?:in\s+addition|additionally|also|furthermore|overall|record(?:\s+quarterly)?|quarterly|for\s+the\s+(?:quarter|year)|during\s+the\s+quarter),?\s+)+/i,
  /^(?:the\s+(?:company|group|bank|reit|trust)[\u2019']s\s+|our\s+|the\s+)/i,
];

interface Read {
  subject: string;
  level: ProseFact | null;
  pct: Decimal | null;
  prior: ProseFact | null;
  comparison: Claim['comparison'];
}

function pctOf(sign: string | undefined, digits: string, word: string): Decimal {
  const v = new Decimal(WORDS[digits.toLowerCase()] ?? digits);
  const down = (sign && /[-\u2212]/.test(sign)) || DOWN_WORD.test(word);
  return down ? v.neg() : v;
}

/** The fact a sentence states at this offset of its text, when the reader knows it there. */
function factAt(facts: ProseFact[], text: string, at: number): ProseFact | null {
  for (const f of facts) {
    const i = text.indexOf(f.text, Math.max(0, at - 2));
    if (i >= at && i <= at + 2) return f;
  }
  return null;
}

/** The measure named before a clause's verb, cleaned of its lead-in words, footnote marks and defined abbreviations. */
function measure(words: string): string | null {
  const s = LEAD_IN.reduce((w, re) => w.replace(re, ''), words).replace(/\s+(?:for|in|during)\s+the\s+.*$/i, '').replace(/^(?:(?:first|second|third|fourth)[-\s]quarter|full[-\s]year|Q[1-4]|annual)\s+/i, '').replace(/\(\d\)|\s*\([\u201c"][^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  // "The net aggregate increase of 4.25%" names a change, not a measure.
  if (!s || /\d/.test(s) || /\b(?:increase|decrease|growth|decline|change|reduction)s?$/i.test(s) || !isMeasure(s) || s.split(' ').length > 8) return null;
  return capital(s);
}

/** A name's first letter capitalised, unless the name is spelt with a small first letter ("iPhones"). */
function capital(s: string): string {
  return /^[a-z][A-Z]/.test(s) ? s : s[0].toUpperCase() + s.slice(1);
}

/** The change stated after a level: ", up 17% from Q2 and up 112% from a year ago" (the year's when both). */
function changeAfter(rest: string): { pct: Decimal; comparison: Claim['comparison'] } | null {
  const re = new RegExp(String.raw`(?:^|,|\band)\s*(?:an?\s+|representing\s+(?:an?\s+)?)?(up|down|increase|decrease|growth|decline)?\s*(?:of\s+)?${PCT}\s*(?:unit\s+)?(increase|decrease|growth|decline)?((?:(?!\band\b)[^,])*)`, 'gi');
  let best: { pct: Decimal; comparison: Claim['comparison'] } | null = null;
  for (const m of rest.matchAll(re)) {
    const word = m[1] ?? m[4];
    if (!word) continue;
    const against = m[5] ?? '';
    const comparison: Claim['comparison'] = /year[-\s]ago|year[-\s]over[-\s]year|\byoy\b|prior\s+year|same\s+period|last\s+year/i.test(against) ? 'yoy' : /\bQ[1-4]\b|sequential|previous\s+quarter|prior\s+quarter/i.test(against) ? 'qoq' : null;
    const c = { pct: pctOf(m[2], m[3], word), comparison };
    if (!best || comparison === 'yoy') best = c;
  }
  return best;
}

/** One clause read as a measure with a figure and a change or a comparison; null when it is not one. */
function readClause(clause: string, offset: number, text: string, facts: ProseFact[]): Read | null {
  const fact = (i: number) => factAt(facts, text, offset + i);
  // "Apple sold 4.13 million Macs during the quarter, a 23 percent unit increase …"
  const sold = /^(?:\S+\s+){0,3}sold\s+(\d[\d,.]*\s+(?:million|thousand|billion)?)\s*([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)(?=\s+(?:during|in|for)\b|[,.]|$)/i.exec(clause);
  if (sold) {
    const level = fact(sold.index + sold[0].indexOf(sold[1]));
    if (!level || level.kind !== 'number') return null;
    const ch = changeAfter(clause.slice(sold.index + sold[0].length));
    // A count of units sold in the period is a volume the release leads with, compared or not (a product's first quarter).
    return { subject: `${capital(sold[2])} sold`, level, pct: ch?.pct ?? null, prior: null, comparison: ch?.comparison ?? null };
  }
  // "International sales accounted for 62 percent of the quarter's revenue."
  const share = new RegExp(String.raw`^(.+?)\s+accounted\s+for\s+${PCT}\s+of\s+(?:the\s+(?:quarter|year)[\u2019']s\s+|total\s+)?((?:net\s+)?(?:revenue|sales))\b`, 'i').exec(clause);
  if (share) {
    const m = measure(share[1]);
    const level = fact(share[0].indexOf(share[3], share[1].length));
    if (!m || !level || level.kind !== 'percent') return null;
    return { subject: `${m} (share of ${share[4].toLowerCase()})`, level, pct: null, prior: null, comparison: null };
  }
  // "Achieved 4.3% … same-property NOI growth", "driven by Azure and other cloud services revenue growth of 29%".
  const grew = new RegExp(String.raw`^(?:achieved|delivered|posted|reported)\s+${PCT}(?:\s+or\s+[^,]+)?,?\s+(.+?)\s+growth\b|(?:driven\s+by|with)\s+([A-Za-z][^,]*?)\s+growth\s+of\s+${PCT}`, 'i').exec(clause);
  if (grew) {
    const m = measure(grew[3] ?? grew[4]);
    if (!m) return null;
    const pct = grew[2] ? pctOf(grew[1], grew[2], 'growth') : pctOf(grew[5], grew[6], 'growth');
    return { subject: `${m} growth`, level: null, pct, prior: null, comparison: null };
  }
  // "… due to a decrease in the net interest margin to 2.68% … from 2.97% …"
  const moved = /\b(?:an?\s+)?(increase|decrease|decline|improvement)\s+in\s+(?:the\s+)?([a-z][\w\s-]*?)\s+to\s+(?=\S*\d)/i.exec(clause);
  if (moved) {
    const m = measure(moved[2]);
    const level = fact(moved.index + moved[0].length);
    const from = /\bfrom\s+(?=\S*\d)/i.exec(clause.slice(moved.index + moved[0].length));
    const prior = from ? fact(moved.index + moved[0].length + from.index + from[0].length) : null;
    if (!m || !level || !prior || prior.kind !== level.kind) return null;
    return { subject: m, level, pct: null, prior, comparison: 'yoy' };
  }
  // "<measure> <verb> …": the measure is the clause's subject.
  const verb = new RegExp(String.raw`\s(${CHANGE_VERB}|${LEVEL_VERB})\s+(?:by\s+)?`, 'i').exec(clause);
  if (!verb) return null;
  const subject = measure(clause.slice(0, verb.index));
  if (!subject) return null;
  let rest = clause.slice(verb.index + verb[0].length);
  let at = verb.index + verb[0].length;
  const changing = new RegExp(`^${CHANGE_VERB}$`, 'i').test(verb[1].trim());
  let pct: Decimal | null = null;
  let comparison: Claim['comparison'] = null;
  // After a verb of change a percent is the change ("increased 1.1 percent to …"); after "was"/"of" it is the level.
  const p = changing ? new RegExp(`^${PCT}`, 'i').exec(rest) : null;
  if (p) {
    pct = pctOf(p[1], p[2], verb[1].split(/\s+/).pop()!);
    rest = rest.slice(p[0].length);
    at += p[0].length;
    // "increased 9% year-over-year to $95.5 billion"
    const yoy = /^\s*(?:year[-\s]over[-\s]year|yoy)\b/i.exec(rest);
    if (yoy) {
      comparison = 'yoy';
      rest = rest.slice(yoy[0].length);
      at += yoy[0].length;
    }
  }
  // The level the clause reaches: "to $46.6 million", or the figure right after "was"/"of".
  let level: ProseFact | null = null;
  const to = /^\s*(?:to|at)\s+/i.exec(rest);
  if (to) level = fact(at + to[0].length);
  else if (!pct && !changing) level = fact(at);
  if (!pct && !level) return null;
  if (level) {
    const end = clause.indexOf(level.text, at) + level.text.length;
    rest = clause.slice(end);
    at = end;
  }
  let prior: ProseFact | null = null;
  // Only the words of a period may stand between the level and what it is compared with ("exceeding its guidance of flat to slightly up from 30.0%" is another comparison).
  const vs = /^\s*(?:(?:for|in|during|at|as\s+of|on)\b(?:[^,;%$]|,\s*(?:19|20)\d{2})*?)?,?\s*(?:compared\s+(?:with|to)|versus|vs\.?|(?:up|down)?\s*from)\s+(?:(?:the\s+)?[a-z\s-]{0,40}?\s+(?:of|was)\s+)?(?=[$\u20ac\u00a3\d(])/i.exec(rest);
  // "compared with an operating loss of $0.1 billion": the prior is of the other sign, which the figure does not carry.
  if (vs && /\b(?:loss|deficit|negative)\b/i.test(vs[0])) return null;
  // The figure compared with follows its level directly: another figure between them is another clause's.
  if (level && vs && !/[%$\u20ac\u00a3]|\d\s*(?:million|billion|thousand)/i.test(vs[0])) {
    prior = fact(at + vs[0].length);
    if (prior && (prior.kind !== level.kind || prior.currency !== level.currency)) prior = null;
    // What the prior is of, as the words after it say: a quarter before, a year before, or not said.
    const of = rest.slice(vs[0].length);
    if (prior) comparison = /\b(?:prior|previous|preceding)\s+quarter\b|sequential/i.test(of) ? 'qoq' : /year[-\s]ago|prior\s+year|same\s+(?:period|quarter)|last\s+year|(?:19|20)\d{2}/i.test(of) ? 'yoy' : null;
  }
  if (level && !pct && !prior) {
    const ch = changeAfter(rest);
    if (!ch) return null;
    pct = ch.pct;
    comparison = ch.comparison;
  }
  if (pct && !comparison) comparison = /year[-\s]ago|year[-\s]over[-\s]year|\byoy\b|prior\s+year|same\s+period|last\s+year/i.test(rest) ? 'yoy' : null;
  return { subject, level, pct, prior, comparison };
}

/** The period a lead sentence speaks of: its own words, its paragraph's opening, its heading, or a year's release's own year. */
function periodOf(release: Release, si: number): string | null {
  const meta = release.meta;
  const sentences = release.sentences ?? [];
  const s = sentences[si];
  const own = (text: string): string | null => {
    if (/trailing\s+twelve[-\s]months?/i.test(text)) return 'TTM';
    // A year to date on a quarter's page ("the 39-week fiscal period", "nine months ended") is not labelled here.
    if (/\b(?:26|39)[-\s]weeks?\b|\b(?:six|nine)\s+months\b|year[-\s]to[-\s]date/i.test(text)) return 'none';
    // What a sentence compares with is not its period ("… of 71.7% compared to 68.8%, in the fourth quarter of 2023").
    const t = text.replace(/\b(?:compared|versus|vs\.?)\b.*$/i, '').replace(/\byear[-\s]ago\b[^,;]*/gi, '');
    const named = periodIn(t, meta, 'first', true);
    // "fiscal 2014 Q4 total revenues": the quarter of the year named, on a quarter's release.
    if (named && meta.fiscalQuarter !== null && named.label === `FY${meta.fiscalYear}` && new RegExp(`\\bQ${meta.fiscalQuarter}\\b`).test(t)) return meta.fiscalPeriod;
    if (named) return named.label;
    // A year's release speaks of its quarter too: a sentence of a quarter that names no date is of no period known here.
    if (meta.fiscalQuarter === null && /\bquarter\b|\bthree\s+months\b/i.test(t)) return 'none';
    if (/\b(?:the|this)\s+(?:fiscal\s+)?quarter\b|\bquarter[\u2019']s\b|\bquarterly\b|\b13-week\b/i.test(text) && meta.fiscalQuarter !== null) return meta.fiscalPeriod;
    return null;
  };
  let period = own(s.text);
  if (!period) {
    // A paragraph that opens on its period ("For fiscal year 2014, …") or with the release's announcement
    // ("… today announced that fiscal 2014 Q4 total revenues …") names it for its sentences; a list run into one
    // paragraph does not.
    const first = sentences.find((o) => o.paragraph !== undefined && o.paragraph === s.paragraph);
    const opener = first && first !== s ? /^(?:for|in|during)\s+[^,]{3,50},/i.exec(first.text)?.[0] ?? (/\btoday\s+(?:announced|reported)\b/i.test(first.text) ? first.text : null) : null;
    if (opener) period = own(opener);
  }
  // A bullet under "Fourth Quarter 2024 Highlights" is of the period its heading names.
  if (!period && s.section) period = own(s.section.split('\u203a').pop() ?? '');
  if (!period && meta.fiscalQuarter === null) period = meta.fiscalPeriod;
  if (!period) return null;
  // Only the release's own period (its quarter, its year to date, its trailing year) is a highlight of it.
  const year = meta.fiscalYear;
  if (period === 'TTM' || period === meta.fiscalPeriod) return period;
  if (year !== null && (period === `FY${year}` || period === `FY ${year}`)) return period;
  return null;
}

/** The rows the page prints: its tiles, the chart's parts and the condensed statements. */
function pageRows(release: Release): RowRef[] {
  const h = release.headline;
  return h ? [...h.figures, ...h.parts, ...h.income, ...h.balance, ...h.cashflow].map((f) => f.row) : [];
}

/** A measure the page already prints: its figure ties to a row the page shows, or its name is that row's. */
function onPage(release: Release, rows: RowRef[], subject: string, f: ProseFact): boolean {
  const ref = f.tie?.ref;
  if (ref && rows.some((r) => r.statement === ref.statement && r.table === ref.table && r.row === ref.row)) return true;
  // A tile's caption names its measure as the page prints it ("Non-GAAP net income" over a reconciliation's "Net income").
  if ((release.headline?.figures ?? []).some((h) => similarity(subject, h.caption) >= 0.85)) return true;
  return rows.some((r) => {
    const label = release.statements.find((st) => st.id === r.statement)?.tables[r.table]?.rows[r.row]?.label;
    return !!label && similarity(subject, label) >= 0.85;
  });
}

/** The KPIs a release leads with, not already among `taken` and not a statement's line; at most LEAD_MAX. */
export function leadClaims(release: Release, taken: Claim[], only?: number): Claim[] {
  const sentences = release.sentences ?? [];
  const rows = pageRows(release);
  const out: Claim[] = [];
  const seen = new Set(taken.map((c) => c.subject.toLowerCase().replace(/\s*\(.*$/, '')));
  const values = new Set(taken.map((c) => `${c.unit}|${c.low?.toString()}`));
  const bySentence = new Map<number, ProseFact[]>();
  for (const f of release.facts) {
    const list = bySentence.get(f.sentence) ?? [];
    list.push(f);
    bySentence.set(f.sentence, list);
  }
  for (let si = 0; si < Math.min(sentences.length, LEAD_SENTENCES) && out.length < LEAD_MAX; si++) {
    const s = sentences[si];
    if (only !== undefined && si !== only) continue;
    if (STOP.test(s.section.split('\u203a').pop() ?? '')) break;
    if (QUOTE.test(s.text) || UNREADABLE.test(s.text)) continue;
    const period = periodOf(release, si);
    if (!period) continue;
    const facts = bySentence.get(si) ?? [];
    // Clauses: a list's items and a "while" are each a clause of their own subject.
    let offset = 0;
    for (const clause of s.text.split(/(;\s+|,\s+while\s+|,\s+whereas\s+|\s+-\s+)/)) {
      const start = offset;
      offset += clause.length;
      if (!clause.trim() || /^(?:;\s+|,\s+while\s+|,\s+whereas\s+|\s+-\s+)$/.test(clause)) continue;
      const lead = clause.length - clause.trimStart().length;
      const r = readClause(clause.trim().replace(/^[*\u2022\u00b7-]\s*/, ''), start + lead + (/^[*\u2022\u00b7-]\s*/.exec(clause.trim())?.[0].length ?? 0), s.text, facts);
      if (!r) continue;
      const key = r.subject.toLowerCase();
      if (seen.has(key) || (r.level && onPage(release, rows, r.subject, r.level)) || (r.level && r.level.role === 'outlook')) continue;
      // A level the page already holds as a table figure is a restatement unless its measure is not on the statements.
      // "The interest rate decreased by 1.00%": a rate's change in percent may be points; not read.
      if (!r.level && /\b(?:rate|ratio|margin|yield|return)\b/i.test(r.subject)) continue;
      // Per-share figures and the statements' margins are the tiles' and the margins panel's; a cost line is
      // the statements' own, discussed, not a measure of the business.
      if (r.level?.kind === 'per-share' || /\b(?:gross|operating(?:\s+profit)?|net(?!\s+interest)|profit|ebitda)\s+margin\b|\bexpenses?\b|\bcosts?\b/i.test(r.subject)) continue;
      const low = r.level ? r.level.value : r.pct!;
      const unit = r.level ? r.level.kind : 'percent';
      if (values.has(`${unit}|${low.toString()}`) && r.level) continue;
      seen.add(key);
      values.add(`${unit}|${low.toString()}`);
      const ref = r.level ?? facts[0];
      out.push({
        id: '',
        kind: 'highlight',
        subject: r.subject,
        period,
        low,
        high: low,
        approximate: false,
        unit,
        currency: r.level ? r.level.currency : null,
        scale: r.level ? r.level.scale : 0,
        decimals: r.level ? r.level.decimals : r.pct!.decimalPlaces(),
        change: !r.level,
        comparison: r.comparison,
        base: r.prior ? { value: r.prior.value, text: r.prior.text, growthLow: null, growthHigh: null } : null,
        note: r.level && r.pct ? `${r.pct.isNegative() ? '-' : '+'}${r.pct.abs().toString()}%` : null,
        sentence: si,
        place: ref?.place ?? s.place,
      });
      if (out.length >= LEAD_MAX) break;
    }
  }
  return out;
}
