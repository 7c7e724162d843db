import type { Worksheet } from 'exceljs';
import type { Release } from '../../model/types';
import type { FormulaPlan } from './formulas';
import { addressOf, HIGHLIGHTS, refText, type Layout } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, figureStyle, look, numberFormat, setCell, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// Every figure the release states in its text, with its sentence and place, and the table cell
// it restates when there is one (the Checks sheet compares the two at the text's precision).

const HEAD = ['#', 'Section', 'Subject', 'As stated', 'Value', 'Unit', 'Role', 'Table figure', 'Where', 'Sentence', 'Source'];

function unitOf(kind: string, currency: string | null, scale: number): string {
  if (kind === 'percent') return '%';
  const word = scale === 3 ? 'thousand' : scale === 6 ? 'million' : scale === 9 ? 'billion' : '';
  return [currency, word].filter(Boolean).join(' ') || kind;
}

export function writeHighlights(ws: Worksheet, release: Release, layout: Layout, plan: FormulaPlan): void {
  setCell(ws, 1, 1, 'Highlights: figures stated in the text', look({ font: TITLE_FONT }));
  const heading = look({ font: BOLD_FONT, border: BOTTOM_BORDER });
  HEAD.forEach((h, i) => setCell(ws, 3, i + 1, h, heading));
  const text = look({ font: TEXT_FONT });
  const facts = release.facts ?? [];
  facts.forEach((f, i) => {
    const y = 4 + i;
    const texts: [number, string | number][] = [[1, i + 1], [2, f.section], [3, f.subject], [4, f.text], [6, unitOf(f.kind, f.currency, f.scale)], [7, f.role], [10, f.sentence], [11, sourceText(f.place.line)]];
    for (const [x, v] of texts) setCell(ws, y, x, v, text);
    setCell(ws, y, 5, toNumber(f.value), figureStyle(numberFormat('number', f.decimals), 'typed'));
    const addr = f.tie ? addressOf(layout, f.tie.ref) : null;
    const fig = f.tie ? plan.figureOf(f.tie.ref) : null;
    if (f.tie && addr && fig) {
      setCell(ws, y, 8, { formula: refText(addr, HIGHLIGHTS), result: toNumber(plan.valueOf(f.tie.ref)!) }, figureStyle(figureFormat(fig), 'link'));
      setCell(ws, y, 9, `${addr.sheet}!${addr.a1}`);
    } else {
      setCell(ws, y, 8, 'not tied');
    }
  });
  if (!facts.length) setCell(ws, 4, 3, 'The text states no figures the reader extracted.');
  [5, 18, 36, 18, 14, 14, 12, 14, 22, 90, 10].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }];
  ws.pageSetup = printSetup();
}
