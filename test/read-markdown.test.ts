import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { chooseReader, readFile, readText } from '../src/read';
import { splitPipes } from '../src/read/markdown/pipes';
import { rowValues } from './support/statement-rows';
import { CORPUS, needCorpus } from './support/corpus';
import { infer } from '../src/infer';
import type { Footing } from '../src/model/types';
import { tieSummary } from '../src/infer/summary';


describe('markdown reader: quirks of pipe tables', () => {
  const file = 'test/fixtures/markdown/quirks.md';
  const text = fs.readFileSync(file, 'utf8');
  const r = readText(text, file);

  it('is chosen for pipe tables, and the sample keeps going to the text reader', () => {
    assert.strictEqual(chooseReader(text, file).name, 'markdown');
    assert.strictEqual(chooseReader(fs.readFileSync('samples/qifu-q3-2024.txt', 'utf8'), 'qifu').name, 'text');
  });

  it('takes title, period caption and units from rows inside the table', () => {
    const is = r.statements[0];
    assert.strictEqual(is.kind, 'income');
    assert.strictEqual(is.title, 'CONSOLIDATED STATEMENTS OF EARNINGS');
    assert.strictEqual(is.units, '(In millions of dollars except per share data)');
    assert.deepStrictEqual(is.tables[0].columns.map((c) => c.period?.label ?? null), ['13W Dec-29-2024', '13W Dec-31-2023', null]);
    assert.deepStrictEqual(is.tables[0].columns.map((c) => c.amountScale), [6, 6, 6]);
    assert.strictEqual(is.tables[0].columns[2].kind, 'percent');
  });

  it('glues "$", split negatives "(22,934 | )" and "(3.3 | ) | %" and drops empty and zero-width columns', () => {
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenue from services$/), ['1191.1', '1232.2', '-3.3']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net earnings/), ['-22934', '11.4', null]);
    assert.deepStrictEqual(rowValues(r, 'income', /per share/), ['-0.64', '0.32', null]);
    assert.strictEqual(r.statements[0].tables[0].rows.find((x) => /per share/.test(x.label))?.kind, 'per-share');
  });

  it('keeps bold cells as subtotals and footnote markers in labels', () => {
    const rows = r.statements[0].tables[0].rows;
    assert.strictEqual(rows.find((x) => x.label === 'Gross profit')?.emphasis, 'subtotal');
    assert.ok(rows.some((x) => x.label === 'Cost of services(1)'));
  });

  it('splits a run-together bold title, lines up rows that dropped leading cells, joins a wrapped label', () => {
    const bs = r.statements[1];
    assert.strictEqual(bs.kind, 'balance-sheet');
    assert.strictEqual(bs.title, 'Condensed Consolidated Balance Sheets');
    assert.deepStrictEqual(bs.tables[0].columns.map((c) => c.period?.label), ['Dec-31-2024', 'Dec-31-2023']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Cash and cash/), ['453384', '271809']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^TOTAL ASSETS$/), ['478962', '281740']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /BEGINNING OF PERIOD$/), ['384336', '306290']);
  });
});

describe('markdown reader: newswire releases', function () {
  before(function () { needCorpus(this); });

  it('Kelly Services: earnings, balance sheet and cash flows in millions of US dollars', async () => {
    const r = await readFile(path.join(CORPUS, 'kelly_services_q4_2024_globenewswire.md'));
    assert.strictEqual(r.source.format, 'markdown');
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenue from services$/).slice(0, 3), ['1191.1', '1232.2', '-41.1']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net earnings \(loss\)$/).slice(0, 3), ['-31.8', '11.4', '-43.2']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Gross profit$/).slice(0, 2), ['241.5', '238.2']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total current assets$/), ['1365.5', '1626.6']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Net cash from operating activities$/), ['26.9', '76.7']);
    const is = r.statements.find((s) => s.kind === 'income')!;
    assert.deepStrictEqual([is.tables[0].columns[0].currency, is.tables[0].columns[0].amountScale, is.tables[0].columns[0].period?.label], ['USD', 6, '13W Dec-29-2024']);
  });

  it('Amazon: cash-flow statement first, six columns, label wrapped over two rows', async () => {
    const r = await readFile(path.join(CORPUS, 'amazon_q3_2024_release.md'));
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Net cash provided by \(used in\) operating activities$/), ['21217', '25971', '42481', '70241', '71654', '112706']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /BEGINNING OF PERIOD$/).slice(0, 2), ['50067', '71673']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net income$/), ['9879', '15328', '19801', '39244']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Total net sales$/), ['143083', '158877', '404824', '450167']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total assets$/), ['527854', '584626']);
  });

  it('Danaos: rows that dropped their leading cells line up with the others', async () => {
    const r = await readFile(path.join(CORPUS, 'danaos_q4_2024_morningstar.md'));
    const is = r.statements.find((s) => s.kind === 'income' && /Statements of Income/.test(s.title))!;
    assert.deepStrictEqual(is.tables[0].columns.map((c) => c.period?.label), ['3M Dec-31-2024', '3M Dec-31-2023', '12M Dec-31-2024', '12M Dec-31-2023']);
    const net = is.tables[0].rows.find((x) => x.label === 'Net Income')!;
    assert.deepStrictEqual(net.cells.map((c) => c?.value?.toString()), ['90427', '149921', '505073', '576299']);
    const vessel = is.tables[0].rows.find((x) => x.label === 'Vessel operating expenses')!;
    assert.deepStrictEqual(vessel.cells.map((c) => c?.value?.toString()), ['-45654', '-40123', '-185724', '-162117']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^TOTAL ASSETS$/), ['4343654', '3661136']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Accounts receivable, net$/), ['25578', '9931']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Net Cash provided by Operating Activities$/), ['156639', '146180', '621750', '576292']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Dividends paid$/), ['-16320', '-15533', '-62807', '-60696']);
  });

  it('Chimera: rows that lost a spanned cell in each period put their figures under Average Balance, Interest and Yield', async () => {
    const r = await readFile(path.join(CORPUS, 'chimera_investment_q4_2024_morningstar.md'));
    // Average balances, interest and yields, quarters ended Dec 31 2024, Sep 30 2024, Dec 31 2023 (dollars in thousands).
    const table = r.statements.flatMap((s) => s.tables).find((t) => t.rows.some((x) => /^Economic net interest income\//.test(x.label)))!;
    const first9 = (label: RegExp) => table.rows.find((x) => label.test(x.label))!.cells.slice(0, 9).map((c) => c?.value?.toString() ?? null);
    assert.deepStrictEqual(first9(/^Total$/), ['12833131', '191194', '6', '12911549', '193565', '6.1', '12957434', '189553', '5.9']);
    assert.deepStrictEqual(first9(/^Economic net interest income\/net interest rate spread$/), [null, '69197', '1.5', null, '71511', '1.6', null, '68296', '1.5']);
    assert.deepStrictEqual(first9(/^Net interest-earning assets\/net interest margin$/), ['1952291', null, '2.2', '2006580', null, '2.2', '1987832', null, '2.1']);
  });

  it('Ascendis: EUR thousands from "(In EUR\'000s)" run into the title, "€ (0.64 | )" per share', async () => {
    const r = await readFile(path.join(CORPUS, 'ascendis_pharma_q4_2024_globenewswire.md'));
    const is = r.statements.find((s) => s.kind === 'income')!;
    assert.deepStrictEqual([is.tables[0].columns[0].currency, is.tables[0].columns[0].amountScale], ['EUR', 3]);
    assert.deepStrictEqual(rowValues(r, 'income', /^Revenue$/), ['173916', '137703', '363641', '266718']);
    assert.deepStrictEqual(rowValues(r, 'income', /earnings\/\(loss\) per share/), ['-0.64', '-1.54', '-6.53', '-8.55']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Intangible assets$/), ['4028', '4419', '4828']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Inventories$/), ['295609', '208931', '130673']);
  });

  it('a wire copy whose figures form no table is refused with a clear message, not a crash', () => {
    const text = ['Example Co. reports.', '', 'Three Months Ended June 30, 2024', '', 'Revenue rose to', '', '$1,200', '', 'million.'].join('\n');
    assert.throws(() => readText(text, 'prose.md'), (e: Error) => e.name === 'InputError' && /prose\.md: expected an earnings release with financial tables/.test(e.message));
  });
});

describe('markdown reader: splitting a pipe line', () => {
  it('cuts at unescaped pipes, drops the indentation before the first and blank space after the last', () => {
    assert.deepStrictEqual(splitPipes('| Revenue | 1,234 |  (56) |'), [' Revenue ', ' 1,234 ', '  (56) ']);
    assert.deepStrictEqual(splitPipes('  |a||b|   '), ['a', '', 'b']);
    assert.deepStrictEqual(splitPipes('| a | b | cut-off'), [' a ', ' b ', ' cut-off']);
    // An escaped pipe is text, and the escape stays for markdownText to remove.
    assert.deepStrictEqual(splitPipes('| Sales \\| other | 5 |'), [' Sales \\| other ', ' 5 ']);
    assert.deepStrictEqual(splitPipes('|x|y\\\\|z|'), ['x', 'y\\\\', 'z']);
    assert.deepStrictEqual(splitPipes('no pipe'), []);
  });
});

describe('markdown reader: units', () => {
  it('reads "(in 000\'s)" as thousands', () => {
    const text = [
      '**Example Co. Balance Sheets**',
      '',
      "(in 000's)",
      '',
      '| | December 31, 2024 | December 31, 2023 |',
      '| --- | --- | --- |',
      '| Cash | 1,250 | 1,100 |',
      '| Receivables | 3,150 | 2,700 |',
      '| Inventories | 5,000 | 5,000 |',
      '| Total assets | 9,400 | 8,800 |',
    ].join('\n');
    const r = readText(text, 'units.md');
    const table = r.statements[0].tables[0];
    assert.deepStrictEqual(table.columns.map((c) => c.amountScale), [3, 3]);
    assert.deepStrictEqual(table.rows[0].cells.map((c) => c?.scale), [3, 3]);
  });
});

describe('markdown reader: a units caption in a heading cell', () => {
  it('applies to every column, not only the one whose cell holds it (a converter put it there)', () => {
    const text = [
      '## CONSOLIDATED STATEMENTS OF OPERATIONS',
      '',
      '| | Three Months Ended | Three Months Ended |',
      '| --- | --- | --- |',
      '| | (In millions of Canadian dollars) April 28, 2024 | April 30, 2023 |',
      '| Net revenue | $ 6,646 | $ 6,630 |',
      '| Cost of products sold | 3,493 | 3,536 |',
      '| Gross profit | 3,153 | 3,094 |',
    ].join('\n');
    const table = readText(text, 'caption.md').statements[0].tables[0];
    assert.deepStrictEqual(table.columns.map((c) => [c.period?.label, c.amountScale, c.currency]), [['3M Apr-28-2024', 6, 'CAD'], ['3M Apr-30-2023', 6, 'CAD']]);
  });
});

describe('markdown reader: a first row drawn into the header by a converter', () => {
  // A PDF converter sets the name that heads a segment's lines in the header's label cell, over the
  // periods: it names the lines below, it is no column's heading.
  const text = [
    '## Reportable Segment Information',
    '',
    '| Widget Systems | Q2 FY2024 | Q2 FY2023 |',
    '|---|---|---|',
    '| | (In millions, except percentages) | (In millions, except percentages) |',
    '| Net revenue | $ 4,901 | $ 4,977 |',
    '| Operating income | $ 1,701 | $ 1,715 |',
  ].join('\n');
  const r = readText(text, 'segment.md');

  it('keeps the name as a line of text before the table, not in a column heading', () => {
    assert.ok((r.prose ?? []).some((p) => p.text === 'Widget Systems'), (r.prose ?? []).map((p) => p.text).join(' | '));
    const cols = r.statements[0].tables[0].columns;
    assert.deepStrictEqual(cols.map((c) => c.header.join(' ')), ['Q2 FY2024 (In millions, except percentages)', 'Q2 FY2023 (In millions, except percentages)']);
    assert.deepStrictEqual(cols.map((c) => [c.period?.fiscalYear, c.period?.months, c.amountScale]), [['FY2024', 3, 6], ['FY2023', 3, 6]]);
  });

  it('reads every line of figures under its period', () => {
    assert.deepStrictEqual(r.statements[0].tables[0].rows.map((row) => [row.label, ...row.cells.map((c) => c?.text ?? null)]), [
      ['Net revenue', '$ 4,901', '$ 4,977'],
      ['Operating income', '$ 1,701', '$ 1,715'],
    ]);
  });
});

describe('markdown reader: spanning headings that lost their spans', () => {
  it('moves each phrase to where its group of columns starts, as the dates below show', () => {
    const text = [
      '**Example Co. Statements of Income**',
      '',
      '(In millions)',
      '',
      '|  | For the three months ended |  | For the year ended |',
      '| --- | --- | --- | --- |',
      '|  | Dec. 31 2024 |  | Sep. 30 2024 |  | Dec. 31 2023 |  | Dec. 31 2024 |  | Dec. 31 2023 |  |',
      '| Revenue | 100 |  | 90 |  | 80 |  | 360 |  | 300 |  |',
      '| Cost of revenue | (60) |  | (55) |  | (50) |  | (220) |  | (190) |  |',
      '| Net income | 40 |  | 35 |  | 30 |  | 140 |  | 110 |  |',
    ].join('\n');
    const table = readText(text, 'spans.md').statements[0].tables[0];
    assert.deepStrictEqual(table.columns.map((c) => c.period?.label), ['3M Dec-31-2024', '3M Sep-30-2024', '3M Dec-31-2023', '12M Dec-31-2024', '12M Dec-31-2023']);
  });
});

describe('markdown reader: rows that lost the cells a blank spanning cell covered', () => {
  // One pipe cell per HTML cell: a blank cell spanning "$" and a figure leaves one cell fewer in each
  // group of the row, so its figures sit left of their columns by one more cell in each group.
  const text = [
    '**Example Bank Average Balances and Yields**',
    '',
    '(dollars in thousands)',
    '',
    '|  | Quarter ended June 30, 2025 |  | Quarter ended June 30, 2024 |',
    '| --- | --- | --- | --- |',
    '|  | Average Balance | Interest | Yield |  | Average Balance | Interest | Yield |',
    '| Loans | $ | 4,200,000 | $ | 63,000 | 6.0 | % |  | $ | 3,900,000 | $ | 56,550 | 5.8 | % |',
    '| Securities |  | 800,000 |  | 9,600 | 4.8 | % |  |  | 700,000 |  | 8,050 | 4.6 | % |',
    '| Total interest-earning assets | $ | 5,000,000 | $ | 72,600 | 5.8 | % |  | $ | 4,600,000 | $ | 64,600 | 5.6 | % |',
    '| Deposits |  | 3,100,000 |  | 31,000 | 4.0 | % |  |  | 2,900,000 |  | 27,550 | 3.8 | % |',
    '| Borrowings |  | 1,200,000 |  | 14,400 | 4.8 | % |  |  | 1,100,000 |  | 12,650 | 4.6 | % |',
    '| Total interest-bearing liabilities | $ | 4,300,000 | $ | 45,400 | 4.2 | % |  | $ | 4,000,000 | $ | 40,200 | 4.0 | % |',
    '| **Net interest income/spread** |  | $ | 27,200 | 1.6 | % |  |  | $ | 24,400 | 1.6 | % |',
    '| **Net earning assets/margin** | $ | 700,000 |  | 2.2 | % |  | $ | 600,000 |  | 2.1 | % |',
  ].join('\n');
  const r = readText(text, 'yields.md');

  it('puts each figure back under its column: an amount under amounts, a percent under percents', () => {
    assert.strictEqual(r.statements[0].tables[0].columns.length, 6);
    assert.deepStrictEqual(rowValues(r, 'other', /^Total interest-earning assets$/), ['5000000', '72600', '5.8', '4600000', '64600', '5.6']);
    // The blank spans the balance here: interest and spread move one cell right in the first group, two in the second.
    assert.deepStrictEqual(rowValues(r, 'other', /^Net interest income/), [null, '27200', '1.6', null, '24400', '1.6']);
    // The blank spans the interest here: only the margin after it moves.
    assert.deepStrictEqual(rowValues(r, 'other', /^Net earning assets/), ['700000', null, '2.2', '600000', null, '2.1']);
  });

  it('foots them: net interest income = interest earned − interest paid, net earning assets = assets − liabilities', () => {
    const rows = r.statements[0].tables[0].rows;
    const foot = infer(r).relations.filter((x): x is Footing => x.type === 'footing' && /^Net/.test(rows[x.total.row].label))
      .map((f) => `${rows[f.total.row].label} = ${f.terms.map((t) => `${t.sign > 0 ? '+' : '-'}${rows[t.ref.row].label}`).join(' ')}`);
    // The blank balance of net interest income counts as nil: it may stand among the margin's terms.
    assert.strictEqual(foot.length, 2, foot.join('\n'));
    assert.strictEqual(foot[0], 'Net interest income/spread = +Total interest-earning assets -Total interest-bearing liabilities');
    assert.match(foot[1], /^Net earning assets\/margin = \+Total interest-earning assets -Total interest-bearing liabilities( \+Net interest income\/spread)?$/);
    assert.deepStrictEqual(tieSummary(infer(r)).untiedRows, []);
  });
});

describe('markdown reader: glyph names a PDF converter left before figures', () => {
  const text = [
    '## CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS',
    '',
    '| (In millions) | Three Months Ended April 28, 2024 | Three Months Ended April 30, 2023 |',
    '| --- | --- | --- |',
    '| Net revenue | /uni0024 5,210 | /uni0024 4,980 |',
    '| Cost of products sold | GLYPH<c=3,font=/AAAAAB+Arial>2,700 | glyph<c=3,font=/AAAAAB+Arial>2,610 |',
    '| Gross profit | 2,510 | 2,370 |',
    '',
    'Revenue rose to /uni0024 5.2 billion.',
  ].join('\n');

  it('reads "/uni0024" as the "$" it names and drops "GLYPH<…>", so every cell is a figure', () => {
    const r = readText(text, 'glyphs.md');
    assert.deepStrictEqual(rowValues(r, 'income', /^Net revenue$/), ['5210', '4980']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Cost of products sold$/), ['2700', '2610']);
    assert.deepStrictEqual(r.statements[0].tables[0].columns.map((c) => [c.currency, c.amountScale]), [['USD', 6], ['USD', 6]]);
    assert.deepStrictEqual(r.diagnostics.filter((d) => /not a figure/.test(d.message)), []);
    assert.ok(r.prose?.some((p) => p.text === 'Revenue rose to $ 5.2 billion.'));
  });

  it('foots the figures it reads: gross profit = revenue − cost', () => {
    const r = infer(readText(text, 'glyphs.md'));
    const f = r.relations.find((x): x is Footing => x.type === 'footing');
    assert.deepStrictEqual(f && [f.terms.map((t) => t.sign), f.columns], [[1, -1], [0, 1]]);
  });
});

describe('markdown reader: sub-columns without a header', () => {
  const text = [
    '## CONSOLIDATED BALANCE SHEETS',
    '',
    '| (US$ millions) | | December 31 | | December 31 |',
    '| --- | --- | --- | --- | --- |',
    '| | | 2024 | | 2023 |',
    '| Cash | | $ 1,200 | | $ 1,000 |',
    '| Receivables | | 800 | | 700 |',
    '| Total assets | | $ 2,000 | | $ 1,700 |',
    '| Borrowings | | $ 900 | | $ 850 |',
    '| Equity | | | | |',
    '| Non-controlling interests | $ 600 | | $ 500 | |',
    '| Preferred equity | 100 | | 100 | |',
    '| Common equity | 400 | 1,100 | 250 | 850 |',
    '| Total liabilities and equity | | $ 2,000 | | $ 1,700 |',
  ].join('\n');

  it('moves the parts into their period\'s column and puts their sum on a line of its own, named after the section', () => {
    const table = readText(text, 'subcols.md').statements[0].tables[0];
    assert.deepStrictEqual(table.columns.map((c) => c.period?.label), ['Dec-31-2024', 'Dec-31-2023']);
    assert.deepStrictEqual(table.rows.slice(5).map((x) => [x.label, x.emphasis, ...x.cells.map((c) => c?.value?.toString() ?? null)]), [
      ['Non-controlling interests', 'item', '600', '500'],
      ['Preferred equity', 'item', '100', '100'],
      ['Common equity', 'item', '400', '250'],
      ['Total equity', 'total', '1100', '850'],
      ['Total liabilities and equity', 'total', '2000', '1700'],
    ]);
  });

  it('foots the sum on its parts and the balance sheet on the sum', () => {
    const r = infer(readText(text, 'subcols.md'));
    const rows = r.statements[0].tables[0].rows;
    const f = r.relations.filter((x): x is Footing => x.type === 'footing').map((x) => `${rows[x.total.row].label} = ${x.terms.map((t) => rows[t.ref.row].label).join(' + ')} [${x.columns.join(',')}]`);
    assert.deepStrictEqual(f, [
      'Total assets = Cash + Receivables [0,1]',
      'Total equity = Non-controlling interests + Preferred equity + Common equity [0,1]',
      'Total liabilities and equity = Borrowings + Total equity [0,1]',
    ]);
    assert.deepStrictEqual(r.untied, []);
  });

  it('leaves a column whose figures stand beside the dated column\'s where it is', () => {
    const adjusted = text.replace('| Preferred equity | 100 | | 100 | |', '| Preferred equity | 100 | 100 | 100 | |');
    const table = readText(adjusted, 'subcols.md').statements[0].tables[0];
    assert.deepStrictEqual(table.columns.map((c) => c.period?.label ?? null), [null, 'Dec-31-2024', 'Dec-31-2023']);
  });
});
