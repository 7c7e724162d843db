import assert from 'assert';
import { infer } from '../src/infer';
import { labelWithoutOwnUnit } from '../src/infer/units';
import { readText } from '../src/read';
import type { Release, Row } from '../src/model/types';

// How tables are read where a converter or a typesetter left them awkward: short header lines,
// label cells over the label column, counts among amounts. Each fixture is made up, in the shape
// newswire copies print.

function rowOf(r: Release, label: RegExp): Row {
  for (const s of r.statements) for (const t of s.tables) {
    const row = t.rows.find((x) => label.test(x.label));
    if (row) return row;
  }
  throw new Error(`no row matching ${label}`);
}

function values(row: Row): (string | null)[] {
  return row.cells.map((c) => c?.value?.toString() ?? null);
}

describe('reading tables: header lines shorter than their rows', () => {
  const md = [
    '# Larkspur Property Trust reports fourth quarter 2024 results',
    '',
    '**Summary of results**',
    '',
    '|  | Three months ended December 31, |',
    '| --- | --- |',
    '| *(thousands of U.S. dollars)* |  | 2024 |  | 2023 | Change % |',
    '| Rental revenue | $ | 12,400 | $ | 11,900 | 4.2% |',
    '| Net income | $ | 3,100 | $ | 2,800 | 10.7% |',
    '| Occupancy coverage | 2.40x | 2.10x | 14.3% |',
    '|  |  |  |  |',
    '| *(thousands of U.S. dollars)* | December 31, 2024 | December 31, 2023 | Change % |',
    '| Total assets | $ | 500,200 | $ | 480,100 | 4.2% |',
    '| Debt | $ | 250,000 | $ | 260,500 | (4.0)% |',
    '| Number of properties |  | 42 |  | 40 | 5.0% |',
    '| Leasing (square feet) |  | 93,078 |  | 60,792 | 53.1% |',
    '| Leasing – anchor tenants 2 |  | 35,000 |  | 16,455 | 112.7% |',
    '| Leasing spread |  | 14.9% |  | 15.4% | (3.2)% |',
    '| Weighted average number of units outstanding |  | 10,366 |  | 10,285 | 0.8% |',
    '',
  ].join('\n');
  const r = readText(md, 'made-up.md');
  const tables = r.statements.flatMap((s) => s.tables);

  it('puts a spanning phrase of a cut-off header line over the first column, not the last', () => {
    assert.deepStrictEqual(tables[0].columns.map((c) => c.period?.label ?? null), ['3M Dec-31-2024', '3M Dec-31-2023', '3M']);
    assert.deepStrictEqual(values(rowOf(r, /^Rental revenue$/)), ['12400', '11900', '4.2']);
  });

  it('keeps the caption over the label column out of the figure columns, so each date heads its own figures', () => {
    const balance = tables.find((t) => t.rows.some((x) => x.label === 'Total assets'))!;
    assert.deepStrictEqual(balance.columns.map((c) => c.period?.label ?? null), ['Dec-31-2024', 'Dec-31-2023', null]);
    assert.deepStrictEqual(balance.columns.map((c) => c.header.join(' ')), ['December 31, 2024', 'December 31, 2023', 'Change %']);
    assert.deepStrictEqual(values(rowOf(r, /^Total assets$/)), ['500200', '480100', '4.2']);
    // The caption still states the units of the figures beneath it.
    assert.strictEqual(balance.columns[0].amountScale, 3);
  });

  it('reads a multiple ("2.40x") as a figure in its column, not as words of the label', () => {
    const row = rowOf(r, /^Occupancy coverage/);
    assert.strictEqual(row.label, 'Occupancy coverage');
    assert.deepStrictEqual(row.cells.map((c) => c?.text ?? null), ['2.40x', '2.10x', '14.3%']);
  });

  it('reads counts and areas as numbers, never scaled as money, and trust units as shares', () => {
    const props = rowOf(r, /^Number of properties$/);
    assert.strictEqual(props.kind, 'number');
    assert.deepStrictEqual(props.cells.slice(0, 2).map((c) => [c!.value!.toString(), c!.scale]), [['42', 0], ['40', 0]]);
    assert.strictEqual(rowOf(r, /square feet/).kind, 'number');
    assert.strictEqual(rowOf(r, /^Total assets$/).cells[0]!.scale, 3);
    assert.strictEqual(rowOf(r, /units outstanding/).kind, 'shares');
  });

  it('counts a part of a counted row ("Leasing – anchor tenants" under "Leasing (square feet)") in the same unit', () => {
    const part = rowOf(r, /anchor tenants/);
    assert.strictEqual(part.kind, 'number');
    assert.deepStrictEqual(part.cells.slice(0, 2).map((c) => [c!.value!.toString(), c!.scale]), [['35000', 0], ['16455', 0]]);
    assert.strictEqual(rowOf(r, /^Leasing spread$/).cells[0]!.kind, 'percent');
  });
});

describe('reading tables: units a row states for itself', () => {
  const md = [
    '# Larkspur Shipping reports fourth quarter 2024 results',
    '',
    '| **Tanker fleet utilization** |  |  |  |  |',
    '| --- | --- | --- | --- | --- |',
    '| **Vessel utilization (No. of days)** |  | **Three months ended December 31, 2024** |  | **Three months ended December 31, 2023** |',
    '| Ownership days |  | 1,706 |  | 1,256 |',
    '| Less off-hire days: |  |  |  |  |',
    '| Scheduled off-hire days |  | (36) |  | (23) |',
    '| **Operating days** |  | **1,670** |  | **1,233** |',
    '| **Operating revenues (in \'000s of US$)** |  | **$37,510** |  | **$38,924** |',
    '| **Time charter equivalent (in \'000s of US$)** |  | **36,435** |  | **38,487** |',
    '| Loans past due 90 days |  | 12 |  | 10 |',
    '',
  ].join('\n');
  // The row's own unit is applied when the release is inferred (infer/units.ts).
  const r = infer(readText(md, 'made-up.md'));

  it('scales a row by the unit its label states ("in \'000s of US$") where the table states none', () => {
    const rev = rowOf(r, /^Operating revenues/);
    assert.strictEqual(rev.kind, 'amount');
    assert.deepStrictEqual(rev.cells.map((c) => [c!.value!.toString(), c!.scale]), [['37510', 3], ['38924', 3]]);
    assert.strictEqual(rowOf(r, /^Time charter/).cells[0]!.scale, 3);
  });

  it('scales a count of units by the unit its label states, and the page leaves that unit off the label once applied', () => {
    const trust = infer(readText([
      '# Larchmont Property Trust reports fourth quarter 2024 results',
      '',
      '| **Financial highlights** | **December 31, 2024** | **December 31, 2023** |',
      '| --- | --- | --- |',
      '| Total assets (in thousands) | $1,250,400 | $1,198,700 |',
      '| Units outstanding (in thousands) | 84,512 | 83,960 |',
      '| Unitholders\' equity per Unit | $9.85 | $9.62 |',
      '| Properties (in thousands of square feet) | 4,210 | 4,105 |',
      '',
    ].join('\n'), 'made-up.md'));
    const units = rowOf(trust, /^Units outstanding/);
    assert.strictEqual(units.kind, 'shares');
    assert.deepStrictEqual(units.cells.map((c) => [c!.value!.toString(), c!.scale]), [['84512', 3], ['83960', 3]]);
    assert.deepStrictEqual(rowOf(trust, /^Total assets/).cells.map((c) => c!.scale), [3, 3]);
    assert.deepStrictEqual(rowOf(trust, /per Unit$/).cells.map((c) => c!.scale), [0, 0]);
    assert.strictEqual(labelWithoutOwnUnit(units), 'Units outstanding');
    assert.strictEqual(labelWithoutOwnUnit(rowOf(trust, /^Total assets/)), 'Total assets');
    // A row the unit does not scale keeps the words that say what its figures count.
    assert.strictEqual(labelWithoutOwnUnit({ label: 'Properties (in thousands of square feet)', kind: 'number' }), 'Properties (in thousands of square feet)');
  });

  it('reads days counted as numbers, and an ageing bucket of days as an amount', () => {
    for (const label of [/^Ownership days$/, /^Scheduled off-hire days$/, /^Operating days$/]) {
      const row = rowOf(r, label);
      assert.strictEqual(row.kind, 'number', row.label);
      assert.strictEqual(row.cells[0]!.scale, 0);
    }
    assert.strictEqual(rowOf(r, /^Loans past due/).kind, 'amount');
  });
});

describe('reading tables: totals printed without a label', () => {
  const md = [
    '# Larkspur Bancorp reports 2024 results',
    '',
    '| Larkspur Bancorp Consolidated Balance Sheets |  |  |  |  |',
    '| --- | --- | --- | --- | --- |',
    '|  | December 31, |  | December 31, |  |',
    '|  | 2024 |  | 2023 |  |',
    '| Assets |  |  |  |  |',
    '| Cash and due from banks | $ | 1,200 | $ | 1,000 |',
    '| Loans, net |  | 8,000 |  | 7,500 |',
    '| Other assets |  | 300 |  | 250 |',
    '|  | $ | 9,500 | $ | 8,750 |',
    '| Liabilities and Stockholders\' Equity |  |  |  |  |',
    '| Deposits |  |  |  |  |',
    '| Noninterest-bearing | $ | 2,000 | $ | 1,900 |',
    '| Interest-bearing |  | 5,000 |  | 4,700 |',
    '| Total deposits |  | 7,000 |  | 6,600 |',
    '| Borrowings |  | 1,000 |  | 900 |',
    '| Other liabilities |  | 200 |  | 150 |',
    '|  |  | 8,200 |  | 7,650 |',
    '| Stockholders\' equity |  |  |  |  |',
    '| Common stock, par value $.01 per share, |  |  |  |  |',
    '| authorized 5,000,000 shares; issued and outstanding |  |  |  |  |',
    '| 3,166,653 in 2024 and 3,116,966 in 2023 |  | 30 |  | 30 |',
    '| Retained earnings |  | 1,270 |  | 1,070 |',
    '|  |  | 1,300 |  | 1,100 |',
    '|  | $ | 9,500 | $ | 8,750 |',
    '',
    '| Larkspur Bancorp Consolidated Statements of Income |  |  |  |  |',
    '| --- | --- | --- | --- | --- |',
    '|  | Year Ended December 31, |  |  |  |',
    '|  | 2024 |  | 2023 |  |',
    '| Net interest income | $ | 500 | $ | 450 |',
    '| Income before income taxes |  | 120 |  | 100 |',
    '| Income taxes: |  |  |  |  |',
    '| Current |  | 20 |  | 15 |',
    '| Deferred |  | 5 |  | 6 |',
    '|  |  | 25 |  | 21 |',
    '| Memo: |  |  |  |  |',
    '| Loans originated |  | 40 |  | 30 |',
    '| Loans sold |  | 10 |  | 12 |',
    '|  |  | 99 |  | 98 |',
    '| Net income | $ | 95 | $ | 79 |',
    '',
  ].join('\n');
  const r = readText(md, 'made-up.md');
  const bs = r.statements.find((s) => s.kind === 'balance-sheet')!.tables[0];
  const is = r.statements.find((s) => s.kind === 'income')!.tables[0];
  const totals = (t: typeof bs) => t.rows.filter((x) => x.emphasis === 'total').map((x) => `${x.label}=${values(x).join('/')}`);

  it('names a section\'s unlabelled total after its heading, where the figures are that section\'s sum', () => {
    assert.deepStrictEqual(totals(bs), [
      'Total assets=9500/8750',
      'Total deposits=7000/6600',
      // The heading of two sections closes first on its first part, since the second opens below.
      'Total liabilities=8200/7650',
      'Total stockholders\' equity=1300/1100',
      'Total liabilities and stockholders\' equity=9500/8750',
    ]);
    assert.ok(totals(is).includes('Total income taxes=25/21'));
  });

  it('leaves an unlabelled line that is not its section\'s sum without a name', () => {
    const row = is.rows.find((x) => values(x).join('/') === '99/98')!;
    assert.strictEqual(row.label, '');
    assert.notStrictEqual(row.emphasis, 'total');
  });

  it('joins a label wrapped over three lines, the last starting with a figure of its words', () => {
    assert.deepStrictEqual(values(rowOf(r, /^Common stock, par value \$\.01 per share, authorized 5,000,000 shares; issued and outstanding 3,166,653 in 2024 and 3,116,966 in 2023$/)), ['30', '30']);
  });
});

describe('reading tables: a statement of flows dated by its end alone', () => {
  const md = [
    '# Larkspur Analytics reports third quarter 2024 results',
    '',
    '**CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS**',
    '',
    '|  | Three Months Ended September 30, |  | Nine Months Ended September 30, |  |',
    '| --- | --- | --- | --- | --- |',
    '|  | 2024 | 2023 | 2024 | 2023 |',
    '| Revenue | 4,700 | 5,300 | 14,300 | 15,100 |',
    '| Net income (loss) | (200) | 4,300 | (4,000) | 9,700 |',
    '',
    '**CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS**',
    '',
    '|  | For the Period Ended September 30, 2024 | For the Period Ended September 30, 2023 |',
    '| --- | --- | --- |',
    '| Net income (loss) | (4,000) | 9,700 |',
    '| Net cash provided by operating activities | (1,467) | 1,328 |',
    '',
    '**CONDENSED CONSOLIDATED BALANCE SHEETS**',
    '',
    '|  | September 30, 2024 | December 31, 2023 |',
    '| --- | --- | --- |',
    '| Total assets | 57,500 | 58,900 |',
    '',
  ].join('\n');
  const r = readText(md, 'made-up.md');

  it('gives the cash flows "for the period ended" the span the income statement reports to that date', () => {
    const cf = r.statements.find((s) => s.kind === 'cash-flow')!;
    assert.deepStrictEqual(cf.tables[0].columns.map((c) => c.period?.label), ['9M Sep-30-2024', '9M Sep-30-2023']);
    assert.deepStrictEqual(cf.tables[0].columns.map((c) => c.period?.instant), [false, false]);
  });

  it('leaves a balance sheet\'s dates as instants', () => {
    const bs = r.statements.find((s) => s.kind === 'balance-sheet')!;
    assert.deepStrictEqual(bs.tables[0].columns.map((c) => [c.period?.label, c.period?.instant]), [['Sep-30-2024', true], ['Dec-31-2023', true]]);
  });
});

describe('reading tables: a full-year statement in fixed-width text', () => {
  const text = [
    'Larkspur Offices - Full-year 2024 results',
    '',
    'PARIS, February 13, 2025 -- Larkspur Offices today reported its results for the year ended December 31, 2024.',
    '',
    'Condensed income statement',
    '',
    '```',
    ' In million euros                        Dec 31, 23    Dec 31, 24   Change (%)',
    ' Gross rental income                          566.8         594.5     +4.9%',
    ' Net financial expenses                       (90.0)        (90.5)     +0.6%',
    ' Recurrent net income (Group',
    '  share)                                      344.2         374.4     +8.8%',
    '-------------------------------------  ------------  ------------  -----------',
    ' Change in fair value of properties       (2,186.4)       (127.3)      n.a.',
    ' Consolidated net income (Group',
    '  share)                                  (1,787.2)         309.8      n.a.',
    '```',
    '',
  ].join('\n');
  const r = readText(text, 'made-up.txt', { from: 'fixed' });
  const t = r.statements[0].tables;

  it('dates columns headed "Dec 31, 23" and reads a full-year release\'s statement of them as the years', () => {
    assert.strictEqual(t.length, 1);
    assert.deepStrictEqual(t[0].columns.map((c) => c.period?.label ?? null), ['12M Dec-31-2023', '12M Dec-31-2024', null]);
  });

  it('reads "+4.9%" as a figure and keeps the lines after a rule and with "n.a." in the table', () => {
    assert.deepStrictEqual(values(rowOf(r, /^Gross rental income$/)), ['566.8', '594.5', '4.9']);
    assert.deepStrictEqual(values(rowOf(r, /^Consolidated net income \(Group share\)$/)), ['-1787.2', '309.8', null]);
  });
});
