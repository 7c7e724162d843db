import assert from 'assert';
import { infer } from '../src/infer';
import { Decimal } from '../src/model/decimal';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { tone } from '../src/render/tone';
import { briefingView } from '../src/render/view';
import { sharesLabel } from '../src/render/view-expand';

// The statements on the page explain the result: the lines between gross profit and an operating
// loss are shown (SG&A and the impairments that caused it), the year printed as a statement of its
// own fills the statement's year columns (its tax line labelled otherwise), the balance sheet has its
// liabilities and equity, the cash flows all three activities, and changes are coloured as good or
// bad news, not by their sign. The release is made up (test/fixtures/render/juniper.md).

const JUNIPER = 'test/fixtures/render/juniper.md';

const rows = (c: { lines: { label: string; cells: { text: string; cls: string }[] }[] } | null) => (c?.lines ?? []).map((l) => [l.label, ...l.cells.map((x) => x.text)]);

describe('render: statements that explain the result', () => {
  let juniper: Release;
  before(async () => {
    juniper = infer(await readFile(JUNIPER));
  });

  it('the totals level keeps the lines between gross profit and the operating loss, and reads the year from its own statement', () => {
    const v = briefingView(juniper, { grow: { income: 'totals' } });
    assert.deepStrictEqual(v.income?.heads, ['Q4 2023', 'Q4 2024', 'YoY', 'FY2023', 'FY2024', 'YoY']);
    assert.deepStrictEqual(rows(v.income).map((r) => [r[0], r[2], r[5]]), [
      ['Revenue from services', '600.0', '2,400.0'],
      ['Cost of services', '480.0', '1,920.0'],
      ['Gross profit', '120.0', '480.0'],
      // 120.0 − 105.0 − 6.0 − 36.0 = (27.0): the loss follows from the lines shown.
      ['Selling, general and administrative expenses', '105.0', '420.0'],
      ['Asset impairment charge', '6.0', '6.0'],
      ['Goodwill impairment charge', '36.0', '36.0'],
      ['Earnings (loss) from operations', '(27.0)', '18.0'],
      ['Other income (expense), net', '3.0', '5.0'],
      ['Earnings (loss) before taxes', '(24.0)', '23.0'],
      // The year's statement calls it "Income tax benefit": the same line, in the same place.
      ['Income tax expense (benefit)', '(8.0)', '(1.0)'],
      ['Net earnings (loss)', '(16.0)', '24.0'],
      ['Diluted earnings (loss) per share', '−0.45', '0.68'],
    ]);
    // The year's statement is on the page as the statement's year columns, not again as a further table.
    assert.ok(!v.extrasLeft.concat(v.extrasRight, v.extrasWide).some((e) => /earnings/i.test(e.title)));
  });

  it('the condensed statement shows the lines between gross profit and the operating loss that no total stands for', () => {
    assert.deepStrictEqual(rows(briefingView(juniper).income).map((r) => r[0]), [
      'Revenue from services', 'Cost of services', 'Gross profit', 'Selling, general and administrative expenses', 'Asset impairment charge', 'Goodwill impairment charge',
      'Earnings (loss) from operations', 'Other income (expense), net', 'Earnings (loss) before taxes', 'Income tax expense (benefit)', 'Net earnings (loss)', 'Diluted EPS',
    ]);
  });

  it('a change on a base printed with one significant digit is left blank', () => {
    const other = briefingView(juniper, { grow: { income: 'totals' } }).income?.lines.find((l) => l.label === 'Other income (expense), net');
    // 4 against 3.0: the release's 4 may be anything from 3.5 to 4.5.
    assert.strictEqual(other?.cells[2].text, '');
  });

  it('changes are coloured good or bad: a falling cost green, falling revenue red, liabilities neither', () => {
    const v = briefingView(juniper, { grow: { income: 'totals', balance: true } });
    const colour = (c: { lines: { label: string; cells: { text: string; cls: string }[] }[] } | null, label: string) => c?.lines.find((l) => l.label === label)?.cells[2].cls;
    assert.strictEqual(colour(v.income, 'Revenue from services'), 'num chg neg');
    assert.strictEqual(colour(v.income, 'Cost of services'), 'num chg pos');
    assert.strictEqual(colour(v.income, 'Selling, general and administrative expenses'), 'num chg pos');
    assert.strictEqual(colour(v.balance, 'Total liabilities'), 'num chg flat');
    // A net loss shrinking from (86.9) to (38.5) is good news though its magnitude fell.
    const net = juniper.statements[0].tables[0].rows.findIndex((r) => r.label === 'Net earnings (loss)');
    assert.strictEqual(tone(juniper, { statement: juniper.statements[0].id, table: 0, row: net }, new Decimal('-38.5'), new Decimal('-86.9'), 'neg'), 'pos');
    // A tax expense rising is bad news.
    const tax = juniper.statements[0].tables[0].rows.findIndex((r) => r.label === 'Income tax expense (benefit)');
    assert.strictEqual(tone(juniper, { statement: juniper.statements[0].id, table: 0, row: tax }, new Decimal('3.3'), new Decimal('2.3'), 'pos'), 'neg');
  });

  it('the balance sheet shows liabilities and both equities; the cash flows all three activities', () => {
    const v = briefingView(juniper, { grow: { balance: true } });
    assert.deepStrictEqual(rows(v.balance).map((r) => [r[0], r[1], r[2]]), [
      ['Cash and cash equivalents', '35.0', '40.0'],
      ['Total current assets', '985.0', '940.0'],
      ['Total assets', '1,181.0', '1,100.0'],
      ['Total current liabilities', '540.0', '500.0'],
      ['Total liabilities', '660.0', '600.0'],
      ['Equity attributable to shareholders of the company', '500.0', '480.0'],
      ['Total equity', '521.0', '500.0'],
    ]);
    assert.deepStrictEqual(rows(v.cashflow), [
      ['Operating activities', '74.0', '54.0'],
      ['Investing activities', '(18.0)', '(20.0)'],
      ['Financing activities', '(28.0)', '(29.0)'],
    ]);
  });

  it('a count of a trust\'s units is in millions of units, of shares in millions of shares', () => {
    assert.strictEqual(sharesLabel('Units outstanding (in thousands)'), 'Units outstanding (m units)');
    assert.strictEqual(sharesLabel('Weighted average shares outstanding, in thousands'), 'Weighted average shares outstanding (m shares)');
  });
});
