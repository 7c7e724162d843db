import type { ProseFact, ProseParagraph, ProseSentence, Release, ReleaseMeta, RowRef } from '../model/types';
import { parseDate } from '../read/period';
import { SENTENCE_END } from '../read/meta';
import { findMentions, nameMentions, type NamedMention } from './facts-mentions';
import { monthsIn, tieFact, type TieContext } from './facts-tie';
import { VERSUS_GUIDANCE } from './claims-read';
import type { Pass } from './index';
import { oneSpaced } from './locate';

// The figures a release states in its prose — highlights, results paragraphs, outlook, capital
// return — each with its sentence and place, tied to the table figure it restates.

/** A heading, or a short bold line that heads the paragraphs below it. */
// "Wealth Solutions:", "Asset Management:": a short line of a few capitalised words and a colon heads a list.
const LIST_TITLE = /^[*_\s]*[A-Z][\w&'’-]*(?:\s+[A-Z&][\w&'’-]*){0,3}[*_\s]*:[*_\s]*$/;

export function isSectionTitle(p: ProseParagraph): boolean {
  if (p.heading > 0 || LIST_TITLE.test(p.text.trim())) return true;
  if (!p.bold || p.text.length > 120 || /\b(?:was|were|is|are)\b/.test(p.text)) return false;
  // A short bold line ending in a colon heads a list ("Financial Outlook:", "First Half 2025:").
  const t = p.text.trim();
  return !/[.:]\s*$/.test(t) || (/:\s*$/.test(t) && t.length <= 60);
}

/** Sentences of a paragraph with their offsets, split where the reader splits them and at list items. */
export function sentencesOf(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let offset = 0;
  for (const item of text.split(/\n(?=\s*[-*\u2022]\s)/)) {
    const bullet = /^\s*(?:[-*\u2022]\s+)?/.exec(item)?.[0].length ?? 0;
    for (const s of sentencesOfItem(item.slice(bullet))) out.push({ text: s.text, at: offset + bullet + s.at });
    offset += item.length + 1;
  }
  return out;
}

function sentencesOfItem(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    if (s) out.push({ text: s.replace(/\s+/g, ' '), at: start + lead });
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    const stop = (m.index ?? 0) + 1;
    push(stop);
    start = stop;
  }
  push(text.length);
  return out;
}

const OUTLOOK_WORDS = /\b(?:expects?|expected to|anticipates?|guidance|outlook|forecasts?|projects?|targets?|aims? to)\b/i;
const SAME_PERIOD = /^\)?[\s,]*(?:(?:in|for|during)\s+the\s+(?:same|corresponding|comparable|prior[-\s]year|year[-\s]ago)\s+(?:period|quarter)|(?:a|one)\s+year\s+(?:ago|earlier)|(?:in|for)\s+(?:the\s+)?(?:prior|previous|last)\s+(?:fiscal\s+)?year|year[-\s]ago)/i;
const PRIOR_PERIOD = /^\)?[\s,]*(?:in|for|during)\s+the\s+(?:prior|previous|preceding|last|sequential)\s+(?:fiscal\s+)?quarter/i;
// A figure after "from" is the level a change started from ("rose to 95.5% from 93.7%").
const FROM_BEFORE = /\bfrom\s*(?:approximately|about|nearly)?\s*$/i;
const COMPARED_BEFORE = /\b(?:compare[ds]?\s+(?:to|with)|versus|vs\.?)\s+(?:[\w-]+\s+){0,4}?(?:approximately|about)?\s*$/i;
// A sentence about one segment or division states its figures, not the consolidated ones.
const SEGMENT = /\bsegments?\b|\bdivisions?\b/i;

/** What every figure of a sentence shares, worked out once per sentence (a sentence may state thousands). */
interface SentenceContext {
  text: string;
  section: string;
  outlook: boolean;
  /** End of the first "was"/"were" (a figure after it is past, not outlook); -1 when there is none. */
  pastAt: number;
  /** Months the sentence speaks of. */
  months: number;
  segment: boolean;
}

function sentenceContext(text: string, section: string, fallbackMonths: number): SentenceContext {
  const past = /\b(?:was|were)\b/.exec(text);
  return {
    text,
    section,
    // "above guidance", "in line with our outlook": a comparison with guidance states actuals.
    outlook: /outlook|guidance/i.test(section.replace(VERSUS_GUIDANCE, ' ')) || OUTLOOK_WORDS.test(text.replace(VERSUS_GUIDANCE, ' ')),
    pastAt: past ? past.index + past[0].length : -1,
    // A sentence under "Full Year 2024 Highlights" speaks of the year even when it does not say so.
    months: monthsIn(text, monthsIn(section, fallbackMonths)),
    segment: SEGMENT.test(text),
  };
}

// "$13 million of higher share-based compensation": a difference between periods, not a level.
const DIFFERENCE = /^(?:higher|lower|increased|decreased|additional|incremental|reduced)\b/i;
// "In 2023, fourth quarter Adjusted EBITDA was …": a sentence that opens with a year speaks of it.
const LEAD_YEAR = /^\s*(?:in|during|for)\s+(?:the\s+)?(?:(?:first|second|third|fourth)\s+quarter\s+(?:of\s+)?|fiscal\s+(?:year\s+)?)?((?:19|20)\d{2})\s*,/i;

// A sentence that opens with the span it speaks of: "For fiscal year 2014,", "In the fourth quarter,".
const LEAD_PERIOD = /^\s*(?:for|in|during)\s+(?:the\s+)?(?:full[-\s]year|fiscal\s+(?:year\s+)?(?:19|20)\d{2}|fiscal\s+year|(?:first|second|third|fourth)\s+quarter|quarter|year)\b[^,]{0,30},/i;

// "in 4Q23", "for Q3 2024": a quarter named in short after the figure.
const SHORT_QUARTER = /^\)?[\s,]*(?:in|for|during)\s+(?:(?:([1-4])Q\s?'?((?:19|20)?\d{2}))|Q([1-4])\s?'?((?:19|20)?\d{2}))\b/i;

/** The role a short quarter name gives a figure: the release's own quarter, the same a year before, or another. */
function shortQuarterRole(after: string, meta: ReleaseMeta): ProseFact['role'] | null {
  const q = SHORT_QUARTER.exec(after);
  if (!q || meta.fiscalYear === null || meta.fiscalQuarter === null) return null;
  const quarter = Number(q[1] ?? q[3]);
  const y = q[2] ?? q[4];
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  if (quarter === meta.fiscalQuarter && year === meta.fiscalYear) return 'current';
  return quarter === meta.fiscalQuarter && year === meta.fiscalYear - 1 ? 'prior-year' : 'prior-period';
}

function roleOf(m: NamedMention, before: string, after: string, s: SentenceContext, meta: ReleaseMeta): ProseFact['role'] {
  const periodEnd = meta.periodEnd;
  if (m.change || DIFFERENCE.test(m.subject)) return 'other';
  if (s.outlook && (s.pastAt < 0 || s.pastAt > m.start)) return 'outlook';
  if (SAME_PERIOD.test(after)) return 'prior-year';
  if (PRIOR_PERIOD.test(after)) return 'prior-period';
  const short = shortQuarterRole(after, meta);
  if (short) return short;
  const named = /^\)?[\s,]*(?:in|for|during)\s+(?:the\s+)?(?:(?:(?:first|second|third|fourth)\s+(?:fiscal\s+)?quarter|Q[1-4]|fiscal(?:\s+year)?|full[-\s]year)\s*(?:of\s+)?(?:fiscal\s+)?)?((?:19|20)\d{2})\b/i.exec(after);
  if (named && periodEnd && Number(named[1]) === Number(periodEnd.slice(0, 4)) - 1) return 'prior-year';
  const asOf = /^\)?[\s,]*(?:as\s+(?:of|at)|at)\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/.exec(after);
  const date = asOf ? parseDate(asOf[1]) : null;
  if (date && periodEnd && date !== periodEnd) {
    return Number(date.slice(0, 4)) === Number(periodEnd.slice(0, 4)) - 1 && date.slice(5) === periodEnd.slice(5) ? 'prior-year' : 'prior-period';
  }
  // The figure a sentence compares with ("… compared to 76.6%") is never the current one.
  if (FROM_BEFORE.test(before) || COMPARED_BEFORE.test(before)) return 'prior-period';
  // "compared with first-quarter 2021 adjusted profit per share of $2.87": the year compared with names it.
  const compared = /\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?(?:(?:first|second|third|fourth)[-\s]quarter\s+(?:of\s+)?|fiscal\s+(?:year\s+)?)?((?:19|20)\d{2})\b[^,;]*$/i.exec(before);
  if (compared && periodEnd && Number(compared[1]) === Number(periodEnd.slice(0, 4)) - 1) return 'prior-year';
  const lead = LEAD_YEAR.exec(s.text);
  if (lead && periodEnd && Number(lead[1]) === Number(periodEnd.slice(0, 4)) - 1) return 'prior-year';
  return 'current';
}

function monthsOfPeriod(fiscal: string | null): number {
  if (fiscal && /^FY/i.test(fiscal)) return 12;
  return 3;
}

const DIGIT = /\d/;

/** Every sentence of the release's prose that states a figure, each with the section it stands under. */
export function proseSentences(release: Release): ProseSentence[] {
  const out: ProseSentence[] = [];
  let section = '';
  // A title right under another (no sentence between) is a subsection: "Financial Outlook: › First Half 2025:".
  let underTitle = false;
  // The last heading that is not a list's title: "Asset Management:" after its paragraphs is a part of it.
  let heading = '';
  const prose = release.prose ?? [];
  // An indexed loop: a for-of over entries() that runs once per release is not optimized and makes an iterator result and a pair per step.
  for (let pi = 0; pi < prose.length; pi++) {
    const p = prose[pi];
    if (isSectionTitle(p)) {
      const title = oneSpaced(p.text);
      const listTitle = LIST_TITLE.test(title) && !p.bold && p.heading === 0;
      section = underTitle && section ? `${section} \u203a ${title}` : listTitle && heading ? `${heading} \u203a ${title}` : title;
      if (!listTitle) heading = section;
      underTitle = true;
      continue;
    }
    underTitle = false;
    // A paragraph without a digit has no sentence that states a figure: it is not split.
    if (!DIGIT.test(p.text)) continue;
    // Lines are counted as the sentences advance, not from the paragraph's start for each one.
    let line = p.place.line;
    let counted = 0;
    for (const s of sentencesOf(p.text)) {
      for (let k = p.text.indexOf('\n', counted); k >= 0 && k < s.at; k = p.text.indexOf('\n', k + 1)) line++;
      counted = s.at;
      if (!DIGIT.test(s.text)) continue;
      out.push({ text: s.text, section, place: { line }, paragraph: pi });
    }
  }
  return out;
}

/** Extracts every prose figure of a release, with role and tie; the sentences are stored once. */
export function extractFacts(release: Release, sentences: ProseSentence[] = proseSentences(release)): ProseFact[] {
  const facts: ProseFact[] = [];
  const ctx: TieContext = { periodEnd: release.meta.periodEnd, months: monthsOfPeriod(release.meta.fiscalPeriod) };
  // "For fiscal year 2014, total revenues were …": a paragraph that opens with its period speaks of
  // it in each sentence after, until one names another.
  let paragraph = -1;
  let paragraphMonths: number | null = null;
  sentences.forEach((sentence, si) => {
    const text = sentence.text;
    if (sentence.paragraph !== paragraph) [paragraph, paragraphMonths] = [sentence.paragraph ?? -1, null];
    const lead = LEAD_PERIOD.exec(text);
    if (lead) paragraphMonths = /quarter/i.test(lead[0]) ? 3 : 12;
    const mentions = nameMentions(text, findMentions(text, release.meta.currency));
    if (!mentions.length) return;
    const sc = sentenceContext(text, sentence.section, paragraphMonths ?? ctx.months);
    const roles: ProseFact['role'][] = [];
    mentions.forEach((m, i) => {
      // A parenthetical conversion shares the role of the figure it converts.
      const next = mentions[i + 1];
      let after = text.slice(m.end, next ? next.start : undefined);
      if (next?.conversionOf === i) after = text.slice(next.end, mentions[i + 2]?.start);
      const before = text.slice(i > 0 ? mentions[i - 1].end : 0, m.start);
      roles.push(m.conversionOf !== null ? roles[m.conversionOf] : roleOf(m, before, after, sc, release.meta));
    });
    mentions.forEach((m, i) => {
      const fact: ProseFact = {
        id: `fact-${facts.length + 1}`,
        subject: m.change ? `${m.subject} (change)` : m.subject,
        value: m.value,
        kind: m.kind,
        currency: m.currency,
        scale: m.scale,
        decimals: m.decimals,
        text: m.text,
        sentence: si,
        role: roles[i],
        place: sentence.place,
        tie: null,
      };
      // A segment's figure may equal a table figure, but a near miss is some other line, not a disagreement.
      fact.tie = tieFact(release, fact, sc.months, ctx.periodEnd, m.approximate || sc.segment);
      facts.push(fact);
    });
  });
  return facts;
}

function rowLabel(release: Release, ref: RowRef): string {
  const st = release.statements.find((s) => s.id === ref.statement);
  return `${st?.title ?? ref.statement}: ${st?.tables[ref.table]?.rows[ref.row]?.label ?? `row ${ref.row + 1}`}`;
}

export const factsPass: Pass = {
  name: 'facts',
  run(release) {
    release.sentences = proseSentences(release);
    release.facts = extractFacts(release, release.sentences);
    for (const f of release.facts) {
      if (f.tie && !f.tie.diff.isZero()) {
        release.diagnostics.push({
          level: 'warning',
          message: `the text states ${f.subject} ${f.text} but the table has ${f.tie.tableValue.toFixed(f.decimals)} (${rowLabel(release, f.tie.ref)})`,
          place: f.place,
        });
      }
    }
  },
};
