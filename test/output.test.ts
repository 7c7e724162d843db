import assert from 'assert';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { OutputError, outputStem, STORE, sweepStaleTemps, uniqueStems, writeOutputs } from '../src/output';

/** The outputs a directory shows (the store of sets aside), each with what it holds; a dangling link shows nothing. */
export function shown(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    if (name === STORE) continue;
    try {
      out[name] = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch (err) {
      if (!['ENOENT', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
    }
  }
  return out;
}

/** Temporaries left anywhere in an output directory: temp links, and sets no release points at. */
export function leftovers(dir: string): string[] {
  const store = path.join(dir, STORE);
  const current = new Set<string>();
  const names = fs.existsSync(store) ? fs.readdirSync(store) : [];
  for (const n of names) {
    try { current.add(path.basename(fs.readlinkSync(path.join(store, n)))); } catch { /* not a link */ }
  }
  const sets = fs.existsSync(path.join(store, 'sets')) ? fs.readdirSync(path.join(store, 'sets')) : [];
  return [
    ...fs.readdirSync(dir).filter((n) => n.startsWith('.tieout-tmp-')),
    ...names.filter((n) => n.startsWith('.tieout-tmp-') || n === 'lock'),
    ...sets.filter((n) => !current.has(n)).map((n) => `sets/${n}`),
  ];
}

describe('output names and the all-or-nothing writer', () => {
  it('derives stems that cannot leave the output directory or hide', () => {
    assert.strictEqual(outputStem('samples/qifu-q3-2024.txt'), 'qifu-q3-2024');
    assert.strictEqual(outputStem('../../etc/passwd'), 'passwd');
    assert.strictEqual(outputStem('/tmp/x/..'), 'release');
    assert.strictEqual(outputStem('.bashrc'), 'bashrc');
    assert.strictEqual(outputStem('a b;rm -rf $HOME`x`.htm'), 'a_b_rm_-rf_HOME_x');
    assert.strictEqual(outputStem('..\\..\\windows\\evil.html'), 'windows_evil');
    assert.strictEqual(outputStem('x'.repeat(300) + '.md').length, 120);
    assert.strictEqual(outputStem('a\x1b[2Jb\nc.txt'), 'a_2Jb_c');
  });

  it('keeps names in any script, so names without a Latin letter do not all become "release"', () => {
    assert.strictEqual(outputStem('奇富科技2024年第三季度.txt'), '奇富科技2024年第三季度');
    assert.strictEqual(outputStem('Société Générale T3.md'), 'Société_Générale_T3');
    assert.strictEqual(outputStem('отчёт.html'), 'отчёт');
  });

  it('gives every input of a batch its own stem, never one a real input has', () => {
    assert.deepStrictEqual(uniqueStems(['a.md', 'a.html', 'a-2.md']), ['a', 'a-3', 'a-2']);
    assert.deepStrictEqual(uniqueStems(['x/r.txt', 'y/r.txt', 'r-2.txt', 'R.md']), ['r', 'r-3', 'r-2', 'R-4']);
    assert.deepStrictEqual(uniqueStems(['€.txt', '$.txt', 'release-2.txt']), ['release', 'release-3', 'release-2']);
    const many = uniqueStems(['a.md', 'a.htm', 'a.html', 'a-2.txt', 'a-3.md', 'a-2.md']);
    assert.strictEqual(new Set(many.map((s) => s.toLowerCase())).size, many.length, many.join(' '));
  });

  it('refuses a name that would land outside the directory and leaves nothing behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    await assert.rejects(
      writeOutputs(dir, 'ok', [{ name: 'ok.json', data: '{}' }, { name: '../escape.json', data: '{}' }]),
      /refusing to write outside/,
    );
    assert.deepStrictEqual(fs.readdirSync(dir), []);
    assert.ok(!fs.existsSync(path.join(dir, '..', 'escape.json')));
    fs.rmSync(dir, { recursive: true });
  });

  it('replaces a release\'s whole set, and drops what the new set has not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    await writeOutputs(dir, 'a', [{ name: 'a.json', data: 'old json' }, { name: 'a.pdf', data: 'old pdf' }]);
    assert.deepStrictEqual(shown(dir), { 'a.json': 'old json', 'a.pdf': 'old pdf' });
    await writeOutputs(dir, 'a', [{ name: 'a.json', data: 'new json' }, { name: 'a.xlsx', data: 'new xlsx' }]);
    assert.deepStrictEqual(shown(dir), { 'a.json': 'new json', 'a.xlsx': 'new xlsx' });
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), [STORE, 'a.json', 'a.xlsx']);
    assert.deepStrictEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true });
  });

  it('keeps the old set whole when a directory stands where an output goes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    await writeOutputs(dir, 'a', [{ name: 'a.json', data: 'old json' }]);
    fs.mkdirSync(path.join(dir, 'a.xlsx'));
    await assert.rejects(
      writeOutputs(dir, 'a', [{ name: 'a.json', data: 'new json' }, { name: 'a.xlsx', data: 'new xlsx' }]),
      (err: Error) => err instanceof OutputError && err.message === `cannot write ${path.join(dir, 'a.xlsx')}: a directory is in the way`,
    );
    assert.deepStrictEqual(shown(dir), { 'a.json': 'old json' });
    assert.deepStrictEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true });
  });

  it('removes its set when the disk fills, and says which file and why', async function () {
    // A small file system of our own: needs root (mount); elsewhere the test cannot run.
    if (process.getuid?.() !== 0) this.skip();
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      fs.rmSync(mnt, { recursive: true });
      this.skip();
    }
    try {
      const big = Buffer.alloc(400 * 1024, 7);
      await writeOutputs(mnt, 'a', [{ name: 'a.json', data: 'old' }]);
      await assert.rejects(
        writeOutputs(mnt, 'a', [{ name: 'a.json', data: big }, { name: 'a.xlsx', data: big }]),
        (err: Error) => err instanceof OutputError && err.message === `cannot write ${path.join(mnt, 'a.xlsx')}: no space left on the device`,
      );
      assert.deepStrictEqual(shown(mnt), { 'a.json': 'old' });
      assert.deepStrictEqual(leftovers(mnt), []);
      // The space is free again: the next release fits.
      await writeOutputs(mnt, 'b', [{ name: 'b.json', data: big }]);
    } finally {
      execFileSync('umount', [mnt]);
      fs.rmSync(mnt, { recursive: true });
    }
  });

  it('serialises concurrent writers of one release: each set lands whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    const sets = Array.from({ length: 12 }, (_, i) => [
      { name: 'a.json', data: `json ${i}` },
      { name: 'a.xlsx', data: `xlsx ${i}` },
      ...(i % 2 ? [{ name: 'a.pdf', data: `pdf ${i}` }] : []),
    ]);
    await Promise.all(sets.map((files) => writeOutputs(dir, 'a', files)));
    const now = shown(dir);
    const n = /^json (\d+)$/.exec(now['a.json'])![1];
    assert.deepStrictEqual(now, Object.fromEntries(sets[Number(n)].map((f) => [f.name, f.data])));
    assert.deepStrictEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true });
  });

  it('sweeps temporaries of dead processes only, and passes over what it may not remove', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    fs.writeFileSync(path.join(dir, '.tieout-tmp-999999999-abc-x.json'), 'partial');
    fs.writeFileSync(path.join(dir, `.tieout-tmp-${process.ppid}-abc-y.json`), 'in flight');
    assert.strictEqual(await sweepStaleTemps(dir), 1);
    assert.deepStrictEqual(fs.readdirSync(dir), [`.tieout-tmp-${process.ppid}-abc-y.json`]);
    fs.rmSync(dir, { recursive: true });
  });
});
