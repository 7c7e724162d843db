import type { Place, ProseFact, ProseParagraph, Release, RowRef } from '../model/types';
import { parseDate } from '../read/period';
import { SENTENCE_END } from '../read/meta';
import { findMentions, nameMentions, type NamedMention } from './facts-mentions';
import { tieFact, type TieContext } from './facts-tie';
import type { Pass } from './index';

// The figures a release states in its prose — highlights, results paragraphs, outlook, capital
// return — each with its sentence and place, tied to the table figure it restates.

/** A heading, or a short bold line that heads the paragraphs below it. */
export function isSectionTitle(p: ProseParagraph): boolean {
  return p.heading > 0 || (p.bold && p.text.length <= 120 && !/\b(?:was|were|is|are)\b/.test(p.text) && !/[.:]\s*$/.test(p.text.trim()));
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

function roleOf(m: NamedMention, after: string, sentence: string, section: string, periodEnd: string | null): ProseFact['role'] {
  if (m.change) return 'other';
  if (/outlook|guidance/i.test(section) || (OUTLOOK_WORDS.test(sentence) && !/\b(?:was|were)\b/.test(sentence.slice(0, m.start)))) return 'outlook';
  if (SAME_PERIOD.test(after)) return 'prior-year';
  if (PRIOR_PERIOD.test(after)) return 'prior-period';
  const named = /^\)?[\s,]*(?:in|for|during)\s+(?:the\s+)?(?:(?:first|second|third|fourth)\s+(?:fiscal\s+)?quarter|Q[1-4]|fiscal(?:\s+year)?|full[-\s]year)\s*(?:of\s+)?(?:fiscal\s+)?((?:19|20)\d{2})\b/i.exec(after);
  if (named && periodEnd && Number(named[1]) === Number(periodEnd.slice(0, 4)) - 1) return 'prior-year';
  const asOf = /^\)?[\s,]*(?:as\s+of|at)\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})/.exec(after);
  const date = asOf ? parseDate(asOf[1]) : null;
  if (date && periodEnd && date !== periodEnd) {
    return Number(date.slice(0, 4)) === Number(periodEnd.slice(0, 4)) - 1 && date.slice(5) === periodEnd.slice(5) ? 'prior-year' : 'prior-period';
  }
  return 'current';
}

function monthsOfPeriod(fiscal: string | null): number {
  if (fiscal && /^FY/i.test(fiscal)) return 12;
  return 3;
}

/** Extracts every prose figure of a release, with role and tie. */
export function extractFacts(release: Release): ProseFact[] {
  const facts: ProseFact[] = [];
  const ctx: TieContext = { periodEnd: release.meta.periodEnd, months: monthsOfPeriod(release.meta.fiscalPeriod) };
  let section = '';
  for (const p of release.prose ?? []) {
    if (isSectionTitle(p)) {
      section = p.text.replace(/\s+/g, ' ').trim();
      continue;
    }
    for (const s of sentencesOf(p.text)) {
      const mentions = nameMentions(s.text, findMentions(s.text, release.meta.currency));
      const line = p.place.line + (p.text.slice(0, s.at).match(/\n/g)?.length ?? 0);
      const place: Place = { ...p.place, line };
      const roles: ProseFact['role'][] = [];
      mentions.forEach((m, i) => {
        // A parenthetical conversion shares the role of the figure it converts.
        const next = mentions[i + 1];
        let after = s.text.slice(m.end, next ? next.start : undefined);
        if (next?.conversionOf === i) after = s.text.slice(next.end, mentions[i + 2]?.start);
        roles.push(m.conversionOf !== null ? roles[m.conversionOf] : roleOf(m, after, s.text, section, release.meta.periodEnd));
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
          sentence: s.text,
          section,
          role: roles[i],
          place,
          tie: null,
        };
        fact.tie = tieFact(release, fact, ctx, m.approximate);
        facts.push(fact);
      });
    }
  }
  return facts;
}

function rowLabel(release: Release, ref: RowRef): string {
  const st = release.statements.find((s) => s.id === ref.statement);
  return `${st?.title ?? ref.statement}: ${st?.tables[ref.table]?.rows[ref.row]?.label ?? `row ${ref.row + 1}`}`;
}

export const factsPass: Pass = {
  name: 'facts',
  run(release) {
    release.facts = extractFacts(release);
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
