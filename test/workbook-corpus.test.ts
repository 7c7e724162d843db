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

describe('Checks of corpus releases: the identity across tables and EPS', function () {
  this.timeout(300_000);
  before(function () {
    needCorpus(this);
  });
  /** Checks rows of a kind: [what, reported, recomputed, difference, status] as cached. */
  async function checkRows(file: string, kind: string): Promise<string[][]> {
    const cells = rawSheets(await toXlsxBuffer(infer(await readFile(path.join(CORPUS, file))))).get('Checks')!;
    const out: string[][] = [];
    for (let y = 10; cells.has(`A${y}`); y++) {
      if (cells.get(`B${y}`)?.value === kind) out.push(['C', 'E', 'F', 'G', 'J'].map((c) => cells.get(`${c}${y}`)!.value!));
    }
    return out;
  }

  it('Gecina prints assets and liabilities-and-equity as two tables of one balance sheet: TOTAL ASSETS 17,648.7 / 17,918.0 equal the closing row of the second', async () => {
    assert.deepStrictEqual(await checkRows('gecina_fy2024_djn.md', 'balance'), [
      ['TOTAL ASSETS − TOTAL LIABILITIES (liabilities and equity) (Dec-31-2023 EUR)', '17648.7', '17648.7', '0', 'ties'],
      ['TOTAL ASSETS − TOTAL LIABILITIES (liabilities and equity) (Dec-31-2024 EUR)', '17918', '17918', '0', 'ties'],
    ]);
  });

  it('Microsoft FY24 Q4: diluted EPS $2.95 = net income $22,036M ÷ 7,472M diluted shares, $11.80 = $88,136M ÷ 7,469M', async () => {
    const rows = (await checkRows('microsoft_q4fy24_press_release.md', 'eps')).filter((r) => r[0].startsWith('Diluted'));
    assert.deepStrictEqual(rows.map((r) => [r[0].replace(/.*\(/, '('), ...r.slice(1)]), [
      ['(3M Jun-30-2024 USD)', '2.95', '2.95', '0', 'ties'],
      ['(3M Jun-30-2023 USD)', '2.69', '2.69', '0', 'ties'],
      ['(12M Jun-30-2024 USD)', '11.8', '11.8', '0', 'ties'],
      ['(12M Jun-30-2023 USD)', '9.68', '9.68', '0', 'ties'],
    ]);
  });
});
