import assert from 'assert';
import ExcelJS from 'exceljs';
import { Decimal } from '../src/model/decimal';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { cellOf } from '../src/infer/gate';
import { briefingView } from '../src/render/view';
import { displayScale } from '../src/render/view-figures';
import { toXlsxBuffer } from '../src/write/workbook';
import { addressOf, planLayout } from '../src/write/workbook/layout';

// The briefing prints the same numbers as the workbook: each headline tile's printed figure is the
// workbook's cell for that line and period (its cached result where the cell is a formula), shown at
// the briefing's scale and decimals, and the prior-year figure likewise.

function cellNumber(wb: ExcelJS.Workbook, sheet: string, a1: string): Decimal {
  const v = wb.getWorksheet(sheet)!.getCell(a1).value as number | { formula: string; result: number };
  const n = typeof v === 'number' ? v : v.result;
  assert.strictEqual(typeof n, 'number', `${sheet}!${a1} holds a number`);
  return new Decimal(n);
}

/** "RMB4,370.2" / "RMB12.18" / "(1,248.7)" → the number printed. */
function printed(text: string): Decimal {
  const m = /(\()?[^\d(]*([\d,]+(?:\.\d+)?)/.exec(text);
  assert.ok(m, `a figure in ${JSON.stringify(text)}`);
  const n = new Decimal(m[2].replace(/,/g, ''));
  return m[1] || /[-\u2212]\s*[A-Z$]*\d/.test(text) ? n.negated() : n;
}

describe('briefing and workbook print the same figures', () => {
  let r: Release;
  let wb: ExcelJS.Workbook;
  before(async () => {
    r = infer(await readFile('samples/qifu-q3-2024.txt'));
    // Read back from the written file, by a reader that is not the writer.
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(toXlsxBuffer(r) as unknown as ArrayBuffer);
  });

  it('every headline tile and its prior-year figure equal the workbook cell, at the briefing scale', () => {
    const view = briefingView(r);
    const layout = planLayout(r);
    const d = displayScale(r);
    const figures = r.headline!.figures;
    assert.strictEqual(view.tiles.length, 6);
    assert.strictEqual(figures.length, 6);
    figures.forEach((f, i) => {
      const tile = view.tiles[i];
      for (const [which, text] of [['now', tile.value], ['prior', tile.prior]] as const) {
        const fig = cellOf(r, f, 0, which);
        assert.ok(fig && text, `${tile.caption}: figure and printed text`);
        const addr = addressOf(layout, { ...f.row, col: f.cols[0]![which]! })!;
        const inBook = cellNumber(wb, addr.sheet, addr.a1);
        const expected = fig.kind === 'per-share'
          ? inBook.toDecimalPlaces(fig.decimals, Decimal.ROUND_HALF_UP)
          : inBook.times(new Decimal(10).pow(fig.scale - d.to)).toDecimalPlaces(d.decimals, Decimal.ROUND_HALF_UP);
        assert.strictEqual(printed(text).toString(), expected.toString(), `${tile.caption}: ${text} against ${addr.sheet}!${addr.a1} = ${inBook}`);
        assert.ok(fig.value!.equals(inBook), `${tile.caption}: the workbook keeps the model's figure`);
      }
    });
  });

  it('prints the figures the release reports', () => {
    const values = briefingView(r).tiles.map((t) => `${t.caption}: ${t.value}${t.unit ? ' ' + t.unit : ''}`);
    // Net income attributable to ordinary shareholders of the Company (sample line 340) and the
    // non-GAAP EPS per diluted ADS beside the GAAP one (lines 411–412).
    assert.deepStrictEqual(values, ['Total net revenue: RMB4,370.2 million', 'Income from operations: RMB2,289.2 million', 'Net income attributable: RMB1,802.9 million',
      'Non-GAAP net income: RMB1,825.1 million', 'Diluted EPS per ADS: RMB12.18', 'Non-GAAP EPS per ADS: RMB12.35']);
  });
});
