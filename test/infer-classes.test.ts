import assert from 'assert';
import { infer } from '../src/infer';
import { rowAt } from '../src/infer/grid';
import { tieSummary } from '../src/infer/summary';
import type { Across, Change, Footing, Link, Release } from '../src/model/types';
import { readText } from '../src/read';
import { kindFromFigures, kindFromLabel } from '../src/read/classify';
import { Decimal } from '../src/model/decimal';
import { planFormulas } from '../src/write/workbook/formulas';
import { planLayout } from '../src/write/workbook/layout';
import { adjustmentReconciliation } from './fixtures/infer/reconciliation';
import { release, statement } from './fixtures/infer/table';

// Hand-made tables, one per kind of arithmetic a release prints beyond a column of items and its
// total: each states the exact relation found, or the exact row kind decided from the figures.

/** "Total = +A -B" for every footing, in the order found. */
function footings(r: Release): string[] {
  return r.relations.filter((x): x is Footing => x.type === 'footing').map((f) =>
    `${rowAt(r, f.total)!.label} = ${f.terms.map((t) => `${t.sign > 0 ? '+' : '-'}${rowAt(r, t.ref)!.label}`).join(' ')}`);
}

/** "row label [col] = +c0 +c1" for every across relation. */
function acrosses(r: Release): string[] {
  return r.relations.filter((x): x is Across => x.type === 'across').map((a) =>
    `${rowAt(r, a.target)!.label} [${a.target.col}] = ${a.terms.map((t) => `${t.sign > 0 ? '+' : '-'}c${t.ref.col}`).join(' ')}`);
}

describe('percent and variance columns (class 2)', () => {
  const cols = [{ label: 'Q3 2024' }, { label: 'Q3 2023' }, { label: 'Favorable (unfavorable)', noPeriod: true }, { label: '% change', kind: 'percent' as const, noPeriod: true }];
  const make = () => infer(release([statement('seg', 'other', cols, [[
    ['Product sales', 'item', '1,200', '1,000', '200', '20.0%'],
    ['Service sales', 'item', '450', '500', '(50)', '(10.0)%'],
    ['Other', 'item', '90', '60', '30', '50.0%'],
    ['Total sales', 'total', '1,740', '1,560', '180', '11.5%'],
  ]])]));

  it('reads the variance column as current − prior, row by row', () => {
    const r = make();
    // Total sales' variance is already the sum of the variances above it (a footing): defined once.
    assert.deepStrictEqual(acrosses(r), ['Product sales [2] = +c0 -c1', 'Service sales [2] = +c0 -c1', 'Other [2] = +c0 -c1']);
  });

  it('reads the % change column as (current − prior) ÷ |prior|, rounded as printed', () => {
    const r = make();
    const changes = r.relations.filter((x): x is Change => x.type === 'change');
    assert.deepStrictEqual(changes.map((c) => [rowAt(r, c.target)!.label, c.current.col, c.prior.col, c.decimals, c.diff.toString()]), [
      ['Product sales', 0, 1, 3, '0'],
      ['Service sales', 0, 1, 3, '0'],
      ['Other', 0, 1, 3, '0'],
      ['Total sales', 0, 1, 3, '0'],
    ]);
  });

  it('makes no change relation where the printed percent is not the change', () => {
    const r = infer(release([statement('seg', 'other', cols, [[
      ['Product sales', 'item', '1,200', '1,000', '200', '21.0%'],
      ['Service sales', 'item', '450', '500', '(50)', '(11.0)%'],
      ['Other', 'item', '90', '60', '30', '52.0%'],
      ['Total sales', 'total', '1,740', '1,560', '180', '12.5%'],
    ]])]));
    assert.strictEqual(r.relations.filter((x) => x.type === 'change').length, 0);
  });
});

describe('share-count subtotals (class 2)', () => {
  const text = [
    '## EARNINGS PER SHARE',
    '',
    '(in millions, except per share amounts)',
    '',
    '| | Three Months Ended December 31, 2024 | Three Months Ended December 31, 2023 |',
    '| --- | --- | --- |',
    '| Net income | $ 250 | $ 210 |',
    '| Dilutive impact of convertible notes | 4 | 3 |',
    '| Net income for diluted earnings per share | $ 254 | $ 213 |',
    '| Weighted average shares – basic | 500.0 | 510.0 |',
    '| Dilutive effect of options and restricted units | 8.0 | 6.5 |',
    '| Weighted average shares – diluted | 508.0 | 516.5 |',
    '| Diluted earnings per share | $ 0.50 | $ 0.41 |',
  ].join('\n');

  it('reads a line between two share counts as a share count, unscaled as shares and of no currency', () => {
    const rows = readText(text, 'eps.md').statements[0].tables[0].rows;
    assert.deepStrictEqual(rows.map((x) => `${x.label}: ${x.kind}`), [
      'Net income: amount',
      'Dilutive impact of convertible notes: amount',
      'Net income for diluted earnings per share: amount',
      'Weighted average shares – basic: shares',
      'Dilutive effect of options and restricted units: shares',
      'Weighted average shares – diluted: shares',
      'Diluted earnings per share: per-share',
    ]);
    assert.deepStrictEqual(rows[4].cells.map((c) => [c?.kind, c?.scale, c?.currency]), [['shares', 6, null], ['shares', 6, null]]);
  });

  it('makes diluted shares basic + dilutive effect, and adds no share count into money', () => {
    const r = infer(readText(text, 'eps.md'));
    assert.deepStrictEqual(footings(r), [
      'Net income for diluted earnings per share = +Net income +Dilutive impact of convertible notes',
      'Weighted average shares – diluted = +Weighted average shares – basic +Dilutive effect of options and restricted units',
    ]);
  });

  it('takes no diluted count equal to basic for a sum of one line', () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('eps', 'income', cols, [[
      { kind: 'shares', row: ['Weighted average shares – basic', 'item', '500', '510'] },
      { kind: 'shares', row: ['Weighted average shares – diluted', 'item', '500', '510'] },
    ]])]));
    assert.deepStrictEqual(footings(r), []);
  });
});

describe('totals built by subtraction (class 3)', () => {
  it('keeps a subtracted row open: non-GAAP = GAAP + total adjustments after adjustments = non-GAAP − GAAP', () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('rec', 'non-gaap', cols, [[
      ['GAAP gross profit', 'item', '1,000', '900'],
      ['Stock-based compensation', 'item', '30', '25'],
      ['Amortization', 'item', '12', '11'],
      ['Non-GAAP gross profit', 'subtotal', '1,042', '936'],
      ['GAAP operating expenses', 'item', '600', '580'],
      ['Stock-based compensation', 'item', '(70)', '(64)'],
      ['Non-GAAP operating expenses', 'subtotal', '530', '516'],
      ['GAAP operating income', 'item', '400', '320'],
      ['Total adjustments to operating income', 'total', '112', '100'],
      ['Non-GAAP operating income', 'subtotal', '512', '420'],
    ]])]));
    assert.deepStrictEqual(footings(r).slice(2), [
      'Total adjustments to operating income = +Non-GAAP gross profit -Non-GAAP operating expenses -GAAP operating income',
      'Non-GAAP operating income = +GAAP operating income +Total adjustments to operating income',
    ]);
    assert.deepStrictEqual(r.untied, []);
  });
});

describe('a column whose costs are signed the other way (class 3)', () => {
  it('foots each pattern of signs on its own columns, so no row of the table stays typed', () => {
    const cols = [{ label: 'Q4 2024' }, { label: 'Q4 2023' }, { label: 'FY 2024' }];
    const r = infer(release([statement('is', 'income', cols, [[
      ['Revenue', 'item', '1,000', '900', '3,800'],
      ['Cost of sales', 'item', '(600)', '550', '2,300'],
      ['Gross profit', 'subtotal', '400', '350', '1,500'],
      ['Selling expenses', 'item', '(120)', '100', '500'],
      ['Administrative expenses', 'item', '(80)', '70', '300'],
      ['Operating income', 'subtotal', '200', '180', '700'],
    ]])]));
    assert.deepStrictEqual(r.relations.filter((x): x is Footing => x.type === 'footing').map((f) => `${footings({ ...r, relations: [f] })[0]} [${f.columns.join(',')}]`), [
      'Gross profit = +Revenue +Cost of sales [0]',
      'Gross profit = +Revenue -Cost of sales [1,2]',
      'Operating income = +Gross profit +Selling expenses +Administrative expenses [0]',
      'Operating income = +Gross profit -Selling expenses -Administrative expenses [1,2]',
    ]);
    assert.deepStrictEqual(r.untied, []);
    const plan = planFormulas(r, planLayout(r));
    const at = (row: number, col: number) => `${plan.cells.get(`is/0/${row}/${col}`)?.formula} = ${plan.cells.get(`is/0/${row}/${col}`)?.result}`;
    assert.deepStrictEqual([at(2, 0), at(2, 1), at(2, 2), at(5, 0), at(5, 2)], ['SUM(B6:B7) = 400', 'C6-C7 = 350', 'D6-D7 = 1500', 'SUM(B8:B10) = 200', 'D8-D9-D10 = 700']);
  });

  it('keeps the row typed where the columns tie on different rows', () => {
    const cols = [{ label: 'Q4 2024' }, { label: 'Q4 2023' }, { label: 'FY 2024' }];
    const r = infer(release([statement('is', 'income', cols, [[
      ['Gross profit', 'item', '400', '350', '1,500'],
      ['Selling expenses', 'item', '(120)', '100', '450'],
      ['Administrative expenses', 'item', '(80)', '70', '300'],
      ['Operating income', 'subtotal', '200', '180', '750'],
    ]])]));
    // The full year's 750 is also selling + administrative: a coincidence, not the same sum.
    assert.deepStrictEqual(footings(r), []);
    assert.deepStrictEqual(r.untied.map((u) => [rowAt(r, u.ref)!.label, u.col]), [['Operating income', 0], ['Operating income', 1], ['Operating income', 2]]);
  });
});

describe('a total of the adjustments reconciling several subtotals (class 3, class 8)', () => {
  it('foots "Total pre-tax impact" on the adjustments the subtotals above it already took', () => {
    const cols = [{ label: 'Q2' }, { label: 'Q1' }];
    const r = infer(release([statement('rec', 'non-gaap', cols, [[
      ['GAAP operating income', 'item', '2,000', '1,800'],
      ['Adjustments to operating income', 'item', '140', '125'],
      ['Non-GAAP operating income', 'subtotal', '2,140', '1,925'],
      ['GAAP other income, net', 'item', '45', '57'],
      ['Losses (gains) on investments', 'item', '(4)', '19'],
      ['Amortization of debt discount', 'item', '1', '1'],
      ['Non-GAAP other income, net', 'subtotal', '42', '77'],
      ['GAAP net income', 'item', '1,700', '1,500'],
      ['Total pre-tax impact of adjustments', 'total', '137', '145'],
      ['Income tax impact of adjustments', 'item', '(30)', '(32)'],
      ['Non-GAAP net income', 'subtotal', '1,807', '1,613'],
    ]])]));
    assert.deepStrictEqual(footings(r), [
      'Non-GAAP operating income = +GAAP operating income +Adjustments to operating income',
      'Non-GAAP other income, net = +GAAP other income, net +Losses (gains) on investments +Amortization of debt discount',
      'Total pre-tax impact of adjustments = +Adjustments to operating income +Losses (gains) on investments +Amortization of debt discount',
      'Non-GAAP net income = +GAAP net income +Total pre-tax impact of adjustments +Income tax impact of adjustments',
    ]);
    assert.deepStrictEqual(r.relations.filter((x): x is Footing => x.type === 'footing').map((f) => f.residuals.map((d) => d.diff.toNumber())), [[0, 0], [0, 0], [0, 0], [0, 0]]);
    assert.deepStrictEqual(r.untied, []);
  });
});

describe('row kinds from evidence (class 4)', () => {
  it('reads a margin printed in dollars as an amount, and one printed with % as a percent', () => {
    const dollars = [{ value: new Decimal(4523), percent: false, text: '$4,523' }];
    assert.strictEqual(kindFromFigures(kindFromLabel('Gross margin')!, 'Gross margin', dollars), 'amount');
    assert.strictEqual(kindFromFigures(kindFromLabel('Gross margin')!, 'Gross margin', [{ value: new Decimal('45.2'), percent: true, text: '45.2%' }]), 'percent');
  });

  it('reads a "per share" row of share-count-sized figures as shares, and of balance-sized figures as money', () => {
    const big = [{ value: new Decimal(4399409), percent: false, text: '4,399,409' }];
    assert.strictEqual(kindFromFigures('per-share', 'Diluted weighted average shares used in EPS per share', big), 'shares');
    assert.strictEqual(kindFromFigures('per-share', "Total liabilities and stockholders' equity", big), 'amount');
    assert.strictEqual(kindFromFigures('per-share', 'Diluted earnings per share', [{ value: new Decimal('2.86'), percent: false, text: '2.86' }]), 'per-share');
    assert.strictEqual(kindFromLabel('EPS calculation (in thousand shares)'), 'shares');
    assert.strictEqual(kindFromLabel('GAAP net income (loss) per diluted common share'), 'per-share');
    assert.strictEqual(kindFromLabel('Adjusted earnings available for distribution per adjusted diluted common share'), 'per-share');
    assert.strictEqual(kindFromLabel('Cash flow per share'), 'per-share');
    assert.strictEqual(kindFromLabel('Revenue per available room'), null);
    assert.strictEqual(kindFromLabel('Preferred stock, par value of $0.01 per share, 100,000,000 shares authorized'), null);
  });

  it('counts bold per-share and share-count rows and bold inputs as no claim to a total, not as untied totals', () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('cf', 'cash-flow', cols, [[
      ['Net income', 'item', '420', '400'],
      ['Depreciation', 'item', '80', '50'],
      ['Net cash from operating activities', 'total', '500', '450'],
      ['Capital expenditures', 'item', '(230)', '(160)'],
      ['Sale of equipment', 'item', '30', '10'],
      ['Net cash used in investing activities', 'total', '(200)', '(150)'],
      ['Net increase in cash', 'total', '300', '300'],
      ['Effect of exchange rate changes', 'subtotal', '(7)', '4'],
      ['Cash at beginning of period', 'subtotal', '1,000', '696'],
      ['Cash at end of period', 'total', '1,293', '1,000'],
      { kind: 'per-share', row: ['Diluted earnings per share', 'subtotal', '2.86', '2.77'] },
      { kind: 'shares', row: ['Diluted weighted average shares', 'subtotal', '538', '551'] },
    ]])]));
    const kinds = r.statements[0].tables[0].rows.filter((x) => x.emphasis !== 'item').map((x) => `${x.label}: ${x.emphasis}${x.claimed === false ? ', unclaimed' : ''}`);
    assert.deepStrictEqual(kinds, [
      'Net cash from operating activities: total',
      'Net cash used in investing activities: total',
      'Net increase in cash: total',
      'Effect of exchange rate changes: subtotal, unclaimed',
      'Cash at beginning of period: subtotal, unclaimed',
      'Cash at end of period: total',
      'Diluted earnings per share: subtotal, unclaimed',
      'Diluted weighted average shares: subtotal, unclaimed',
    ]);
    assert.deepStrictEqual(r.untied, []);
    const tie = tieSummary(r);
    assert.deepStrictEqual([tie.totalsTied, tie.totalsFound], [8, 8]);
  });
});

describe('totals a table restates without their lines (class 4)', () => {
  it('counts a "Total …" whose lines the table does not print as no claim, though its own columns add across', () => {
    const cols = [{ label: 'Total invest.', noPeriod: true }, { label: 'Already invested', noPeriod: true }, { label: 'Still to invest', noPeriod: true }];
    const r = infer(release([statement('pipe', 'other', cols, [[
      ['Total offices', 'total', '1,495', '940', '555'],
      ['Total residential', 'total', '156', '138', '18'],
      ['Total committed projects', 'total', '1,651', '1,078', '573'],
    ]])]));
    // Invested + still to invest = total investment on every row: the rows' own arithmetic, not sums of lines.
    assert.deepStrictEqual(acrosses(r), ['Total offices [0] = +c1 +c2', 'Total residential [0] = +c1 +c2']);
    assert.deepStrictEqual(footings(r), ['Total committed projects = +Total offices +Total residential']);
    const rows = r.statements[0].tables[0].rows.map((x) => `${x.label}${x.claimed === false ? ': unclaimed' : ''}`);
    assert.deepStrictEqual(rows, ['Total offices: unclaimed', 'Total residential: unclaimed', 'Total committed projects']);
    assert.deepStrictEqual(r.untied, []);
    const tie = tieSummary(r);
    assert.deepStrictEqual([tie.totalsTied, tie.totalsFound], [3, 3]);
  });
});

describe('small lines left out of a total (class 5)', () => {
  it('takes in a small line above a run that ties only within rounding, so the total ties exactly', () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('bs', 'balance-sheet', cols, [[
      ['Common stock', 'item', '1', '1'],
      ['Additional paid-in capital', 'item', '500', '480'],
      ['Retained earnings', 'item', '300', '250'],
      ['Accumulated other comprehensive loss', 'item', '(20)', '(18)'],
      ['Total equity', 'total', '781', '713'],
    ]])]));
    assert.deepStrictEqual(footings(r), ['Total equity = +Common stock +Additional paid-in capital +Retained earnings +Accumulated other comprehensive loss']);
    const f = r.relations[0] as Footing;
    assert.deepStrictEqual(f.residuals.map((x) => x.diff.toNumber()), [0, 0]);
  });
});

describe("a release's own error (class 6)", () => {
  it('keeps a total whose printed lines do not add up typed, with its gap, and counts it untied', () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('bs', 'balance-sheet', cols, [[
      ['Cash', 'item', '100', '120'],
      ['Receivables', 'item', '50', '40'],
      ['Inventories', 'item', '70', '65'],
      ['Total current assets', 'total', '220', '235'],
    ]])]));
    assert.deepStrictEqual(footings(r), ['Total current assets = +Cash +Receivables +Inventories']);
    const f = r.relations[0] as Footing;
    assert.deepStrictEqual(f.columns, [0]);
    assert.deepStrictEqual(r.untied.map((u) => [rowAt(r, u.ref)!.label, u.col, u.gap?.toNumber()]), [['Total current assets', 1, 10]]);
    const tie = tieSummary(r);
    assert.deepStrictEqual([tie.totalsTied, tie.totalsFound], [1, 2]);
  });
});

describe('across-column arithmetic (class 8)', () => {
  it('reads GAAP + adjustments = non-GAAP across the columns of a reconciliation, for each period', () => {
    const cols = [{ label: 'Q1 GAAP', end: '2024-03-31' }, { label: 'Adjustments', noPeriod: true }, { label: 'Q1 non-GAAP', end: '2024-03-31' }];
    const r = infer(release([statement('rec', 'non-gaap', cols, [[
      ['Revenue', 'item', '11,320', '6', '11,326'],
      ['Operating expenses', 'item', '6,411', '(841)', '5,570'],
      ['Operating income', 'item', '4,909', '847', '5,756'],
      ['Income tax', 'item', '943', '308', '1,251'],
    ]])]));
    // Operating income is also revenue − expenses down each column: that footing defines it first.
    assert.deepStrictEqual(acrosses(r), ['Revenue [2] = +c0 +c1', 'Operating expenses [2] = +c0 +c1', 'Income tax [2] = +c0 +c1']);
    assert.ok(r.relations.filter((x): x is Across => x.type === 'across').every((a) => a.diff.isZero()));
  });

  it('makes no across relation from a single coincidence', () => {
    const cols = [{ label: 'Q1 GAAP', end: '2024-03-31' }, { label: 'Adjustments', noPeriod: true }, { label: 'Q1 non-GAAP', end: '2024-03-31' }];
    const r = infer(release([statement('rec', 'non-gaap', cols, [[
      ['Revenue', 'item', '11,320', '6', '11,326'],
      ['Operating expenses', 'item', '6,411', '(841)', '5,400'],
      ['Income tax', 'item', '943', '308', '1,100'],
    ]])]));
    assert.deepStrictEqual(acrosses(r), []);
  });
});

describe('totals footed on the columns their other relations leave (class 3, class 8)', () => {
  it('foots the adjustment column of a reconciliation\'s total rows, whose GAAP figures restate the income statement and whose non-GAAP figures add across', () => {
    const { income, rec } = adjustmentReconciliation();
    const r = infer(release([income, rec]));
    assert.deepStrictEqual(footings(r), [
      'Total revenues = +Cloud services +Hardware support',
      'Total operating expenses = +Stock-based compensation +Amortization of intangible assets +Acquisition related and other +Restructuring',
    ]);
    assert.deepStrictEqual(r.relations.filter((x): x is Footing => x.type === 'footing').map((f) => f.columns), [[1], [1]]);
    assert.deepStrictEqual(r.untied, []);
    // The six figures of the reconciliation's totals; the income statement here prints its totals
    // without their lines, so they claim nothing.
    const tie = tieSummary(r);
    assert.deepStrictEqual([tie.totalsTied, tie.totalsFound], [6, 6]);
  });
});

describe('summary tables that restate statement rows (class 8)', () => {
  it('links a summary that names only the length and year of its periods to the dated statement column', () => {
    const income = statement('income', 'income', [{ label: '3M Dec-31-2023', end: '2023-12-31' }, { label: '3M Dec-31-2022', end: '2022-12-31' }], [[
      ['Revenue', 'item', '22,018', '19,980'],
      ['Cost of revenue', 'item', '(19,321)', '(18,116)'],
      ['Other income, net', 'item', '308', '336'],
      ['Net income', 'total', '3,005', '2,200'],
    ]]);
    const summary = statement('other', 'other', [{ label: '3M 2023', year: '2023' }, { label: '3M 2022', year: '2022' }], [[
      ['Other income, net', 'subtotal', '308', '336'],
      ['Net income', 'subtotal', '3,005', '2,200'],
    ]]);
    const r = infer(release([income, summary]));
    const links = r.relations.filter((x): x is Link => x.type === 'link').map((l) => `${rowAt(r, l.target)!.label} [${l.target.col}] <- ${l.source.statement} ${rowAt(r, l.source)!.label} [${l.source.col}]`);
    assert.deepStrictEqual(links, [
      'Other income, net [0] <- income Other income, net [0]',
      'Other income, net [1] <- income Other income, net [1]',
      'Net income [0] <- income Net income [0]',
      'Net income [1] <- income Net income [1]',
    ]);
    assert.deepStrictEqual([tieSummary(r).totalsTied, tieSummary(r).totalsFound], [6, 6]);
  });

  it('takes a total printed again below a split of the same figure for a restatement of the first', () => {
    const cols = [{ label: 'Q4' }, { label: 'Q3' }];
    const r = infer(release([statement('backlog', 'other', cols, [[
      ['Airplanes', 'item', '440,507', '329,824'],
      ['Defense', 'item', '59,012', '54,373'],
      ['Services', 'item', '20,676', '20,184'],
      ['Total backlog', 'total', '520,195', '404,381'],
      ['Contractual backlog', 'item', '497,094', '381,977'],
      ['Unobligated backlog', 'item', '23,101', '22,404'],
      ['Total backlog', 'total', '520,195', '404,381'],
    ]])]));
    assert.deepStrictEqual(footings(r), [
      'Total backlog = +Airplanes +Defense +Services',
      'Unobligated backlog = +Total backlog -Contractual backlog',
      'Total backlog = +Total backlog',
    ]);
    assert.deepStrictEqual(r.untied, []);
  });
});
