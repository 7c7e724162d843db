import type { Workbook, Worksheet } from 'exceljs';
import type { Release } from '../../model/types';
import { FX_NAME } from './formulas';
import { ASSUMPTIONS, quoteSheet } from './layout';
import { sourceText } from './statement-sheet';
import { BOLD_FONT, font, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// The one input every conversion reads: the stated exchange rate, as a named cell beside the
// sentence that states it, so an analyst can change it in one place.

export const FX_CELL = 'B3';

export function writeAssumptions(wb: Workbook, ws: Worksheet, release: Release): void {
  ws.getCell('A1').value = 'Assumptions';
  ws.getCell('A1').font = TITLE_FONT;
  const fx = release.fx;
  ws.getCell('A3').font = BOLD_FONT;
  if (!fx) {
    ws.getCell('A3').value = 'Exchange rate';
    ws.getCell('C3').value = 'The release states no convenience exchange rate.';
  } else {
    ws.getCell('A3').value = `Exchange rate (${fx.base} per ${fx.quote} 1.00)`;
    const rate = ws.getCell(FX_CELL);
    rate.value = toNumber(fx.rate);
    rate.font = font('typed', true);
    rate.numFmt = `0.${'0'.repeat(Math.max(fx.rate.decimalPlaces(), 1))}`;
    wb.definedNames.add(`${quoteSheet(ASSUMPTIONS)}!$B$3`, FX_NAME);
    ws.getCell('C3').value = fx.text;
    ws.getCell('C3').alignment = { wrapText: true, vertical: 'top' };
    ws.getCell('D3').value = sourceText(fx.place.line);
    if (fx.asOf) ws.getCell('E3').value = `as of ${fx.asOf}`;
  }
  for (const a of ['C3', 'D3', 'E3']) ws.getCell(a).font = TEXT_FONT;
  ws.getCell('A2').value = 'Name';
  ws.getCell('B2').value = 'Value';
  ws.getCell('C2').value = 'As stated';
  ws.getCell('D2').value = 'Source';
  for (const a of ['A2', 'B2', 'C2', 'D2']) ws.getCell(a).font = BOLD_FONT;
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 90;
  ws.getColumn(4).width = 10;
  ws.getColumn(5).width = 16;
  ws.pageSetup = printSetup();
}
