import assert from 'assert';
import { footingPass } from '../src/infer/footing';
import { makeSubsetOrder } from '../src/infer/footing-search';
import { rowAt } from '../src/infer/grid';
import type { Footing, Release } from '../src/model/types';
import { release, statement } from './fixtures/infer/table';

// Footing on hand-made tables: each case states the exact terms, signs, columns and residuals.

function foot(r: Release): Release {
  footingPass.run(r);
  return r;
}

/** "Total = +A +B" for every footing, in the order found. */
function described(r: Release): string[] {
  return r.relations.filter((x): x is Footing => x.type === 'footing').map((f) =>
    `${rowAt(r, f.total)!.label} = ${f.terms.map((t) => `${t.sign > 0 ? '+' : '-'}${rowAt(r, t.ref)!.label}`).join(' ')}`);
}

const cols = [{ label: 'Q1' }, { label: 'Q2' }];

describe('footing', () => {
  it('sums the items directly above a total and makes the subtotals terms of the grand total', () => {
    const r = foot(release([statement('bs', 'balance-sheet', cols, [[
      ['Cash', 'item', '100', '120'],
      ['Receivables', 'item', '50', '40'],
      ['Total current assets', 'total', '150', '160'],
      ['Plant', 'item', '300', '310'],
      ['Goodwill', 'item', '20', '20'],
      ['Total non-current assets', 'total', '320', '330'],
      ['Total assets', 'total', '470', '490'],
    ]])]));
    assert.deepStrictEqual(described(r), [
      'Total current assets = +Cash +Receivables',
      'Total non-current assets = +Plant +Goodwill',
      'Total assets = +Total current assets +Total non-current assets',
    ]);
    const f = r.relations[2] as Footing;
    assert.deepStrictEqual(f.columns, [0, 1]);
    assert.deepStrictEqual(f.residuals.map((x) => x.diff.toNumber()), [0, 0]);
    assert.strictEqual(r.untied.length, 0);
  });

  it('finds a heading total above its lines and uses it as a term below', () => {
    const r = foot(release([statement('is', 'income', cols, [[
      ['Product revenue', 'subtotal', '70', '80'],
      ['Hardware', 'item', '30', '35'],
      ['Software', 'item', '40', '45'],
      ['Services revenue', 'subtotal', '25', '20'],
      ['Support', 'item', '15', '12'],
      ['Consulting', 'item', '10', '8'],
      ['Total revenue', 'total', '95', '100'],
    ]])]));
    assert.deepStrictEqual(described(r), [
      'Product revenue = +Hardware +Software',
      'Services revenue = +Support +Consulting',
      'Total revenue = +Product revenue +Services revenue',
    ]);
  });

  it('subtracts a positive cost total from revenue, and adds a loss line whose sign is in the number', () => {
    const r = foot(release([statement('is', 'income', cols, [[
      ['Revenue', 'total', '1,000', '900'],
      ['Cost of sales', 'item', '400', '380'],
      ['Marketing', 'item', '100', '90'],
      ['Total costs', 'total', '500', '470'],
      ['Operating income', 'subtotal', '500', '430'],
      ['Income tax', 'item', '(120)', '(100)'],
      ['Net income', 'subtotal', '380', '330'],
      ['Net loss attributable to minority holders', 'item', '4', '3'],
      ['Net income attributable to the parent', 'subtotal', '384', '333'],
    ]])]));
    assert.deepStrictEqual(described(r), [
      'Total costs = +Cost of sales +Marketing',
      'Operating income = +Revenue -Total costs',
      'Net income = +Operating income +Income tax',
      'Net income attributable to the parent = +Net income +Net loss attributable to minority holders',
    ]);
  });

  it('leaves a total nothing recomputes as reported, untied, with its gap against the items above', () => {
    const r = foot(release([statement('bs', 'balance-sheet', cols, [[
      ['Cash', 'item', '100', '120'],
      ['Receivables', 'item', '50', '40'],
      ['Total current assets', 'total', '155', '160'],
    ]])]));
    assert.deepStrictEqual(described(r), ['Total current assets = +Cash +Receivables']);
    const f = r.relations[0] as Footing;
    // Holds in Q2 only: Q1 is off by 5 (thousand), far beyond two units of rounding.
    assert.deepStrictEqual(f.columns, [1]);
    assert.deepStrictEqual(f.residuals.map((x) => [x.col, x.diff.toNumber()]), [[0, 5], [1, 0]]);

    const none = foot(release([statement('bs', 'balance-sheet', cols, [[
      ['Cash', 'item', '100', '120'],
      ['Receivables', 'item', '50', '40'],
      ['Total current assets', 'total', '155', '167'],
    ]])]));
    assert.deepStrictEqual(described(none), []);
    assert.deepStrictEqual(none.untied.map((u) => [u.col, u.gap?.toNumber()]), [[0, 5], [1, 7]]);
    assert.match(none.untied[0].reason, /no run of rows above it/);
  });

  it('follows reading order when two directions tie: net income from the rows above, not pre-tax income from below', () => {
    const r = foot(release([statement('is', 'income', cols, [[
      ['Operating income', 'subtotal', '500', '430'],
      ['Other income', 'item', '20', '10'],
      ['Income before tax', 'subtotal', '520', '440'],
      ['Tax', 'item', '(100)', '(90)'],
      ['Net income', 'subtotal', '420', '350'],
    ]])]));
    assert.deepStrictEqual(described(r), [
      'Income before tax = +Operating income +Other income',
      'Net income = +Income before tax +Tax',
    ]);
  });

  it('takes the subtotal, not its items again, when both decompositions tie', () => {
    // Total = Subtotal + C, and also = A + B + C: the subtotal has taken A and B, as an analyst writes it.
    const r = foot(release([statement('x', 'other', cols, [[
      ['A', 'item', '60', '70'],
      ['B', 'item', '40', '35'],
      ['Subtotal', 'subtotal', '100', '105'],
      ['C', 'item', '7', '9'],
      ['Total', 'total', '107', '114'],
    ]])]));
    assert.deepStrictEqual(described(r), ['Subtotal = +A +B', 'Total = +Subtotal +C']);
  });

  it('prefers the run directly above over a scattered subset that also ties', () => {
    // Total = E + F (the run above it); A + D, scattered above, also equals it in both columns.
    const r = foot(release([statement('x', 'other', cols, [[
      ['A', 'item', '50', '61'],
      ['B', 'item', '13', '17'],
      ['Subtotal', 'subtotal', '63', '78'],
      ['D', 'item', '50', '39'],
      ['E', 'item', '45', '44'],
      ['F', 'item', '55', '56'],
      ['Total', 'total', '100', '100'],
    ]])]));
    assert.deepStrictEqual(described(r), ['Subtotal = +A +B', 'Total = +E +F']);
  });

  it('accepts half a unit of the last printed digit per figure, the total\'s included, and no more', () => {
    const within = foot(release([statement('x', 'other', cols, [[
      ['A', 'item', '10.4', '1.1'],
      ['B', 'item', '20.4', '2.2'],
      ['C', 'item', '30.4', '3.3'],
      ['Total', 'total', '61.4', '6.6'],
    ]])]));
    const f = within.relations[0] as Footing;
    assert.deepStrictEqual(f.columns, [0, 1]);
    // 61.4 − 61.2 = 0.2 (thousand): four figures rounded to 0.1 allow 0.2.
    assert.deepStrictEqual(f.residuals.map((x) => x.diff.toString()), ['0.2', '0']);
    // 61.5 cannot be the rounded sum of figures no larger than 10.45, 20.45 and 30.45.
    const beyond = foot(release([statement('x', 'other', cols, [[
      ['A', 'item', '10.4', '1.1'],
      ['B', 'item', '20.4', '2.2'],
      ['C', 'item', '30.4', '3.3'],
      ['Total', 'total', '61.5', '6.6'],
    ]])]));
    assert.deepStrictEqual((beyond.relations[0] as Footing).columns, [1]);
  });

  it('gives a dash no rounding: lines of dashes do not absorb a gap', () => {
    // In thousands, a dash read as "0 rounded to the thousand" would let these three lines take up
    // a gap of 1.5 (thousand) between 10 and 11.
    const r = foot(release([statement('x', 'other', cols, [[
      ['A', 'item', '10', '5'],
      ['B', 'item', '-', '3'],
      ['C', 'item', '-', '2'],
      ['D', 'item', '-', '-'],
      ['Total', 'total', '11', '10'],
    ]])]));
    const f = r.relations.find((x): x is Footing => x.type === 'footing' && rowAt(r, x.total)!.label === 'Total');
    assert.deepStrictEqual(f?.columns ?? [], [1]);
    assert.deepStrictEqual(r.untied.map((u) => [rowAt(r, u.ref)!.label, u.col, u.gap?.toString()]), [['Total', 0, '1']]);
  });

  it('takes no sum of a few small counts for rounding: the gap must be small beside the figures', () => {
    // 2 + 7 + 10 = 19 and 1 + 3 + 4 = 8 are within two units of 17 and 9, as four rounded figures
    // allow; but a gap of two beside figures of ten is no rounding, and D is a line of its own.
    const r = foot(release([statement('x', 'other', cols, [[
      ['A', 'item', '2', '1'],
      ['B', 'item', '7', '3'],
      ['C', 'item', '10', '4'],
      ['D', 'item', '17', '9'],
      ['E', 'item', '5', '2'],
      ['Total', 'total', '41', '19'],
    ]])]));
    assert.deepStrictEqual(described(r), ['Total = +A +B +C +D +E']);
  });

  it('subtracts a line its label takes away before trying it added, and adds it when printed negative', () => {
    const r = foot(release([statement('is', 'income', cols, [[
      ['Profit of consolidated companies', 'item', '500', '600'],
      ['Equity in profit of affiliates', 'item', '1,031', '900'],
      ['Less: Profit attributable to noncontrolling interests', 'item', '1', '1'],
      ['Profit', 'subtotal', '1,530', '1,499'],
    ]])]));
    // All added, 1,532 and 1,501 are within the rounding of four figures of 1,530 and 1,499; but the
    // label says the line is taken away, and then both tie exactly.
    assert.deepStrictEqual(described(r), ['Profit = +Profit of consolidated companies +Equity in profit of affiliates -Less: Profit attributable to noncontrolling interests']);
    assert.deepStrictEqual((r.relations[0] as Footing).residuals.map((x) => x.diff.toString()), ['0', '0']);
    const negative = foot(release([statement('bs', 'balance-sheet', cols, [[
      ['Property, plant and equipment', 'item', '900', '800'],
      ['Less: accumulated depreciation', 'item', '(300)', '(250)'],
      ['Net property, plant and equipment', 'subtotal', '600', '550'],
    ]])]));
    assert.deepStrictEqual(described(negative), ['Net property, plant and equipment = +Property, plant and equipment +Less: accumulated depreciation']);
  });

  it('never sums per-share or share rows with amounts, nor percentages at all', () => {
    const r = foot(release([statement('is', 'income', cols, [[
      ['Net income', 'subtotal', '10', '20'],
      { kind: 'per-share', row: ['Basic', 'item', '4', '8'] },
      { kind: 'per-share', row: ['Diluted', 'item', '6', '12'] },
      { kind: 'percent', row: ['Margin', 'item', '10.0%', '20.0%'] },
      ['Total', 'total', '10', '20'],
    ]])]));
    // Basic + Diluted = Net income numerically, but only the amount above is a term.
    assert.deepStrictEqual(described(r), ['Total = +Net income']);
  });

  it('foots the convenience column with the same terms, and leaves it out where the release converted the total', () => {
    const usd = [{ label: 'Q1' }, { label: 'Q2' }, { label: 'Q2 USD', currency: 'USD', convenience: true }];
    const r = foot(release([statement('is', 'income', usd, [[
      ['A', 'item', '701', '702', '100'],
      ['B', 'item', '702', '703', '100'],
      ['Total', 'total', '1,403', '1,405', '197'],
    ]])]));
    const f = r.relations[0] as Footing;
    assert.deepStrictEqual(f.columns, [0, 1]);
    assert.deepStrictEqual(f.residuals.map((x) => x.diff.toNumber()), [0, 0, -3]);
    assert.deepStrictEqual(r.untied.map((u) => [u.col, u.gap?.toNumber()]), [[2, -3]]);
  });

  it('keeps a subtracted total open: equity = assets − liabilities, then liabilities + equity', () => {
    // The shape of NVIDIA's and Applied Materials' balance sheets: equity printed as one line.
    const r = foot(release([statement('bs', 'balance-sheet', cols, [[
      ['Cash', 'item', '600', '500'],
      ['Plant', 'item', '360', '157'],
      ['Total assets', 'total', '960', '657'],
      ['Payables', 'item', '165', '127'],
      ['Debt', 'item', '136', '100'],
      ['Total liabilities', 'total', '301', '227'],
      ['Shareholders equity', 'item', '659', '430'],
      ['Total liabilities and shareholders equity', 'total', '960', '657'],
    ]])]));
    assert.deepStrictEqual(described(r), [
      'Total assets = +Cash +Plant',
      'Total liabilities = +Payables +Debt',
      'Shareholders equity = +Total assets -Total liabilities',
      'Total liabilities and shareholders equity = +Total liabilities +Shareholders equity',
    ]);
    assert.strictEqual(r.untied.length, 0);
  });
});

describe('footing search: the order scattered subsets are tried in', () => {
  /** The order as the search defines it, by sorting: fewest terms, fewest −, nearest to the end, then as generated. */
  function sortedOrder(size: number): string[] {
    const combos: { idx: number[]; signs: number[]; minus: number; spread: number }[] = [];
    const choose = (start: number, picked: number[]) => {
      if (picked.length >= 2) {
        for (let mask = 0; mask < (1 << picked.length) - 1; mask++) {
          const signs = picked.map((_, b) => ((mask >> b) & 1 ? -1 : 1));
          combos.push({ idx: picked, signs, minus: signs.filter((x) => x < 0).length, spread: size - picked[0] });
        }
      }
      if (picked.length === 4) return;
      for (let s = start; s < size; s++) choose(s + 1, [...picked, s]);
    };
    choose(0, []);
    combos.sort((a, b) => a.idx.length - b.idx.length || a.minus - b.minus || a.spread - b.spread);
    return combos.map((c) => c.idx.map((p, k) => `${c.signs[k] < 0 ? '-' : '+'}${p}`).join(' '));
  }

  function written(size: number): string[] {
    const o = makeSubsetOrder(size);
    return Array.from({ length: o.count }, (_, c) => Array.from({ length: o.len[c] }, (_, k) => `${o.sign[c * 4 + k] < 0 ? '-' : '+'}${o.pos[c * 4 + k]}`).join(' '));
  }

  it('writes out, for every pool size up to twelve, exactly the sorted order', () => {
    for (let size = 0; size <= 12; size++) assert.deepStrictEqual(written(size), sortedOrder(size), `pool of ${size}`);
    assert.strictEqual(makeSubsetOrder(12).count, 9163);
    // Two terms before three; no − before one; the first term nearest the end first; then reading order.
    assert.deepStrictEqual(written(3), ['+1 +2', '+0 +1', '+0 +2', '-1 +2', '+1 -2', '-0 +1', '+0 -1', '-0 +2', '+0 -2', '+0 +1 +2', '-0 +1 +2', '+0 -1 +2', '+0 +1 -2', '-0 -1 +2', '-0 +1 -2', '+0 -1 -2']);
  });
});
