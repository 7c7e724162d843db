import assert from 'assert';
import { promises as fs, readdirSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { buildModels } from '../src/company';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { expandInputs } from '../src/batch';
import { pageCount } from '../src/render/pdf';
import { buildSeries, type SeriesModel } from '../src/series';
import { shown } from '../src/series/derive';
import { toSeriesWorkbook } from '../src/write/workbook/series';
import { needSeries, SERIES } from './support/corpus';
import { freshDir, runCli } from './support/run-cli';
import { rawSheets, type RawCell } from './fixtures/workbook/xlsx';
import { recalculate, type Recalculated } from './support/libreoffice';

// Each company of ../shared/series built into its model and recalculated by LibreOffice: every
// formula (links to the releases' own sheets, derived quarters, analysis, checks) must give the
// result the writer cached, and the derived figures below were computed by hand from the releases.

async function modelOf(company: string): Promise<SeriesModel> {
  const releases: Release[] = [];
  for (const file of await expandInputs([path.join(SERIES, company)])) {
    try { releases.push(infer(await readFile(file))); } catch { /* a release without statements (a preliminary one) is left out */ }
  }
  const models = buildSeries(releases);
  assert.strictEqual(models.length, 1);
  return models[0];
}

interface Built { model: SeriesModel; raw: Map<string, Map<string, RawCell>>; lo: Recalculated }

const MODEL_SHEETS = ['Income Statement', 'Balance Sheet', 'Cash Flows', 'Non-GAAP Measures', 'Restatements', 'Guidance', 'Checks'];

async function build(company: string): Promise<Built> {
  const model = await modelOf(company);
  const buf = toSeriesWorkbook(model).toBuffer();
  const raw = rawSheets(buf);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tieout-series-'));
  try {
    const file = path.join(dir, 'model.xlsx');
    await fs.writeFile(file, buf);
    // A company whose releases print no non-GAAP measure twice has no Non-GAAP Measures sheet.
    return { model, raw, lo: await recalculate(file, MODEL_SHEETS.filter((s) => raw.has(s))) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function loValue(lo: Recalculated, sheet: string, a1: string): string {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return lo.sheets.get(sheet)?.[Number(m[2]) - 1]?.[col - 1] ?? '';
}

/** Every formula of the model's own sheets whose LibreOffice result differs from the cached one. */
function mismatches(b: Built): string[] {
  const off: string[] = [];
  let formulas = 0;
  for (const sheet of MODEL_SHEETS) {
    for (const [a1, cell] of b.raw.get(sheet) ?? []) {
      if (!cell.formula) continue;
      formulas++;
      const text = loValue(b.lo, sheet, a1);
      const got = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
      const want = Number(cell.value);
      const same = cell.type === 'str' ? text === cell.value : Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
      if (!same) off.push(`${sheet}!${a1} =${cell.formula}: cached ${cell.value}, LibreOffice ${text}`);
    }
  }
  assert.ok(formulas > 100, `${formulas} formulas`);
  return off;
}

/** Rows of the Checks sheet as LibreOffice computed them: [check, item, period, reported, recomputed, diff, tol, status, what]. */
function checkRows(b: Built): string[][] {
  return (b.lo.sheets.get('Checks') ?? []).filter((r) => ['footing', 'quarter', 'identity'].includes(r[0]));
}

/** The recomputed figure of a quarter check (a printed quarter against its year to date). */
function derivedCheck(b: Built, label: string, period: string): number[] {
  return checkRows(b).filter((r) => r[0] === 'quarter' && r[1] === label && r[2] === period).map((r) => Number(r[4]));
}

/** A model cell by its row label and period column, as LibreOffice computed it, and its formula. */
function modelCell(b: Built, sheet: string, label: string, period: string): { value: number; formula: string | null } {
  const rows = b.lo.sheets.get(sheet)!;
  const col = rows[3].indexOf(period);
  const row = rows.findIndex((r) => r[0] === label);
  assert.ok(col > 0 && row > 0, `${sheet}: ${label} / ${period}`);
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return { value: Number(rows[row][col]), formula: b.raw.get(sheet)!.get(`${letters}${row + 1}`)?.formula ?? null };
}

/** Every check beyond rounding must say why: figures printed by different releases. */
function unexplained(b: Built): string[] {
  return checkRows(b).filter((r) => r[7] === 'fails' && new Set(r[8].match(/\d{4}Q\d/g) ?? []).size < 2).map((r) => r.join(' | '));
}

describe('company models of ../shared/series, recalculated by LibreOffice', function () {
  this.timeout(600_000);
  before(function () { needSeries(this); });

  it('Apple: links and derivations reproduce; Q4 FY24 = FY − 9M; Q3 FY24 operating cash flow = 9M − 6M', async () => {
    const b = await build('apple');
    assert.deepStrictEqual(mismatches(b), []);
    // 391,035 − 296,105 (twelve months, nine months ended June 29, 2024) and 93,736 − 79,000.
    // The segment and category tables under the statement each end in a Total net sales row too.
    assert.deepStrictEqual([...new Set(derivedCheck(b, 'Total net sales', '2024Q4'))], [94930]);
    assert.deepStrictEqual(derivedCheck(b, 'Net income', '2024Q4'), [14736]);
    // Cash generated by operating activities: 91,443 (nine months) − 62,585 (six months).
    const ocf = modelCell(b, 'Cash Flows', 'Cash generated by operating activities', '2024Q3');
    assert.strictEqual(ocf.value, 28858);
    assert.match(ocf.formula!, /^'2024Q3 Cash Flows'!B\d+-'2024Q2 Cash Flows'!B\d+$/);
    assert.deepStrictEqual(unexplained(b), []);
  });

  it('Costco: the 16-week Q4 and the 52/53-week years placed by the releases; Q2 FY24 operating cash flow = 24 weeks − 12 weeks', async () => {
    const b = await build('costco');
    assert.deepStrictEqual(mismatches(b), []);
    // 254,453 (52 weeks) − 174,756 (36 weeks); 7,367 − 5,013.
    assert.deepStrictEqual(derivedCheck(b, 'Total revenue', '2024Q4'), [79697]);
    assert.deepStrictEqual(derivedCheck(b, 'NET INCOME', '2024Q4'), [2354]);
    // 5,382 (24 weeks ended February 18, 2024) − 4,651 (12 weeks ended November 26, 2023).
    assert.strictEqual(modelCell(b, 'Cash Flows', 'Net cash provided by operating activities', '2024Q2').value, 731);
    const is = b.lo.sheets.get('Income Statement')!;
    assert.strictEqual(is[4][is[3].indexOf('2024Q4')], '2024-09-01');
    assert.strictEqual(is[4][is[3].indexOf('FY2023')], '2023-09-03');
    assert.deepStrictEqual(unexplained(b), []);
  });

  it('NVIDIA: Q4 FY24 = FY − 9M; the tax line matched across its rename; the ten-for-one split flagged', async () => {
    const b = await build('nvidia');
    assert.deepStrictEqual(mismatches(b), []);
    // 60,922 − 38,819; 29,760 − 17,475; operating cash flow 28,090 − 16,591.
    assert.deepStrictEqual(derivedCheck(b, 'Revenue', '2024Q4'), [22103]);
    assert.deepStrictEqual([...new Set(derivedCheck(b, 'Net income', '2024Q4'))], [12285]);
    assert.deepStrictEqual(derivedCheck(b, 'Net cash provided by operating activities', '2024Q4'), [11499]);
    const m = b.model;
    const tax = m.items.filter((i) => i.kind === 'income' && (i.label === 'Income tax expense' || i.labels.includes('Income tax expense (benefit)')));
    assert.strictEqual(tax.length, 1);
    assert.strictEqual(tax[0].label, 'Income tax expense');
    // Q3 FY24 as printed by the Q3 FY24 release (under the old label) and the Q3 FY25 release: 1,279.
    assert.deepStrictEqual(tax[0].sources.get('2024:1:3')!.map((s) => `${m.releases[s.release].label} ${s.value}`), ['2024Q3 1279', '2025Q3 1279']);
    assert.strictEqual(shown(tax[0], '2023:1:3')!.value.toString(), '-67');
    assert.strictEqual(m.split?.factor, 10);
    assert.match(m.split!.stated!, /^ten-for-one (forward )?stock split$/i);
    // Diluted EPS of Q3 FY24: $3.71 before the split, $0.37 as the Q3 FY25 release reprints it.
    const diluted = m.items.find((i) => i.kind === 'income' && i.valueKind === 'per-share' && i.label === 'Diluted')!;
    const flag = m.splitFlags.find((f) => f.item === diluted.id && f.period === '2024:1:3')!;
    assert.deepStrictEqual([flag.before.value.toString(), flag.after.value.toString(), flag.factor], ['3.71', '0.37', 10]);
    assert.strictEqual(m.restatements.filter((r) => r.item === diluted.id).length, 0);
    assert.deepStrictEqual(unexplained(b), []);
    // Guidance: the Q2 FY25 release expects Q3 revenue of "$32.5 billion, plus or minus 2%"; the Q3 FY25
    // release reports $35,082 million: above. Recomputed by LibreOffice, the actual linked to the model.
    const guided = (b.lo.sheets.get('Guidance') ?? []).filter((r) => r[0] === 'Revenue' && r[1] === '2025Q3');
    assert.deepStrictEqual(guided.map((r) => [r[2], r[3], r[5], r[6], r[7], r[8]]), [['31.85', '33.15', '2025Q2: fy2025q2_edgar-ex991.htm', 'Revenue', '35.082', 'above']]);
    // A guided margin is the ratio of its lines: "GAAP … gross margins are expected to be 74.4% …, plus or
    // minus 50 basis points" against gross profit 26,156 / revenue 35,082 = 74.557%: in.
    const margin = (b.lo.sheets.get('Guidance') ?? []).filter((r) => r[0] === 'GAAP gross margins' && r[1] === '2025Q3');
    assert.deepStrictEqual(margin.map((r) => [r[2], r[3], r[6], Number(r[7].replace(/%$/, '')).toFixed(3), r[8]]), [['73.9%', '74.9%', 'Gross profit / Revenue', '74.557', 'in']]);
    // A guided tax rate is tax over pre-tax income: the Q2 FY25 release expects "GAAP and non-GAAP tax
    // rates … 17%, plus or minus 1%, excluding any discrete items"; Q3 FY25: 3,007 / 22,316 = 13.475%: below.
    const taxRate = (b.lo.sheets.get('Guidance') ?? []).filter((r) => r[0] === 'GAAP and non-GAAP tax rates' && r[1] === '2025Q3');
    assert.deepStrictEqual(taxRate.map((r) => [r[2], r[3], r[6], Number(r[7].replace(/%$/, '')).toFixed(3), r[8], r[9]]), [['16%', '18%', 'Income tax expense / Income before income tax', '13.475', 'below', 'guided excluding any discrete items; the actual includes them']]);
    // Non-GAAP Measures, from the reconciliation tables: non-GAAP operating income of Q3 FY25 23,276 and
    // of Q3 FY24 11,557 (printed by the Q3 FY24, Q4 FY24 and Q3 FY25 releases); Q4 FY24 checked as
    // FY 37,134 − nine months 22,385 = 14,749, non-GAAP net income 32,312 − 19,473 = 12,839.
    const nonGaap = (label: string) => m.items.filter((i) => i.kind === 'non-gaap' && i.label === label);
    assert.strictEqual(nonGaap('Non-GAAP operating income').length, 1);
    assert.deepStrictEqual(nonGaap('Non-GAAP operating income')[0].sources.get('2024:1:3')!.map((s) => `${m.releases[s.release].label} ${s.value}`), ['2024Q3 11557', '2024Q4 11557', '2025Q3 11557']);
    const ngOp = modelCell(b, 'Non-GAAP Measures', 'Non-GAAP operating income', '2025Q3');
    assert.strictEqual(ngOp.value, 23276);
    assert.match(ngOp.formula!, /^'2025Q3 [^']+'!B\d+$/);
    assert.deepStrictEqual(derivedCheck(b, 'Non-GAAP operating income', '2024Q4'), [14749]);
    assert.deepStrictEqual(derivedCheck(b, 'Non-GAAP net income', '2024Q4'), [12839]);
    // The Q4 FY24 filing and its newsroom page are one release: five releases, each once.
    assert.deepStrictEqual(m.releases.map((r) => r.label), ['2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3']);
    // The Q3 FY25 release's own outlook (Q4 revenue of $37.5 billion ± 2%) is not yet reported.
    const next = (b.lo.sheets.get('Guidance') ?? []).find((r) => r[0] === 'Revenue' && r[1] === '2025Q4')!;
    assert.deepStrictEqual([next[2], next[3], next[8]], ['36.75', '38.25', 'not yet reported']);
  });

  it('Boeing: Q4 2024 = FY − 9M; Q2 2024 operating cash flow = 6M − Q1; the loss/earnings wording matched by figures', async () => {
    const b = await build('boeing');
    assert.deepStrictEqual(mismatches(b), []);
    // 66,517 − 51,275; (11,829) − (7,968).
    assert.deepStrictEqual(derivedCheck(b, 'Total revenues', '2024Q4'), [15242]);
    // Net loss is also a line of the non-GAAP sheet (the summary table beside core loss): the same Q4.
    assert.deepStrictEqual([...new Set(derivedCheck(b, 'Net loss', '2024Q4'))], [-3861]);
    // (7,285) six months − (3,362) first quarter.
    assert.strictEqual(modelCell(b, 'Cash Flows', 'Net cash (used)/provided by operating activities', '2024Q2').value, -3923);
    const m = b.model;
    const ops = m.items.filter((i) => i.kind === 'income' && /from operations/i.test([i.label, ...i.labels].join(' ')));
    assert.strictEqual(ops.length, 1);
    assert.strictEqual(ops[0].label, '(Loss)/earnings from operations');
    assert.deepStrictEqual([...ops[0].labels].sort(), ['Loss from operations', 'Loss/(earnings) from operations']);
    // FY2023: (773) in the 2023 Q4 release (Loss/(earnings)) and the 2024 Q4 release ((Loss)/earnings).
    assert.deepStrictEqual(ops[0].sources.get('2023:4:4')!.map((s) => `${m.releases[s.release].label} ${s.value}`), ['2023Q4 -773', '2024Q4 -773']);
    assert.strictEqual(shown(ops[0], '2024:1:3')!.value.toString(), '-5761');
    assert.deepStrictEqual(unexplained(b), []);
  });

  it('tieout model writes one model per company, byte-identical on a second run', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'tieout-models-'));
    try {
      const inputs = [path.join(SERIES, 'apple'), path.join(SERIES, 'costco')];
      const first = await buildModels(await expandInputs(inputs), { out, pdf: false });
      assert.deepStrictEqual(first.models.map((m) => [m.company, m.releases]), [['Apple Inc.', 4], ['Costco Wholesale Corporation', 4]]);
      // The outputs, beside the store of whole sets they link into (README: all or none, per release).
      const names = (await fs.readdir(out)).filter((n) => n !== '.tieout').sort();
      assert.deepStrictEqual(names, ['Apple-Inc-model.json', 'Apple-Inc-model.xlsx', 'Costco-Wholesale-Corporation-model.json', 'Costco-Wholesale-Corporation-model.xlsx']);
      const bytes = await Promise.all(names.map((n) => fs.readFile(path.join(out, n))));
      await buildModels(await expandInputs(inputs), { out, pdf: false });
      const again = await Promise.all(names.map((n) => fs.readFile(path.join(out, n))));
      names.forEach((n, i) => assert.ok(bytes[i].equals(again[i]), n));
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  });

  it('tieout model leaves out a release it cannot read, says so in one line, and exits 1', () => {
    const out = freshDir('model');
    try {
      const run = runCli(['model', path.join(SERIES, 'boeing'), '--out', out]);
      assert.strictEqual(run.code, 1);
      assert.deepStrictEqual(run.stderr.trim().split('\n').map((l) => l.replace(SERIES, 'SERIES')), [
        'tieout: SERIES/boeing/2024q3-prelim_edgar-ex991.htm: expected at least one table of figures (a financial statement), found none (14 paragraphs of text read as html) (left out of the model)',
      ]);
      assert.match(run.stdout, /^The Boeing Company: 5 releases: .*The-Boeing-Company-model\.json, .*The-Boeing-Company-model\.xlsx, .*The-Boeing-Company-model\.pdf, .*The-Boeing-Company-model\.html\n$/);
      assert.deepStrictEqual(readdirSync(out).sort(), ['.tieout', 'The-Boeing-Company-model.html', 'The-Boeing-Company-model.json', 'The-Boeing-Company-model.pdf', 'The-Boeing-Company-model.xlsx']);
      // The trend page: one page, Q4 2024 against Q4 2023 as the releases print them (revenue 15,242 and 22,018).
      assert.strictEqual(pageCount(readFileSync(path.join(out, 'The-Boeing-Company-model.pdf'))), 1);
      const html = readFileSync(path.join(out, 'The-Boeing-Company-model.html'), 'utf8');
      assert.match(html, /Trend to 2024Q4/);
      assert.match(html, /<td class="label">Total revenues<\/td><td class="num now">15,242<\/td><td class="num prior">22,018<\/td><td class="num chg neg">\u221230\.8%<\/td>/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
