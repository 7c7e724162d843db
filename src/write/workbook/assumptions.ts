import type { Workbook, Worksheet } from 'exceljs';
import type { Release } from '../../model/types';
import { FX_NAME } from './formulas';
import { ASSUMPTIONS, quoteSheet } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, figureStyle, look, setCell, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// The one input every conversion reads: the stated exchange rate, as a named cell beside the
// sentence that states it, so an analyst can change it in one place.

export const FX_CELL = 'B3';

export function writeAssumptions(wb: Workbook, ws: Worksheet, release: Release): void {
  setCell(ws, 1, 1, 'Assumptions', look({ font: TITLE_FONT }));
  const bold = look({ font: BOLD_FONT });
  const text = look({ font: TEXT_FONT });
  ['Name', 'Value', 'As stated', 'Source'].forEach((h, i) => setCell(ws, 2, i + 1, h, bold));
  const fx = release.fx;
  if (!fx) {
    setCell(ws, 3, 1, 'Exchange rate', bold);
    setCell(ws, 3, 3, 'The release states no convenience exchange rate.', text);
    // D3 and E3 keep the text style though empty, as they have beside a stated rate.
    setCell(ws, 3, 4, null, text);
    setCell(ws, 3, 5, null, text);
  } else {
    setCell(ws, 3, 1, `Exchange rate (${fx.base} per ${fx.quote} 1.00)`, bold);
    const rate = ws.getCell(FX_CELL);
    rate.value = toNumber(fx.rate);
    rate.style = figureStyle(`0.${'0'.repeat(Math.max(fx.rate.decimalPlaces(), 1))}`, 'typed', true);
    wb.definedNames.add(`${quoteSheet(ASSUMPTIONS)}!$B$3`, FX_NAME);
    setCell(ws, 3, 3, fx.text, look({ alignment: { wrapText: true, vertical: 'top' }, font: TEXT_FONT }));
    setCell(ws, 3, 4, sourceText(fx.place.line), text);
    setCell(ws, 3, 5, fx.asOf ? `as of ${fx.asOf}` : null, text);
  }
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 90;
  ws.getColumn(4).width = 10;
  ws.getColumn(5).width = 16;
  ws.pageSetup = printSetup();
}
