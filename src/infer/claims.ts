import { Decimal, roundTo } from '../model/decimal';
import { daysBetween } from './facts-tie';
import { parseDate } from '../read/period';
import type { Claim, ClaimKind, ProseSentence, Release } from '../model/types';
import { respectiveSubjects, statedValues, VERSUS_GUIDANCE, type Stated } from './claims-read';
import { periodIn, reportedMonths, reportedOrdinal, type NamedPeriod } from './claims-period';
import { drivers } from './claims-drivers';
import { highlightClaims } from './claims-highlights';
import { sentencesOf } from './facts';
import { leadClaims } from './claims-lead';
import type { Pass } from './index';

// The prose read as statements: what the release guides (outlook), what it returned to its
// shareholders, which operating figures it reports beside its tables, and what it says moved its
// results. Each claim keeps the sentence it was read from (by index) and its place.

// "projects" and "forecasts" are nouns as often as verbs: only "projects to", "forecast that" are forward.
const FORWARD = /\b(?:expects?|expected|expecting|anticipates?|anticipated|guidance|outlook|(?:forecasts?|projects?)\s+(?:to|that)|forecasted|projected\s+to|guides?|guided)\b/i;
const PAST = /\b(?:was|were|had|did|has\s+been|have\s+been|retired|recognized|reported|recorded|achieved|totaled|totalled|registered|reached|generated|delivered|returned|repurchased|paid|grew|rose|fell|increased|decreased|declined|improved|surpassed|exceeded|outperformed|completed|acquired|sold|closed|raised|issued)\b/i;
// Where a sentence turns to a new clause: a semicolon, a colon, "and" before a new verb or subject.
const CLAUSE_BREAK = /;\s+|:\s+|(?<=\S),(?=[A-Z])|\s\+\s(?=[A-Z])|,?\s+(?:and|but|while|whereas)\s+(?=(?:we|the\s+company|it|they|he|she|has|have|had|will|is|are|was|were)\b|(?:\w+\s+){0,2}(?:expects?|anticipates?|retired|repurchased)\b)/g;
const INCLUDED = /\b(?:includ\w*|exclud\w*|net\s+of|related\s+to)\b[^,;]*$|\b(?:includ\w*|exclud\w*)\s*(?:approximately|about)?\s*$/i;
const BASE_BEFORE = /\b(?:compared\s+(?:with|to)|versus|vs\.?|from)\s*(?:approximately|about)?\s*$/i;
const BACKWARD_AFTER = /^\s*(?:\S+\s+){0,2}(?:for|over|in)\s+the\s+(?:last|past|previous)\b|^\s*since\b/i;
const PERIOD_WORDS = /\b(?:(?:first|second|third|fourth)\s+(?:fiscal\s+)?(?:quarter|half)|Q[1-4]|H[12]|full[-\s]year|fiscal(?:\s+year)?|FY\s?(?:19|20)?\d{2}|(?:19|20)\d{2}|for\s+the\s+year|annual)\b(?:\s+of)?/gi;
const STRIP_TAIL = /(?:\s*(?:,|\(|\*|\+|\u2013|\u2014|-|:)|\s+(?:an?\s+(?:income|loss|gain|expense)\s+of|in\s+the\s+range\s+of|range\s+of|of|at|between|from|to|be|reach|total|approximately|about|around|roughly|c\.|at\s+least|up\s+to|a|an|the|by|is|are|will|should|would|expected|anticipated|projected|forecast|estimated|up|down|increase[sd]?|decrease[sd]?|decline|grow|growth|rise|fall|implies|imply|now|now\s+expects?|expects?|anticipates?|flat|still|per\s+quarter))\s*$/i;
const STRIP_HEAD = /^(?:[\s,;:*\u2013\u2014-]+|(?:and|or|but|while|with|the|a|an|our|its|their|we|it|they|this|that|these|such|representing|reflecting|which|as|so|also|then|now|company|total\s+company)\s+)/i;
const FORWARD_CUT = /^.*\b(?:expects?|anticipates?|forecasts?|projects?|guides?|sees|plans?|aims?|intends?)\s+(?:(?:to\s+)?(?:generate|achieve|report|deliver|record|see|post|have)\s+)?/i;
const EXPECTED_CUT = /\s+(?:(?:is|are|will\s+be|should\s+be|to\s+be)\s+)?(?:expected|anticipated|projected|forecast|estimated|guided)\b.*$/i;
const GUIDANCE_CUT = /\s+(?:guidance|outlook)\b.*$/i;
const GROWTH_ONLY = /^(?:(?:or|and|implying|implies|representing)\s+)?(?:the\s+)?(?:(?:a|an)\s+)?(?:(?:year[-\s](?:on|over)[-\s]year|yoy|sequential|annual|organic|another\s+year\s+of|a\s+\w+\s+consecutive\s+year\s+of)\s+)?(?:growth|increase|decrease|decline|change|to\s+grow|grow|to\s+increase|to\s+decrease|to\s+decline)(?:\s+with)?$/i;
const LABEL_DASH = /^[\s*_]*([A-Za-z][\w&/'’. -]{0,40}?)[\s*_]*\s[\u2013\u2014-]\s/;
const BAD_START = /^(?:we|it|they|he|she|this|that|these|there|which|who|implies|includ\w*|exclud\w*|to|of|in|for|at|by|on|as|or|and|per|up|down|worth|increase|decrease|total\s+number|more|less|approximately|about|over)\b/i;
const ACTION: Record<string, string> = { invest: 'Investment', reduce: 'Reduction', retire: 'Retirement', repurchase: 'Share repurchases', return: 'Return to shareholders', spend: 'Spending' };

/** What a value measures: the noun phrase before it, without verbs, periods and filler. */
export function subjectOf(before: string): string {
  // A list's bullet glyph ("•Revenue is expected to be …") is no word of the measure.
  let s = before.replace(/[*_•▪◦‣●]/g, ' ').replace(/\s+/g, ' ').trimStart();
  const label = LABEL_DASH.exec(s);
  if (label) return tidy(label[1]);
  const forward = FORWARD_CUT.exec(s);
  if (forward) {
    s = s.slice(forward[0].length);
    // "expects to invest $225 million": the action is the measure.
    const act = /^to\s+(\w+)\b\s*(.*)$/i.exec(s);
    if (act && ACTION[act[1].toLowerCase()]) {
      const object = tidy(act[2].replace(/\b(?:by|an?\s+additional|approximately|about|at\s+least)\b/gi, ' '));
      return object && object.split(' ').length <= 3 ? `${capital(object)} ${ACTION[act[1].toLowerCase()].toLowerCase()}` : ACTION[act[1].toLowerCase()];
    }
    // A parenthesis after the measure ("earnings per share, before the cumulative effect …").
    s = s.split(/,\s/)[0];
    // "plan to increase direct shareholder returns to 35%": the measure is what is increased.
    s = s.replace(/^to\s+(?:increase|raise|grow|lift|bring|reduce|lower|keep|maintain)\s+/i, '');
  } else {
    const parts = s.split(/,\s*/);
    s = parts.filter((p) => p.trim()).pop() ?? '';
  }
  s = s.replace(EXPECTED_CUT, '');
  return tidy(s);
}

/** The words after the last comma: "…, representing a year-on-year growth between". */
function lastPart(before: string): string {
  return (before.split(/,\s*/).pop() ?? '').replace(/[\s(+]*(?:between|of|at|by)?[\s(+]*$/i, '').replace(STRIP_HEAD, '').trim();
}

function capital(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function tidy(raw: string): string {
  let s = raw.replace(PERIOD_WORDS, ' ').replace(GUIDANCE_CUT, '').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 12; i++) {
    const next = s.replace(STRIP_TAIL, '').replace(STRIP_HEAD, '').trim();
    if (next === s) break;
    s = next;
  }
  // An aside left open by the cut ("recurrent net income (Group share") is closed or dropped.
  const open = s.lastIndexOf('(');
  if (open > s.lastIndexOf(')')) s = s.slice(0, open).trim();
  return capital(s);
}

function goodSubject(s: string): boolean {
  const words = s.split(' ');
  return /^[A-Za-z]/.test(s) && !/^(?:a|an|the)$/i.test(s) && words.length <= 8 && !BAD_START.test(s) && !/\b(?:was|were|is|are)\b/i.test(s);
}

function comparisonOf(text: string): Claim['comparison'] {
  if (/\b(?:QoQ|sequential(?:ly)?|quarter[-\s](?:on|over)[-\s]quarter|previous\s+quarter|prior\s+quarter)\b/i.test(text)) return 'qoq';
  if (/\b(?:YoY|year[-\s](?:on|over)[-\s]year|(?:compared\s+(?:with|to)|vs\.?|versus)\s+(?:the\s+)?(?:(?:first|second|third|fourth)\s+quarter\s+(?:of\s+)?)?(?:fiscal\s+)?(?:19|20)\d{2}|prior\s+year|a\s+year\s+(?:ago|earlier))\b/i.test(text)) return 'yoy';
  return null;
}

/** Splits a sentence into clauses; the words before a colon head the clauses after it. */
export function clausesOf(sentence: string): { text: string; head: string }[] {
  const out: { text: string; head: string }[] = [];
  let head = '';
  let start = 0;
  const push = (end: number, sep: string) => {
    const text = sentence.slice(start, end);
    if (text.trim()) out.push({ text, head });
    if (/:/.test(sep)) head = `${head} ${text}`;
  };
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    push(m.index ?? 0, m[0]);
    start = (m.index ?? 0) + m[0].length;
  }
  push(sentence.length, '');
  return out;
}

/** A clause speaks of the future: forward words, not a comparison with past guidance, no past verb before them. */
function forwardClause(text: string): boolean {
  const t = text.replace(VERSUS_GUIDANCE, ' ');
  const f = FORWARD.exec(t);
  if (!f) return false;
  const p = PAST.exec(t);
  return !p || p.index > f.index;
}

// The measure a target names, right before the figure: "long-term debt reduction target to $700 million".
const TARGET = /\b((?:(?:our|its|the)\s+)?(?:[\w-]+\s+){0,4}?target)\s+(?:to|of)\s*(?:approximately|about|at\s+least)?\s*(?=[$€£\d]|[A-Z]{1,3}\$)/i;
const RUNS_TO = /\b(?:to|by|through|until|in)\s+((?:19|20)\d{2})\b(?![^.]*\b(?:to|by|through|until)\s+(?:19|20)\d{2}\b)/i;

const INFINITIVE = /\bto\s+(?:be|decline|decrease|increase|grow|rise|fall|range|reach|remain)\b/i;

interface Context {
  /** The sentences stand under an outlook or guidance heading, or after "… is as follows:". */
  forward: boolean;
  period: NamedPeriod | null;
}

function claim(kind: ClaimKind, subject: string, v: Stated, period: string | null, sentence: number, place: Claim['place']): Claim {
  return {
    id: '',
    kind,
    subject,
    period,
    low: v.low,
    high: v.high,
    approximate: v.approximate,
    unit: v.unit,
    currency: v.currency,
    scale: v.scale,
    decimals: v.decimals,
    change: v.change,
    comparison: null,
    base: null,
    note: null,
    sentence,
    place,
    ...(v.cents ? { cents: true } : {}),
    ...(v.tolerance ? { tolerance: v.tolerance } : {}),
  };
}

// A rate right after a figure: per period ("per quarter", "annually", "a year") or per share or unit.
// An adverb or "a year" qualifies the figure only where no noun follows it ("$0.25 quarterly dividend").
const RATE_PERIOD = /^\s*(?:(?:per|a|an|each)\s+(quarter|month|year|annum|week|day)\b(?!\s+(?:earlier|ago|before|later|end|ended|to\s+date))|(annually|quarterly|monthly)\b(?=\s*(?:[,;.)]|$|and\b|or\b|expected|anticipated|in\b|over\b|for\b|through\b|from\b|beginning\b|starting\b|thereafter\b)))/i;
const RATE_SHARE = /^\s*per\s+((?:[A-Za-z-]+\s+){0,3}?)(share|ADS|unit)s?\b/i;
const ADVERB: Record<string, string> = { annually: 'year', quarterly: 'quarter', monthly: 'month', annum: 'year' };

/** The rate a figure is stated at, from the words right after it; `length` is how many of them it takes. */
export function rateAfter(after: string): { words: string; perShare: boolean; length: number } | null {
  const share = RATE_SHARE.exec(after);
  if (share) return { words: `per ${share[1].replace(/\s+/g, ' ')}${share[2]}`, perShare: true, length: share[0].length };
  const period = RATE_PERIOD.exec(after);
  if (!period) return null;
  const word = (period[1] ?? period[2]).toLowerCase();
  return { words: `per ${ADVERB[word] ?? word}`, perShare: false, length: period[0].length };
}

const PER_SHARE_SUBJECT = /\bper\s+(?:diluted\s+|basic\s+)?(?:share|ADS|unit)\b|\bEPS\b/i;

/** The guidance of one sentence. */
function outlookOf(s: ProseSentence, si: number, release: Release, ctx: Context): Claim[] {
  const out: Claim[] = [];
  const meta = release.meta;
  const reported = reportedOrdinal(meta);
  const sentencePeriod = periodIn(s.text, meta);
  for (const clause of clausesOf(s.text)) {
    const headForward = FORWARD.test(clause.head);
    // "increased our long-term debt reduction target to $700 million and extended … to 2027": a
    // target set, raised or kept is guidance whatever the verb's tense, for the year it runs to
    // (with no such year, a target is left to the words around it).
    const target = RUNS_TO.test(s.text) || SPAN.test(s.text) ? TARGET.exec(clause.text) : null;
    const forward = !!target || forwardClause(clause.text) || ((headForward || ctx.forward) && !PAST.test(clause.text.replace(VERSUS_GUIDANCE, ' ')));
    if (!forward) continue;
    const runsTo = target ? (SPAN.exec(s.text)?.[2] ?? RUNS_TO.exec(s.text)?.[1] ?? null) : null;
    // A target over years names the years it spans, or the year it runs to, not a fiscal year of its own.
    const since = runsTo && target ? spanStart(runsTo, clause.text.slice(target.index + target[0].length), s.text, release) : null;
    const period = (runsTo ? { label: since ? `${since}\u2013${runsTo}` : `to ${runsTo}`, ordinal: Number(runsTo) * 4 + 4 } : null) ?? periodIn(clause.text, meta) ?? (clause.head ? periodIn(clause.head, meta, 'last') : null) ?? sentencePeriod ?? ctx.period;
    // Guidance is for a period after the reported one.
    if (period && reported !== null && period.ordinal <= reported) continue;
    if (!period && !ctx.forward && !headForward) continue;
    const values = statedValues(clause.text, meta.currency);
    let from = 0;
    let prev: Claim | null = null;
    const listed: Claim[] = [];
    for (const v of values) {
      const before = clause.text.slice(from, v.start);
      if (INCLUDED.test(before) || BACKWARD_AFTER.test(v.after)) continue;
      if (prev && BASE_BEFORE.test(v.before) && v.unit === prev.unit) {
        prev.base = baseOf(prev, v, clause.text.slice(v.start, v.end));
        prev.comparison ??= 'vs-base';
        from = v.end;
        continue;
      }
      // The second value of "A and B … X and Y, respectively" shares the list's subject.
      let subject = target && v.start > target.index ? capital(target[1].replace(/^(?:our|its|the|a|an)\s+/i, '')) : v.respective && listed.length ? listed[0].subject : subjectOf(before);
      let change = v.change;
      // "up 10 basis points to approximately 3.6%": the level the change arrives at.
      if (prev && prev.change && /^\s*to\s*(?:approximately|about|around|roughly|c\.)?\s*$/i.test(v.before)) subject = prev.subject;
      if (v.respective && listed.length) v.approximate ||= listed[0].approximate;
      if (prev && (GROWTH_ONLY.test(subject) || GROWTH_ONLY.test(lastPart(before)) || (!subject && v.change))) {
        subject = prev.subject;
        change = true;
      }
      // "an unfavorable impact of 10 basis points from foreign exchange rates": the impact of what.
      const source = /\b(?:impact|effect|headwind|tailwind|benefit)$/i.test(subject) ? /^\s*(from|of)\s+((?:[\w-]+\s?){1,4})/i.exec(v.after) : null;
      if (source) subject = `${subject} ${source[1]} ${source[2].trim()}`;
      // A bare count ("two 9,200 TEU vessels") is not guidance of a measure.
      if (!subject || !goodSubject(subject) || (v.unit === 'number' && v.scale < 3)) continue;
      const c = claim('outlook', subject, v, period?.label ?? null, si, s.place);
      // "increase returns to 35% to 45%": the level reached, not a change.
      c.change = change || (v.unit === 'percent' && /\b(?:grow|growth|increase|decrease|decline)\b/i.test(before) && !/\bto\s*(?:approximately|about|around)?\s*$/i.test(before));
      let tail = clause.text.slice(v.end);
      // "$13.5 million per quarter", "€6.60 per share": the rate is part of what the figure measures.
      const rate = rateAfter(tail);
      if (rate) {
        tail = tail.slice(rate.length);
        if (rate.perShare) {
          if (!PER_SHARE_SUBJECT.test(c.subject)) c.subject = `${c.subject} ${rate.words}`;
          if (c.unit === 'amount' && c.scale === 0) c.unit = 'per-share';
        } else if (c.change) c.note = rate.words;
        else c.subject = `${c.subject} ${rate.words}`;
      }
      // "35% to 45% of free cash flow": a share of another measure says of which.
      const share = v.unit === 'percent' && !c.change ? /^\s*of\s+((?:[A-Za-z][\w-]*\s?){1,4}?)(?=\s*(?:[,;.]|$|(?:before|after|in|for|by|to)\b))/i.exec(tail) : null;
      if (share) {
        c.subject = `${c.subject} (% of ${share[1].trim()})`;
        tail = tail.slice(share[0].length);
      }
      // The qualifier may follow the rate or the measure it is a share of ("… of free cash flow, before debt repayments").
      const qualifier = qualifierOf(before, tail, !!(rate || share));
      if (qualifier) c.note = c.note ? `${c.note}, ${qualifier}` : qualifier;
      if (c.unit === 'amount' && c.scale === 0 && PER_SHARE_SUBJECT.test(subject)) c.unit = 'per-share';
      // A level is compared with nothing unless a base follows; a change says what it is over.
      c.comparison = c.change ? comparisonOf(`${before} ${clause.text.slice(v.end)}`) : null;
      if (v.respective !== null) listed.push(c);
      out.push(c);
      prev = c;
      from = v.end;
    }
    // "GAAP and non-GAAP gross margins are expected to be 73.0% and 73.5%, respectively".
    if (listed.length > 1) {
      const names = respectiveSubjects(listed[0].subject, listed.length);
      if (names) listed.forEach((c, k) => (c.subject = capital(names[k])));
    }
    // A trailing clause that says in words how another basis or part of the measure moves ("…, up
    // modestly on an organic basis"; "…; organic GP rate roughly flat") is a statement of its own,
    // with no figure: it never qualifies the figure before it, which is the total's.
  }
  return out;
}

// "between 2022 and 2027", "from 2022 to 2027": a span of years with its start.
const SPAN = /\b(?:between|from)\s+((?:19|20)\d{2})\s+(?:and|to|through)\s+((?:19|20)\d{2})\b/i;

/**
 * The year a multi-year target's span starts, when the release states it: in the target's own
 * sentence, or in another that names the same amount over a span ending in the same year
 * ("debt by $700 million between 2022 and 2027"). A target is cumulative from that year.
 */
function spanStart(end: string, figureOn: string, text: string, release: Release): string | null {
  const own = SPAN.exec(text);
  if (own && own[2] === end) return own[1];
  const amount = /^\s*([$\u20ac\u00a3]?\d[\d,.]*(?:\s+(?:thousand|million|billion))?)/i.exec(figureOn)?.[1];
  if (!amount) return null;
  for (const s of release.sentences ?? []) {
    const span = s.text.includes(amount) ? SPAN.exec(s.text) : null;
    if (span && span[2] === end) return span[1];
  }
  return null;
}

// What a guided figure includes or leaves out, stated between its measure and the figure
// ("earnings per share, before the cumulative effect of …, to be between") or right after it
// ("$.16 to $.17, including $.01 per diluted share in restructuring charges").
const QUALIFIER_WORDS = String.raw`(?:before|after|excluding|including|but\s+including|but\s+excluding|net\s+of|assuming|inclusive\s+of|exclusive\s+of)\b`;
const QUALIFIER_BEFORE = new RegExp(String.raw`,\s*(${QUALIFIER_WORDS}[^]*?),?\s*(?:to\s+be|to\s+range|to\s+come\s+in|is|are|will\s+be|of|at|in\s+the\s+range\s+of|between)\b[^,]*$`, 'i');
// After a rate or a share's measure the qualifier may follow without a comma ("of free cash flow before debt repayments").
const qualifierAfter = (comma: string) => new RegExp(String.raw`^\s*${comma}\s*(${QUALIFIER_WORDS}[^;]*?)\s*(?:,\s*(?:and|while|which|reflecting)\b|;|\.(?=\s|$)|$)`, 'i');
const QUALIFIER_AFTER = qualifierAfter(',');
const QUALIFIER_NEXT = qualifierAfter(',?');

/**
 * The qualifier a guided figure carries, in the release's words; null when it has none.
 * `joined`: the words after the figure follow its rate or measure, so a qualifier needs no comma.
 */
export function qualifierOf(before: string, after: string, joined = false): string | null {
  const q = QUALIFIER_BEFORE.exec(before)?.[1] ?? (joined ? QUALIFIER_NEXT : QUALIFIER_AFTER).exec(after)?.[1];
  return q ? q.replace(/\s+/g, ' ').replace(/[\s,.\u201d"\u2019]+$/, '').trim() : null;
}

function baseOf(c: Claim, v: Stated, text: string): Claim['base'] {
  const base = v.low.times(new Decimal(10).pow(v.scale - c.scale));
  const growth = (x: Decimal | null) => (x && !base.isZero() && !c.change ? x.div(base).minus(1).times(100).toDecimalPlaces(1) : null);
  return { value: base, text: text.trim(), growthLow: growth(c.low), growthHigh: growth(c.high) };
}

const CAPITAL = /\bdividends?\b|\brepurchas\w*|\bbuy-?backs?\b|\bbought\s+back\b|\bNCIB\b|\bissuer\s+bid\b|\bdistributions?\s+(?:to|per)\b|\breturned\b[^.]*\b(?:share|stock|unit)holders\b/i;
const NOT_CAPITAL = /\bcash\s+(?:flows?\s+)?(?:provided|generated|from)\s+(?:by\s+|from\s+)?operati\w*|\boperating\s+cash\b|\bdividends?\s+(?:from|received|income)\b|\b(?:to|from)\s+(?:the\s+|its\s+)?(?:holding|parent)\b|\bfinancings?\b/i;

const BUYBACK = /\brepurchas\w*|\bbuy-?backs?\b|\bbought\s+back\b|\bNCIB\b|\bissuer\s+bid\b/i;
const BUY_AFTER = /^\s*(?:in|of|for)\s+(?:(?:common|ordinary|its|our|class\s+\w)\s+)?(?:(?:share|stock|shares|ADS)\s+)?(?:repurchases?|buy-?backs?)\b|^\s*of\s+(?:(?:its|our)\s+)?(?:common\s+|ordinary\s+)?(?:shares|stock)\b/i;
const EXECUTED_BEFORE = /\b(?:repurchased|purchased|bought\s+back|repurchasing|repurchases?\s+of|buy-?backs?\s+of|executed|completed)\b/i;
const AUTHORIZED = /\b(?:authoriz\w*|authoris\w*|approv\w*|program(?:me)?|plan|up\s+to|NCIB|renew\w*|launch\w*)\b/i;

/** The words after the last comma or "and" before a value: what the value itself is said to be. */
function ownWords(before: string): string {
  return before.split(/,\s|\s+and\s+/).pop() ?? '';
}

/** Dividends and buybacks of one sentence, each labelled what it is. */
function capitalOf(s: ProseSentence, si: number, release: Release): Claim[] {
  if (!CAPITAL.test(s.text)) return [];
  const out: Claim[] = [];
  for (const clause of clausesOf(s.text)) {
    const t = clause.text;
    if (!CAPITAL.test(t) && !CAPITAL.test(clause.head)) continue;
    const values = statedValues(t, release.meta.currency);
    const dividend = /\bdividends?\b|\bdistributions?\b/i.test(t);
    const buyback = BUYBACK.test(t);
    let amountEnd = 0;
    let valueEnd = 0;
    for (const v of values) {
      // The words since the previous amount say what this one is; counts and prices do not cut them.
      const before = t.slice(amountEnd, v.start);
      const own = t.slice(valueEnd, v.start);
      valueEnd = v.end;
      const after = v.after;
      if (v.unit === 'amount' && v.scale >= 3) amountEnd = v.end;
      if (v.change || NOT_CAPITAL.test(ownWords(before)) || NOT_CAPITAL.test(after.slice(0, 50))) continue;
      const perShare = v.unit === 'per-share' || (v.unit === 'amount' && v.scale === 0 && /^\s*(?:per|a)\s+(?:common\s+|ordinary\s+)?(?:share|ADS|unit)/i.test(after));
      let subject: string | null = null;
      if (perShare && dividend && /\bdividends?\b|\bdistributions?\b/i.test(own)) {
        const kind = /\b(interim|final|special|quarterly|balance)\b/i.exec(own)?.[1].toLowerCase();
        const annual = /\bannual(?:ized|ised)?\b/i.test(ownWords(before)) || /^\s*(?:per\s+\w+\s+)?(?:on\s+an\s+)?annual/i.test(after);
        // "Paid" only when the payment is past: one on a date after the period's end is payable then.
        const payDate = paymentDate(after, release.meta);
        const verb = /\b(?:declared?|approved?|announced?|payable|set|raised|increased|maintained)\b/i.test(t)
          ? 'declared'
          : /\b(?:proposed?|recommended?|submitted|to\s+be\s+submitted)\b/i.test(t) ? 'proposed'
          : FUTURE_PAY.test(t) || payDate?.future ? 'payable' : /\b(?:paid|pay)\b/i.test(t) ? 'paid' : null;
        // A trust's "distribution per unit" is its dividend, named as it names it.
        const word = /\bdividends?\b/i.test(own) ? 'Dividend' : 'Distribution';
        // "payable in additional Units": a distribution of units, not of cash.
        const inKind = /^\s*(?:per\s+\w+\s+)?(?:\S+\s+){0,2}?(?:payable|paid|distributed|satisfied)\s+in\s+(?:additional\s+|new\s+)?(?:units|shares|stock)\b/i.test(after) || /\bstock\s+dividends?\b/i.test(own);
        const tags = [annual ? 'annualized' : kind && kind !== 'quarterly' ? kind : null, inKind ? 'in units, non-cash' : null].filter(Boolean);
        subject = `${word}${verb ? ` ${verb}` : ''} per share${tags.length ? ` (${tags.join(', ')})` : ''}`;
      } else if (v.unit === 'amount' && v.scale >= 3) {
        if (buyback && (EXECUTED_BEFORE.test(before) || (BUY_AFTER.test(after) && !AUTHORIZED.test(before)))) subject = 'Buyback executed';
        else if (buyback && AUTHORIZED.test(`${ownWords(before)} ${after.slice(0, 60)}`)) subject = 'Buyback authorized';
        else if (/\b(?:returned|distributed|returning)\b/i.test(before) && /^\s*(?:\S+\s+){0,3}?to\s+(?:its\s+|our\s+)?(?:share|stock|unit)holders/i.test(after)) subject = 'Returned to shareholders';
        else if (/^\s*(?:in|of)\s+(?:cash\s+|common\s+)?dividends\b/i.test(after) || /\bdividends?\s+(?:paid\s+)?(?:of|totaling|totalling)\s*(?:approximately|about)?\s*$/i.test(before)) {
          subject = /\bdeclared\b/i.test(t) ? 'Dividends declared' : 'Dividends paid';
        }
      }
      if (!subject) continue;
      // An amount executed or paid under a heading that names the quarter is that quarter's.
      // A running total ("as of November 19, 2024, had purchased", "a total of") is of no one period.
      const done = /executed|paid|returned/i.test(subject) && !/\bas\s+of\b|\bsince\b|\bto\s+date\b|\bcumulative\w*|\ba\s+total\s+of\b|\bin\s+total\b|\bso\s+far\b/i.test(t);
      const executed = /executed|paid|returned/i.test(subject);
      const period = periodIn(after, release.meta, 'first', executed) ?? periodIn(t.slice(0, v.start), release.meta, 'last', executed) ?? (done ? periodIn(s.section.split('\u203a').pop() ?? '', release.meta, 'last', true) ?? theQuarter(s.text, release.meta) : null);
      const c = claim('capital-return', subject, v, (executed ? doneScope(s.text, period, release.meta) : null) ?? period?.label ?? null, si, s.place);
      if (perShare) c.unit = 'per-share';
      if (subject === 'Buyback executed') c.note = buybackNote(t);
      if (perShare && /payable/.test(subject)) {
        const date = paymentDate(after, release.meta);
        if (date) c.note = `on ${date.text}`;
      }
      out.push(c);
    }
  }
  return out;
}

// Cash-flow lines of what was returned: shares bought back and dividends paid to the company's
// own shareholders (not to minority holders, not received).
const BUYBACK_ROW = /\brepurchas\w*|\bbuy-?backs?\b|\bpurchases?\s+of\s+(?:treasury|common|own|ordinary)\s+(?:stock|shares)\b|\btreasury\s+(?:stock|shares)\s+(?:purchased|acquired)\b/i;
const DIVIDEND_ROW = /^(?:cash\s+)?dividends?\s+paid\b|\bpayments?\s+of\s+(?:cash\s+)?dividends?\b|\b(?:common\s+stock\s+)?cash\s+dividends\s+paid\b|^dividends?\s+(?:paid\s+)?to\s+(?:share|stock)holders/i;
const NOT_RETURN_ROW = /\bproceeds\b|\bissu\w*|\bsale\b|\bnon-?controlling\b|\bminority\b|\breceived\b|\bsubsidiar/i;

/** Buybacks executed and dividends paid in the reported period, as the cash-flow statement states them. */
function cashFlowReturns(release: Release, stated: Claim[]): Claim[] {
  const meta = release.meta;
  const end = meta.periodEnd;
  if (!end) return [];
  const months = reportedMonths(meta);
  const out: Claim[] = [];
  for (const st of release.statements) {
    if (st.kind !== 'cash-flow') continue;
    for (const t of st.tables) {
      const col = t.columns.find((c) => !c.convenience && !c.period?.instant && c.period?.months === months && !!c.period.end && daysBetween(c.period.end, end) <= 7);
      if (!col) continue;
      for (const row of t.rows) {
        const subject = NOT_RETURN_ROW.test(row.label) ? null : BUYBACK_ROW.test(row.label) ? 'Buyback executed' : DIVIDEND_ROW.test(row.label) ? 'Dividends paid' : null;
        const fig = row.cells[col.index];
        if (!subject || !fig || fig.value === null || fig.value.isZero() || fig.kind !== 'amount' || out.some((c) => c.subject === subject)) continue;
        const value = fig.value.abs();
        // What the prose already says of the period (or says without a period, at its precision) is not said twice.
        const said = stated.some((c) => c.subject === subject && c.low && (c.period === meta.fiscalPeriod || roundTo(value.times(new Decimal(10).pow(fig.scale - c.scale)), c.decimals).eq(c.low)));
        if (said) continue;
        out.push({
          id: '', kind: 'capital-return', subject, period: meta.fiscalPeriod, low: value, high: value, approximate: false, unit: 'amount',
          currency: fig.currency ?? col.currency ?? meta.currency, scale: fig.scale, decimals: fig.decimals, change: false, comparison: null, base: null,
          note: 'cash-flow statement', sentence: -1, place: row.place,
        });
      }
    }
  }
  return out;
}

// "will be paid", "to be paid", "payable": a payment still to come.
const FUTURE_PAY = /\b(?:will\s+(?:be\s+)?pa(?:y|id)|to\s+be\s+paid|payable)\b/i;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const PAY_DATE = new RegExp(String.raw`^[^.;]{0,40}?\b(?:on|in)\s+((?:${MONTHS})\.?\s+\d{1,2}(?:,?\s+((?:19|20)\d{2}))?)`);

/** The date a per-share payment falls on ("… per share on March 5, 2025"), and whether it is after the period's end. */
function paymentDate(after: string, meta: Release['meta']): { text: string; future: boolean } | null {
  const m = PAY_DATE.exec(after);
  if (!m || !meta.periodEnd) return null;
  const year = m[2] ? '' : ` ${meta.periodEnd.slice(0, 4)}`;
  let iso = parseDate(`${m[1]}${year}`);
  if (!iso) return null;
  // A date with no year is the next such date after the period's end.
  if (!m[2] && iso <= meta.periodEnd) iso = parseDate(`${m[1]} ${Number(meta.periodEnd.slice(0, 4)) + 1}`);
  const text = m[2] ? m[1] : `${m[1]}, ${(iso ?? '').slice(0, 4)}`;
  return { text: text.replace(/\s+/g, ' '), future: !!iso && iso > meta.periodEnd };
}

// What was done after the period's end, or over a program's life, is of no reported period.
const SINCE_END = new RegExp(String.raw`\b(?:subsequent(?:ly)?\s+to|after|since)\s+(?:the\s+end\s+of\s+the\s+(?:quarter|year|period)|(?:the\s+)?(?:quarter|year|period)[-\s]end|((?:${MONTHS})\.?\s+\d{1,2},?\s+(?:19|20)\d{2}))`, 'i');
const TO_DATE = /\bso\s+far\b|\bto\s+date\b|\byear[-\s]to[-\s]date\b/i;
const RUNNING = /\bas\s+of\s+the\s+date\s+of\s+this\b|\ba\s+total\s+of\b|\bin\s+total\b|\bcumulative\w*|\bsince\s+(?:the\s+)?(?:inception|launch|start)\b/i;
const SINCE_START = new RegExp(String.raw`\b(?:since|introduced\s+in|launched\s+in|began\s+in|started\s+in|commenced\s+in)\s+((?:(?:${MONTHS})\s+)?(?:19|20)\d{2})`, 'i');

/** The span an amount executed or paid covers when it is not a reported period: after its end, a later year to date, a program's life. */
function doneScope(text: string, period: NamedPeriod | null, meta: Release['meta']): string | null {
  const reported = reportedOrdinal(meta);
  const since = SINCE_END.exec(text);
  const sinceDate = since?.[1] ? parseDate(since[1]) : null;
  if (since && (!since[1] || (sinceDate && meta.periodEnd && sinceDate >= meta.periodEnd))) return 'after the period end';
  if (period && reported !== null && period.ordinal > reported) return TO_DATE.test(text) ? `${period.label} to date` : 'after the period end';
  if (RUNNING.test(text)) {
    const start = SINCE_START.exec(text);
    return start ? `cumulative since ${start[1]}` : 'cumulative';
  }
  return null;
}

// A per-share dividend line of a table ("Dividends", "Cash dividends declared per common share").
const DIVIDEND_PER_SHARE_ROW = /^(?:cash\s+)?dividends?(?:\s+(?:declared|paid))?(?:\s+per\s+(?:common\s+)?share)?$/i;

/** The dividend per share a table states for the reported period, or for the year it ends, when the prose states none. */
function tableDividends(release: Release, stated: Claim[]): Claim[] {
  const meta = release.meta;
  const end = meta.periodEnd;
  if (!end || stated.some((c) => c.unit === 'per-share' && /^(?:Dividend|Distribution)/.test(c.subject))) return [];
  const months = reportedMonths(meta);
  const year = Number(end.slice(0, 4));
  for (const st of release.statements) {
    for (const t of st.tables) {
      // The reported span's column first; else the year's, named by its year alone or ending with the period.
      const col = t.columns.find((c) => !c.convenience && !c.period?.instant && c.period?.months === months && !!c.period.end && daysBetween(c.period.end, end) <= 7)
        ?? t.columns.find((c) => !c.convenience && !!c.period && !c.period.instant && (c.period.months === 12 || c.period.months === null) && (c.period.end ? daysBetween(c.period.end, end) <= 7 : c.period.fiscalYear === String(year)));
      if (!col) continue;
      for (const row of t.rows) {
        const fig = row.cells[col.index];
        if (!DIVIDEND_PER_SHARE_ROW.test(row.label.trim()) || !fig || fig.value === null || fig.value.isZero() || (fig.kind !== 'per-share' && !(fig.kind === 'amount' && fig.scale === 0))) continue;
        const yearly = col.period?.months !== months;
        return [{
          id: '', kind: 'capital-return', subject: 'Dividends per share', period: yearly ? `FY${meta.fiscalYear ?? year}` : meta.fiscalPeriod, low: fig.value.abs(), high: fig.value.abs(),
          approximate: false, unit: 'per-share', currency: fig.currency ?? col.currency ?? meta.currency, scale: 0, decimals: fig.decimals, change: false, comparison: null, base: null,
          note: null, sentence: -1, place: row.place,
        }];
      }
    }
  }
  return [];
}

/** "… and ended the quarter with …": a sentence of what was done in the quarter speaks of the reported one. */
function theQuarter(text: string, meta: Release['meta']): NamedPeriod | null {
  const reported = reportedOrdinal(meta);
  if (meta.fiscalQuarter === null || !meta.fiscalPeriod || reported === null || !/\b(?:in|during|ended|for|over)\s+the\s+quarter\b/i.test(text)) return null;
  return { label: meta.fiscalPeriod, ordinal: reported };
}

/** Shares bought and their average price, as the sentence states them. */
function buybackNote(text: string): string | null {
  const shares = /(\d[\d,.]*\s*(?:million\s+|thousand\s+)?(?:common\s+|ordinary\s+|class\s+\w\s+)?(?:shares|ADSs|units))/i.exec(text);
  const price = /average\s+(?:price|cost)\s+(?:of\s+)?(?:approximately\s+)?((?:US\$|C\$|\$|€|£|RMB|HK\$)\s?\d[\d,.]*(?:\s+per\s+(?:share|ADS|unit))?)/i.exec(text);
  const parts = [shares ? shares[1] : null, price ? `average ${price[1]}` : null].filter(Boolean);
  return parts.length ? parts.join(' at ') : null;
}

// A sentence that says what the guidance before it includes, leaves out or assumes.
const BOUNDS_PREVIOUS = /^(?:this|that|these|such|the\s+(?:above\s+)?(?:guidance|outlook|range|forecast|estimate)s?)\s+(?:(?:also|further)\s+)?((?:includes?|excludes?|assumes?|is\s+(?:inclusive|exclusive)\s+of|is\s+net\s+of)\b[^;]*)$/i;

/** Adds what a sentence says the guidance before it includes, leaves out or assumes to that guidance's notes. */
function boundPrevious(text: string, guided: Claim[]): void {
  const bound = BOUNDS_PREVIOUS.exec(text.trim());
  if (!bound || !guided.length || bound[1].length > 120) return;
  // Hedges and the period the page already prints are no words of the bound.
  const words = bound[1].replace(/\s+/g, ' ').replace(/[\s.]+$/, '').replace(/\s+for\s+the\s+(?:full\s+)?(?:year|quarter|period)$/i, '')
    .replace(/^(\S+)\s+(?:an\s+)?(?:estimated?|expected|approximately|about)\s+(?:of\s+)?/i, '$1 ');
  for (const c of guided) c.note = c.note ? `${c.note}; ${words}` : words;
}

/** The sentences without a figure that follow a sentence in its paragraph, up to the next with one. */
function wordsAfter(s: ProseSentence, release: Release): string[] {
  const paragraph = s.paragraph === undefined ? undefined : release.prose?.[s.paragraph];
  if (!paragraph) return [];
  const all = sentencesOf(paragraph.text).map((x) => x.text);
  const at = all.indexOf(s.text);
  if (at < 0) return [];
  const out: string[] = [];
  for (const t of all.slice(at + 1)) {
    if (/\d/.test(t)) break;
    out.push(t);
  }
  return out;
}

/** Every claim of a release's prose, in reading order within each kind. */
export function readClaims(release: Release): Claim[] {
  const sentences = release.sentences ?? [];
  const outlook: Claim[] = [];
  const capital: Claim[] = [];
  let ctx: Context = { forward: false, period: null };
  let guided: { line: number; period: NamedPeriod | null } | null = null;
  let section = '';
  let lastFound: Claim[] = [];
  sentences.forEach((s, si) => {
    if (s.section !== section) {
      section = s.section;
      const forward = FORWARD.test(section.replace(VERSUS_GUIDANCE, ' '));
      ctx = { forward, period: forward ? periodIn(section, release.meta, 'last') : null };
    }
    // A guidance sentence's paragraph goes on guiding in the headline style ("Gross margin to be
    // around 30.5%. Profit per diluted ADS to be 9.0 cents to 11.0 cents"), for the same period.
    const goesOn = guided && guided.line === s.place.line && INFINITIVE.test(s.text);
    const found = outlookOf(s, si, release, goesOn ? { forward: true, period: guided!.period } : ctx);
    const last = found.filter((c) => c.period).pop();
    if (last) guided = { line: s.place.line, period: periodIn(last.period!, release.meta) };
    else if (!goesOn) guided = null;
    // "This includes an estimate of $8 million to $12 million of catastrophe losses": the next
    // sentence bounds the guidance just given.
    if (!found.length) boundPrevious(s.text, lastFound);
    // "The outlook assumes third quarter domestic comparable store sales to be down low
    // single-digits.": a bound in words has no figure, so no sentence of its own; it is read
    // from the paragraph, right after the guidance.
    for (const next of found.length ? wordsAfter(s, release) : []) boundPrevious(next, found);
    lastFound = found;
    outlook.push(...found);
    // Under an outlook heading, a line that names no period is for the period the lines above named.
    if (ctx.forward && found.length && found[found.length - 1].period) {
      ctx = { forward: true, period: periodIn(found[found.length - 1].period!, release.meta) ?? ctx.period };
    }
    // "NVIDIA's outlook for the fourth quarter of fiscal 2025 is as follows:" heads what follows.
    if (!found.length && /(?:as\s+follows|following)\s*:?\s*$|:\s*$/i.test(s.text) && forwardClause(s.text)) {
      ctx = { forward: true, period: periodIn(s.text, release.meta) ?? ctx.period };
    }
    capital.push(...capitalOf(s, si, release));
  });
  const returned = dedupe(capital, true);
  const all = [...dedupe(outlook), ...returned, ...cashFlowReturns(release, returned), ...tableDividends(release, returned), ...highlighted(release), ...drivers(release)];
  all.forEach((c, i) => (c.id = `claim-${i + 1}`));
  return all;
}

/** The highlights sections' figures, then the KPIs the release leads with that they do not already give. */
function highlighted(release: Release): Claim[] {
  const found = highlightClaims(release);
  // A lead sentence read whole gives a highlights-section figure the comparison it states ("of 71.7% compared to 68.8%").
  for (const c of found) {
    if (c.note || c.base || c.change) continue;
    const same = leadClaims(release, [], c.sentence).find((l) => !l.change && l.low?.eq(c.low ?? NaN) && l.unit === c.unit);
    if (same) Object.assign(c, { note: same.note, base: same.base, comparison: same.comparison });
  }
  return [...found, ...leadClaims(release, found)];
}

/** The same statement made twice (a summary and the body) is one claim. */
function dedupe(claims: Claim[], anyPeriod = false): Claim[] {
  const seen = new Map<string, Claim>();
  return claims.filter((c) => {
    // Capital returned is one amount whatever a sentence calls it ("returned $75 million … through share repurchases").
    const key = `${c.kind}|${anyPeriod ? c.unit === 'per-share' : c.subject.toLowerCase()}|${anyPeriod ? '' : c.period}|${c.low?.toString()}|${c.high?.toString()}|${c.unit}|${c.scale}`;
    const first = seen.get(key);
    if (first) {
      // The same amount restated without its period keeps the period the first statement gave.
      first.period ??= c.period;
      first.note ??= c.note;
      // Said once "approximately", the figure is approximate wherever it is restated.
      first.approximate ||= c.approximate;
      return false;
    }
    seen.set(key, c);
    return true;
  });
}

export const claimsPass: Pass = {
  name: 'claims',
  run(release) {
    release.claims = readClaims(release);
  },
};
