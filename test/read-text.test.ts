import assert from 'assert';
import { readFileSync } from 'fs';
import path from 'path';
import { Decimal } from '../src/model/decimal';
import type { Figure, Release, Statement } from '../src/model/types';
import { readFile } from '../src/read';
import { decodeText, loadInput } from '../src/read/input';
import { compareFigures, expectedFigures, modelFigures, type HandColumn } from './support/tab-figures';

const SAMPLE = path.join(__dirname, '..', 'samples', 'qifu-q3-2024.txt');

// Columns as the sample's headers print them, written out by hand.
const rmb = (end: string, months: number | null): HandColumn => ({ end, months, currency: 'RMB' });
const usd = (end: string, months: number | null): HandColumn => ({ end, months, currency: 'USD' });
const Q = (c: (e: string, m: number) => HandColumn, year: number) => c(`${year}-09-30`, 3);
const NINE = (c: (e: string, m: number) => HandColumn, year: number) => c(`${year}-09-30`, 9);
const THREE_MONTHS = [Q(rmb, 2023), Q(rmb, 2024), Q(usd, 2024)];
const NINE_MONTHS = [NINE(rmb, 2023), NINE(rmb, 2024), NINE(usd, 2024)];
const SAMPLE_LAYOUT = {
  blocks: [
    [rmb('2023-12-31', null), rmb('2024-09-30', null), usd('2024-09-30', null)], // balance sheet
    [...THREE_MONTHS, ...NINE_MONTHS], // statements of operations
    [...THREE_MONTHS, ...NINE_MONTHS], // cash flows
    THREE_MONTHS, NINE_MONTHS, // comprehensive income: one title, two tables
    THREE_MONTHS, NINE_MONTHS, // reconciliations: one table, two header blocks
  ],
  // Weighted average shares (basic, diluted) and the reconciliations' weighted average ADS.
  shareLines: [348, 349, 410, 432],
  // Per ordinary share and per ADS (basic, diluted), and the reconciliations' per-ADS rows.
  perShareLines: [342, 343, 345, 346, 411, 412, 433, 434],
  amountScale: 3,
};

function statementOf(release: Release, kind: Statement['kind']): Statement {
  const found = release.statements.filter((s) => s.kind === kind);
  assert.strictEqual(found.length, 1, `one ${kind} statement`);
  return found[0];
}

/** The figure in the row with this label, in the column of this period and currency. */
function figureAt(st: Statement, label: string, period: { end: string; months: number | null }, currency: string, nth = 0): Figure {
  const hits: Figure[] = [];
  for (const t of st.tables) {
    for (const r of t.rows.filter((row) => row.label === label)) {
      t.columns.forEach((c, i) => {
        const p = c.period;
        if (p && p.end === period.end && (period.months === null ? p.instant : p.months === period.months) && c.currency === currency && r.cells[i]) hits.push(r.cells[i] as Figure);
      });
    }
  }
  assert.ok(hits[nth], `no figure for ${label} at ${JSON.stringify(period)} ${currency}`);
  return hits[nth];
}

describe('text reader: the bundled sample', () => {
  let release: Release;
  before(async () => {
    release = await readFile(SAMPLE);
  });

  it('reads every one of the 499 figures exactly, with its period, currency, scale and kind', () => {
    const expected = expectedFigures(readFileSync(SAMPLE, 'utf8'), SAMPLE_LAYOUT);
    assert.strictEqual(expected.length, 499, 'the hand walk of the sample finds 499 figures');
    assert.deepStrictEqual(compareFigures(expected, release), []);
    assert.strictEqual(modelFigures(release).length, 499);
  });

  it('counts the figures by kind: dashes, negatives, per-share, shares and percents', () => {
    const figures = modelFigures(release).map((m) => m.figure);
    const count = (p: (f: Figure) => boolean) => figures.filter(p).length;
    assert.strictEqual(count((f) => f.text === '-'), 5);
    assert.ok(figures.filter((f) => f.text === '-').every((f) => f.value?.isZero()));
    assert.strictEqual(count((f) => f.text.startsWith('(')), 40);
    assert.ok(figures.filter((f) => f.text.startsWith('(')).every((f) => f.value?.isNegative()));
    assert.strictEqual(count((f) => f.kind === 'per-share'), 36);
    assert.strictEqual(count((f) => f.kind === 'shares'), 18);
    assert.strictEqual(count((f) => f.kind === 'percent'), 16);
    assert.strictEqual(count((f) => f.kind === 'amount'), 499 - 36 - 18 - 16);
  });

  it('keeps no cell it could not read as a figure', () => {
    const unread = release.statements.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c && c.value === null))));
    assert.deepStrictEqual(unread, []);
    assert.deepStrictEqual(release.diagnostics, []);
  });

  it('reads the named figures', () => {
    const bs = statementOf(release, 'balance-sheet');
    const total = figureAt(bs, 'TOTAL LIABILITIES AND EQUITY', { end: '2024-09-30', months: null }, 'RMB');
    assert.strictEqual(total.value?.toString(), '46988515');
    assert.strictEqual(total.scale, 3);
    assert.strictEqual(total.text, '46,988,515');

    const is = statementOf(release, 'income');
    const loss = figureAt(is, 'Investment loss', { end: '2023-09-30', months: 9 }, 'RMB');
    assert.strictEqual(loss.value?.toString(), '-30112');
    assert.strictEqual(loss.text, '(30,112)');
    assert.strictEqual(loss.scale, 3);

    // "Diluted" appears under per ordinary share (first) and per ADS (second).
    const ads = figureAt(is, 'Diluted', { end: '2024-09-30', months: 3 }, 'RMB', 1);
    assert.deepStrictEqual([ads.value?.toString(), ads.kind, ads.scale, ads.currency, ads.decimals], ['12.18', 'per-share', 0, 'RMB', 2]);
    const shares = figureAt(is, 'Diluted', { end: '2024-09-30', months: 3 }, 'USD', 2);
    assert.deepStrictEqual([shares.value?.toString(), shares.kind, shares.scale, shares.currency], ['296205651', 'shares', 0, null]);

    const ng = statementOf(release, 'non-gaap');
    const margin = figureAt(ng, 'GAAP net income margin', { end: '2023-09-30', months: 3 }, 'RMB');
    assert.deepStrictEqual([margin.value?.toString(), margin.kind, margin.scale, margin.currency, margin.decimals, margin.text], ['26.6', 'percent', -2, null, 1, '26.6%']);
  });

  it('reads the release metadata and the convenience rate', () => {
    assert.deepStrictEqual(
      { company: release.meta.company, tickers: release.meta.tickers, fiscalPeriod: release.meta.fiscalPeriod, periodEnd: release.meta.periodEnd, releaseDate: release.meta.releaseDate, currency: release.meta.currency, amountScale: release.meta.amountScale },
      {
        company: 'Qifu Technology, Inc.',
        tickers: [{ exchange: 'NASDAQ', symbol: 'QFIN' }, { exchange: 'HKEx', symbol: '3660' }],
        fiscalPeriod: 'Q3 2024',
        periodEnd: '2024-09-30',
        releaseDate: '2024-11-19',
        currency: 'RMB',
        amountScale: 3,
      },
    );
    const fx = release.fx;
    assert.ok(fx);
    assert.deepStrictEqual([fx.base, fx.quote, fx.rate.toString(), fx.asOf, fx.place.line], ['RMB', 'USD', '7.0176', '2024-09-30', 237]);
    assert.ok(fx.rate instanceof Decimal);
    assert.strictEqual(fx.text, 'Unless otherwise noted, all translations from RMB to U.S. dollars are made at a rate of RMB 7.0176 to US$1.00, the exchange rate set forth in the H.10 statistical release of the Board of Governors of the Federal Reserve System as of September 30, 2024.');
  });

  it('finds five statements with their kinds, titles, units and tables', () => {
    assert.deepStrictEqual(release.statements.map((s) => [s.kind, s.title, s.tables.length, s.tables.map((t) => t.columns.length)]), [
      ['balance-sheet', 'Unaudited Condensed Consolidated Balance Sheets', 1, [3]],
      ['income', 'Unaudited Condensed Consolidated Statements of Operations', 1, [6]],
      ['cash-flow', 'Unaudited Condensed Consolidated Statements of Cash Flows', 1, [6]],
      ['comprehensive-income', 'Unaudited Condensed Consolidated Statements of Comprehensive (Loss)/Income', 2, [3, 3]],
      ['non-gaap', 'Unaudited Reconciliations of GAAP and Non-GAAP Results', 2, [3, 3]],
    ]);
    for (const s of release.statements) {
      assert.strictEqual(s.units, '(Amounts in thousands of Renminbi (“RMB”) and U.S. dollars (“USD”) except for number of shares and per share data, or otherwise noted)', s.title);
    }
  });

  it('records each column: period label, currency, scales, convenience', () => {
    const describe = (s: Statement) => s.tables.map((t) => t.columns.map((c) => `${c.period?.label} ${c.currency} ${c.amountScale}/${c.shareScale}${c.convenience ? ' conv' : ''}`));
    assert.deepStrictEqual(describe(statementOf(release, 'balance-sheet')), [['Dec-31-2023 RMB 3/0', 'Sep-30-2024 RMB 3/0', 'Sep-30-2024 USD 3/0 conv']]);
    assert.deepStrictEqual(describe(statementOf(release, 'comprehensive-income')), [
      ['3M Sep-30-2023 RMB 3/0', '3M Sep-30-2024 RMB 3/0', '3M Sep-30-2024 USD 3/0 conv'],
      ['9M Sep-30-2023 RMB 3/0', '9M Sep-30-2024 RMB 3/0', '9M Sep-30-2024 USD 3/0 conv'],
    ]);
    const header = statementOf(release, 'income').tables[0].columns.map((c) => c.header);
    assert.deepStrictEqual(header[4], ['Nine months ended September 30,', '2024', 'RMB']);
    assert.deepStrictEqual(statementOf(release, 'balance-sheet').tables[0].columns[0].header, ['December 31, 2023 RMB']);
  });

  it('marks section captions, items and totals, and nests items under their caption', () => {
    const bs = statementOf(release, 'balance-sheet').tables[0].rows;
    const row = (label: string) => bs.find((r) => r.label === label);
    assert.deepStrictEqual([row('ASSETS')?.emphasis, row('Current assets:')?.emphasis, row('Current assets:')?.cells.every((c) => c === null)], ['header', 'header', true]);
    assert.deepStrictEqual([row('Cash and cash equivalents')?.emphasis, row('Cash and cash equivalents')?.depth], ['item', 1]);
    assert.deepStrictEqual([row('Total current assets')?.emphasis, row('TOTAL ASSETS')?.emphasis, row('TOTAL ASSETS')?.depth], ['total', 'total', 0]);
    assert.strictEqual(row('Noncontrolling interests')?.depth, 0, 'no caption above it since TOTAL LIABILITIES');
    assert.strictEqual(bs.length, 47);
    assert.strictEqual(bs.filter((r) => r.emphasis === 'header').length, 6);
  });

  it('joins a label printed alone with the figures on its next line, keeping the figures\' line', () => {
    const ng = statementOf(release, 'non-gaap');
    const rows = ng.tables[0].rows.filter((r) => r.label === 'Net income attributable to shareholders of Qifu Technology, Inc.');
    assert.strictEqual(rows.length, 1);
    assert.deepStrictEqual(rows[0].cells.map((c) => c?.value?.toString()), ['1142047', '1802862', '256908']);
    assert.deepStrictEqual([rows[0].place.line, rows[0].emphasis], [407, 'subtotal']);
  });

  it('gives every figure its place in the source file: line, table, row, cell', () => {
    for (const { figure } of modelFigures(release)) {
      const p = figure.place;
      assert.deepStrictEqual(Object.keys(p), ['line', 'table', 'row', 'cell']);
      assert.ok(p.line > 0 && p.table && p.row && p.cell && p.cell >= 2, JSON.stringify(p));
    }
    assert.strictEqual(release.source.file, 'qifu-q3-2024.txt');
    const loss = figureAt(statementOf(release, 'income'), 'Investment loss', { end: '2023-09-30', months: 9 }, 'RMB');
    assert.deepStrictEqual([loss.place.line, loss.place.cell], [335, 5]);
  });

  it('reads the same model whatever path names the file: no directory of the machine enters it', async () => {
    const relative = await readFile(path.relative(process.cwd(), SAMPLE));
    assert.notStrictEqual(path.relative(process.cwd(), SAMPLE), SAMPLE);
    assert.strictEqual(JSON.stringify(relative), JSON.stringify(release));
    assert.ok(!JSON.stringify(release).includes(path.dirname(SAMPLE)));
  });
});

const FIXTURES = path.join(__dirname, 'fixtures', 'text');

describe('text reader: fixtures for each quirk of the format', () => {
  describe('quirks.txt: tags, bold title and caption, multi-row headers, one title over two tables', () => {
    const file = path.join(FIXTURES, 'quirks.txt');
    let release: Release;
    before(async () => {
      release = await readFile(file);
    });
    const twd = (end: string, months: number | null): HandColumn => ({ end, months, currency: 'TWD' });
    const us = (end: string, months: number | null): HandColumn => ({ end, months, currency: 'USD' });

    it('reads all 94 figures with their periods, currencies, scales and kinds', () => {
      const expected = expectedFigures(readFileSync(file, 'utf8'), {
        blocks: [
          [twd('2024-12-31', null), twd('2025-06-30', null), us('2025-06-30', null)],
          [twd('2024-06-30', 3), twd('2025-06-30', 3), us('2025-06-30', 3)],
          [twd('2024-06-30', 6), twd('2025-06-30', 6), us('2025-06-30', 6)],
        ],
        shareLines: [25, 52, 53],
        perShareLines: [49, 50, 63],
        amountScale: 3,
      });
      assert.strictEqual(expected.length, 94);
      assert.deepStrictEqual(compareFigures(expected, release), []);
    });

    it('takes the bold title and the units caption, across a blank line', () => {
      assert.deepStrictEqual(release.statements.map((s) => [s.kind, s.title, s.units, s.tables.length]), [
        ['balance-sheet', 'Condensed Consolidated Statements of Financial Position', '(In thousands of New Taiwan dollars and U.S. dollars, except shares)', 1],
        ['income', 'Condensed Consolidated Statements of Profit or Loss', '(In thousands, except shares and per share data)', 2],
      ]);
    });

    it('"except shares" leaves share counts unscaled while amounts are in thousands', () => {
      const bs = statementOf(release, 'balance-sheet');
      const shares = figureAt(bs, 'Ordinary shares outstanding', { end: '2025-06-30', months: null }, 'USD');
      assert.deepStrictEqual([shares.value?.toString(), shares.kind, shares.scale, shares.currency], ['121000000', 'shares', 0, null]);
      const cash = figureAt(bs, 'Cash', { end: '2024-12-31', months: null }, 'TWD');
      assert.deepStrictEqual([cash.value?.toString(), cash.kind, cash.scale, cash.currency], ['1300000', 'amount', 3, 'TWD']);
    });

    it('reads "-" as zero, parentheses as negative, "41.5%" as a percent of scale -2', () => {
      const is = statementOf(release, 'income');
      const nil = figureAt(is, 'Restructuring charges', { end: '2024-06-30', months: 3 }, 'TWD');
      assert.deepStrictEqual([nil.value?.toString(), nil.text], ['0', '-']);
      const loss = figureAt(is, 'Share of profit (loss) of associates accounted for using the equity method', { end: '2025-06-30', months: 3 }, 'USD');
      assert.deepStrictEqual([loss.value?.toString(), loss.text, loss.place.line], ['-138', '(138)', 44]);
      const margin = figureAt(is, 'Gross margin', { end: '2025-06-30', months: 6 }, 'TWD');
      assert.deepStrictEqual([margin.value?.toString(), margin.kind, margin.scale, margin.decimals], ['41.5', 'percent', -2, 1]);
      const blank = is.tables[0].rows.find((r) => r.label === 'Gross margin')?.cells[2];
      assert.strictEqual(blank, null);
    });

    it('keeps section captions as header rows without figures and strips <b>/<u> from text', () => {
      const rows = statementOf(release, 'balance-sheet').tables[0].rows;
      assert.deepStrictEqual(rows.filter((r) => r.emphasis === 'header').map((r) => r.label), ['Assets', 'Current assets:', 'Liabilities and equity']);
      assert.deepStrictEqual(rows.filter((r) => r.emphasis === 'total').map((r) => r.label), ['Total current assets', 'Total assets', 'Total liabilities and equity']);
      // A caption's items sit one level in; a total closes the section.
      assert.deepStrictEqual(rows.filter((r) => r.emphasis !== 'header').map((r) => r.depth), [1, 1, 0, 0, 0, 1, 1, 1, 0, 0]);
      const headers = statementOf(release, 'income').tables[0].columns.map((c) => c.header);
      assert.deepStrictEqual(headers[2], ['Three months ended June 30,', '2025', 'US$']);
      const total = figureAt(statementOf(release, 'balance-sheet'), 'Total assets', { end: '2025-06-30', months: null }, 'USD');
      assert.strictEqual(total.text, '70,000');
    });

    it('marks the USD columns as convenience translations and reads the rate', () => {
      for (const s of release.statements) for (const t of s.tables) assert.deepStrictEqual(t.columns.map((c) => c.convenience), [false, false, true]);
      assert.deepStrictEqual([release.fx?.base, release.fx?.quote, release.fx?.rate.toString(), release.fx?.asOf], ['TWD', 'USD', '32.5', '2025-06-30']);
    });

    it('reads the metadata of a release that is not the sample', () => {
      const m = release.meta;
      assert.deepStrictEqual([m.company, m.tickers, m.fiscalPeriod, m.periodEnd, m.releaseDate, m.currency, m.amountScale], [
        'Larkspur Robotics Ltd.', [{ exchange: 'NYSE', symbol: 'LRK' }, { exchange: 'TWSE', symbol: '6801' }], 'Q2 2025', '2025-06-30', '2025-08-12', 'TWD', 3,
      ]);
    });
  });

  describe('millions.txt: "in millions, except per share amounts" scales share counts too', () => {
    const file = path.join(FIXTURES, 'millions.txt');
    it('reads all 12 figures: amounts and shares ×10⁶, per-share ×10⁰, an em dash as zero', async () => {
      const release = await readFile(file);
      const usd3 = (end: string): HandColumn => ({ end, months: 3, currency: 'USD' });
      const expected = expectedFigures(readFileSync(file, 'utf8'), {
        blocks: [[usd3('2025-03-31'), usd3('2024-03-31')]],
        shareLines: [16],
        perShareLines: [15],
        amountScale: 6,
        shareScale: 6,
      });
      assert.strictEqual(expected.length, 12);
      assert.deepStrictEqual(compareFigures(expected, release), []);
      const st = statementOf(release, 'income');
      assert.deepStrictEqual([st.title, st.units], ['Consolidated Statements of Operations', '(In millions, except per share amounts)']);
    });
  });
});

describe('text input: what is read as text and what is refused', () => {
  it('strips a byte-order mark and reads UTF-8', () => {
    assert.strictEqual(decodeText(Buffer.from('\ufeffRevenue\t1,234\n', 'utf8'), 'r.txt'), 'Revenue\t1,234\n');
  });

  it('falls back to Latin-1 for old filings with stray high bytes', () => {
    assert.strictEqual(decodeText(Buffer.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x0a]), 'old.txt'), 'Société\n');
  });

  it('refuses white space only, and binary content naming the line of the first NUL', () => {
    assert.throws(() => decodeText(Buffer.from(' \n\t\n'), 'blank.txt'), { name: 'InputError', message: 'blank.txt: expected an earnings release, found only white space' });
    assert.throws(() => decodeText(Buffer.from('one\ntwo\nthr\0ee'), 'mixed.txt'), { message: 'mixed.txt:3: expected text, found binary content (a NUL byte at offset 11)' });
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x41)));
    assert.throws(() => decodeText(controls, 'ctl.dat'), { message: 'ctl.dat: expected text, found binary content (50 control bytes in the first 200)' });
  });

  it('refuses a special file', async () => {
    await assert.rejects(loadInput('/dev/null'), { message: '/dev/null: expected a regular file, found a special file' });
  });
});
