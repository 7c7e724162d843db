import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import { Decimal } from '../src/model/decimal';
import type { Figure, Release, RowRef } from '../src/model/types';
import { readFile, readText } from '../src/read';
import { carriedDecimals } from '../src/render/format';
import { direction, lowerIsBetter, toneByWords } from '../src/render/tone';
import { briefingView } from '../src/render/view';
import { displayAmount, money } from '../src/render/view-figures';
import { CORPUS, needCorpus } from './support/corpus';

// How the page prints a figure and colours its change. A figure never shows more decimals than the
// release printed for it, once put in the page's unit; a change is coloured by whether the measure
// is one a reader wants higher or lower. The releases here are made up.

const build = (text: string, name = 'made.md'): Release => infer(readText(text, name));
const load = (file: string): Promise<Release> => readFile(path.join(CORPUS, file)).then(infer);

/** The figure in the first column of the row labelled `label` in the table whose title matches `title`. */
function cell(r: Release, label: string, col = 0, title?: RegExp): { fig: Figure; at: RowRef } {
  for (const s of r.statements) {
    for (const [ti, t] of s.tables.entries()) {
      if (title && !title.test(`${s.title} ${t.caption}`)) continue;
      const row = t.rows.findIndex((x) => x.label.trim() === label);
      if (row >= 0 && t.rows[row].cells[col]?.value) return { fig: t.rows[row].cells[col]!, at: { statement: s.id, table: ti, row } };
    }
  }
  throw new Error(`no figure for ${label}`);
}

const LARKSPUR = [
  '# Larkspur Tools Inc. Reports Third Quarter 2025 Results', '',
  'DENVER, Nov. 5, 2025 (GLOBE NEWSWIRE) -- Larkspur Tools Inc. (NYSE: LKT) today reported results for the three months ended September 30, 2025. Sales were $4.2 billion, compared with $3.9 billion a year earlier.', '',
  '**THIRD QUARTER AT A GLANCE**', '',
  '| ($ in billions, except per share) | Three months ended September 30, 2025 | Three months ended September 30, 2024 |',
  '| --- | --- | --- |',
  '| Sales | $4.2 | $3.9 |',
  '| Diluted earnings per share | 1.48 | 1.31 |', '',
  '**CONDENSED CONSOLIDATED STATEMENTS OF INCOME**', '',
  '| (in thousands of dollars, except per share) | Three months ended September 30, 2025 | Three months ended September 30, 2024 | Nine months ended September 30, 2025 | Nine months ended September 30, 2024 |',
  '| --- | --- | --- | --- | --- |',
  '| Sales | 4,213,400 | 3,902,100 | 12,104,300 | 11,480,700 |',
  '| Cost of sales | 2,950,000 | 2,750,000 | 8,520,000 | 8,101,000 |',
  '| Gross profit | 1,263,400 | 1,152,100 | 3,584,300 | 3,379,700 |',
  '| Selling and administrative expenses | 810,000 | 770,000 | 2,390,000 | 2,280,000 |',
  '| Operating income | 453,400 | 382,100 | 1,194,300 | 1,099,700 |',
  '| Income tax expense | 95,000 | 80,000 | 250,800 | 231,000 |',
  '| Net income | 358,400 | 302,100 | 943,500 | 868,700 |',
  '| Diluted earnings per share | 1.48 | 1.31 | 3.90 | 3.77 |', '',
  '**SALES BY SEGMENT**', '',
  '| (in millions of dollars) | Three months ended September 30, 2025 | Three months ended September 30, 2024 |',
  '| --- | --- | --- |',
  '| Hand tools | 2,811 | 2,604 |',
  '| Power tools | 1,402 | 1,298 |',
  '| Total segment sales | 4,213 | 3,902 |', '',
].join('\n');

describe('the briefing prints a figure with no more decimals than the release printed for it', () => {
  let r: Release;
  before(() => { r = build(LARKSPUR); });

  it('carriedDecimals: a printed figure\'s decimals in another unit', () => {
    assert.strictEqual(carriedDecimals(1, 9, 6), 0); // 11.9 billion → 11,900 million
    assert.strictEqual(carriedDecimals(3, 9, 6), 0); // 1.234 billion → 1,234 million
    assert.strictEqual(carriedDecimals(0, 3, 6), 3); // 144,940 thousand → 144.940 million
    assert.strictEqual(carriedDecimals(0, 6, 6), 0);
    assert.strictEqual(carriedDecimals(2, 6, 9), 5);
  });

  it('on a page in millions: billions to one decimal print whole, whole millions print whole, thousands to the tenth', () => {
    assert.strictEqual(money(r, cell(r, 'Sales', 0, /glance/i).fig, false), '4,200');
    assert.strictEqual(money(r, cell(r, 'Sales', 1, /glance/i).fig, true), '$3,900 million');
    assert.strictEqual(money(r, cell(r, 'Hand tools').fig, false), '2,811');
    assert.strictEqual(money(r, cell(r, 'Total segment sales', 1).fig, true), '$3,902 million');
    assert.strictEqual(money(r, cell(r, 'Sales', 0, /statements of income/i).fig, false), '4,213.4');
    assert.strictEqual(money(r, cell(r, 'Operating income').fig, true), '$453.4 million');
  });

  it('an amount under one unit of the page keeps only the decimals it was printed with', () => {
    // "$0.5 million" is 0.5, not 0.50; "$32,082" is 0.03 million (it carries six places).
    assert.strictEqual(displayAmount(r, new Decimal('0.5'), 6, 1, 'USD'), '$0.5 million');
    assert.strictEqual(displayAmount(r, new Decimal('0.3'), 9, 1, 'USD'), '$300 million');
    assert.strictEqual(displayAmount(r, new Decimal('32082'), 0, 0, 'USD'), '$0.03 million');
  });
});

const HARBOURSIDE = [
  '# Harbourside Mutual Holdings Reports Fourth Quarter 2025 Results', '',
  'PORTLAND, Maine, Feb. 10, 2026 (GLOBE NEWSWIRE) -- Harbourside Mutual Holdings, Inc. (NASDAQ: HBMH) today reported results for the quarter ended December 31, 2025.', '',
  '**FOURTH QUARTER HIGHLIGHTS**', '',
  '| ($ in thousands) | Three months ended December 31, 2025 | Three months ended December 31, 2024 |',
  '| --- | --- | --- |',
  '| Gross written premiums | 210,400 | 188,200 |',
  '| Net earned premiums | 150,300 | 131,900 |',
  '| Net income | 24,100 | 19,800 |',
  '| Loss ratio | 52.1% | 55.0% |',
  '| Expense ratio | 30.2% | 29.6% |',
  '| Combined ratio | 82.3% | 84.6% |',
  '| Efficiency ratio | 61.0% | 58.2% |',
  '| Debt to adjusted EBITDA | 2.1 | 2.4 |',
  '| Days sales outstanding | 41 | 44 |',
  '| Tier 1 leverage ratio | 9.8% | 9.1% |',
  '| Return on equity | 14.2% | 12.9% |',
  '| Operating leverage | 3.1% | 1.2% |', '',
  '**CONSOLIDATED STATEMENTS OF INCOME**', '',
  '| ($ in thousands, except per share) | Three months ended December 31, 2025 | Three months ended December 31, 2024 |',
  '| --- | --- | --- |',
  '| Net earned premiums | 150,300 | 131,900 |',
  '| Net investment income | 9,800 | 8,100 |',
  '| Total revenues | 160,100 | 140,000 |',
  '| Losses and loss adjustment expenses | 78,300 | 72,500 |',
  '| Acquisition and other underwriting expenses | 45,400 | 39,000 |',
  '| Total expenses | 123,700 | 111,500 |',
  '| Income before income taxes | 36,400 | 28,500 |',
  '| Income tax expense | 12,300 | 8,700 |',
  '| Net income | 24,100 | 19,800 |',
  '| Diluted earnings per share | 0.94 | 0.77 |', '',
].join('\n');

describe('the briefing colours a change by whether the measure is one a reader wants lower', () => {
  let r: Release;
  before(() => { r = build(HARBOURSIDE); });

  it('lowerIsBetter: insurer and bank ratios, leverage, days outstanding; never a capital ratio or operating leverage', () => {
    for (const l of ['Combined ratio', 'Adjusted combined ratio', 'Catastrophe loss ratio', 'Loss and LAE ratio', 'Loss and loss adjustment expense ratio', 'Expense ratio', 'Efficiency ratio', 'Cost-to-income ratio', 'Cost/income ratio', 'Loan-to-value', 'LTV', 'Net debt/EBITDA', 'Debt to total assets', 'Debt-to-equity ratio', 'Days sales outstanding', 'Net leverage', 'Churn', 'Non-performing loans to total loans'])
      assert.strictEqual(lowerIsBetter(l), true, l);
    for (const l of ['Tier 1 leverage ratio', 'Supplementary leverage ratio', 'CET1 ratio', 'Operating leverage', 'Gross margin', 'Net interest margin', 'Return on equity', 'Loan growth', 'Net income'])
      assert.strictEqual(lowerIsBetter(l), false, l);
  });

  it('toneByWords: a change of a measure stated in prose is news by its name (efficiency ratio up is bad, loan volume up good)', () => {
    assert.deepStrictEqual(
      [toneByWords('Efficiency ratio', 'pos'), toneByWords('Net charge-off ratio', 'neg'), toneByWords('Operating expenses', 'pos'), toneByWords('Loan volume', 'pos'), toneByWords('Loan volume', 'neg'), toneByWords('Combined ratio', 'flat')],
      ['neg', 'pos', 'neg', 'pos', 'neg', 'flat'],
    );
  });

  it('direction of a table\'s rows: lower is better for the ratios a reader wants lower, higher for the others', () => {
    const dir = (label: string) => direction(r, cell(r, label).at);
    assert.deepStrictEqual(
      ['Loss ratio', 'Expense ratio', 'Combined ratio', 'Efficiency ratio', 'Debt to adjusted EBITDA', 'Days sales outstanding', 'Tier 1 leverage ratio', 'Return on equity', 'Operating leverage', 'Net income'].map(dir),
      [-1, -1, -1, -1, -1, -1, 1, 1, 1, 1],
    );
  });

  it('the combined-ratio tile: down 230 bp is good news (green), and up would be bad news (red)', () => {
    const tile = (x: Release) => briefingView(x).tiles.find((t) => /combined ratio/i.test(t.caption))?.change;
    assert.deepStrictEqual(tile(r), { text: '\u2212230 bp', sign: 'pos' });
    const worse = build(HARBOURSIDE.replace('| Combined ratio | 82.3% | 84.6% |', '| Combined ratio | 86.0% | 84.6% |').replace('| Loss ratio | 52.1% |', '| Loss ratio | 55.8% |'));
    assert.deepStrictEqual(tile(worse), { text: '+140 bp', sign: 'neg' });
  });
});

describe('corpus pages: printed decimals and ratio colours', function () {
  this.timeout(120_000);
  before(function () { needCorpus(this); });

  it('caterpillar_q1_2022_8k_ex99-1.htm: "$13.6 / $11.9" billion prints 13,600 / 11,900 on the page in millions', async () => {
    const r = await load('caterpillar_q1_2022_8k_ex99-1.htm');
    const figs = r.statements.flatMap((s) => s.tables.flatMap((t) => t.rows.filter((x) => x.label.trim() === 'Sales and Revenues').flatMap((x) => x.cells.filter((c): c is Figure => !!c?.value && c.scale === 9))));
    assert.deepStrictEqual(figs.map((f) => [f.text.trim(), money(r, f, false)]), [['$13.6', '13,600'], ['$11.9', '11,900']]);
  });

  it('southern_co_q4_2004_8k_full_submission.txt: whole millions print whole ("$2,721 million", 396)', async () => {
    const v = briefingView(await load('southern_co_q4_2004_8k_full_submission.txt'));
    const t = (c: RegExp) => v.tiles.find((x) => c.test(x.caption))!;
    assert.deepStrictEqual([t(/revenues/i).value, t(/revenues/i).unit, t(/revenues/i).prior], ['$2,721', 'million', '$2,520 million']);
    assert.deepStrictEqual([t(/operating income/i).value, t(/operating income/i).prior], ['$396', '$341 million']);
  });

  it('palomar_q4_2024_globenewswire.md: combined ratio 75.9% against 74.2% is +170 bp, bad news', async () => {
    const v = briefingView(await load('palomar_q4_2024_globenewswire.md'));
    const t = v.tiles.find((x) => /combined ratio/i.test(x.caption))!;
    assert.deepStrictEqual([t.value, t.prior, t.change], ['75.9%', '74.2%', { text: '+170 bp', sign: 'neg' }]);
  });
});
