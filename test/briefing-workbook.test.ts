import assert from 'assert';
import ExcelJS from 'exceljs';
import { Decimal } from '../src/model/decimal';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { periodsOf, triple, type Located } from '../src/render/locate';
import { briefingView } from '../src/render/view';
import { displayScale, keyLines } from '../src/render/view-figures';
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
    const p = periodsOf(r);
    const key = keyLines(r, p);
    const layout = planLayout(r);
    const d = displayScale(r);
    const keys = [key.revenue, key.operating, key.net, key.nonGaapNet, key.eps].filter((k): k is Located => k !== null);
    assert.strictEqual(view.tiles.length, 5);
    assert.strictEqual(keys.length, 5);
    keys.forEach((loc, i) => {
      const t = triple(loc, p, p.spans[0] ?? null)!;
      const tile = view.tiles[i];
      for (const [fig, text] of [[t.now, tile.value], [t.prior, tile.prior]] as const) {
        assert.ok(fig && text, `${tile.caption}: figure and printed text`);
        const col = loc.row.cells.indexOf(fig);
        const addr = addressOf(layout, { statement: loc.statement, table: loc.tableIndex, row: loc.rowIndex, col })!;
        const inBook = cellNumber(wb, addr.sheet, addr.a1);
        const expected = fig.kind === 'per-share'
          ? inBook.toDecimalPlaces(fig.decimals, Decimal.ROUND_HALF_UP)
          : inBook.times(new Decimal(10).pow(fig.scale - d.to)).toDecimalPlaces(d.decimals, Decimal.ROUND_HALF_UP);
        assert.strictEqual(printed(text).toString(), expected.toString(), `${tile.caption}: ${text} against ${addr.sheet}!${addr.a1} = ${inBook}`);
        assert.ok(fig.value!.times(new Decimal(10).pow(fig.scale)).equals(inBook.times(new Decimal(10).pow(fig.scale))), `${tile.caption}: the workbook keeps the model's figure`);
      }
    });
  });

  it('prints the figures the release reports', () => {
    const values = briefingView(r).tiles.map((t) => `${t.caption}: ${t.value}${t.unit ? ' ' + t.unit : ''}`);
    assert.deepStrictEqual(values.map((v) => v.split(': ')[1]), ['RMB4,370.2 million', 'RMB2,289.2 million', 'RMB1,798.8 million', 'RMB1,825.1 million', 'RMB12.18']);
  });
});
