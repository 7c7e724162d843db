import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import { readFile } from '../src/read';
import type { Release, Row, Table } from '../src/model/types';
import { CORPUS, needCorpus } from './support/corpus';

// Tables of corpus releases that are awkward to read, with figures read off each source document
// (the table and row noted): which column a figure sits in, at what scale, of what kind.

const cache = new Map<string, Promise<Release>>();
function load(file: string): Promise<Release> {
  if (!cache.has(file)) cache.set(file, readFile(path.join(CORPUS, file)));
  return cache.get(file)!;
}

/** The first table holding a row that matches `label`, and that row. */
function find(r: Release, label: RegExp, kind?: string): { table: Table; row: Row } {
  for (const s of r.statements) {
    if (kind && s.kind !== kind) continue;
    for (const table of s.tables) {
      const row = table.rows.find((x) => label.test(x.label));
      if (row) return { table, row };
    }
  }
  throw new Error(`no ${kind ?? ''} row matching ${label}`);
}

/** Each column's period label and the row's figure in it, as "label=value", scaled to units. */
function byPeriod(r: Release, label: RegExp, kind?: string): string[] {
  const { table, row } = find(r, label, kind);
  return row.cells.map((c, i) => `${table.columns[i].period?.label ?? table.columns[i].header.join(' ')}=${c?.value ? c.value.times(10 ** c.scale).toString() : null}`);
}

describe('reading corpus tables', function () {
  before(function () { needCorpus(this); });

  it('Slate Grocery REIT: the December 31, 2024 column of the results summary holds the 2024 figures', async () => {
    const r = await load('slate_grocery_reit_q4_2024_morningstar.md');
    // "Summary of Q4 2024 Results", second part: December 31, 2024 | December 31, 2023 | Change %.
    assert.deepStrictEqual(byPeriod(r, /^Total assets$/).slice(0, 2), ['Dec-31-2024=2233699000', 'Dec-31-2023=2235798000']);
    assert.deepStrictEqual(byPeriod(r, /^Net asset value per unit$/).slice(0, 2), ['Dec-31-2024=13.84', 'Dec-31-2023=13.97']);
    assert.deepStrictEqual(byPeriod(r, /^Portfolio occupancy/).slice(0, 2), ['Dec-31-2024=0.948', 'Dec-31-2023=0.947']);
    // 116 properties, a count: not 116 thousand dollars.
    assert.deepStrictEqual(byPeriod(r, /^Number of properties/).slice(0, 2), ['Dec-31-2024=116', 'Dec-31-2023=117']);
    assert.strictEqual(find(r, /^Number of properties/).row.kind, 'number');
    // First part: three months ended December 31, 2024 and 2023.
    assert.deepStrictEqual(byPeriod(r, /^Rental revenue$/).slice(0, 2), ['3M Dec-31-2024=53077000', '3M Dec-31-2023=51539000']);
  });

  it('Danaos: the fleet utilization appendix states its revenues in thousands on each row, and counts days', async () => {
    // The row's own unit is applied when the release is inferred (infer/units.ts).
    const r = infer(await readFile(path.join(CORPUS, 'danaos_q4_2024_morningstar.md')));
    // APPENDIX, "Container vessels fleet utilization": Operating Revenues (in '000s of US$) $237,510 | $238,924 | $937,077 | $963,192.
    assert.deepStrictEqual(byPeriod(r, /^Operating Revenues \(in '000s of US\$\)$/), ['3M Dec-31-2024=237510000', '3M Dec-31-2023=238924000', '12M Dec-31-2024=937077000', '12M Dec-31-2023=963192000']);
    // Ownership Days 6,706 | 6,256 | 25,684 | 24,850: days, not dollars.
    assert.deepStrictEqual(byPeriod(r, /^Ownership Days$/), ['3M Dec-31-2024=6706', '3M Dec-31-2023=6256', '12M Dec-31-2024=25684', '12M Dec-31-2023=24850']);
    assert.strictEqual(find(r, /^Operating Days$/).row.kind, 'number');
  });

  it('Farmers & Merchants Bancshares: the balance sheet\'s unlabelled totals are named and read', async () => {
    const r = await load('farmers_merchants_bancshares_fy2024_globenewswire.md');
    // Consolidated Balance Sheets: the lines closing the asset, liability and equity sections carry no words.
    assert.deepStrictEqual(byPeriod(r, /^Total assets$/, 'balance-sheet'), ['Dec-31-2024=844643087', 'Dec-31-2023=799940826']);
    assert.deepStrictEqual(byPeriod(r, /^Total liabilities$/, 'balance-sheet'), ['Dec-31-2024=788371297', 'Dec-31-2023=747762535']);
    assert.deepStrictEqual(byPeriod(r, /^Total stockholders' equity$/, 'balance-sheet'), ['Dec-31-2024=56271790', 'Dec-31-2023=52178291']);
    assert.deepStrictEqual(byPeriod(r, /^Total liabilities and stockholders' equity$/, 'balance-sheet'), ['Dec-31-2024=844643087', 'Dec-31-2023=799940826']);
  });

  it('Precision Drilling: income taxes total, and the statement of financial position is the balance sheet', async () => {
    const r = await load('precision_drilling_q4_2024_globenewswire.md');
    // Statements of Net Earnings: "Income taxes:" / Current 2,811 / Deferred 2,906 / 5,717 (Q4 2024).
    assert.deepStrictEqual(byPeriod(r, /^Total income taxes$/, 'income'), ['3M Dec-31-2024=5717000', '3M Dec-31-2023=-68603000', '12M Dec-31-2024=43229000', '12M Dec-31-2023=-23465000']);
    // The review's "Financial Position" summary (working capital, a debt ratio) is no balance sheet.
    const sheets = r.statements.filter((s) => s.kind === 'balance-sheet').map((s) => s.title);
    assert.deepStrictEqual(sheets, ['CONDENSED INTERIM CONSOLIDATED STATEMENTS OF FINANCIAL POSITION (UNAUDITED)']);
    assert.deepStrictEqual(byPeriod(r, /^Long-term debt$/, 'balance-sheet'), ['Dec-31-2024=812469000', 'Dec-31-2023=914830000', 'Jan-01-2023=1085970000']);
    assert.deepStrictEqual(byPeriod(r, /^Total equity$/, 'balance-sheet'), ['Dec-31-2024=1681999000', 'Dec-31-2023=1575662000', 'Jan-01-2023=1230529000']);
  });

  it('NVIDIA: the cash-flow lines below the diluted per-share lines of the reconciliation are amounts', async () => {
    const r = await load('nvidia_q3fy25_newsroom.html');
    // Reconciliation of GAAP to non-GAAP: under "Diluted net income per share (E)" GAAP $0.78 (per share), then
    // "GAAP net cash provided by operating activities" $17,629 … "Free cash flow" $16,787 (in millions).
    const scaled = (label: RegExp) => {
      const { row } = find(r, label, 'non-gaap');
      return [row.kind, ...row.cells.map((c) => `${c!.kind}:${c!.value!.times(10 ** c!.scale).toString()}`)];
    };
    assert.deepStrictEqual(scaled(/^GAAP net cash provided by operating activities$/),
      ['amount', 'amount:17629000000', 'amount:14489000000', 'amount:7333000000', 'amount:47460000000', 'amount:16591000000']);
    assert.deepStrictEqual(scaled(/^Free cash flow$/),
      ['amount', 'amount:16787000000', 'amount:13483000000', 'amount:7042000000', 'amount:45204000000', 'amount:15732000000']);
    assert.deepStrictEqual(scaled(/^Principal payments on property and equipment and intangible assets$/),
      ['amount', 'amount:-29000000', 'amount:-29000000', 'amount:-13000000', 'amount:-97000000', 'amount:-44000000']);
  });

  it('Precision Drilling and Brookfield: a line named only under its heading carries the heading; footnote digits leave the label', async () => {
    const pd = await load('precision_drilling_q4_2024_globenewswire.md');
    // Statements of Net Earnings: "Expenses:" / Operating 312,303 | 316,509 | 1,248,686 | 1,204,548.
    assert.deepStrictEqual(byPeriod(pd, /^Operating expenses$/, 'income'), ['3M Dec-31-2024=312303000', '3M Dec-31-2023=316509000', '12M Dec-31-2024=1248686000', '12M Dec-31-2023=1204548000']);
    const bn = await load('brookfield_corp_q4_2024_globenewswire.md');
    // Statement of operations: "Interest expense" / "– Corporate borrowings" (183) | (142) | (727) | (596); "Direct costs1" (11,977) …
    assert.deepStrictEqual(find(bn, /^Interest expense – Corporate borrowings$/, 'income').row.cells.map((c) => c!.value!.toString()), ['-183', '-142', '-727', '-596']);
    assert.deepStrictEqual(find(bn, /^Direct costs$/, 'income').row.cells.map((c) => c!.value!.toString()), ['-11977', '-18168', '-58199', '-72334']);
    assert.deepStrictEqual(find(bn, /^Upfinancings$/, 'income').row.cells.map((c) => c!.value!.toString()), ['-186', '0', '-680', '0']);
  });

  it('H&R REIT: a units caption wrapped under the header is no heading row', async () => {
    const r = await load('hr_reit_q4_2024_djn.md');
    // Fair value adjustments: "(in thousands" / "of Canadian" / "dollars)" / "Operating" / "Segment:" / Residential $56,099 …
    const { table } = find(r, /^Residential$/);
    assert.deepStrictEqual(table.rows.slice(0, 2).map((x) => [x.label, x.emphasis]), [['Operating Segment:', 'header'], ['Residential', 'item']]);
    assert.deepStrictEqual(table.rows[1].cells.map((c) => c!.value!.times(10 ** c!.scale).toString()), ['56099000', '-278000', '56377000', '-39312000', '-122306000', '82994000']);
  });

  it('Forian: the cash flows "for the period ended September 30" are the nine months', async () => {
    const r = await load('forian_q3_2024_newmediawire.md');
    // Condensed Consolidated Statements of Cash Flows: 2024 | 2023.
    assert.deepStrictEqual(byPeriod(r, /^Net cash \(used in\) provided by operating activities$/, 'cash-flow'), ['9M Sep-30-2024=-1467084', '9M Sep-30-2023=1328275']);
    assert.deepStrictEqual(byPeriod(r, /^Net cash \(used in\) provided by investing activities$/, 'cash-flow'), ['9M Sep-30-2024=-730177', '9M Sep-30-2023=2361052']);
    assert.deepStrictEqual(byPeriod(r, /^Net cash used in financing activities$/, 'cash-flow'), ['9M Sep-30-2024=-1138037', '9M Sep-30-2023=-1107991']);
  });

  it('H&R REIT: the financial highlights\' unit counts stated "(in thousands)" on their rows are thousands of units', async () => {
    const r = infer(await readFile(path.join(CORPUS, 'hr_reit_q4_2024_djn.md')));
    // FINANCIAL HIGHLIGHTS: Units outstanding (in thousands) 262,016 | 261,868; Exchangeable units outstanding (in thousands) 17,974 | 17,974.
    assert.deepStrictEqual(byPeriod(r, /^Units outstanding \(in thousands\)$/), ['Dec-31-2024=262016000', 'Dec-31-2023=261868000']);
    assert.deepStrictEqual(byPeriod(r, /^Exchangeable units outstanding \(in thousands\)$/), ['Dec-31-2024=17974000', 'Dec-31-2023=17974000']);
    // Total assets (in thousands) $10,620,487 | $10,777,643.
    assert.deepStrictEqual(byPeriod(r, /^Total assets \(in thousands\)$/), ['Dec-31-2024=10620487000', 'Dec-31-2023=10777643000']);
  });

  it('Forian: the page\'s cash flows are each activity\'s total, not its continuing operations\' subtotal', async () => {
    const r = infer(await readFile(path.join(CORPUS, 'forian_q3_2024_newmediawire.md')));
    // Statements of Cash Flows, 2023: continuing operations 1,387,350; discontinued (59,075); total 1,328,275.
    const shown = r.headline!.cashflow.map((f) => {
      const row = r.statements.find((s) => s.id === f.row.statement)!.tables[f.row.table].rows[f.row.row];
      return [f.role, row.label, ...row.cells.map((c) => c?.value?.toString() ?? null)];
    });
    assert.deepStrictEqual(shown, [
      ['operating', 'Net cash (used in) provided by operating activities', '-1467084', '1328275'],
      ['investing', 'Net cash (used in) provided by investing activities', '-730177', '2361052'],
      ['financing', 'Net cash used in financing activities', '-1138037', '-1107991'],
    ]);
  });

  it('Gecina: the condensed income statement\'s columns are the years 2023 and 2024, read to consolidated net income', async () => {
    const r = await load('gecina_fy2024_djn.md');
    // "Condensed income statement and recurrent income": In million euros | Dec 31, 23 | Dec 31, 24 | Change (%).
    assert.deepStrictEqual(byPeriod(r, /^Gross rental income$/, 'income').slice(0, 2), ['12M Dec-31-2024=694500000', '12M Dec-31-2023=666800000'].reverse());
    assert.deepStrictEqual(byPeriod(r, /^Recurrent net income \(Group share\)/, 'income').slice(0, 2), ['12M Dec-31-2023=444200000', '12M Dec-31-2024=474400000']);
    assert.deepStrictEqual(byPeriod(r, /^Consolidated net income \(Group share\)$/, 'income').slice(0, 2), ['12M Dec-31-2023=-1787200000', '12M Dec-31-2024=309800000']);
    // Consolidated balance sheet, the right-hand side: "TOTAL" over "LIABILITIES" is one label.
    assert.deepStrictEqual(byPeriod(r, /^TOTAL LIABILITIES$/, 'balance-sheet'), ['Dec-31-2023=17648700000', 'Dec-31-2024=17918000000']);
    assert.deepStrictEqual(byPeriod(r, /^Cash & cash equivalents$/, 'balance-sheet'), ['Dec-31-2023=143700000', 'Dec-31-2024=179000000']);
  });
});
