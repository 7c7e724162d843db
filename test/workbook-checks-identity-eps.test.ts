import assert from 'assert';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { toXlsxBuffer } from '../src/write/workbook';
import { rawSheets, type RawCell } from './fixtures/workbook/xlsx';
import { a1Index, recalculate, type Recalculated } from './support/libreoffice';
import { release as handRelease, statement } from './fixtures/infer/table';

// Made-up releases for two checks of the Checks sheet: the balance-sheet identity over a balance
// sheet printed as two tables (assets, then liabilities and equity, columns in another order), and
// earnings per share against net income ÷ weighted average shares. LibreOffice recalculates them.

function madeUp(): Release {
  const cols = [{ label: 'Dec 31, 2024', end: '2024-12-31' }, { label: 'Dec 31, 2023', end: '2023-12-31' }];
  const bs = statement('bs', 'balance-sheet', cols, [[
    ['Cash', 'item', '1,000', '900'],
    ['Receivables', 'item', '2,500', '2,100'],
    ['Total assets', 'total', '3,500', '3,000'],
  ], [
    // Printed with the older year first: compared by period, not by position.
    ['Payables', 'item', '1,000', '1,200'],
    ["Shareholders' equity", 'item', '2,000', '2,300'],
    ['TOTAL LIABILITIES', 'total', '3,000', '3,500'],
  ]]);
  const t = bs.tables[1];
  t.columns = [...t.columns].reverse().map((c, index) => ({ ...c, index }));
  const income = statement('is', 'income', [{ label: 'Q4 2024', end: '2024-12-31' }, { label: 'Q4 2023', end: '2023-12-31' }], [[
    ['Revenue', 'item', '20,000', '18,000'],
    ['Net income', 'total', '4,520', '3,100'],
    { kind: 'per-share', row: ['Earnings per share:', 'header'] },
    { kind: 'per-share', row: ['Basic', 'item', '2.26', '1.57'] },
    // 3,100,000 ÷ 2,010,000 = 1.542…: a printed 1.60 is beyond rounding.
    { kind: 'per-share', row: ['Diluted', 'item', '2.20', '1.60'] },
    { kind: 'per-share', row: ['Earnings per share from continuing operations, diluted', 'item', '9.99', '9.99'] },
    { kind: 'per-share', row: ['Diluted earnings per ADS', 'item', '4.41', '3.09'] },
    { kind: 'shares', row: ['Weighted average shares:', 'header'] },
    { kind: 'shares', row: ['Basic', 'item', '2,000,000', '1,980,000'] },
    { kind: 'shares', row: ['Diluted', 'item', '2,050,000', '2,010,000'] },
  ]]);
  return infer(handRelease([bs, income]));
}

/** The Checks rows of a kind: [what, reported formula, recomputed formula, cached difference, status]. */
function rowsOf(cells: Map<string, RawCell>, kind: string): string[][] {
  const out: string[][] = [];
  for (let y = 10; cells.has(`A${y}`); y++) {
    if (cells.get(`B${y}`)?.value !== kind) continue;
    out.push([cells.get(`C${y}`)!.value!, cells.get(`E${y}`)!.formula!, cells.get(`F${y}`)!.formula!, cells.get(`G${y}`)!.value!, cells.get(`J${y}`)!.value!, String(y)]);
  }
  return out;
}

describe('Checks: the identity across tables and earnings per share (made-up release)', function () {
  this.timeout(240_000);
  let buf: Buffer;
  let checks: Map<string, RawCell>;

  before(async () => {
    const made = madeUp();
    assert.strictEqual(made.statements[0].tables[1].rows[2].closes, 'liabilities-and-equity');
    buf = await toXlsxBuffer(made);
    checks = rawSheets(buf).get('Checks')!;
  });

  it('finds the identity across the two tables of one balance sheet, column by period, the closing row named as liabilities and equity', () => {
    const rows = rowsOf(checks, 'balance').map((r) => r.slice(0, 5));
    assert.deepStrictEqual(rows, [
      ['Total assets − TOTAL LIABILITIES (liabilities and equity) (Dec 31, 2024 RMB)', "'Balance Sheet'!B8", "'Balance Sheet'!C14", '0', 'ties'],
      ['Total assets − TOTAL LIABILITIES (liabilities and equity) (Dec 31, 2023 RMB)', "'Balance Sheet'!C8", "'Balance Sheet'!B14", '0', 'ties'],
    ]);
  });

  it('shows the identity on the Summary with each side read from its own table, under the assets table\'s columns', () => {
    const summary = rawSheets(buf).get('Summary')!;
    let y = 1;
    while (summary.has(`A${y}`) ? summary.get(`A${y}`)!.value !== 'Total assets' : y < 200) y++;
    assert.deepStrictEqual([y, y + 1].map((r) => ['A', 'B', 'C'].map((c) => summary.get(`${c}${r}`)?.formula ?? summary.get(`${c}${r}`)?.value)), [
      ['Total assets', "'Balance Sheet'!B8", "'Balance Sheet'!C8"],
      ['TOTAL LIABILITIES (liabilities and equity)', "'Balance Sheet'!C14", "'Balance Sheet'!B14"],
    ]);
  });

  it('checks each basic and diluted EPS against net income ÷ the shares of its basis, rounded as printed; a difference beyond rounding fails', () => {
    const rows = rowsOf(checks, 'eps').map((r) => r.slice(1, 5));
    assert.deepStrictEqual(rows.map((r) => r.slice(0, 1).concat(r.slice(1))), [
      ["'Income Statement'!B9", "ROUND('Income Statement'!B7*1000/'Income Statement'!B14,2)", '0', 'ties'],
      ["'Income Statement'!C9", "ROUND('Income Statement'!C7*1000/'Income Statement'!C14,2)", '0', 'ties'],
      ["'Income Statement'!B10", "ROUND('Income Statement'!B7*1000/'Income Statement'!B15,2)", '0', 'ties'],
      ["'Income Statement'!C10", "ROUND('Income Statement'!C7*1000/'Income Statement'!C15,2)", '0.06', 'fails'],
    ]);
  });

  it('LibreOffice recalculates the same differences and statuses', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tieout-checks-lo-'));
    let lo: Recalculated;
    try {
      const file = path.join(dir, 'book.xlsx');
      await fs.writeFile(file, buf);
      lo = await recalculate(file, [...rawSheets(buf).keys()]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const at = (a1: string) => { const [r, c] = a1Index(a1); return lo.sheets.get('Checks')?.[r]?.[c] ?? ''; };
    const got = [...rowsOf(checks, 'balance'), ...rowsOf(checks, 'eps')].map((r) => [at(`E${r[5]}`), at(`F${r[5]}`), at(`G${r[5]}`), at(`J${r[5]}`)]);
    assert.deepStrictEqual(got, [
      ['3500', '3500', '0', 'ties'],
      ['3000', '3000', '0', 'ties'],
      ['2.26', '2.26', '0', 'ties'],
      ['1.57', '1.57', '0', 'ties'],
      ['2.2', '2.2', '0', 'ties'],
      ['1.6', '1.54', '0.06', 'fails'],
    ]);
  });
});
