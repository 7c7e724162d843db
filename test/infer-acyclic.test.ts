import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import { cellKey } from '../src/model/refs';
import type { CellRef, Release } from '../src/model/types';
import { readFile } from '../src/read';
import { CORPUS, corpusReleases } from './support/corpus';

// Every figure is typed or defined by exactly one relation, and the definitions can be put in an
// order where each comes after everything it reads: a workbook of these formulas never cycles.

/** Each defined cell with the cells it reads; throws on a cell defined twice. */
function definitions(release: Release): Map<string, string[]> {
  const defs = new Map<string, string[]>();
  const define = (target: string, reads: string[], id: string) => {
    assert.ok(!defs.has(target), `${target} defined twice (again by ${id})`);
    defs.set(target, reads);
  };
  const key = (c: CellRef) => cellKey(c, c.col);
  for (const r of release.relations) {
    if (r.type === 'footing') for (const col of r.columns) define(cellKey(r.total, col), r.terms.map((t) => cellKey(t.ref, col)), r.id);
    else if (r.type === 'ratio') define(key(r.target), [key(r.numerator), key(r.denominator)], r.id);
    else if (r.type === 'across') define(key(r.target), r.terms.map((t) => key(t.ref)), r.id);
    else if (r.type === 'change') define(key(r.target), [key(r.current), key(r.prior)], r.id);
    else define(key(r.target), [key(r.source)], r.id);
  }
  return defs;
}

/** Kahn's algorithm over the defined cells; returns the order, or the cells left on a cycle. */
function topoSort(defs: Map<string, string[]>): { order: string[]; cyclic: string[] } {
  const pending = new Map<string, number>();
  const readers = new Map<string, string[]>();
  for (const [cell, reads] of defs) {
    const inner = reads.filter((r) => defs.has(r));
    pending.set(cell, inner.length);
    for (const r of inner) readers.set(r, [...(readers.get(r) ?? []), cell]);
  }
  const ready = [...pending].filter(([, n]) => n === 0).map(([c]) => c);
  const order: string[] = [];
  while (ready.length) {
    const c = ready.pop()!;
    order.push(c);
    for (const d of readers.get(c) ?? []) {
      const left = pending.get(d)! - 1;
      pending.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  return { order, cyclic: [...pending].filter(([, n]) => n > 0).map(([c]) => c) };
}

describe('inferred relations are acyclic, one definition per figure', function () {
  this.timeout(300_000);

  it('sorts the sample\'s 190 relations topologically', async () => {
    const release = infer(await readFile('samples/qifu-q3-2024.txt'));
    assert.strictEqual(release.relations.length, 190);
    const defs = definitions(release);
    const { order, cyclic } = topoSort(defs);
    assert.deepStrictEqual(cyclic, []);
    assert.strictEqual(order.length, defs.size);
    // A total comes after its terms: TOTAL ASSETS after Total current assets, operating income after revenue.
    assert.ok(order.indexOf('balance-sheet/0/25/1') > order.indexOf('balance-sheet/0/12/1'));
    assert.ok(order.indexOf('income/0/19/2') > order.indexOf('income/0/9/2'));
  });

  it('sorts a hand-made cycle as cyclic (the check can fail)', () => {
    const { cyclic } = topoSort(new Map([['a', ['b']], ['b', ['a']], ['c', []]]));
    assert.deepStrictEqual(cyclic.sort(), ['a', 'b']);
  });

  const files = corpusReleases();
  it(`stays acyclic on every corpus release that reads (${files.length} files)`, async () => {
    let sorted = 0;
    for (const f of files) {
      let release: Release;
      try {
        release = infer(await readFile(path.join(CORPUS, f)));
      } catch {
        continue; // a release no reader reads yet has nothing to sort
      }
      const defs = definitions(release);
      const { cyclic } = topoSort(defs);
      assert.deepStrictEqual(cyclic, [], f);
      sorted++;
    }
    assert.ok(files.length === 0 || sorted > 0);
  });
});
