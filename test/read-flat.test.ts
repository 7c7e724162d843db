import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { chooseReader, readFile } from '../src/read';
import type { Release } from '../src/model/types';
import { rowValues } from './support/statement-rows';
import { CORPUS, needCorpus } from './support/corpus';

const periods = (r: Release, kind: string) => r.statements.find((s) => s.kind === kind)!.tables[0].columns.map((c) => c.period?.label ?? null);

describe('flat reader: tables flattened to one cell per line, per paragraph, or one table per line', () => {
  it('one cell per line: spanning headings over years, "$" glued to figures, a label split around the figures it quotes', async () => {
    const file = 'test/fixtures/flat/cell-per-line.md';
    assert.strictEqual(chooseReader(fs.readFileSync(file, 'utf8'), file).name, 'flat');
    const r = await readFile(file);
    assert.deepStrictEqual(r.statements.map((s) => [s.kind, s.title]), [['income', 'STATEMENTS OF OPERATIONS'], ['balance-sheet', 'BALANCE SHEETS']]);
    assert.deepStrictEqual(periods(r, 'income'), ['3M Mar-31-2025', '3M Mar-31-2024', '6M Mar-31-2025', '6M Mar-31-2024']);
    assert.deepStrictEqual(periods(r, 'balance-sheet'), ['Mar-31-2025', 'Sep-30-2024']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenue$/), ['1210', '1110', '2400', '2150']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Cost of revenue$/), ['-410', '-390', '-800', '-760']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Receivables, net of allowance of \$12 and \$10$/), ['300', '280']);
    assert.strictEqual(r.statements[0].tables[0].columns[0].amountScale, 6);
    assert.strictEqual(r.statements[0].tables[0].columns[0].currency, 'USD');
  });

  it('one cell per paragraph: rows of two headings, "$" alone, a wrapped title, a row whose label the copy left out', async () => {
    const r = await readFile('test/fixtures/flat/cell-per-paragraph.md');
    assert.strictEqual(r.source.format, 'flat');
    assert.strictEqual(r.statements[0].title, 'CONDENSED CONSOLIDATED STATEMENTS OF COMPREHENSIVE LOSS');
    assert.deepStrictEqual(periods(r, 'income'), ['12M Dec-31-2024', '12M Dec-31-2023', '3M Dec-31-2024', '3M Dec-31-2023']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenues$/), ['900', '800', '250', '210']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net loss$/), ['-4300', '-4050', '-1100', '-1020']);
    assert.deepStrictEqual(periods(r, 'balance-sheet'), ['Dec-31-2024', 'Dec-31-2023']);
    const rows = r.statements[1].tables[0].rows.map((x) => [x.label, x.cells.map((c) => c?.value?.toString() ?? null)]);
    assert.deepStrictEqual(rows.slice(1, 3), [['Fixed assets, net', ['300', '280']], ['', ['1300', '1280']]]);
    assert.strictEqual(r.statements[1].tables[0].columns[0].amountScale, 3);
  });

  it('one table per line: cells at no-break gaps, figures run into the next label, a missing cell, a figure glued to its label', async () => {
    const r = await readFile('test/fixtures/flat/one-line.md');
    assert.strictEqual(r.source.format, 'flat');
    assert.deepStrictEqual(periods(r, 'balance-sheet'), ['Sep-30-2024', 'Dec-31-2023']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Cash and cash equivalents$/), ['1207688', '2042986']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Marketable securities$/), ['6650200', '5296589']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Notes receivable$/), ['100000', null]);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Accumulated deficit$/), ['-1656195', '-1685414']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Shares outstanding$/), ['3100000', '3000000']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total liabilities and equity$/), ['7957888', '7339575']);
  });

  it('leaves pipe tables, fixed-width text and the sample to their readers', () => {
    assert.strictEqual(chooseReader(fs.readFileSync('samples/qifu-q3-2024.txt', 'utf8'), 'qifu').name, 'text');
    assert.strictEqual(chooseReader(fs.readFileSync('test/fixtures/markdown/quirks.md', 'utf8'), 'q').name, 'markdown');
  });
});

describe('flat reader: corpus releases once refused', function () {
  before(function () { needCorpus(this); });

  it('Microsoft (one cell per line): income statement, balance sheet, cash flows', async () => {
    const r = await readFile(path.join(CORPUS, 'microsoft_q4fy24_press_release.md'));
    assert.strictEqual(r.source.format, 'flat');
    assert.deepStrictEqual(periods(r, 'income'), ['3M Jun-30-2024', '3M Jun-30-2023', '12M Jun-30-2024', '12M Jun-30-2023']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Total revenue$/), ['64727', '56189', '245122', '211915']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net income$/), ['22036', '20081', '88136', '72361']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Diluted$/), ['2.95', '2.69', '11.8', '9.68']);
    assert.deepStrictEqual(periods(r, 'balance-sheet'), ['Jun-30-2024', 'Jun-30-2023']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total assets$/), ['512163', '411976']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Accounts receivable, net of allowance for doubtful accounts of \$830 and \$650$/), ['56924', '48688']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Short-term debt$/), ['6693', '0']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Net cash from operations$/), ['37195', '28770', '118548', '87582']);
  });

  it('Foresight (one cell per paragraph): balance sheet, comprehensive loss', async () => {
    const r = await readFile(path.join(CORPUS, 'foresight_q4_2023_newsdirect.md'));
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total assets$/), ['19310', '32893']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Cash and cash equivalents$/), ['15635', '19173']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenues$/), ['497', '550', '138', '99']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net loss$/), ['-18410', '-21676', '-3551', '-3820']);
    assert.deepStrictEqual(periods(r, 'income'), ['12M Dec-31-2023', '12M Dec-31-2022', '3M Dec-31-2023', '3M Dec-31-2022']);
  });

  it('Forian (each statement on one line): balance sheet, operations, cash flows', async () => {
    const r = await readFile(path.join(CORPUS, 'forian_q3_2024_newmediawire.md'));
    assert.deepStrictEqual(periods(r, 'balance-sheet'), ['Sep-30-2024', 'Dec-31-2023']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Cash and cash equivalents$/), ['2707688', '6042986']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total assets$/), ['57511990', '58888612']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenue$/), ['4686312', '5348469', '14340791', '15112398']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Weighted-average shares outstanding - basic$/), ['31098180', '32459838', '31064418', '32397090']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Net \(loss\) income$/), ['-3970781', '9717744']);
  });
});
