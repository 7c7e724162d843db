import assert from 'assert';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { labelText, splitHeading, titleText, withoutFootnotes } from '../src/render/labels';
import { briefingView } from '../src/render/view';
import type { Condensed } from '../src/render/view-figures';

// The statements on the page as a reader reads them: every total shown follows from the lines shown,
// no header without a line under it, the release's words without footnote markers or capitals set
// for emphasis, share counts with their unit, periods named as the release names them, and margin
// changes from the unrounded ratios. The releases are made up (test/fixtures/render).

const HARBOR = 'test/fixtures/render/harbor.txt';
const CEDAR = 'test/fixtures/render/cedar.md';

function rows(c: Condensed | null): string[][] {
  return (c?.lines ?? []).map((l) => [l.emphasis, l.label, ...l.cells.map((x) => x.text)]);
}

describe('render: condensed statements that foot', () => {
  let harbor: Release;
  let cedar: Release;
  before(async () => {
    harbor = infer(await readFile(HARBOR));
    cedar = infer(await readFile(CEDAR));
  });

  it('the condensed income statement brings the lines its totals need: pretax less tax less the equity-method loss is net income', () => {
    const v = briefingView(harbor);
    assert.deepStrictEqual(v.income?.heads, ['Q3 FY23', 'Q3 FY24', 'YoY', '39 wks FY23', '39 wks FY24', 'YoY']);
    assert.deepStrictEqual(rows(v.income).map((r) => [r[1], r[3], r[6]]), [
      ['Sales, Net of returns and allowances', '293.6', '838.5'],
      ['Cost of sales', '153.5', '445.2'],
      ['Gross profit', '140.1', '393.3'],
      // Total operating expenses stands for its two lines, which are left out together.
      ['Total operating expenses', '85.6', '248.2'],
      ['Income from operations', '54.5', '145.1'],
      // 54.5 + 4.0 = 58.5: the other income line pretax needs.
      ['Other income, Net', '4.0', '11.5'],
      ['Income before income taxes', '58.5', '156.6'],
      ['Income tax expense', '14.3', '38.4'],
      // 58.5 − 14.3 − 1.0 = 43.2: without this line the statement would not foot.
      ['Equity in loss of affiliate', '(1.0)', '(1.0)'],
      ['Net income', '43.2', '117.2'],
      ['Diluted EPS', '0.88', '2.35'],
    ]);
  });

  it('the statement\'s totals bring the lines of a total of few lines, under their header', () => {
    const totals = rows(briefingView(harbor, { grow: { income: 'totals' } }).income);
    assert.deepStrictEqual(totals.map((r) => r[1]), [
      'Sales, Net of returns and allowances', 'Cost of sales', 'Gross profit', 'Operating expenses:', 'Selling', 'General and administrative', 'Total operating expenses', 'Income from operations',
      'Other income, Net', 'Income before income taxes', 'Income tax expense', 'Equity in loss of affiliate', 'Net income',
      'Earnings per share:', 'Basic', 'Diluted',
    ]);
    const all = rows(briefingView(harbor, { grow: { income: 'all' } }).income);
    const at = all.findIndex((r) => r[1] === 'Operating expenses:');
    assert.deepStrictEqual(all.slice(at, at + 4).map((r) => [r[0], r[1]]), [
      ['header', 'Operating expenses:'], ['item', 'Selling'], ['item', 'General and administrative'], ['total', 'Total operating expenses'],
    ]);
  });

  it('share counts under a page in millions carry their own unit, to a tenth of a million', () => {
    const all = rows(briefingView(harbor, { grow: { income: 'all' } }).income);
    assert.deepStrictEqual(all.filter((r) => /shares/.test(r[1])).map((r) => [r[1], r[2], r[3], r[5], r[6]]), [
      ['Basic weighted average shares (m shares)', '49.0', '49.5', '49.5', '49.9'],
      ['Diluted weighted average shares (m shares)', '49.9', '50.3', '49.9', '50.2'],
    ]);
  });

  it('a row without a label is its group\'s total and takes the header\'s name; a header wrapped over rows prints as one', () => {
    // The taxes' total row as the source prints it, without a label.
    const bare: Release = { ...cedar, statements: cedar.statements.map((st) => ({ ...st, tables: st.tables.map((t) => ({ ...t, rows: t.rows.map((r) => (/^total income taxes$/i.test(r.label) ? { ...r, label: '' } : r)) })) })) };
    const all = rows(briefingView(bare, { grow: { income: 'all' } }).income);
    const taxes = all.findIndex((r) => r[1] === 'Income taxes:');
    assert.deepStrictEqual(all.slice(taxes, taxes + 5).map((r) => [r[1], r[2], r[3]]), [
      ['Income taxes:', '', ''], ['Current income taxes', '0.5', '2.8'], ['Deferred income taxes', '(69.1)', '2.9'], ['Total income taxes', '(68.6)', '5.7'], ['Net earnings', '121.6', '16.3'],
    ]);
    assert.ok(all.some((r) => r[0] === 'header' && r[1] === 'Other comprehensive income (loss):'), all.map((r) => r[1]).join(' / '));
    assert.ok(!all.some((r) => /^(?:Other|comprehensive|income \(loss\):)$/.test(r[1])));
    // A total of two lines keeps them at the totals level too, under the header's name.
    const totals = rows(briefingView(bare, { grow: { income: 'totals' } }).income);
    const at = totals.findIndex((r) => r[1] === 'Income taxes:');
    assert.deepStrictEqual(totals.slice(at, at + 4).map((r) => [r[1], r[3]]), [['Income taxes:', ''], ['Current income taxes', '2.8'], ['Deferred income taxes', '2.9'], ['Total income taxes', '5.7']]);
  });

  it('the condensed statement keeps its table\'s order: revenue above the expenses the statement prints under it', () => {
    assert.deepStrictEqual(rows(briefingView(cedar).income).map((r) => r[1]), [
      // Net earnings is earnings before income taxes less the taxes: the line its total needs.
      'Revenue', 'Operating expenses', 'General and administrative', 'Depreciation and amortization', 'Finance charges', 'Earnings before income taxes', 'Total income taxes', 'Net earnings', 'Diluted EPS',
    ]);
  });

  it('a table introduced by a sentence is titled by what it is, its labels without footnote markers', () => {
    const v = briefingView(cedar, { grow: { tables: [{ id: 'other/0', rows: 8, place: 'wide' }] } });
    const t = v.extrasWide[0];
    assert.strictEqual(t.title, 'Reconciliation of net earnings to funds from operations');
    assert.deepStrictEqual(rows(t.table).map((r) => [r[1], r[3]]), [
      ['Net earnings', '16.3'], ['Depreciation and amortization', '82.2'], ['Deferred income taxes', '2.9'], ['FFO', '101.4'], ['NOI', '150.1'],
      // A label wrapped over two rows, its first read as a header.
      ['Total Distributions declared', '20.0'],
    ]);
  });
});

describe('render: margins and period names', () => {
  let harbor: Release;
  before(async () => {
    harbor = infer(await readFile(HARBOR));
  });

  it('margins list the gross margin rate first; changes in bp come from the unrounded ratios', () => {
    // 140,118 / 293,618 = 47.721% against 147,257 / 303,457 = 48.526%: −80.5 bp (the rounded 47.7 − 48.5 says −80);
    // 54,483 / 293,618 = 18.556% against 21.112%: −255.6 bp (not −250); 43,173 / 293,618 = 14.704% against 16.722%: −201.9 bp (not −200).
    assert.deepStrictEqual(briefingView(harbor).margins.map((m) => [m.caption, m.prior, m.now, m.change?.text]), [
      ['Gross margin', '48.5%', '47.7%', '\u221281 bp'],
      ['Operating margin', '21.1%', '18.6%', '\u2212256 bp'],
      ['Net margin', '16.7%', '14.7%', '\u2212202 bp'],
    ]);
  });

  it('a 39-week year to date the release never calls nine months is named by its weeks, in the tables and the chart', () => {
    const v = briefingView(harbor);
    assert.deepStrictEqual(v.chart?.panels.map((p) => p.title), [
      'Three months to 2024-11-02 \u00b7 Q3 FY23 vs Q3 FY24',
      '39 weeks to 2024-11-02 \u00b7 FY23 vs FY24',
    ]);
    // Said as nine months anywhere in the release, it is 9M.
    const said: Release = { ...harbor, prose: [...(harbor.prose ?? []), { text: 'Net sales for the nine months decreased 4.6 percent.', heading: 0, bold: false, place: { line: 1 } }] };
    assert.deepStrictEqual(briefingView(said).income?.heads, ['Q3 FY23', 'Q3 FY24', 'YoY', '9M FY23', '9M FY24', 'YoY']);
  });

  it('the stamp counts the text\'s figures as matched or not, never as absent from the tables', () => {
    assert.match(briefingView(harbor).stamp.facts, /^Text: \d+ figures read · \d+ matched to a table figure and agree · \d+ disagree · \d+ not matched$/);
  });
});

describe('render: labels in the release\'s words', () => {
  let harbor: Release;
  before(async () => {
    harbor = infer(await readFile(HARBOR));
  });

  it('drops footnote markers, not the numbers that name a line', () => {
    assert.strictEqual(withoutFootnotes('NOI 1 2'), 'NOI');
    assert.strictEqual(withoutFootnotes('Net income 2'), 'Net income');
    assert.strictEqual(withoutFootnotes('Same-property NOI (3 month period, 113 properties) 1 2'), 'Same-property NOI (3 month period, 113 properties)');
    assert.strictEqual(withoutFootnotes('Debt at the REIT\'s proportionate share(1)(2)'), 'Debt at the REIT\'s proportionate share');
    assert.strictEqual(withoutFootnotes('Acquisition-related and other costs (A)'), 'Acquisition-related and other costs');
    assert.strictEqual(withoutFootnotes('FFO per WA units 1 2'), 'FFO per WA units');
    assert.strictEqual(withoutFootnotes('Tier 1'), 'Tier 1');
    assert.strictEqual(withoutFootnotes('Class 2 shares'), 'Class 2 shares');
    assert.strictEqual(withoutFootnotes('Revenue 2024'), 'Revenue 2024');
  });

  it('separates a group heading glued to its first line, and a bullet dash', () => {
    assert.deepStrictEqual(splitHeading('Income Account- Retail Revenue'), { heading: 'Income Account', label: 'Retail Revenue' });
    assert.deepStrictEqual(splitHeading('- - As Reported'), { heading: null, label: 'As Reported' });
    assert.deepStrictEqual(splitHeading('Year-over- year growth'), { heading: null, label: 'Year-over- year growth' });
    assert.deepStrictEqual(splitHeading('Alabama Power - Operating Revenues'), { heading: null, label: 'Alabama Power - Operating Revenues' });
  });

  it('titles: no company name, no "(Unaudited)", words in the case the release writes them, acronyms kept', () => {
    assert.strictEqual(titleText(harbor, 'HARBOR OUTFITTERS, INC. SEGMENT INFORMATION'), 'Segment information');
    assert.strictEqual(titleText(harbor, 'CONDENSED CONSOLIDATED STATEMENTS OF INCOME (UNAUDITED)'), 'Condensed consolidated statements of income');
    assert.strictEqual(titleText(harbor, 'THE TABLE BELOW SUMMARIZES A CALCULATION OF NON-GAAP MEASURES'), 'Calculation of non-GAAP measures');
    assert.strictEqual(titleText(harbor, 'The following table provides a reconciliation of debt to Adjusted EBITDA'), 'Reconciliation of debt to Adjusted EBITDA');
    assert.strictEqual(titleText(harbor, 'RECONCILIATION OF NET INCOME TO ADJUSTED EBITDA'), 'Reconciliation of net income to adjusted EBITDA');
    // A name the release writes with capitals keeps them.
    assert.strictEqual(titleText(harbor, 'NORTH AMERICA'), 'North America');
    // A run of capitals inside a label is set in them for emphasis too.
    assert.strictEqual(labelText(harbor, 'COST OF SALES (Including buying and occupancy costs)'), 'Cost of sales (Including buying and occupancy costs)');
    assert.strictEqual(labelText(harbor, 'Adjusted EBITDA 1 2'), 'Adjusted EBITDA');
    assert.strictEqual(labelText(harbor, 'Income Account- Retail Revenue'), 'Retail Revenue');
  });
});
