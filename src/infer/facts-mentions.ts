import { Decimal } from '../model/decimal';
import type { ProseFact, ValueKind } from '../model/types';
import { currenciesIn } from '../read/units';

// Finding the figures a sentence states and naming what each measures. Pure text work: which
// table a figure restates is decided in facts-tie.ts.

/** A figure found in a sentence: the fact's own fields, and where in the sentence it stands. */
export interface Mention extends Pick<ProseFact, 'value' | 'kind' | 'currency' | 'scale' | 'decimals' | 'text'> {
  start: number;
  end: number;
}

const CUR = String.raw`US\$|NT\$|HK\$|C\$|A\$|S\$|RMB|CNY|USD|EUR|CAD|GBP|TWD|HKD|AUD|€|£|¥|\$`;
// "$.16": old filings print cents without the leading zero.
const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<=\$)\.\d+`;
// A figure: optional currency, optional minus, the number, an optional range's upper end, then a
// percent sign or a scale word. Letters or digits right before it (Q3, H.10, Day-1) are not figures.
const FIGURE = new RegExp(
  String.raw`(?<![\w.\-/:])(?<cur>${CUR})?\s?(?<neg>[-\u2212])?(?<num>${NUM})` +
    String.raw`(?:\s?(?:\u2013|\u2014|-|to)\s?(?<cur2>${CUR})?(?<num2>${NUM}))?` +
    String.raw`(?:\s?(?<pct>%|percent\b|per cent\b)|\s(?<word>billion|million|thousand|bn|mn)\b|\s(?<cents>[Cc]ents?)\b|(?<=\d)(?<sfx>bn|m)(?![\w]))?(?![\d\w-])`,
  'g',
);
const SCALE: Record<string, number> = { billion: 9, bn: 9, million: 6, mn: 6, thousand: 3 };

function currencyOf(mark: string, docCurrency: string | null): string {
  // A bare "$" is the release's own dollar (Canadian releases print C$ figures as "$").
  if (mark === '$') return docCurrency && /USD|CAD|AUD|TWD|HKD/.test(docCurrency) ? docCurrency : 'USD';
  return currenciesIn(mark)[0] ?? (mark === '¥' ? 'JPY' : mark);
}

function printedValue(printed: string): Decimal {
  return new Decimal(printed.replace(/,/g, ''));
}

/** Two printed numbers of a size: neither more than ten times the other. */
export function comparable(a: Decimal, b: Decimal): boolean {
  if (a.isZero() || b.isZero()) return true;
  const r = a.abs().div(b.abs());
  return r.gte(0.1) && r.lte(10);
}

function decimalsOf(num: string): number {
  const dot = num.indexOf('.');
  return dot < 0 ? 0 : num.length - dot - 1;
}

/** Every figure a sentence states: currency amounts, percents, counts in millions, grouped numbers. */
export function findMentions(sentence: string, docCurrency: string | null): Mention[] {
  const out: Mention[] = [];
  // Every figure has a digit; about half of a release's sentences have none.
  if (!/\d/.test(sentence)) return out;
  for (const m of sentence.matchAll(FIGURE)) {
    const g = m.groups ?? {};
    // "9.0 cents per diluted ADS": an amount in the release's currency, in its hundredths.
    const cents = !!g.cents && !g.cur && !g.cur2;
    const mark = g.cur ?? g.cur2 ?? (cents ? '$' : undefined);
    const pct = !!g.pct;
    // "EUR500m", "$1.2bn": a scale letter right after the digits, only after a currency.
    const word = g.word?.toLowerCase() ?? (g.sfx && mark ? (g.sfx === 'm' ? 'million' : 'billion') : undefined);
    if (g.sfx && !mark) continue;
    // A bare number is a figure only when grouped in thousands (23,042,303 loans): years, days,
    // footnotes and dates are not.
    if (!mark && !pct && !word && !/,\d{3}/.test(g.num)) continue;
    if (!mark && !pct && !word && g.num2) continue;
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    const perShare = !!mark && !word && /^\s*per\s+(?:\w+\s+)?(?:share|ADS|ADSs|unit|ordinary)/i.test(after);
    const kind: ValueKind = pct ? 'percent' : mark ? (perShare ? 'per-share' : 'amount') : 'number';
    const currency = mark ? currencyOf(mark, docCurrency) : null;
    const scale = pct ? -2 : word ? SCALE[word] : 0;
    // "RMB 7.0176 to US$1.00" is a rate, not a range: a range keeps one currency.
    const range = g.num2 && !(g.cur && g.cur2 && g.cur !== g.cur2);
    const nums = range ? [g.num, g.num2] : [g.num];
    // A scale word printed once after a range's upper end ("$4.8 to $5.2 billion") is the lower
    // end's too only when the two are of a size: "$160,947 to $1.75 million" is dollars, then millions.
    const lowScale = range && scale > 0 && !comparable(printedValue(g.num), printedValue(g.num2)) ? 0 : scale;
    let at = m.index ?? 0;
    for (const [i, num] of nums.entries()) {
      let value = printedValue(num);
      if (cents) value = value.div(100);
      if (g.neg && i === 0) value = value.negated();
      const start = i === 0 ? at : sentence.indexOf(num, at + 1);
      out.push({ value, kind, currency, scale: i === 0 ? lowScale : scale, decimals: decimalsOf(num) + (cents ? 2 : 0), text: m[0].trim(), start, end: (m.index ?? 0) + m[0].length });
      at = start;
    }
    // Both ends of a range share the printed text; each keeps its own value.
    if (nums.length === 2) out[out.length - 2].end = out[out.length - 1].start;
  }
  return out;
}

const CHANGE_BEFORE = /\b(?:increase|decrease|growth|decline|rise|fall|gain|drop|reduction|up|down|grew|rose|fell|declined|increased|decreased|improved|improvement|expanded|contracted)\s*(?:of|by)?\s*(?:approximately|about|nearly|over|more than|almost)?\s*$/i;
const CONNECTIVE_ONLY = /^[\s(),;:]*(?:and|or|to|-|\u2013|compared\s+(?:to|with)|from|versus|vs\.?|respectively)?[\s(),;:]*$/i;
const TRAILING = /\s*(?:\b(?:was|were|is|are|of|at|between|to|by|and|the|a|an|reached|totaled|totalled|totaling|amounted to|stood at|came in at|approximately|about|nearly|around|roughly|up to|over|(?:increased|decreased|rose|grew|fell|declined|improved)(?: by| to)?)|[(,:;\u2014\u2013-])\s*$/i;
const CLAUSE = /(?:[;:]\s|,\s(?!\d|including|excluding|net of))/g;
const LEADING_JOIN = /^[\s),;:]*(?:and|while|whereas|but)\s+/i;
// Words that introduce a new measure; a gap without one continues the previous figure's subject.
const INTRODUCER = /\b(?:was|were|is|are|reached|totaled|totalled|amounted|stood|came in|expects?|generat\w*|between|launched|announced|approved|declared|authorized)\b/i;
// A figure followed by a plain noun modifies it: "254.3 million consumers", "US$450 million share repurchase plan".
const NOUN_AFTER = /^\s+(?!(?:in|of|for|and|or|to|from|as|at|by|on|with|per|compared|representing|a|an|the|was|were|is|are|respectively|year|quarter)\b)[A-Za-z]/;
// "… and record net quarterly profit of $6 billion": a new noun phrase before "of" names a new measure.
const NEW_MEASURE = /(?:^|,\s*|\band\s+)((?:[A-Za-z][\w'\u2019&-]*\s+){0,5}[A-Za-z][\w'\u2019&-]*)\s+(?:of|was|were|totaled|totalled|totaling|reached)\s*(?:approximately|about|nearly)?\s*$/i;
const PART_BEFORE = /\b(?:includ(?:ed|es|ing)|reflect(?:ed|s|ing)|compris(?:ed|es|ing)|consist(?:ed|s|ing)\s+of|contain(?:ed|s|ing)|incurred|recorded|recognized)\s*(?:approximately|about|nearly)?\s*$/i;
const APPROXIMATE = /\b(?:approximately|about|nearly|around|roughly|over|more than|almost|up to)\s*$/i;
const VERB = /\b(?:expects? to (?:generate|report|be|reach|achieve)|to generate|generated|reported|recorded|delivered|achieved|posted|has|had|have|connected|launched|announced|declared|paid|returned|continued to execute)(?:\s|$)/gi;
const LEADING = /^(?:the|a|an|our|its|their|such|total of|representing|in addition,?|additionally,?)\s+/i;
const SPLIT_AT = /\s(?:of|across|by|in|for|through|during|as of|under)\s/i;

function cleanSubject(raw: string): string {
  let s = raw.replace(/[*_]/g, '').replace(/\s+/g, ' ').replace(LEADING_JOIN, '').trim();
  for (let i = 0; i < 4; i++) s = s.replace(TRAILING, '').trim();
  let cut = 0;
  for (const m of s.matchAll(CLAUSE)) cut = (m.index ?? 0) + m[0].length;
  s = s.slice(cut);
  let verbCut = 0;
  for (const m of s.matchAll(VERB)) verbCut = (m.index ?? 0) + m[0].length;
  s = s.slice(verbCut);
  for (let i = 0; i < 3; i++) s = s.replace(LEADING, '');
  // Long subjects name the measure first and then qualify it: keep the measure.
  if (s.split(' ').length > 6) {
    const words = s.split(' ');
    const head = words.slice(0, 2).join(' ');
    const rest = s.slice(head.length);
    const at = rest.search(SPLIT_AT);
    // A short qualifier names which measure it is ("of intended discontinued service"); a long
    // one describes it ("of loans originated by financial institutions across our platform").
    if (at >= 0 && rest.slice(at).trim().split(' ').length > 4) s = head + rest.slice(0, at);
  }
  return s.trim();
}

/** The noun a count is of, when it follows the figure: "55.2 million consumers with ...". */
function followingNoun(after: string): string {
  const m = /^\)?\s*(?:of\s+)?(?:such\s+|the\s+)?([A-Za-z][\w\-+’']*(?:\s+[A-Za-z][\w\-+’']*){0,3}?)(?=\s+(?:was|were|is|are|through|of|in|for|with|across|as|by|from|to|under|on|at)\b|[.,;)]|$)/.exec(after);
  return m ? m[1].trim() : '';
}

export interface NamedMention extends Mention {
  subject: string;
  /** A percentage change of the subject ("a decrease of 14.9%"), not a level. */
  change: boolean;
  /** A parenthetical restatement of the previous figure in another currency. */
  conversionOf: number | null;
  /** Stated as approximate ("approximately RMB9.77 billion"): a rounded figure, never a disagreement. */
  approximate: boolean;
}

/** A mention with its name. Spelled out, not `{ ...m, subject }`: see model/refs.ts. */
function named(m: Mention, kind: Mention['kind'], subject: string, change: boolean, conversionOf: number | null, approximate: boolean): NamedMention {
  return { value: m.value, kind, currency: m.currency, scale: m.scale, decimals: m.decimals, text: m.text, start: m.start, end: m.end, subject, change, conversionOf, approximate };
}

/** Names what each figure of a sentence measures, from the words around it. */
export function nameMentions(sentence: string, mentions: Mention[]): NamedMention[] {
  const out: NamedMention[] = [];
  mentions.forEach((m, i) => {
    const prevEnd = i > 0 ? mentions[i - 1].end : 0;
    const gap = sentence.slice(prevEnd, m.start);
    const prev = out[i - 1];
    const conversionOf = prev && /^\s*\(\s*$/.test(gap) && prev.currency !== m.currency && m.currency ? i - 1 : null;
    if (conversionOf !== null) {
      const kind = prev.kind === 'per-share' && m.kind === 'amount' ? 'per-share' : m.kind;
      out.push(named(m, kind, prev.subject, prev.change, conversionOf, prev.approximate));
      return;
    }
    const change = m.kind === 'percent' && CHANGE_BEFORE.test(gap);
    const approximate = APPROXIMATE.test(gap);
    let subject = '';
    const after = sentence.slice(m.end);
    if (!change && NOUN_AFTER.test(after)) subject = followingNoun(after);
    // "included $15 million of share-based compensation": the part is named after its figure.
    else if (!change && PART_BEFORE.test(gap) && /^\s+of\s+[A-Za-z]/.test(after) && followingNoun(after)) subject = followingNoun(after);
    else if (prev && !CONNECTIVE_ONLY.test(gap) && !change && NEW_MEASURE.test(gap)) subject = cleanSubject(NEW_MEASURE.exec(gap)![1]);
    else if (prev && (CONNECTIVE_ONLY.test(gap) || change || !INTRODUCER.test(gap))) subject = prev.subject;
    else {
      subject = cleanSubject(gap);
      if (!subject || /^(?:we|it|they|he|she|this|these)\b/i.test(subject) || subject.split(' ').length > 9) {
        const noun = followingNoun(after);
        subject = noun || (prev?.subject ?? subject);
      }
    }
    // "Net income per diluted ADS was RMB12.18": the subject says the amount is per share.
    const kind = m.kind === 'amount' && m.scale === 0 && /\bper\b.*\b(?:share|ADS|unit)/i.test(subject) ? 'per-share' : m.kind;
    out.push(named(m, kind, subject, change, null, approximate));
  });
  return out;
}
