import type { Sheet } from '../xlsx/sheet';
import type { Workbook } from '../xlsx/workbook';
import type { Release } from '../../model/types';
import { FX_NAME } from './formulas';
import { ASSUMPTIONS, quoteSheet } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, figureStyle, look, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// The one input every conversion reads: the stated exchange rate, as a named cell beside the
// sentence that states it, so an analyst can change it in one place.

export function writeAssumptions(wb: Workbook, ws: Sheet, release: Release): void {
  ws.set(1, 1, 'Assumptions', look({ font: TITLE_FONT }));
  const bold = look({ font: BOLD_FONT });
  const text = look({ font: TEXT_FONT });
  ['Name', 'Value', 'As stated', 'Source'].forEach((h, i) => ws.set(2, i + 1, h, bold));
  const fx = release.fx;
  if (!fx) {
    ws.set(3, 1, 'Exchange rate', bold);
    ws.set(3, 3, 'The release states no convenience exchange rate.', text);
    // D3 and E3 keep the text style though empty, as they have beside a stated rate.
    ws.set(3, 4, null, text);
    ws.set(3, 5, null, text);
  } else {
    ws.set(3, 1, `Exchange rate (${fx.base} per ${fx.quote} 1.00)`, bold);
    // B3, the cell the name FX stands for.
    ws.set(3, 2, toNumber(fx.rate), figureStyle(`0.${'0'.repeat(Math.max(fx.rate.decimalPlaces(), 1))}`, 'typed', true));
    wb.defineName(FX_NAME, `${quoteSheet(ASSUMPTIONS)}!$B$3`);
    ws.set(3, 3, fx.text, look({ alignment: { wrapText: true, vertical: 'top' }, font: TEXT_FONT }));
    ws.set(3, 4, sourceText(fx.place.line), text);
    ws.set(3, 5, fx.asOf ? `as of ${fx.asOf}` : null, text);
  }
  [32, 12, 90, 10, 16].forEach((w, i) => ws.width(i + 1, w));
  ws.page = printSetup();
}
