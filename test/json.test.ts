import assert from 'assert';
import path from 'path';
import { Decimal } from '../src/model/decimal';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { infer } from '../src/infer';
import { toJson, toJsonBytes } from '../src/write/json';

// The JSON writer encodes the release in pieces; what it writes must be exactly JSON.stringify's text.

const SAMPLE = path.join(__dirname, '..', 'samples', 'qifu-q3-2024.txt');

describe('write: JSON', () => {
  it('writes the inferred sample exactly as JSON.stringify does, on one line', async () => {
    const release = infer(await readFile(SAMPLE));
    const bytes = toJsonBytes(release);
    assert.ok(bytes.length > 100_000, `${bytes.length} bytes: enough to span many pieces`);
    assert.strictEqual(bytes.toString('utf8'), `${JSON.stringify(release)}\n`);
    assert.strictEqual(toJson(release), bytes.toString('utf8'));
    assert.strictEqual(bytes.toString('utf8').split('\n').length, 2);
  });

  it('keeps JSON.stringify\'s rules at every piece boundary: dashes, quotes, undefined, symbols, empty arrays, Decimals', () => {
    const label = (i: number) => `Net revenue — “adjusted” ${i} \u{1F4C8} "q" \\ é`;
    const release = {
      source: { file: 'hand — made.txt', format: 'text', bytes: 1 },
      meta: { company: undefined, headline: 'Résumé' },
      fx: null,
      statements: Array.from({ length: 3000 }, (_, i) => ({ id: label(i), value: new Decimal(`${i}.5`), skip: undefined })),
      facts: [],
      prose: [undefined, () => 1, 'text'],
      relations: [new Decimal('-0.000001')],
      untied: undefined,
      marker: Symbol('no JSON'),
      diagnostics: [],
    } as unknown as Release;
    const text = toJsonBytes(release).toString('utf8');
    assert.ok(text.length > 200_000);
    assert.strictEqual(text, `${JSON.stringify(release)}\n`);
    assert.ok(text.includes('"prose":[null,null,"text"]') && text.includes('"relations":["-0.000001"]') && !text.includes('untied') && !text.includes('marker'));
  });
});
