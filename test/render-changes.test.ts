import assert from 'assert';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { briefingView } from '../src/render/view';
import { yoyChange } from '../src/render/view-figures';

// The change a release prints beside its two period columns is computed from its unrounded
// figures; the page prints it rather than one recomputed from the rounded figures; one recomputed from figures of two significant digits is shown as approximate (~). The release is
// made up (test/fixtures/render/willow.md): its Change (%) column agrees with its figures within
// their rounding on every line but one, and the page takes that line's printed change too.

const WILLOW = 'test/fixtures/render/willow.md';

describe('render: the change the release prints', () => {
  let willow: Release;
  before(async () => {
    willow = infer(await readFile(WILLOW));
  });

  it('the model holds each table\'s change column with the two columns it compares', () => {
    const changes = willow.headline?.changes ?? [];
    const income = willow.statements.find((s) => s.kind === 'income')!;
    assert.deepStrictEqual(changes.find((c) => c.statement === income.id), { statement: income.id, table: 0, current: 0, prior: 1, change: 2 });
    // The reconciliation prints no change column.
    assert.strictEqual(changes.length, 2);
  });

  it('tiles show the printed change of per-unit figures: 0.31 against 0.29 is +7.9% as printed, not +6.9%', () => {
    const tiles = briefingView(willow).tiles.map((t) => [t.caption, t.change?.text]);
    assert.deepStrictEqual(tiles.filter(([c]) => /per unit/.test(c ?? '')), [['FFO per unit', '+7.9%'], ['AFFO per unit', '\u22122.9%']]);
  });

  it('the income statement shows the printed change, also where it differs beyond rounding (290.0%, not 300.0%)', () => {
    const lines = briefingView(willow, { grow: { income: 'all' } }).income?.lines ?? [];
    const change = (label: string) => lines.find((l) => l.label === label)?.cells[2].text;
    assert.strictEqual(change('Income tax benefit'), '+290.0%');
    assert.strictEqual(change('Property operating expenses'), '+3.5%');
    assert.strictEqual(change('Net income'), '+8.3%');
  });

  it('a change recomputed from figures of two significant digits is shown as approximate (~), to the whole per cent', () => {
    const table = willow.statements.flatMap((s) => s.tables.map((t, i) => ({ s, t, i }))).find(({ t }) => t.rows.some((r) => r.label === 'Distributions per unit'))!;
    const row = table.t.rows.findIndex((r) => r.label === 'Distributions per unit');
    const cells = table.t.rows[row].cells;
    const at = { statement: table.s.id, table: table.i, row };
    // 0.19 against 0.18: +5.6% from the printed figures, anything from +2.9% to +8.3% from the unrounded ones.
    assert.strictEqual(yoyChange(willow, at, cells[0]!, 0, cells[1]!, 1)?.text, 'c.\u00a0+6%');
  });
});
