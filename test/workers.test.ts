import assert from 'assert';
import Decimal from 'decimal.js';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import { infer } from '../src/infer';
import { InputError } from '../src/model/errors';
import { releaseFromJson } from '../src/model/revive';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { NO_BROWSER } from '../src/render/browser';
import { make } from '../src/stages';
import { BuildWorkers } from '../src/workers';
import { toJson } from '../src/write/json';
import { toXlsxBuffer } from '../src/write/workbook';
import { runCli } from './support/run-cli';
import { CORPUS } from './support/corpus';

// The CLI builds in worker threads and hands the model back as JSON: what comes back must be the
// same model, and what the workers write the same bytes as a build in this thread.

const SAMPLE = path.resolve(__dirname, '..', 'samples', 'qifu-q3-2024.txt');
const OTHERS = ['nvidia_q3fy25_newsroom.html', 'kelly_services_q4_2024_globenewswire.md', 'sears_q2_2004_8k_ex99.txt']
  .map((f) => path.join(CORPUS, f))
  .filter((f) => fs.existsSync(f));

/** Every place the model holds a Decimal, with a path for the failure message. */
function decimals(r: Release): [string, unknown][] {
  const out: [string, unknown][] = [];
  r.statements.forEach((s) => s.tables.forEach((t, ti) => t.rows.forEach((row, ri) => row.cells.forEach((c, ci) => {
    if (c && c.value !== null) out.push([`${s.id}/${ti}/${ri}/${ci}`, c.value]);
  }))));
  if (r.fx) out.push(['fx.rate', r.fx.rate]);
  r.facts.forEach((f) => {
    out.push([`fact ${f.id}`, f.value]);
    if (f.tie) out.push([`fact ${f.id} tableValue`, f.tie.tableValue], [`fact ${f.id} diff`, f.tie.diff]);
  });
  r.relations.forEach((rel) => {
    if (rel.type === 'footing') rel.residuals.forEach((x) => out.push([`${rel.id} residual ${x.col}`, x.diff]));
    else out.push([`${rel.id} diff`, rel.diff]);
  });
  r.untied.forEach((u, i) => { if (u.gap !== undefined) out.push([`untied ${i} gap`, u.gap]); });
  return out;
}

describe('the model as JSON, read back', function () {
  this.timeout(60_000);
  for (const file of [SAMPLE, ...OTHERS]) {
    it(`${path.basename(file)}: the same JSON again, every figure a Decimal`, async () => {
      const release = infer(await readFile(file));
      const json = toJson(release);
      const back = releaseFromJson(json);
      assert.strictEqual(toJson(back), json);
      const found = decimals(back);
      assert.ok(found.length > 50, `${found.length} decimals`);
      for (const [where, v] of found) assert.ok(Decimal.isDecimal(v), `${where}: ${typeof v}`);
      // Exactly the figures, not their float neighbours.
      assert.deepStrictEqual(decimals(back).map(([w, v]) => [w, String(v)]), decimals(release).map(([w, v]) => [w, String(v)]));
    });
  }

  it('keeps text that looks like a number as text outside the Decimal fields', () => {
    const back = releaseFromJson(JSON.stringify({ meta: { company: '12.5' }, fx: { rate: '7.0176', text: '7.0176' } }));
    assert.strictEqual((back.meta as { company: unknown }).company, '12.5');
    assert.ok(Decimal.isDecimal(back.fx?.rate));
    assert.strictEqual(back.fx?.text, '7.0176');
  });
});

describe('worker threads', function () {
  this.timeout(120_000);
  let workers: BuildWorkers;
  before(() => { workers = new BuildWorkers(2); });
  after(() => workers.close());

  it('build the same JSON and workbook bytes as this thread, several releases at once', async () => {
    const files = [SAMPLE, ...OTHERS];
    const read: string[] = [];
    const viaWorkers = await Promise.all(files.map((f) => workers.make(f, {}, () => read.push(f))));
    assert.deepStrictEqual([...read].sort(), [...files].sort(), 'each release says it was read');
    for (const [i, file] of files.entries()) {
      const here = await make(file);
      assert.ok(viaWorkers[i].json.equals(here.json), file);
      assert.ok((await viaWorkers[i].workbook()).equals(await toXlsxBuffer(here.release())), file);
      assert.strictEqual(toJson(viaWorkers[i].release()), here.json.toString('utf8'));
      assert.deepStrictEqual(viaWorkers[i].diagnostics, here.diagnostics);
      for (const stage of ['read', 'infer', 'json', 'xlsx']) assert.ok(viaWorkers[i].timings[stage] >= 0, `${file} ${stage}`);
    }
  });

  it('hand back an InputError with its message, exit code and the stack of where it was thrown', async () => {
    const bad = path.resolve(__dirname, 'fixtures', 'bad', 'ragged.txt');
    const err = await workers.make(bad).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof InputError, String(err));
    const local = await make(bad).then(() => null, (e: unknown) => e as InputError);
    assert.strictEqual(err.message, local?.message);
    assert.strictEqual(err.exitCode, local?.exitCode);
    assert.match(err.stack ?? '', /tokenize/);
    // The worker is free again afterwards.
    assert.strictEqual((await workers.make(SAMPLE)).release().statements.length, 5);
  });
});

describe('worker threads that die', function () {
  this.timeout(60_000);

  it('fail only their own release, with a clear error, and the next release gets a new worker', async () => {
    let started = 0;
    // A worker that exits as soon as it is given a release, as one killed by running out of memory would.
    const dying = () => {
      started++;
      return new Worker("require('worker_threads').parentPort.on('message', () => process.exit(3));", { eval: true });
    };
    const workers = new BuildWorkers(1, dying);
    try {
      const results = await Promise.allSettled([workers.make(SAMPLE), workers.make(SAMPLE), workers.make(SAMPLE)]);
      assert.deepStrictEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
      for (const r of results) assert.strictEqual((r as PromiseRejectedResult).reason.message, 'worker thread exited with code 3');
      assert.strictEqual(started, 3, 'one new worker per release');
    } finally {
      await workers.close();
    }
  });
});

/** A stand-in worker thread that refuses every release it is given; `thenExit` ends it just after. */
function refusingWorker(thenExit: boolean): Worker {
  return new Worker(`const { parentPort } = require('worker_threads');
    parentPort.on('message', (job) => {
      parentPort.postMessage({ id: job.id, type: 'error', stage: 'model', error: { message: 'refused' } });
      ${thenExit ? 'setTimeout(() => process.exit(0), 20);' : ''}
    });`, { eval: true });
}

describe('worker threads that end while idle', function () {
  this.timeout(60_000);

  it('are replaced: the next release gets a new worker instead of waiting on a dead one', async () => {
    let started = 0;
    // A worker that answers its release and then exits before it is given another.
    const brief = () => {
      started++;
      return refusingWorker(true);
    };
    const workers = new BuildWorkers(1, brief);
    try {
      await assert.rejects(workers.make(SAMPLE), /^Error: refused$/);
      await new Promise((r) => setTimeout(r, 300));
      await assert.rejects(workers.make(SAMPLE), /^Error: refused$/);
      assert.strictEqual(started, 2);
    } finally {
      await workers.close();
    }
  });
});

describe('cli: no browser', function () {
  this.timeout(120_000);

  it('every release of a batch says so, one line each, and the run ends (no page is waited for forever)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-nobrowser-'));
    const run = runCli(['build', 'samples/qifu-q3-2024.txt', 'test/fixtures/text/millions.txt', 'samples/qifu-q3-2024.txt', '--out', out, '--jobs', '1'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    // Each line names its release.
    const expected = (input: string) => `tieout: ${input}: ${NO_BROWSER} (PUPPETEER_EXECUTABLE_PATH=/nonexistent/chrome does not exist)`;
    assert.deepStrictEqual(run.stderr.trimEnd().split('\n').sort(), ['samples/qifu-q3-2024.txt', 'samples/qifu-q3-2024.txt', 'test/fixtures/text/millions.txt'].map(expected));
    assert.strictEqual(run.code, 1);
    assert.match(run.stdout, /^0 of 3 releases built in \d+\.\d s; 3 failed\n$/);
    assert.deepStrictEqual(fs.readdirSync(out), []);
  });
});

describe('worker threads started ahead', function () {
  this.timeout(60_000);

  it('all boot at prepare(), before any release is asked for, and the releases then use them', async () => {
    let started = 0;
    const refusing = () => {
      started++;
      return refusingWorker(false);
    };
    const workers = new BuildWorkers(3, refusing);
    try {
      workers.prepare();
      await new Promise((r) => setImmediate(r));
      assert.strictEqual(started, 3);
      const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => workers.make(SAMPLE)));
      assert.deepStrictEqual(results.map((r) => r.status === 'rejected' && (r.reason as Error).message), Array(5).fill('refused'));
      assert.strictEqual(started, 3, 'no thread beyond the three started ahead');
    } finally {
      await workers.close();
    }
  });
});
