import assert from 'assert';
import { readFile } from '../src/read';

describe('sample', () => {
  it('reads five statements from the bundled sample', async () => {
    const r = await readFile('samples/qifu-q3-2024.txt');
    assert.deepStrictEqual(r.statements.map((s) => s.kind), ['balance-sheet', 'income', 'cash-flow', 'comprehensive-income', 'non-gaap']);
  });
});
