import { Decimal } from '../model/decimal';
import type { Claim, ProseFact, Release } from '../model/types';
import { similarity } from './facts-tie';

// Operating highlights: the figures a release reports in its prose that its tables do not hold
// (volumes, users, comps, stores, occupancy, loss ratios …), each with the change it states. A
// figure the tables hold is a restatement, a prior period is a baseline, a change is not a level,
// and a fragment of a sentence is not a measure.

const QUOTE = /[\u201c"]|\b(?:commented|said|added|stated)\b/;
const FRAGMENT = /^(?:and|or|as|but|with|worth|increase|decrease|decline|growth|total\s+number|number|which|that|this|these|while|we|it|they|our|its|in|of|for|to|from|at|by|on|more|less|approximately|about|over|up|down|demand|when|if|after|before|during|including|excluding|inclusive|change|reduction|due|because|lower|higher|sq|million|billion|thousand|financed|sold|square\s+feet|related|comprising|hedged|liabilities|weighted\s+average)\b/i;
// A name with a verb in it is a piece of a sentence ("H&R sold 58 real estate assets", "Gross margin decreased by").
const HAS_VERB = /\b(?:sold|driven|supported|grew|increased|decreased|improved|contracted|generated|reported|financed|reached|rose|fell|declined|represented|accounted|was|were|is|are|has|have|had|achieved|completed|compared|acquired|delivered|raised|contributed)\b|[.;]|\s\+|\+$|--|^\W/i;
const DOWN = /\b(?:decrease|decline|fall|drop|down|fell|declined|decreased|reduction|lower)\w*\s*(?:of|by)?\s*(?:approximately|about)?\s*$/i;
const CAPITAL = /\bdividends?\b|\brepurchas\w*|\bbuy-?backs?\b/i;
const IN_SECTION = /highlight|operat|business|key\s+(?:metric|figure|takeaway)|kpi/i;
// A statement's notes, an expense's discussion and the company's boilerplate are no highlights section.
const NOT_SECTION = /financial\s+(?:highlights|results)|statements?\s+of|balance\s+sheets?|reconcil|expenses?\b|^\s*about\b/i;
// "over 9,000 units": a bound, not a count; "nearly", "approximately": a rounded figure.
const BOUND_BEFORE = /\b(?:over|more\s+than|in\s+excess\s+of|at\s+least|exceeding)\s*$/i;
const ROUNDED_BEFORE = /\b(?:nearly|almost|approximately|about|around|roughly|some|close\s+to)\s*$/i;

/** The last sub-heading under a highlights heading when it names a part of the business, not a kind of figure. */
function segmentOf(section: string): string | null {
  const parts = section.split('\u203a').map((p) => p.trim().replace(/[:*_\s]+$/, '').replace(/^[*_\s]+/, ''));
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1];
  return IN_SECTION.test(last) || NOT_SECTION.test(last) || /\d/.test(last) || last.split(' ').length > 4 ? null : last;
}

// The span right after a figure ("$421 million ($0.26/share) in the quarter", "over $135 billion in 2024"), or a sentence's opening words ("During the year, …").
const SPAN_AFTER = /^\s*(?:\([^)]*\)\s*)?(?:(?:for|in|during|over)\s+the\s+(?:(full|fiscal)\s+)?(year|quarter)\b|(?:for|in|during)\s+((?:19|20)\d{2})\b(?!\s*(?:and|to)\b))/i;
const SPAN_LEAD = /^\s*(?:for|in|during|over)\s+the\s+(?:(?:full|fiscal)\s+)?(year|quarter)\b/i;

/** The span a highlight's figure is of when the sentence says, as a period label; null when it does not say. */
function spanOf(sentence: string, at: number, figure: string, release: Release): string | null {
  const meta = release.meta;
  if (at < 0 || meta.fiscalYear === null) return null;
  const after = SPAN_AFTER.exec(sentence.slice(at + figure.length));
  const lead = after ? null : SPAN_LEAD.exec(sentence);
  const word = after?.[2] ?? lead?.[1];
  const year = after?.[3] ? Number(after[3]) : null;
  if (year !== null) return year === meta.fiscalYear && meta.fiscalQuarter !== null ? `FY${year}` : null;
  if (word && /year/i.test(word) && meta.fiscalQuarter !== null) return `FY${meta.fiscalYear}`;
  return null;
}

/** The heading a sentence stands under: the innermost of nested titles ("Financial agenda › About Gecina"). */
function innermost(section: string): string {
  return section.split('\u203a').pop() ?? section;
}

// A name that ends in its verb is a fragment ("Others represented 43%").
const ENDS_IN_VERB = /\b(?:represented|accounted|reached|totaled|totalled|amounted|stood|increased|decreased|grew|rose|fell|declined|was|were)$/i;
// A figure right after a verb of change is the change, not the level ("operating profit increased $41 million").
const CHANGE_BEFORE = /\b(?:increase[sd]?|decrease[sd]?|rose|fell|grew|declined|up|down|improved|gain(?:ed)?|drop(?:ped)?|higher|lower)\s*(?:of|by)?\s*(?:approximately|about|nearly)?\s*$/i;

/** A name a reader takes for a measure: a noun phrase of up to eight words, no verb, no fragment. */
export function isMeasure(subject: string): boolean {
  const words = subject.split(' ');
  return /[a-z]/.test(subject) && subject.length >= 3 && !HAS_VERB.test(subject) && !ENDS_IN_VERB.test(subject) && /^[A-Za-z0-9]/.test(subject) && words.length <= 10 && subject.length <= 80 && !FRAGMENT.test(subject) && !/\b(?:was|were|is|are)\b/i.test(subject) && !/\b(?:of|to|in|for|and|the|by|at)$/i.test(subject);
}

/** The change a sentence states right after a figure, when it is of a year or quarter before. */
function changeAfter(facts: ProseFact[], i: number, sentence: string): { value: ProseFact; down: boolean; comparison: Claim['comparison'] } | null {
  const f = facts[i];
  const chg = facts[i + 1];
  if (!chg || chg.sentence !== f.sentence || chg.subject !== `${f.subject} (change)`) return null;
  const at = sentence.indexOf(chg.text, sentence.indexOf(f.text) + f.text.length);
  if (at < 0) return null;
  const after = sentence.slice(at + chg.text.length, at + chg.text.length + 80);
  const next = facts[i + 2];
  const comparison: Claim['comparison'] = /^\s*(?:QoQ|sequential|quarter[-\s]over[-\s]quarter|from\s+\S+\s+\S*\s*in\s+the\s+(?:prior|previous)\s+quarter)/i.test(after) || next?.role === 'prior-period'
    ? 'qoq'
    : /^\s*(?:YoY|year[-\s](?:on|over)[-\s]year)/i.test(after) || (next?.role === 'prior-year' && next.sentence === f.sentence) || /\bin\s+the\s+same\s+period\b|\bprior\s+year\b/i.test(after)
      ? 'yoy'
      : null;
  return { value: chg, down: DOWN.test(sentence.slice(0, at)), comparison };
}

/** A name that a statement's row carries is a table figure restated, not an operating highlight. */
function restatesTable(release: Release, named: string): boolean {
  const subject = named.replace(/\b(?:for|in|during)\s+the\s+(?:quarter|year|period)\b/gi, ' ');
  for (const st of release.statements) for (const t of st.tables) for (const row of t.rows) if (similarity(subject, row.label) >= 0.85) return true;
  return false;
}

function capital(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** A name cut at a list's comma gets its head back: "Depreciation, amortization and rental expenses". */
function listHead(sentence: string, subject: string): string {
  const at = sentence.toLowerCase().indexOf(subject.toLowerCase());
  if (at < 0 || !/\band\b/i.test(subject)) return subject;
  const head = /(?:^|[^\w,]\s*)((?:[A-Za-z][\w-]*,\s*)+)$/.exec(sentence.slice(0, at));
  return head ? `${head[1]}${subject[0].toLowerCase()}${subject.slice(1)}` : subject;
}

export function highlightClaims(release: Release, max = 10): Claim[] {
  const facts = release.facts;
  const sentences = release.sentences ?? [];
  const inSection = (f: ProseFact) => {
    const path = sentences[f.sentence]?.section ?? '';
    const section = innermost(path);
    // Under a highlights heading, a segment's sub-heading is still the highlights.
    return (IN_SECTION.test(section) || (!!segmentOf(path) && IN_SECTION.test(path))) && !NOT_SECTION.test(section);
  };
  const any = facts.some(inSection);
  // Whether a sentence is a quote or about capital, asked once per sentence, not once per figure.
  const skip = new Map<number, boolean>();
  const skipped = (si: number, text: string) => {
    let v = skip.get(si);
    if (v === undefined) skip.set(si, (v = QUOTE.test(text) || CAPITAL.test(text)));
    return v;
  };
  const seenLines = new Set<number>();
  const seenSubjects = new Set<string>();
  const out: Claim[] = [];
  for (let i = 0; i < facts.length && out.length < max; i++) {
    const f = facts[i];
    const s = sentences[f.sentence];
    if (!s || (any && !inSection(f)) || (!any && !/highlight/i.test(innermost(s.section)))) continue;
    if (f.role !== 'current' || f.kind === 'per-share' || f.subject.endsWith('(change)') || !isMeasure(f.subject)) continue;
    // A sentence that leads with a table's figure restates the tables; its later figures are
    // other spans of the same ("$101 million in the quarter and $1.9 billion for the year").
    if (f.tie) {
      seenLines.add(s.place.line);
      continue;
    }
    // A bare count needs a name of two words ("23,042,303 loans" says nothing of what they are).
    if (f.kind === 'number' && f.scale === 0 && f.subject.split(' ').length < 2) continue;
    // A share of more than ten times the whole is a year or a count misread as a percent; a bare
    // currency amount with no "per" is a price or a rate, not an operating figure.
    if (f.kind === 'percent' && f.value.abs().gt(1000)) continue;
    if (f.kind === 'amount' && f.scale === 0 && !/\bper\b|price|rent|rate|fee|cost/i.test(f.subject)) continue;
    // Margins are ratios of the statements' lines, shown with them.
    if (/\bmargin\b/i.test(f.subject) || restatesTable(release, f.subject)) continue;
    // The same amount named twice ("earnings from realizations", "… from the monetization of mature assets") is one figure.
    const amountKey = f.kind === 'amount' ? `${f.currency}|${f.value.times(new Decimal(10).pow(f.scale)).toString()}` : null;
    if (amountKey && seenSubjects.has(amountKey)) seenLines.add(s.place.line);
    if (seenLines.has(s.place.line) || skipped(f.sentence, s.text) || seenSubjects.has(f.subject.toLowerCase())) continue;
    if (amountKey) seenSubjects.add(amountKey);
    seenLines.add(s.place.line);
    seenSubjects.add(f.subject.toLowerCase());
    const at = s.text.indexOf(f.text);
    const lead = at >= 0 ? s.text.slice(Math.max(0, at - 40), at) : '';
    if (CHANGE_BEFORE.test(lead)) continue;
    const bound = BOUND_BEFORE.test(lead);
    const change = changeAfter(facts, i, s.text);
    // A segment's sub-heading under the highlights ("Wealth Solutions:") scopes its figures.
    const segment = segmentOf(s.section);
    const subject = `${capital(listHead(s.text, f.subject))}${segment && !f.subject.toLowerCase().includes(segment.toLowerCase()) ? ` (${segment})` : ''}`;
    // "Total inflows were over $135 billion in 2024", "During the year, …" on a quarter's page: the year's figure says so.
    const period = spanOf(s.text, at, f.text, release) ?? release.meta.fiscalPeriod;
    out.push({
      id: '',
      kind: 'highlight',
      subject,
      period,
      low: f.value,
      high: bound ? null : f.value,
      approximate: ROUNDED_BEFORE.test(lead),
      unit: f.kind,
      currency: f.currency,
      scale: f.scale,
      decimals: f.decimals,
      change: false,
      comparison: change?.comparison ?? null,
      base: null,
      note: change ? `${change.down ? '-' : '+'}${change.value.value.toFixed(change.value.decimals)}%` : null,
      sentence: f.sentence,
      place: f.place,
    });
  }
  return out;
}
