import assert from 'assert';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { buildModels } from '../src/company';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { buildSeries, type SeriesModel } from '../src/series';
import { shown } from '../src/series/derive';
import type { LineItem } from '../src/series/types';
import { toSeriesWorkbook } from '../src/write/workbook/series';
import { release, statement, type Col } from './fixtures/series/made-up';
import { rawSheets } from './fixtures/workbook/xlsx';
import { a1Index, recalculate } from './support/libreoffice';

// The company model: rows matched by evidence, restatements, splits and derived quarters on small
// made-up series; then each company of ../shared/series built and recalculated by LibreOffice, with
// derived figures computed by hand from the releases.

const q = (end: string): Col => ({ end, months: 3 });
const y = (end: string, months = 12): Col => ({ end, months });
const one = (models: SeriesModel[]) => { assert.strictEqual(models.length, 1); return models[0]; };
const itemsLabelled = (m: SeriesModel, label: string) => m.items.filter((i) => i.label === label || i.labels.includes(label));
const value = (item: LineItem, key: string) => shown(item, key)?.value.toString() ?? null;

/** Two fourth-quarter releases, a year apart: the later prints the earlier's Q4 and full year again. */
function twoYears(later: [string, 'amount', (string | null)[]][]): Release[] {
  const a = release('a.txt', '2023-12-31', 4, [statement('is', 'income', [q('2023-12-31'), q('2022-12-31'), y('2023-12-31'), y('2022-12-31')], [
    ['Total revenue', 'amount', ['100', '90', '400', '350']],
    ['Income tax expense (benefit)', 'amount', ['10', '(5)', '30', '(2)']],
    ['Other', 'amount', ['3', '4', '9', '8']],
    ['Cost A', 'amount', ['50', '40', '200', '170']],
    ['Cost B', 'amount', ['30', '30', '120', '110']],
    ['Total costs', 'amount', ['80', '70', '320', '280']],
  ])]);
  const b = release('b.txt', '2024-12-31', 4, [statement('is', 'income', [q('2024-12-31'), q('2023-12-31'), y('2024-12-31'), y('2023-12-31')], later)]);
  // Their footings (Total costs = Cost A + Cost B) are found as for any release.
  return [infer(a), infer(b)];
}

describe('company model: rows matched by evidence', () => {
  const m = one(buildSeries(twoYears([
    ['Total revenue', 'amount', ['120', '100', '480', '410']], // FY2023 restated: 400 → 410
    ['Income tax expense', 'amount', ['12', '10', '44', '30']], // renamed; the figures agree
    ['Other', 'amount', ['6', '5', '20', '11']], // same label, disagrees on both shared periods
    ['Cost A', 'amount', ['60', '50', '240', '205']], // 200 → 205 ...
    ['Cost B', 'amount', ['40', '30', '150', '115']], // 120 → 115: moved between components
    ['Total costs', 'amount', ['100', '80', '390', '320']], // the total as it was
  ])));

  it('makes a renamed row one line item when its figures agree, newest label shown, earlier listed', () => {
    const tax = itemsLabelled(m, 'Income tax expense');
    assert.strictEqual(tax.length, 1);
    assert.strictEqual(tax[0].label, 'Income tax expense');
    assert.deepStrictEqual(tax[0].labels, ['Income tax expense (benefit)']);
    assert.strictEqual(value(tax[0], '2022:1:4'), '-5');
    assert.strictEqual(value(tax[0], '2024:4:4'), '44');
  });

  it('refuses a label match whose figures disagree on every shared period', () => {
    const other = m.items.filter((i) => i.label === 'Other');
    assert.strictEqual(other.length, 2);
    assert.deepStrictEqual(other.map((i) => value(i, '2023:1:4')).sort(), ['3', '5']);
  });

  it('finds a restatement (a total changed) and a reclassification (only components moved)', () => {
    const rows = m.restatements.map((r) => `${m.items.find((i) => i.id === r.item)!.label} ${r.period} ${r.first.value} → ${r.latest.value} (${r.change}) ${r.type} ${m.releases[r.first.release].release.source.file}→${m.releases[r.latest.release].release.source.file}`);
    assert.deepStrictEqual(rows.sort(), [
      'Cost A 2023:4:4 200 → 205 (5) reclassification a.txt→b.txt',
      'Cost B 2023:4:4 120 → 115 (-5) reclassification a.txt→b.txt',
      'Total revenue 2023:4:4 400 → 410 (10) restatement a.txt→b.txt',
    ]);
  });

  it('shows the latest figure of a restated period, marked, and lists it on Restatements', () => {
    const raw = rawSheets(toSeriesWorkbook(m).toBuffer());
    const is = raw.get('Income Statement')!;
    const header = [...is.entries()].find(([, c]) => c.value === 'FY2023')![0];
    const col = header.replace(/\d+$/, '');
    const revenueRow = [...is.entries()].find(([, c]) => c.value === 'Total revenue')![0].replace(/^[A-Z]+/, '');
    assert.strictEqual(is.get(`${col}${revenueRow}`)!.value, '410');
    assert.match(is.get(`${col}${revenueRow}`)!.formula!, /^'2024Q4 Income Statement'!E\d+$/);
    const rs = raw.get('Restatements')!;
    const cells = [...rs.values()].map((c) => c.value);
    assert.ok(cells.includes('restatement') && cells.includes('reclassification'));
  });
});

describe('company model: derived quarters and splits', () => {
  const cf = (id: string, cols: Col[], values: string[]) => statement(id, 'cash-flow', cols, [['Net cash provided by operating activities', 'amount', values], ['Cash at end of period', 'amount', values.map(() => '500')]]);
  const eps = (cols: Col[], values: string[], shares: string[]) => statement('is', 'income', cols, [['Revenue', 'amount', cols.map(() => '1000')], ['Diluted', 'per-share', values], ['Diluted shares', 'shares', shares]]);
  const q1 = release('q1.txt', '2024-03-31', 1, [eps([q('2024-03-31'), q('2023-03-31')], ['2.50', '2.00'], ['100', '101']), cf('cf', [q('2024-03-31'), q('2023-03-31')], ['30', '25'])]);
  // The second release prints the first quarter again, on the post-split basis.
  const q2 = release('q2.txt', '2024-06-30', 2, [eps([q('2024-06-30'), q('2024-03-31')], ['0.27', '0.25'], ['1000', '1000']), cf('cf', [y('2024-06-30', 6), y('2023-06-30', 6)], ['75', '60'])], ['The company effected a ten-for-one stock split of its common stock.']);
  const m = one(buildSeries([q2, q1]));

  it('derives a quarter of a flow line from year-to-date columns (Q2 = 6M − Q1), never a balance', () => {
    const ocf = m.items.find((i) => i.label === 'Net cash provided by operating activities')!;
    const d = m.derivations.filter((x) => x.item === ocf.id && !x.check).map((x) => `${x.period}=${x.value}`);
    assert.deepStrictEqual(d, ['2023:1:2=35', '2024:1:2=45']);
    const cash = m.items.find((i) => i.label === 'Cash at end of period')!;
    assert.strictEqual(m.derivations.filter((x) => x.item === cash.id).length, 0);
    const per = m.items.filter((i) => i.valueKind !== 'amount');
    assert.strictEqual(m.derivations.filter((x) => per.some((p) => p.id === x.item)).length, 0);
  });

  it('writes the derived quarter as a black italic formula over the release sheets and the model', () => {
    const raw = rawSheets(toSeriesWorkbook(m).toBuffer()).get('Cash Flows')!;
    const row = [...raw.entries()].find(([, c]) => c.value === 'Net cash provided by operating activities')![0].replace(/^[A-Z]+/, '');
    // 2024Q2 is the seventh period column (2023 Q1–Q4, FY2023, 2024Q1, 2024Q2): column H.
    assert.deepStrictEqual({ f: raw.get(`H${row}`)!.formula, v: raw.get(`H${row}`)!.value }, { f: `'2024Q2 Cash Flows'!B6-G${row}`, v: '45' });
  });

  it('flags per-share figures and share counts across a stock split, with the factor the release states', () => {
    assert.deepStrictEqual(m.split && { factor: m.split.factor, stated: m.split.stated, first: m.releases[m.split.release].release.source.file }, { factor: 10, stated: 'ten-for-one stock split', first: 'q2.txt' });
    assert.strictEqual(m.restatements.length, 0);
  });
});

describe('company model: releases grouped by company', () => {
  // Different figures in each, so that none is taken for a copy of another.
  let n = 10;
  const named = (file: string, company: string | null) => {
    const r = release(file, '2024-03-31', 1, [statement('is', 'income', [q('2024-03-31')], [['Revenue', 'amount', [String(n++)]]])]);
    r.meta.company = company;
    return r;
  };

  it('gives one model per company named, and one per release that names none', () => {
    const models = buildSeries([named('a.txt', 'Made Up Corp.'), named('b.txt', 'MADE UP CORPORATION'), named('c.txt', 'Other Co'), named('d.txt', null), named('e.txt', null)]);
    assert.deepStrictEqual(models.map((m) => [m.company, m.releases.map((r) => r.release.source.file)]), [
      ['MADE UP CORPORATION', ['a.txt', 'b.txt']],
      ['Other Co', ['c.txt']],
      ['d', ['d.txt']],
      ['e', ['e.txt']],
    ]);
  });
});

