import assert from 'assert';
import { spawn, spawnSync, execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { sweepStaleTemps } from '../src/output';
import { zipEntries } from './fixtures/workbook/xlsx';
import { leftovers, shown } from './output.test';

// A batch killed at random moments leaves only complete, valid outputs: every file that carries an
// output name parses as what it claims to be. Temporary files of the killed run are swept by the next.

const CLI = path.resolve('bin/tieout.js');
const COPIES = 4;

// The runs' own temporary directory: there no other tieout on the machine (another test run) sweeps
// the profile a killed run left before it is counted.
let tmp = os.tmpdir();

/** The browser profiles in the runs' temporary directory that belong to process `pid`. */
const profilesOf = (pid: number) => fs.readdirSync(tmp).filter((n) => n.startsWith(`tieout-chromium-${pid}-`));

/** Runs a build, killed after `killAfterMs`, or as soon as its browser profile exists with 'at launch'. */
function runBuild(inputs: string, out: string, killAfterMs: number | null | 'at launch'): Promise<{ code: number | null; ms: number; pid: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, 'build', inputs, '--out', out, '--jobs', '2'], { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } });
    const timer = killAfterMs === null ? null
      : killAfterMs === 'at launch' ? setInterval(() => { if (profilesOf(child.pid ?? -1).length) child.kill('SIGKILL'); }, 10)
      : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearInterval(timer);
      resolve({ code, ms: Date.now() - t0, pid: child.pid ?? -1 });
    });
  });
}

/**
 * Checks every output a reader sees in `out` and that each release's outputs are one set: all of
 * them resolve into the same set directory. A link to nothing is no output (a release never built).
 */
async function assertOnlyCompleteOutputs(out: string): Promise<number> {
  let checked = 0;
  const setOf = new Map<string, string>();
  for (const name of fs.readdirSync(out)) {
    if (name.startsWith('.tieout-tmp-') || name === '.tieout') continue;
    const file = path.join(out, name);
    if (!fs.existsSync(file)) continue;
    const stem = name.replace(/\.[a-z]+$/, '');
    const set = path.dirname(fs.realpathSync(file));
    assert.strictEqual(setOf.get(stem) ?? set, set, `${stem}: outputs from two sets`);
    setOf.set(stem, set);
    if (name.endsWith('.json')) {
      const model = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.ok(Array.isArray(model.statements) && model.statements.length > 0, `${name}: statements`);
    } else if (name.endsWith('.xlsx')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      assert.ok(wb.worksheets.length > 1, `${name}: sheets`);
    } else if (name.endsWith('.pdf')) {
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      assert.match(info, /^Pages:\s+1$/m, `${name}: one page`);
    } else if (name.endsWith('.html')) {
      assert.match(fs.readFileSync(file, 'utf8'), /<\/html>\s*$/i, `${name}: whole page`);
    } else {
      assert.fail(`unexpected file in the output directory: ${name}`);
    }
    checked++;
  }
  return checked;
}

describe('a killed batch leaves only complete outputs', function () {
  this.timeout(1_200_000);
  let dir: string;
  let inputs: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-kill-'));
    inputs = path.join(dir, 'in');
    fs.mkdirSync(inputs);
    tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
    for (let i = 0; i < COPIES; i++) fs.copyFileSync('samples/qifu-q3-2024.txt', path.join(inputs, `release-${i}.txt`));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('SIGKILL at random moments never leaves a partial or invalid output', async () => {
    const full = await runBuild(inputs, path.join(dir, 'full'), null);
    assert.strictEqual(full.code, 0);
    const expected = await assertOnlyCompleteOutputs(path.join(dir, 'full'));
    assert.ok(expected >= COPIES, `a full run writes at least one output per release (${expected})`);
    // Deterministic "random" moments spread over the run's whole duration.
    let seed = 7;
    const out = path.join(dir, 'killed');
    for (let round = 0; round < 6; round++) {
      seed = (seed * 48271) % 2147483647;
      const at = 30 + (seed % Math.max(1, full.ms));
      await runBuild(inputs, out, at);
      if (fs.existsSync(out)) await assertOnlyCompleteOutputs(out);
    }
    // One more, killed the moment its browser's profile exists: that profile outlives it.
    const atLaunch = await runBuild(inputs, out, 'at launch');
    // Counted at once: any tieout on the machine that starts a browser sweeps the profiles of dead runs.
    const leftProfiles = profilesOf(atLaunch.pid).length;
    if (fs.existsSync(out)) await assertOnlyCompleteOutputs(out);
    // Killed runs leave no browser behind: Chromium talks over a pipe and exits when tieout dies.
    await new Promise((r) => setTimeout(r, 3000));
    const orphans = execFileSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /tieout-chromium-/.test(l) && /^\s*1\s/.test(l));
    assert.deepStrictEqual(orphans, []);
    // The next complete run sweeps what the killed runs left (temporaries and browser profiles) and
    // writes every output.
    assert.strictEqual(leftProfiles, 1, 'a run killed once its browser started left its profile');
    const last = await runBuild(inputs, out, null);
    assert.strictEqual(last.code, 0);
    assert.deepStrictEqual(leftovers(out), []);
    assert.deepStrictEqual(profilesOf(atLaunch.pid), []);
    assert.strictEqual(await assertOnlyCompleteOutputs(out), expected);
  });
});

describe('a release\'s set is entirely old or entirely new, whatever happens', function () {
  this.timeout(1_200_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-sets-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const OLD = { 'a.json': 'old json', 'a.pdf': 'old pdf', 'a.xlsx': 'old xlsx' };
  const NEW = { 'a.html': 'new html', 'a.json': 'new json', 'a.xlsx': 'new xlsx' };
  // Every step of writing and making a set current, in order (a kill after the last leaves it done).
  const STEPS = ['wrote a.json', 'wrote a.xlsx', 'wrote a.html', 'linked a.json', 'linked a.xlsx', 'linked a.html', 'committed', 'cleaned'];

  for (const [i, step] of STEPS.entries()) {
    it(`SIGKILL after "${step}" leaves the ${i < 6 ? 'old' : 'new'} set whole`, async () => {
      const out = path.join(dir, `step-${i}`);
      const write = (dieAt: string, files: Record<string, string>) => spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'kill-write.ts'), out, dieAt, JSON.stringify(files)], { encoding: 'utf8' });
      assert.strictEqual(write('', OLD).stdout, 'done\n');
      const child = write(step, NEW);
      assert.strictEqual(child.signal, 'SIGKILL', child.stderr);
      assert.deepStrictEqual(shown(out), i < 6 ? OLD : NEW);
      // What the killed writer left is swept by the next run, and the set it made stays.
      await sweepStaleTemps(out);
      assert.deepStrictEqual(leftovers(out), []);
      assert.deepStrictEqual(shown(out), i < 6 ? OLD : NEW);
    });
  }

  it('two batches over one --out at once: every release\'s set comes whole from one of them', async () => {
    const copies = 4;
    const variants = ['Qifu', 'Qifv'].map((name) => {
      const inputs = path.join(dir, `in-${name}`);
      fs.mkdirSync(inputs);
      const text = fs.readFileSync('samples/qifu-q3-2024.txt', 'utf8').replace(/Qifu/g, name);
      for (let i = 0; i < copies; i++) fs.writeFileSync(path.join(inputs, `release-${i}.txt`), text);
      return inputs;
    });
    const out = path.join(dir, 'shared-out');
    for (const pdf of [false, true]) {
      const runs = await Promise.all(variants.map((inputs) => new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'build', inputs, '--out', out, '--jobs', '1', ...(pdf ? [] : ['--no-pdf'])], { stdio: 'ignore' });
        child.on('exit', resolve);
      })));
      assert.deepStrictEqual(runs, [0, 0]);
      await assertOnlyCompleteOutputs(out);
      for (let i = 0; i < copies; i++) {
        const stem = `release-${i}`;
        const json = fs.readFileSync(path.join(out, `${stem}.json`), 'utf8');
        const from = json.includes('Qifv Technology') ? 'Qifv' : 'Qifu';
        const other = from === 'Qifu' ? 'Qifv' : 'Qifu';
        const parts = [json, zipText(path.join(out, `${stem}.xlsx`)), ...(pdf ? [fs.readFileSync(path.join(out, `${stem}.html`), 'utf8')] : [])];
        for (const p of parts) {
          assert.ok(p.includes(`${from} Technology`) && !p.includes(`${other} Technology`), `${stem}: mixed sets`);
        }
        assert.strictEqual(fs.existsSync(path.join(out, `${stem}.pdf`)), pdf, `${stem}: a briefing only from a run that printed one`);
      }
      assert.deepStrictEqual(leftovers(out), []);
    }
  });
});

/** The text of every part of a workbook, joined. */
function zipText(file: string): string {
  return [...zipEntries(fs.readFileSync(file)).values()].map((b) => b.toString('utf8')).join('\n');
}
