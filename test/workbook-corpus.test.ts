import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import { InputError } from '../src/model/errors';
import { readFile } from '../src/read';
import { toXlsxBuffer } from '../src/write/workbook';
import { planLayout } from '../src/write/workbook/layout';
import { reportedFigures } from './fixtures/workbook/figures';
import { cachedMismatches, hyperformula, valueAt } from './fixtures/workbook/recompute';
import { rawSheets } from './fixtures/workbook/xlsx';
import { CORPUS, corpusReleases, needCorpus } from './support/corpus';

// Every release of the shared corpus that the readers can read: its workbook recomputes, in an
// independent engine, to the cached results and to every reported figure (the writer keeps a
// relation that would move a figure out of the statements).

describe('workbooks of the corpus', function () {
  this.timeout(600_000);
  before(function () {
    needCorpus(this);
  });
  it('recompute to their cached results and reported figures', async () => {
    const files = corpusReleases();
    let written = 0;
    const off: string[] = [];
    for (const f of files) {
      let release;
      try {
        release = infer(await readFile(path.join(CORPUS, f)));
      } catch (e) {
        if (e instanceof InputError) continue; // a release the readers cannot use: their tests cover it
        throw e;
      }
      const raw = rawSheets(await toXlsxBuffer(release));
      const hf = hyperformula(raw);
      try {
        off.push(...cachedMismatches(hf, raw).off.map((m) => `${f}: ${m}`));
        for (const fig of reportedFigures(release, planLayout(release))) {
          const v = valueAt(hf, fig.sheet, fig.a1);
          if (typeof v !== 'number' || Math.abs(v - fig.value) > fig.unit * (1 + 1e-9)) off.push(`${f}: ${fig.sheet}!${fig.a1} reported ${fig.value}, recomputed ${JSON.stringify(v)}`);
        }
      } finally {
        hf.destroy();
      }
      written++;
    }
    assert.ok(written >= 20, `${written} workbooks`);
    assert.deepStrictEqual(off.slice(0, 20), []);
  });
});
