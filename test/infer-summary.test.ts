import assert from 'assert';
import { infer } from '../src/infer';
import { Decimal } from '../src/model/decimal';
import { tieSummary } from '../src/infer/summary';
import { readFile } from '../src/read';

describe('tie summary', () => {
  it('counts the sample and names its two rounding gaps as a reader reads them', async () => {
    const s = tieSummary(infer(await readFile('samples/qifu-q3-2024.txt')));
    assert.deepStrictEqual([s.totalsTied, s.totalsFound, s.relations], [114, 114, 190]);
    assert.deepStrictEqual(s.exceptions, [
      { text: 'Basic (3M Sep-30-2024 USD): reported 1.76, recomputed 1.77', rounding: true },
      { text: 'Effect of foreign exchange rate changes (9M Sep-30-2024 USD): reported (2,767), recomputed (2,768)', rounding: true },
    ]);
  });

  it('tells a gap beyond rounding from one within it', async () => {
    const r = infer(await readFile('samples/qifu-q3-2024.txt'));
    const conv = r.relations.find((x) => x.type === 'conversion' && x.diff.isZero());
    assert.ok(conv && conv.type === 'conversion');
    conv.diff = new Decimal(5);
    const gap = tieSummary(r).exceptions.find((e) => !e.rounding);
    assert.ok(gap, 'a five-unit gap is not rounding');
    assert.match(gap.text, /: reported [\d,]+, recomputed [\d,]+$/);
  });
});
