import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import { cellOf } from '../src/infer/gate';
import type { Release } from '../src/model/types';
import { readFile, readText } from '../src/read';
import { briefingView } from '../src/render/view';
import { CORPUS, needCorpus } from './support/corpus';

// A balance-sheet row labelled "Total liabilities" that closes the liabilities-and-equity side (it
// equals total assets, and equity is printed above it) is total liabilities and equity: the model
// says so, and the briefing never shows it as liabilities.

function release(liabilitiesSide: string[]): Release {
  const text = [
    '## Northfield Properties SA Reports Full Year 2024 Results',
    '',
    'PARIS, February 12, 2025 -- Northfield Properties SA today reported results for the year ended December 31, 2024.',
    '',
    '**Consolidated Statement of Income**  ',
    '(In millions of euros)',
    '',
    '\tYear Ended\t',
    '\tDecember 31, 2024\tDecember 31, 2023',
    'Gross rental income\t420.0\t400.0',
    'Operating expenses\t(120.0)\t(110.0)',
    '<b>Net income</b>\t<b>300.0</b>\t<b>290.0</b>',
    '',
    '**Consolidated Balance Sheet**  ',
    '(In millions of euros)',
    '',
    '\tDecember 31, 2024\tDecember 31, 2023',
    'Investment properties\t900.0\t850.0',
    'Cash & cash equivalents\t100.0\t90.0',
    '<b>Total assets</b>\t<b>1,000.0</b>\t<b>940.0</b>',
    ...liabilitiesSide,
    '',
  ].join('\n');
  return infer(readText(text, 'made.txt'));
}

const CLOSING = [
  "Shareholders' equity\t600.0\t580.0",
  'Non-current liabilities\t250.0\t260.0',
  'Current liabilities\t150.0\t100.0',
  '<b>Total liabilities</b>\t<b>1,000.0</b>\t<b>940.0</b>',
];

const balanceLines = (r: Release) => (r.headline?.balance ?? []).map((f) => [f.role, cellOf(r, f, 0, 'now')?.value?.toString(), cellOf(r, f, 0, 'prior')?.value?.toString()]);

describe('balance sheet: total liabilities and equity, by evidence', () => {
  it('a "Total liabilities" equal to total assets with equity above it closes the liabilities-and-equity side', () => {
    const r = release(CLOSING);
    const bs = r.statements.find((s) => s.kind === 'balance-sheet')!;
    const row = bs.tables.flatMap((t) => t.rows).find((x) => x.label === 'Total liabilities')!;
    assert.strictEqual(row.closes, 'liabilities-and-equity');
    assert.deepStrictEqual(balanceLines(r), [
      ['cash', '100', '90'],
      ['assets', '1000', '940'],
      ['liabilities-non-current', '250', '260'],
      ['liabilities-current', '150', '100'],
      ['equity', '600', '580'],
    ]);
    const page = briefingView(r).balance!.lines.map((l) => [l.label, l.cells[1].text]);
    assert.ok(!page.some(([label]) => /^total liabilities$/i.test(label)), JSON.stringify(page));
    assert.deepStrictEqual(page.find(([label]) => label === 'Current liabilities'), ['Current liabilities', '150.0']);
  });

  it('a total of liabilities proper stays total liabilities', () => {
    const r = release([
      'Non-current liabilities\t250.0\t260.0',
      'Current liabilities\t150.0\t100.0',
      '<b>Total liabilities</b>\t<b>400.0</b>\t<b>360.0</b>',
      "<b>Total shareholders' equity</b>\t<b>600.0</b>\t<b>580.0</b>",
      '<b>Total liabilities and equity</b>\t<b>1,000.0</b>\t<b>940.0</b>',
    ]);
    const row = r.statements.flatMap((s) => s.tables.flatMap((t) => t.rows)).find((x) => x.label === 'Total liabilities')!;
    assert.strictEqual(row.closes, undefined);
    assert.deepStrictEqual(balanceLines(r).map((l) => l[0]), ['cash', 'assets', 'liabilities', 'equity']);
    assert.deepStrictEqual(balanceLines(r)[2], ['liabilities', '400', '360']);
  });

  it('Gecina FY2024: "TOTAL LIABILITIES 17,918.0" closes the side; the page shows non-current 5,569.3 and current 1,826.3', async function () {
    needCorpus(this);
    this.timeout(60_000);
    // Consolidated balance sheet: TOTAL ASSETS 17,648.7 / 17,918.0 (Dec. 31, 2023 / 2024); the right side
    // opens with Shareholders' equity 10,599.5 / 10,522.3 and ends with TOTAL LIABILITIES 17,648.7 / 17,918.0;
    // Non-current liabilities 6,051.0 / 5,569.3; Current liabilities 998.3 / 1,826.3; Cash & cash equivalents 143.7 / 179.0.
    const r = await readFile(path.join(CORPUS, 'gecina_fy2024_djn.md')).then(infer);
    const norm = (v: string | undefined) => (v === undefined ? v : String(Number(v)));
    assert.deepStrictEqual(balanceLines(r).map(([role, now, prior]) => [role, norm(now), norm(prior)]), [
      ['cash', '179', '143.7'],
      ['assets', '17918', '17648.7'],
      ['liabilities-non-current', '5569.3', '6051'],
      ['liabilities-current', '1826.3', '998.3'],
      ['equity', '10522.3', '10599.5'],
    ]);
    const closing = r.statements.flatMap((s) => s.tables.flatMap((t) => t.rows)).filter((x) => x.closes);
    assert.deepStrictEqual(closing.map((x) => x.label), ['TOTAL LIABILITIES']);
  });
});
