import assert from 'assert';
import { modelOutputs } from '../src/company';
import { infer } from '../src/infer';
import { pageCount } from '../src/render/pdf';
import { trendView } from '../src/render/trend-view';
import { buildSeries, type SeriesModel } from '../src/series';
import { guidedPeriod, verdict } from '../src/series/guidance';
import { Decimal } from '../src/model/decimal';
import { planSeries, toSeriesWorkbook } from '../src/write/workbook/series';
import { release, statement, type Col } from './fixtures/series/made-up';
import { rawSheets } from './fixtures/workbook/xlsx';

// The trend page and the Guidance sheet of a made-up company: four releases that cover eight
// quarters, two of them (each fourth quarter) derived as the full year less nine months, and one
// outlook for a later quarter. Every figure below is worked out by hand from the rows written here.

const q = (end: string): Col => ({ end, months: 3 });
const ytd = (end: string, months: number): Col => ({ end, months });
const lines = (rev: string[], op: string[], net: string[]) => [['Revenue', 'amount', rev], ['Operating income', 'amount', op], ['Net income', 'amount', net]] as [string, 'amount', string[]][];

function series(withEarly = true): SeriesModel {
  const q3 = release('q3-2023.txt', '2023-09-30', 3, [statement('is', 'income', [q('2023-09-30'), q('2022-09-30'), ytd('2023-09-30', 9), ytd('2022-09-30', 9)], lines(['100', '90', '290', '260'], ['20', '18', '57', '50'], ['10', '9', '14', '25']))]);
  // The year's release prints only the full years: each Q4 is FY − 9M.
  const q4 = release('q4-2023.txt', '2023-12-31', 4, [statement('is', 'income', [ytd('2023-12-31', 12), ytd('2022-12-31', 12)], lines(['400', '360'], ['80', '70'], ['40', '35']))]);
  const q1 = release('q1-2024.txt', '2024-03-31', 1, [statement('is', 'income', [q('2024-03-31'), q('2023-03-31')], lines(['120', '95'], ['24', '18'], ['12', '9']))],
    ['For the second quarter of 2024, revenue is expected to be $140 million, plus or minus 5%.']);
  const q2 = release('q2-2024.txt', '2024-06-30', 2, [statement('is', 'income', [q('2024-06-30'), q('2023-06-30'), ytd('2024-06-30', 6), ytd('2023-06-30', 6)], lines(['150', '95', '270', '190'], ['30', '19', '54', '37'], ['15', '(5)', '27', '4']))]);
  const models = buildSeries((withEarly ? [q3, q4, q1, q2] : [q1, q2]).map((r) => infer(r)));
  assert.strictEqual(models.length, 1);
  return models[0];
}

describe('company model: trend page', () => {
  const m = series();
  const view = trendView(m, planSeries(m).plan);

  it('shows the last eight quarters, the derived fourth quarters marked', () => {
    assert.deepStrictEqual(view.quarters.heads.map((h) => `${h.text}${h.cls ? ` ${h.cls}` : ''}`), ['2022Q3', '2022Q4 derived', '2023Q1', '2023Q2', '2023Q3', '2023Q4 derived', '2024Q1', '2024Q2']);
    const row = (label: string) => view.quarters.rows.find((r) => r.label === label)!.cells.map((c) => c.text);
    assert.deepStrictEqual(row('Revenue'), ['90', '100', '95', '95', '100', '110', '120', '150']);
    assert.deepStrictEqual(row('Net income'), ['9', '10', '9', '(5)', '10', '26', '12', '15']);
    assert.deepStrictEqual(row('Operating income: margin'), ['20.0%', '20.0%', '18.9%', '20.0%', '20.0%', '20.9%', '20.0%', '20.0%']);
    assert.deepStrictEqual(view.quarters.rows[0].cells.map((c) => c.cls), ['num', 'num derived', 'num', 'num', 'num', 'num derived', 'num', 'num']);
  });

  it('sets the latest quarter against a year earlier and the quarter before; no change across a change of sign', () => {
    assert.strictEqual(view.latest!.title, '2024Q2 against a year earlier and the quarter before');
    assert.deepStrictEqual(view.latest!.rows.slice(0, 3).map((r) => [r.label, r.now, r.yearAgo, r.yoy?.text, r.prior, r.qoq?.text]), [
      ['Revenue', '150', '95', '+57.9%', '120', '+25.0%'],
      ['Operating income', '30', '19', '+57.9%', '24', '+25.0%'],
      ['Net income', '15', '(5)', 'n/m', '12', '+25.0%'],
    ]);
  });

  it('names the latest quarter against its own guidance, read from the release that gave it', () => {
    assert.deepStrictEqual(view.guidance, ['Revenue 2024Q2: $150 million, above the guidance of $133.0\u2013147.0 million given in the 2024Q1 release']);
    assert.deepStrictEqual(view.draft, []);
    assert.strictEqual(view.stamp.mark, 'TIED');
  });

  it('is a draft, saying why, where quarters of the eight have no figure', () => {
    const short = series(false);
    const v = trendView(short, planSeries(short).plan);
    assert.deepStrictEqual(v.draft, [
      'Revenue: no figure for 2023Q3, 2023Q4 (not reported, and not derivable from a year to date)',
      'Operating income: no figure for 2023Q3, 2023Q4 (not reported, and not derivable from a year to date)',
      'Net income: no figure for 2023Q3, 2023Q4 (not reported, and not derivable from a year to date)',
      'the releases cover 6 quarters, not 8',
    ]);
  });

  it('prints on one page, with the PDF and its HTML beside the workbook and JSON', async function () {
    this.timeout(60_000);
    const files = await modelOutputs(m, {});
    assert.deepStrictEqual(files.map((f) => f.name), ['Made-Up-Corp-model.json', 'Made-Up-Corp-model.xlsx', 'Made-Up-Corp-model.pdf', 'Made-Up-Corp-model.html']);
    assert.strictEqual(pageCount(files[2].data as Buffer), 1);
    assert.match(files[3].data as string, /Trend to 2024Q2/);
    assert.deepStrictEqual((await modelOutputs(m, { pdf: false })).map((f) => f.name), ['Made-Up-Corp-model.json', 'Made-Up-Corp-model.xlsx']);
  });
});

describe('company model: Guidance sheet', () => {
  const m = series();

  it('matches the guided measure to its line by unit, words and size, and writes in / above / below as a formula', () => {
    assert.deepStrictEqual(m.guidance.map((g) => [g.subject, g.period, g.claim.low?.toString(), g.claim.high?.toString(), m.items.find((i) => i.id === g.item)?.label]), [['Revenue', '2024:1:2', '133', '147', 'Revenue']]);
    const raw = rawSheets(toSeriesWorkbook(m).toBuffer()).get('Guidance')!;
    const row = (col: string) => raw.get(`${col}4`);
    assert.deepStrictEqual(['A', 'B', 'C', 'D', 'G'].map((c) => row(c)?.value), ['Revenue', '2024Q2', '133', '147', 'Revenue']);
    // 2024Q2 is the seventh period column of Income Statement (2022 Q1–Q4, FY2022, 2023 Q1–Q4, FY2023, 2024 Q1, Q2): column M.
    assert.deepStrictEqual([row('H')?.formula, row('H')?.value], ["'Income Statement'!M6", '150']);
    assert.deepStrictEqual([row('I')?.formula, row('I')?.value], ['IF(H4<C4,"below",IF(H4>D4,"above","in"))', 'above']);
  });

  it('meets an approximate point when the actual rounds to it', () => {
    const g = { low: new Decimal('4.3'), high: new Decimal('4.3'), approximate: true, decimals: 1 };
    assert.deepStrictEqual(['4.287', '4.35', '4.249'].map((a) => verdict(new Decimal(a), g)), ['in', 'above', 'below']);
    assert.deepStrictEqual([guidedPeriod('Q3 FY2025'), guidedPeriod('Q4 2024'), guidedPeriod('FY2025'), guidedPeriod('H2 2024')], [{ year: 2025, quarter: 3 }, { year: 2024, quarter: 4 }, { year: 2025, quarter: null }, null]);
  });

  it('--layout quarters-then-years puts every quarter first, then every full year', () => {
    const raw = rawSheets(toSeriesWorkbook(m, planSeries(m, 'quarters-then-years')).toBuffer()).get('Income Statement')!;
    const heads = ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P'].map((c) => raw.get(`${c}4`)?.value);
    assert.deepStrictEqual(heads, ['2022Q1', '2022Q2', '2022Q3', '2022Q4', '2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4', 'FY2022', 'FY2023', 'FY2024']);
    // The derived 2023Q4 = FY2023 − 9M, its operands where this layout put them.
    assert.strictEqual(raw.get('I6')!.value, '110');
    assert.match(raw.get('I6')!.formula!, /^O6-/);
  });
});
