import type { Sheet } from '../xlsx/sheet';
import type { Release } from '../../model/types';
import type { FormulaPlan } from './formulas';
import { addressOf, HIGHLIGHTS, refText, type Layout } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, figureStyle, look, numberFormat, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// Every figure the release states in its text, with its sentence and place, and the table cell
// it restates when there is one (the Checks sheet compares the two at the text's precision).

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
  facts.forEach((f, i) => {
    const y = 4 + i;
    const texts: [number, string | number][] = [[1, i + 1], [2, f.section], [3, f.subject], [4, f.text], [6, unitOf(f.kind, f.currency, f.scale)], [7, f.role], [10, f.sentence], [11, sourceText(f.place.line)]];
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
  [5, 18, 36, 18, 14, 14, 12, 14, 22, 90, 10].forEach((w, i) => ws.width(i + 1, w));
  ws.freeze(0, 3);
  ws.page = printSetup();
}
