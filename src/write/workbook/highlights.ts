import type { Sheet } from '../xlsx/sheet';
import type { Release } from '../../model/types';
import type { FormulaPlan } from './formulas';
import { addressOf, HIGHLIGHTS, refText, type Layout } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, figureStyle, look, numberFormat, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// Every figure the release states in its text, with its sentence and place, and the table cell
// it restates when there is one (the Checks sheet compares the two at the text's precision);
// below them, the statements read from the text (outlook, highlights, capital return, drivers),
// one a row with its kind, so a batch's guidance can be filtered out of the workbooks.

/** Longest sentence text written to a cell (a cell holds at most 32,767 characters; a sentence may be longer). */
const SENTENCE_CHARS = 400;

/** A sentence as a cell shows it: clipped once per sentence, however many figures it states. */
function sentenceCell(release: Release, si: number, cache: Map<number, string>): string {
  let text = cache.get(si);
  if (text === undefined) {
    const full = release.sentences?.[si]?.text ?? '';
    text = full.length > SENTENCE_CHARS ? `${full.slice(0, SENTENCE_CHARS - 1)}\u2026` : full;
    cache.set(si, text);
  }
  return text;
}

const HEAD = ['#', 'Section', 'Subject', 'As stated', 'Value', 'Unit', 'Role', 'Table figure', 'Where', 'Sentence', 'Source'];

function unitOf(kind: string, currency: string | null, scale: number): string {
  if (kind === 'percent') return '%';
  const word = scale === 3 ? 'thousand' : scale === 6 ? 'million' : scale === 9 ? 'billion' : '';
  return [currency, word].filter(Boolean).join(' ') || kind;
}

export function writeHighlights(ws: Sheet, release: Release, layout: Layout, plan: FormulaPlan): void {
  ws.set(1, 1, 'Highlights: figures stated in the text', look({ font: TITLE_FONT }));
  const heading = look({ font: BOLD_FONT, border: BOTTOM_BORDER });
  HEAD.forEach((h, i) => ws.set(3, i + 1, h, heading));
  const text = look({ font: TEXT_FONT });
  const facts = release.facts ?? [];
  const clipped = new Map<number, string>();
  facts.forEach((f, i) => {
    const y = 4 + i;
    const sentence = release.sentences?.[f.sentence];
    const texts: [number, string | number][] = [[1, i + 1], [2, sentence?.section ?? ''], [3, f.subject], [4, f.text], [6, unitOf(f.kind, f.currency, f.scale)], [7, f.role], [10, sentenceCell(release, f.sentence, clipped)], [11, sourceText(f.place.line)]];
    for (const [x, v] of texts) ws.set(y, x, v, text);
    ws.set(y, 5, toNumber(f.value), figureStyle(numberFormat('number', f.decimals), 'typed'));
    const addr = f.tie ? addressOf(layout, f.tie.ref) : null;
    const fig = f.tie ? plan.figureOf(f.tie.ref) : null;
    if (f.tie && addr && fig) {
      ws.set(y, 8, { formula: refText(addr, HIGHLIGHTS), result: toNumber(plan.valueOf(f.tie.ref)!) }, figureStyle(figureFormat(fig), 'link'));
      ws.set(y, 9, `${addr.sheet}!${addr.a1}`);
    } else {
      ws.set(y, 8, 'not tied');
    }
  });
  if (!facts.length) ws.set(4, 3, 'The text states no figures the reader extracted.');
  writeClaims(ws, release, 4 + Math.max(facts.length, 1) + 2, clipped);
  [5, 18, 36, 18, 14, 14, 12, 14, 22, 90, 10].forEach((w, i) => ws.width(i + 1, w));
  ws.freeze(0, 3);
  ws.page = printSetup();
}

const CLAIM_HEAD = ['#', 'Kind', 'Subject', 'Period', 'Low', 'High', 'Unit', 'Change', 'Compared with', 'Sentence', 'Source', 'Note'];

/** The statements read from the text, from row `top`: one a row, low and high as numbers. */
function writeClaims(ws: Sheet, release: Release, top: number, clipped: Map<number, string>): void {
  ws.set(top, 1, 'Statements read from the text', look({ font: BOLD_FONT }));
  const heading = look({ font: BOLD_FONT, border: BOTTOM_BORDER });
  CLAIM_HEAD.forEach((h, i) => ws.set(top + 1, i + 1, h, heading));
  const text = look({ font: TEXT_FONT });
  const claims = release.claims ?? [];
  claims.forEach((c, i) => {
    const y = top + 2 + i;
    const unit = c.unit === 'bp' ? 'basis points' : unitOf(c.unit, c.currency, c.scale);
    const compared = c.base ? `${c.base.text}` : c.comparison ?? '';
    const texts: [number, string | number][] = [[1, i + 1], [2, c.kind], [3, c.subject], [4, c.period ?? ''], [7, unit], [8, c.change ? 'change' : c.kind === 'highlight' && c.note ? c.note : ''], [9, compared], [10, c.sentence >= 0 ? sentenceCell(release, c.sentence, clipped) : ''], [11, sourceText(c.place.line)], [12, c.kind === 'highlight' ? '' : c.note ?? '']];
    for (const [x, v] of texts) ws.set(y, x, v, text);
    if (c.low) ws.set(y, 5, toNumber(c.low), figureStyle(numberFormat('number', c.decimals), 'typed'));
    if (c.high) ws.set(y, 6, toNumber(c.high), figureStyle(numberFormat('number', c.decimals), 'typed'));
    else if (c.low) ws.set(y, 6, 'open', text);
  });
  if (!claims.length) ws.set(top + 2, 3, 'The text states no guidance, highlights, capital return or drivers that were read.', text);
}
