import assert from 'assert';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { toXlsxBuffer } from '../src/write/workbook';
import { addressOf, planLayout } from '../src/write/workbook/layout';
import { handMade, HOSTILE } from './fixtures/workbook/release';
import { rawSheets } from './fixtures/workbook/xlsx';
import { a1Index, recalculate, type Recalculated } from './support/libreoffice';
import { reportedFigures } from './fixtures/workbook/figures';
import { adjustmentReconciliation } from './fixtures/infer/reconciliation';
import { release as handRelease, statement } from './fixtures/infer/table';

// The truth test: LibreOffice, forced to recalculate every formula on load, must reproduce every
// reported figure and every cached result the writer stored.

async function viaLibreOffice(release: Release): Promise<{ lo: Recalculated; buf: Buffer }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tieout-wb-lo-'));
  try {
    const buf = await toXlsxBuffer(release);
    const file = path.join(dir, 'book.xlsx');
    await fs.writeFile(file, buf);
    const names = [...rawSheets(buf).keys()];
    return { lo: await recalculate(file, names), buf };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function cellOf(lo: Recalculated, sheet: string, a1: string): string {
  const [r, c] = a1Index(a1);
  return lo.sheets.get(sheet)?.[r]?.[c] ?? '';
}

/** LibreOffice writes a raw percent as "26.5751714659056%": back to the fraction the cell holds. */
function numberOf(lo: Recalculated, sheet: string, a1: string): number {
  const text = cellOf(lo, sheet, a1);
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : text === '' ? NaN : Number(text);
}

describe('workbook recalculated by LibreOffice', function () {
  this.timeout(240_000);
  let release: Release;
  let lo: Recalculated;
  let buf: Buffer;

  before(async () => {
    release = infer(await readFile('samples/qifu-q3-2024.txt'));
    ({ lo, buf } = await viaLibreOffice(release));
  });

  it('reproduces all 499 reported figures within one unit of the last printed digit', () => {
    const figs = reportedFigures(release, planLayout(release));
    assert.strictEqual(figs.length, 499);
    const off = figs
      .filter((f) => { const v = numberOf(lo, f.sheet, f.a1); return !(Math.abs(v - f.value) <= f.unit * (1 + 1e-9)); })
      .map((f) => `${f.sheet}!${f.a1}: reported ${f.value}, LibreOffice ${cellOf(lo, f.sheet, f.a1)}`);
    assert.deepStrictEqual(off, []);
  });

  it('computes every formula to the cached result the writer stored', () => {
    let n = 0;
    const off: string[] = [];
    for (const [sheet, cells] of rawSheets(buf)) for (const [a1, c] of cells) {
      if (c.formula === null) continue;
      n++;
      const got = cellOf(lo, sheet, a1);
      const same = c.type === 'str' ? got === c.value : Math.abs(numberOf(lo, sheet, a1) - Number(c.value)) <= 1e-9 * Math.max(1, Math.abs(Number(c.value)));
      if (!same) off.push(`${sheet}!${a1} ${c.formula}: cached ${c.value}, LibreOffice ${got}`);
    }
    assert.deepStrictEqual(off, []);
    assert.ok(n > 500, `${n} formulas`);
  });

  it('finds no failing check', () => {
    assert.strictEqual(numberOf(lo, 'Checks', 'B6'), 0);
    assert.match(cellOf(lo, 'Summary', 'B9'), /^All \d+ checks tie/);
  });

  it('computes across-column sums and % changes to their cached results and the printed figures', async () => {
    // A reconciliation (GAAP + adjustments = non-GAAP) beside a % change column, inferred from the figures.
    const cols = [
      { label: 'Q1 2024 GAAP', end: '2024-03-31' }, { label: 'Adjustments', noPeriod: true }, { label: 'Q1 2024 non-GAAP', end: '2024-03-31' },
      { label: 'Q1 2023 non-GAAP', end: '2023-03-31' }, { label: '% change', kind: 'percent' as const, noPeriod: true },
    ];
    const made = infer(handRelease([statement('non-gaap', 'non-gaap', cols, [[
      ['Revenue', 'item', '11,320', '6', '11,326', '10,961', '3.3%'],
      ['Operating expenses', 'item', '6,411', '(841)', '5,570', '5,388', '3.4%'],
      ['Income tax', 'item', '943', '308', '1,251', '1,284', '(2.6)%'],
      ['Net income', 'item', '3,646', '539', '4,185', '4,114', '1.7%'],
    ]])]));
    const kinds = made.relations.map((r) => r.type);
    assert.deepStrictEqual([kinds.filter((k) => k === 'across').length, kinds.filter((k) => k === 'change').length], [4, 4]);
    const hand = await viaLibreOffice(made);
    const figs = reportedFigures(made, planLayout(made));
    const off = figs
      .filter((f) => { const v = numberOf(hand.lo, f.sheet, f.a1); return !(Math.abs(v - f.value) <= f.unit * (1 + 1e-9)); })
      .map((f) => `${f.sheet}!${f.a1}: reported ${f.value}, LibreOffice ${cellOf(hand.lo, f.sheet, f.a1)}`);
    assert.deepStrictEqual(off, []);
    const formulas: string[] = [];
    for (const [sheet, cells] of rawSheets(hand.buf)) for (const [a1, c] of cells) {
      if (c.formula === null || sheet === 'Checks' || sheet === 'Summary') continue;
      formulas.push(c.formula);
      assert.ok(Math.abs(numberOf(hand.lo, sheet, a1) - Number(c.value)) <= 1e-9 * Math.max(1, Math.abs(Number(c.value))), `${sheet}!${a1} ${c.formula}: cached ${c.value}, LibreOffice ${cellOf(hand.lo, sheet, a1)}`);
    }
    assert.strictEqual(formulas.filter((f) => /^[A-Z]+\d+\+[A-Z]+\d+$/.test(f)).length, 4);
    assert.strictEqual(formulas.filter((f) => /^\([A-Z]+\d+-[A-Z]+\d+\)\/ABS\([A-Z]+\d+\)$/.test(f)).length, 4);
    assert.strictEqual(numberOf(hand.lo, 'Checks', 'B6'), 0);
  });

  it('computes the adjustment column\'s own footings and a line its label takes away', async () => {
    const { income: bare, rec } = adjustmentReconciliation();
    const income = statement('income', 'income', [{ label: 'Q1', end: '2024-03-31' }], [[
      ...bare.tables[0].rows.map((r): [string, 'total', string] => [r.label, 'total', r.cells[0]!.text]),
      ['Profit of consolidated and affiliated companies', 'item', '4,000'],
      ['Equity in profit of affiliates', 'item', '909'],
      ['Less: Profit attributable to noncontrolling interests', 'item', '1'],
      ['Profit', 'subtotal', '4,908'],
    ]]);
    const made = infer(handRelease([income, rec]));
    const hand = await viaLibreOffice(made);
    const layout = planLayout(made);
    const figs = reportedFigures(made, layout);
    const off = figs
      .filter((f) => { const v = numberOf(hand.lo, f.sheet, f.a1); return !(Math.abs(v - f.value) <= f.unit * (1 + 1e-9)); })
      .map((f) => `${f.sheet}!${f.a1}: reported ${f.value}, LibreOffice ${cellOf(hand.lo, f.sheet, f.a1)}`);
    assert.deepStrictEqual(off, []);
    const sheets = rawSheets(hand.buf);
    const at = (statement: string, row: number, col: number) => {
      const a = addressOf(layout, { statement, table: 0, row, col })!;
      return { formula: sheets.get(a.sheet)!.get(a.a1)!.formula, lo: numberOf(hand.lo, a.sheet, a.a1) };
    };
    // The adjustment column's totals are formulas over its own lines, recomputed by LibreOffice.
    for (const [row, value] of [[0, 6], [3, -841]] as const) {
      const c = at('rec', row, 1);
      assert.ok(c.formula, `rec row ${row} adjustment is a formula`);
      assert.strictEqual(c.lo, value);
    }
    const profit = at('income', 5, 0);
    assert.match(profit.formula ?? '', /-[A-Z]+\d+$/);
    assert.strictEqual(profit.lo, 4908);
    assert.strictEqual(numberOf(hand.lo, 'Checks', 'B6'), 0);
  });

  it('keeps hostile labels as text and computes the hand-made workbook', async () => {
    const hand = await viaLibreOffice(handMade());
    HOSTILE.forEach((label, i) => assert.strictEqual(cellOf(hand.lo, 'Income Statement', `A${14 + i}`), label));
    assert.deepStrictEqual(['C10', 'C12', 'C17', 'B13'].map((a1) => Number(numberOf(hand.lo, 'Income Statement', a1).toFixed(12))), [21, 15, 0.18, 0.733333333333]);
    assert.deepStrictEqual(['B3', 'B4', 'B6'].map((a1) => numberOf(hand.lo, 'Checks', a1)), [17, 17, 0]);
  });
});
