import assert from 'assert';
import { infer } from '../src/infer';
import { trendView } from '../src/render/trend-view';
import { buildSeries, type SeriesModel } from '../src/series';
import { shown } from '../src/series/derive';
import { planSeries, toSeriesWorkbook } from '../src/write/workbook/series';
import { release, statement, type Col, type RowSpec } from './fixtures/series/made-up';
import { rawSheets } from './fixtures/workbook/xlsx';

// The Non-GAAP Measures sheet and one release given twice, on a made-up company whose two quarterly
// releases each end with a reconciliation table. Every figure is worked out from the rows below.

const q = (end: string): Col => ({ end, months: 3 });
const one = (models: SeriesModel[]) => { assert.strictEqual(models.length, 1); return models[0]; };
const income = (cols: Col[], rev: string[], net: string[]) => statement('is', 'income', cols, [['Revenue', 'amount', rev], ['Net income', 'amount', net]]);

const q1Recon: RowSpec[] = [
  ['Net income', 'amount', ['10', '8']],
  ['Depreciation', 'amount', ['5', '4']],
  ['Litigation charge', 'amount', ['3', null]],
  ['Adjusted EBITDA', 'amount', ['18', '12']],
];
const q2Recon: RowSpec[] = [
  ['Net income', 'amount', ['12', '10']],
  ['Depreciation and amortization', 'amount', ['6', '5']], // renamed; agrees on Q1 2024
  ['Adjusted EBITDA', 'amount', ['18', '18']],
];

function q1(file = 'q1.txt') {
  return release(file, '2024-03-31', 1, [income([q('2024-03-31'), q('2023-03-31')], ['100', '90'], ['10', '8']), statement('ng', 'non-gaap', [q('2024-03-31'), q('2023-03-31')], q1Recon)]);
}
function q2() {
  return release('q2.txt', '2024-06-30', 2, [income([q('2024-06-30'), q('2023-06-30')], ['110', '95'], ['12', '9']), statement('ng', 'non-gaap', [q('2024-06-30'), q('2024-03-31')], q2Recon)]);
}

describe('company model: non-GAAP measures that recur', () => {
  const m = one(buildSeries([infer(q1()), infer(q2())]));
  const ng = m.items.filter((i) => i.kind === 'non-gaap');

  it('keeps the reconciliation lines two releases print, matched by their figures, and leaves a one-time line out', () => {
    assert.deepStrictEqual(ng.map((i) => [i.label, i.labels]), [
      ['Net income', []],
      ['Depreciation and amortization', ['Depreciation']],
      ['Adjusted EBITDA', []],
    ]);
    const ebitda = ng[2];
    // Q1 2024 printed by both releases; Q1 2023 by the first only; Q2 2024 by the second.
    assert.deepStrictEqual(ebitda.sources.get('2024:1:1')!.map((s) => `${m.releases[s.release].label} ${s.value}`), ['2024Q1 18', '2024Q2 18']);
    assert.strictEqual(shown(ebitda, '2023:1:1')!.value.toString(), '12');
  });

  it('writes each figure as a green link to the release sheet that printed it last', () => {
    const raw = rawSheets(toSeriesWorkbook(m).toBuffer());
    const sheet = raw.get('Non-GAAP Measures')!;
    const row = [...sheet].find(([, c]) => c.value === 'Adjusted EBITDA')![0].replace(/^A/, '');
    const heads = new Map([...sheet].filter(([a1]) => /^[A-Z]+4$/.test(a1)).map(([a1, c]) => [c.value, a1.replace(/4$/, '')]));
    const at = (period: string) => sheet.get(`${heads.get(period)}${row}`)!;
    assert.deepStrictEqual([at('2024Q1').formula, at('2024Q1').value], ["'2024Q2 Non-GAAP'!C8", '18']);
    assert.deepStrictEqual([at('2024Q2').formula, at('2024Q2').value], ["'2024Q2 Non-GAAP'!B8", '18']);
    // Printed only by the first release, on its sheet below the one-time line.
    assert.deepStrictEqual([at('2023Q1').formula, at('2023Q1').value], ["'2024Q1 Non-GAAP'!C9", '12']);
    assert.strictEqual(raw.get('2024Q1 Non-GAAP')!.get('A9')!.value, 'Adjusted EBITDA');
    assert.match(String(sheet.get('A3')!.value), /printed by two releases or more/);
  });
});

describe('company model: one release given twice', () => {
  // The same first-quarter release as a filing and as a web page that reads one more row.
  const fuller = q1('q1-web.html');
  fuller.statements[0].tables[0].rows.push(statement('x', 'income', [q('2024-03-31'), q('2023-03-31')], [['Other income', 'amount', ['1', '2']]]).tables[0].rows[0]);
  const m = one(buildSeries([infer(q1('q1-filing.htm')), infer(fuller), infer(q2())]));

  it('is one release, the fuller copy used, said once', () => {
    assert.deepStrictEqual(m.releases.map((r) => `${r.label} ${r.release.source.file}`), ['2024Q1 q1-web.html', '2024Q2 q2.txt']);
    assert.deepStrictEqual(m.notes.filter((n) => /same release/.test(n)), ['q1-filing.htm: the same release as q1-web.html; q1-web.html used']);
  });

  it('is listed once on the trend page', () => {
    const view = trendView(m, planSeries(m).plan);
    assert.match(view.footer.source, /^2 releases \(2024Q1, 2024Q2\);/);
  });

  it('tells two different releases of one quarter apart on the trend page', () => {
    // A preliminary release of the second quarter with other figures, published a week earlier.
    const prelim = release('q2-prelim.txt', '2024-06-30', 2, [income([q('2024-06-30'), q('2023-06-30')], ['111', '95'], ['13', '9'])]);
    prelim.meta.releaseDate = '2024-07-10';
    const final = q2();
    final.meta.releaseDate = '2024-07-17';
    const two = one(buildSeries([infer(q1()), infer(prelim), infer(final)]));
    assert.strictEqual(two.releases.length, 3);
    assert.match(trendView(two, planSeries(two).plan).footer.source, /^3 releases \(2024Q1, 2024Q2 of 2024-07-10, 2024Q2 of 2024-07-17\);/);
  });
});
