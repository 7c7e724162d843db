import assert from 'assert';
import { promises as fs } from 'fs';
import type { HyperFormula } from 'hyperformula';
import os from 'os';
import path from 'path';
import { buildOne } from '../src/build';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { toXlsxBuffer } from '../src/write/workbook';
import { planLayout, type Layout } from '../src/write/workbook/layout';
import { planFormulas, type FormulaPlan } from '../src/write/workbook/formulas';
import { reportedFigures } from './fixtures/workbook/figures';
import { cachedMismatches, hyperformula, valueAt } from './fixtures/workbook/recompute';
import { rawSheets, type RawCell } from './fixtures/workbook/xlsx';

// The bundled sample, written and then recomputed by HyperFormula, an engine that shares no code
// with the writer: every formula must reproduce its cached result and every reported figure.

const SAMPLE = 'samples/qifu-q3-2024.txt';

describe('workbook of the bundled sample', () => {
  let release: Release;
  let layout: Layout;
  let plan: FormulaPlan;
  let raw: Map<string, Map<string, RawCell>>;
  let hf: HyperFormula;
  const at = (sheet: string, a1: string) => valueAt(hf, sheet, a1);

  before(async () => {
    release = infer(await readFile(SAMPLE));
    layout = planLayout(release);
    plan = planFormulas(release, layout);
    raw = rawSheets(await toXlsxBuffer(release));
    hf = hyperformula(raw);
  });
  after(() => hf?.destroy());

  it('holds all 499 reported figures', () => {
    assert.strictEqual(reportedFigures(release, layout).length, 499);
  });

  it('recomputes every formula to its cached result', () => {
    const { formulas, off } = cachedMismatches(hf, raw);
    assert.deepStrictEqual(off, []);
    assert.ok(formulas > 500, `${formulas} formulas`);
  });

  it('reproduces every reported figure within one unit of its last printed digit', () => {
    const off = reportedFigures(release, layout)
      .filter((f) => { const v = at(f.sheet, f.a1); return typeof v !== 'number' || Math.abs(v - f.value) > f.unit * (1 + 1e-9); })
      .map((f) => `${f.sheet}!${f.a1}: reported ${f.value}, recomputed ${JSON.stringify(at(f.sheet, f.a1))}`);
    assert.deepStrictEqual(off, []);
  });

  it('ties every check that a written formula makes, and shows the rest within one unit of rounding', () => {
    const checks = raw.get('Checks')!;
    const diffs = [...checks].filter(([a1, c]) => /^G\d+$/.test(a1) && c.formula?.startsWith('ROUND(E'));
    assert.ok(diffs.length > 250, `${diffs.length} checks`);
    const nonzero = diffs.filter(([a1]) => at('Checks', a1) !== 0).map(([a1]) => a1.slice(1));
    // Only relations kept out of the statements (they hold within rounding, not exactly) may differ.
    assert.strictEqual(nonzero.length, plan.checkOnly.length);
    assert.deepStrictEqual(nonzero.map((y) => at('Checks', `J${y}`)), nonzero.map(() => 'within rounding'));
    assert.strictEqual(at('Checks', 'B3'), diffs.length);
    assert.strictEqual(at('Checks', 'B4'), diffs.length - nonzero.length);
    assert.strictEqual(at('Checks', 'B6'), 0);
    assert.match(String(at('Summary', 'B9')), new RegExp(`^All ${diffs.length} checks tie`));
  });

  it('makes at least 95% of the figures in bold rows and of the USD figures live formulas', () => {
    const figs = reportedFigures(release, layout);
    const share = (subset: typeof figs) => subset.filter((f) => plan.cells.has(f.key)).length / subset.length;
    const bold = figs.filter((f) => f.bold);
    const usd = figs.filter((f) => f.usd);
    assert.ok(bold.length > 50 && usd.length > 100, `${bold.length} bold, ${usd.length} USD`);
    assert.ok(share(bold) >= 0.95, `bold rows: ${share(bold)}`);
    assert.ok(share(usd) >= 0.95, `USD: ${share(usd)}`);
  });

  it('writes byte-identical workbooks from two builds', async () => {
    const dirs = await Promise.all([1, 2].map(() => fs.mkdtemp(path.join(os.tmpdir(), 'tieout-wb-'))));
    try {
      for (const out of dirs) await buildOne(SAMPLE, { out, pdf: false });
      const [a, b] = await Promise.all(dirs.map((d) => fs.readFile(path.join(d, 'qifu-q3-2024.xlsx'))));
      assert.ok(a.length > 10_000);
      assert.ok(a.equals(b), 'the two builds differ');
    } finally {
      await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
    }
  });
});
