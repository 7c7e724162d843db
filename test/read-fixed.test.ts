import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { chooseReader, readFile, readText } from '../src/read';
import { rowValues } from './support/statement-rows';
import { CORPUS, needCorpus } from './support/corpus';


describe('fixed-width reader: quirks of text tables', () => {
  it('finds columns from right-aligned figures, with "$" apart or attached, a hanging ")" and dotted leaders', () => {
    const file = 'test/fixtures/fixed/income.txt';
    const r = readText(fs.readFileSync(file, 'utf8'), file, { from: 'fixed' });
    const is = r.statements[0];
    assert.strictEqual(is.kind, 'income');
    assert.strictEqual(is.title, 'CONSOLIDATED INCOME');
    assert.strictEqual(is.units, '(millions, except earnings per common share)');
    assert.deepStrictEqual(rowValues(r, 'income', /^Merchandise sales and services$/), ['8700', '8851', '16403', '16325']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Net income \(loss\)$/), ['53', '309', '-806', '501']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Total revenues$/), ['8781', '10196', '16575', '19076']);
  });

  it('joins labels wrapped over lines and skips dashed underline rows', () => {
    const file = 'test/fixtures/fixed/income.txt';
    const r = readText(fs.readFileSync(file, 'utf8'), file, { from: 'fixed' });
    const labels = r.statements[0].tables[0].rows.map((x) => x.label);
    assert.deepStrictEqual(labels, ['REVENUES', 'Merchandise sales and services', 'Credit and financial products revenues', 'Total revenues', 'Net income (loss)', 'Cumulative effect of accounting change']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Cumulative effect/), ['0', '0', '-839', '0']);
  });

  it('reads a header naming two dates as the date of each column\'s year', () => {
    const file = 'test/fixtures/fixed/income.txt';
    const r = readText(fs.readFileSync(file, 'utf8'), file, { from: 'fixed' });
    assert.deepStrictEqual(r.statements[0].tables[0].columns.map((c) => c.period?.label), ['13W Jul-03-2004', '13W Jun-28-2003', '26W Jul-03-2004', '26W Jun-28-2003']);
  });

  it('reads EDGAR SGML <TABLE>/<S>/<C> tables, and is chosen for them', () => {
    const file = 'test/fixtures/fixed/sgml.txt';
    const text = fs.readFileSync(file, 'utf8');
    assert.strictEqual(chooseReader(text, file).name, 'fixed');
    const r = readText(text, file);
    const t = r.statements[0].tables[0];
    assert.deepStrictEqual(t.columns.map((c) => [c.period?.label, c.amountScale]), [['3M 2004', 6], ['3M 2003', 6], ['12M 2004', 6], ['12M 2003', 6]]);
    assert.deepStrictEqual(t.rows.map((x) => x.cells.map((c) => c?.value?.toString())), [
      ['122', '117', '1200', '1153'], ['44', '30', '220', '224'], ['166', '147', '1420', '1377'], ['-1', '-7', '-10', '-36'], ['2721', '2520', '11903', '11186'],
    ]);
  });

  it('refuses text without tables with an InputError naming the file', () => {
    assert.throws(() => readText('Just words.\n\nNo figures here.\n', 'words.txt', { from: 'fixed' }), (e: Error) => e.name === 'InputError' && /^words\.txt: expected at least one table of figures/.test(e.message));
  });
});

describe('fixed-width reader: text releases', function () {
  before(function () { needCorpus(this); });

  it('Sears 2004 EDGAR text: income statement and balance sheet', async () => {
    const r = await readFile(path.join(CORPUS, 'sears_q2_2004_8k_ex99.txt'));
    assert.strictEqual(r.source.format, 'fixed');
    assert.deepStrictEqual(rowValues(r, 'income', /^Total revenues$/), ['8781', '10196', '16575', '19076']);
    assert.deepStrictEqual(rowValues(r, 'income', /^NET INCOME\/ \(LOSS\)$/), ['53', '309', '-806', '501']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Income tax expense$/), ['-32', '-186', '-23', '-301']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total assets$/), ['21927', '50373', '27723']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total current assets$/), ['12920', '39921', '18196']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Treasury stock - at cost$/), ['-8740', '-5463', '-7945']);
    const bs = r.statements.find((s) => s.kind === 'balance-sheet')!;
    assert.deepStrictEqual(bs.tables[0].columns.map((c) => [c.period?.label, c.currency, c.amountScale]), [['Jul-03-2004', 'USD', 6], ['Jun-28-2003', 'USD', 6], ['Jan-03-2004', 'USD', 6]]);
  });

  it('ASE (Dow Jones copy, fenced tables): NT$ millions, five columns, wrapped labels', async () => {
    const r = await readFile(path.join(CORPUS, 'ase_technology_q4_2024_djn.md'));
    assert.strictEqual(r.source.format, 'fixed');
    const is = r.statements.find((s) => s.kind === 'income' && /Consolidated Statement of Income/.test(s.title))!;
    assert.deepStrictEqual(is.tables[0].columns.map((c) => c.period?.label), ['3M Dec-31-2024', '3M Sep-30-2024', '3M Dec-31-2023', '12M Dec-31-2024', '12M Dec-31-2023']);
    assert.deepStrictEqual([is.tables[0].columns[0].currency, is.tables[0].columns[0].amountScale], ['TWD', 6]);
    assert.deepStrictEqual(rowValues(r, 'income', /^Total net revenues$/), ['162264', '160105', '160581', '595410', '581914']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Gross profit$/), ['26631', '26426', '25761', '96932', '91757']);
    assert.deepStrictEqual(rowValues(r, 'income', /^Cost of revenues$/), ['-135633', '-133679', '-134820', '-498478', '-490157']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total current assets$/), ['275285', '278805']);
  });

  it('no text release crashes a reader', async () => {
    for (const f of ['southern_co_q4_2004_8k_full_submission.txt', 'hr_reit_q4_2024_djn.md', 'gecina_fy2024_djn.md']) {
      const r = await readFile(path.join(CORPUS, f));
      assert.strictEqual(r.source.format, 'fixed', f);
    }
  });
});

describe('fixed-width reader: statements stacked in one run of text', () => {
  it('starts a new statement at each title line set over the columns, with its own units', () => {
    const file = 'test/fixtures/fixed/stacked-statements.txt';
    const r = readText(fs.readFileSync(file, 'utf8'), file);
    assert.strictEqual(r.source.format, 'fixed');
    assert.deepStrictEqual(r.statements.map((s) => [s.kind, s.title, s.units]), [
      ['income', 'CONSOLIDATED STATEMENTS OF INCOME', '(In millions, except per share data)'],
      ['balance-sheet', 'CONSOLIDATED BALANCE SHEETS', '(In millions)'],
      ['cash-flow', 'CONSOLIDATED STATEMENTS OF CASH FLOWS', '(In millions)'],
    ]);
    assert.deepStrictEqual(r.statements[1].tables[0].columns.map((c) => c.period?.label), ['Jun-30-2024', 'Dec-31-2023']);
    assert.deepStrictEqual(r.statements[2].tables[0].columns.map((c) => c.period?.label), ['6M Jun-30-2024', '6M Jun-30-2023']);
    assert.deepStrictEqual(rowValues(r, 'balance-sheet', /^Total assets$/), ['500', '430']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /^Net cash from operations$/), ['200', '160']);
  });
});

describe('fixed-width reader: two tables side by side in the same lines', () => {
  it('reads the assets on the left and the liabilities on the right as two tables of one balance sheet', () => {
    const file = 'test/fixtures/fixed/side-by-side.txt';
    const r = readText(fs.readFileSync(file, 'utf8'), file);
    const bs = r.statements.filter((s) => s.kind === 'balance-sheet');
    assert.strictEqual(bs.length, 1);
    const tables = bs[0].tables.map((t) => [t.columns.map((c) => [c.period?.label, c.amountScale]), t.rows.map((x) => [x.label, x.cells.map((c) => c?.value?.toString() ?? null)])]);
    assert.deepStrictEqual(tables[0][0], [['Dec-31-2023', 6], ['Dec-31-2024', 6]]);
    assert.deepStrictEqual(tables[0][1], [
      ['Non-current assets', ['1200', '1250']],
      ['Investment properties', ['1100', '1150']],
      ['Other assets', ['100', '100']],
      ['Current assets', ['300', '350']],
      ['Receivables', ['50', '50']],
      ['Prepaid', ['50', '50']],
      ['Cash', ['200', '250']],
      ['TOTAL ASSETS', ['1500', '1600']],
    ]);
    assert.deepStrictEqual(tables[1][1], [
      ["Shareholders' equity", ['900', '950']],
      ['Share capital', ['100', '100']],
      ['Reserves', ['800', '850']],
      ['Liabilities', ['600', '650']],
      ['Financial debt', ['500', '550']],
      ['Provisions', ['50', '50']],
      ['Trade payables', ['50', '50']],
      ['TOTAL LIABILITIES', ['1500', '1600']],
    ]);
  });
  it('gives a dated column printed between two spanning headings the span that does not already hold its date', () => {
    // "For the three months ended" is printed over two columns only; its third (the year-ago quarter)
    // stands in the gap before "For the year ended", which already holds a Dec. 31 2023 column.
    const text = [
      'Example Holding Co.',
      '',
      'Summary of Consolidated Statement of Cash Flow Data',
      '(In US$ million)',
      '',
      '                   For the three months ended            For the year ended',
      '                   --------------------------            ==================',
      '                   Dec. 31     Sep. 30       Dec. 31   Dec. 31   Dec. 31',
      '                     2024        2024          2023      2024      2023',
      'Net cash generated',
      ' from operating',
      ' activities            350         220          468       907     1,144',
      'Net cash used in',
      ' investing activities (315)       (223)        (112)     (839)     (551)',
      '',
    ].join('\n');
    const r = readText(text, 'gap.txt', { from: 'fixed' });
    const cf = r.statements.find((s) => s.kind === 'cash-flow');
    assert.ok(cf, r.statements.map((s) => `${s.kind}: ${s.title}`).join('; '));
    assert.deepStrictEqual(cf.tables[0].columns.map((c) => c.period?.label), ['3M Dec-31-2024', '3M Sep-30-2024', '3M Dec-31-2023', '12M Dec-31-2024', '12M Dec-31-2023']);
    assert.deepStrictEqual(rowValues(r, 'cash-flow', /operating activities$/), ['350', '220', '468', '907', '1144']);
  });
});
