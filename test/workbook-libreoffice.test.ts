import assert from 'assert';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { toXlsxBuffer } from '../src/write/workbook';
import { planLayout } from '../src/write/workbook/layout';
import { handMade, HOSTILE } from './fixtures/workbook/release';
import { rawSheets } from './fixtures/workbook/xlsx';
import { a1Index, recalculate, type Recalculated } from './support/libreoffice';
import { reportedFigures } from './fixtures/workbook/figures';

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

  it('keeps hostile labels as text and computes the hand-made workbook', async () => {
    const hand = await viaLibreOffice(handMade());
    HOSTILE.forEach((label, i) => assert.strictEqual(cellOf(hand.lo, 'Income Statement', `A${14 + i}`), label));
    assert.deepStrictEqual(['C10', 'C12', 'C17', 'B13'].map((a1) => Number(numberOf(hand.lo, 'Income Statement', a1).toFixed(12))), [21, 15, 0.18, 0.733333333333]);
    assert.deepStrictEqual(['B3', 'B4', 'B6'].map((a1) => numberOf(hand.lo, 'Checks', a1)), [17, 17, 0]);
  });
});
