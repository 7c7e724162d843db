import assert from 'assert';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { outputStem, sweepStaleTemps, writeOutputs } from '../src/output';

describe('output names and the all-or-nothing writer', () => {
  it('derives stems that cannot leave the output directory or hide', () => {
    assert.strictEqual(outputStem('samples/qifu-q3-2024.txt'), 'qifu-q3-2024');
    assert.strictEqual(outputStem('../../etc/passwd'), 'passwd');
    assert.strictEqual(outputStem('/tmp/x/..'), 'release');
    assert.strictEqual(outputStem('.bashrc'), 'bashrc');
    assert.strictEqual(outputStem('a b;rm -rf $HOME`x`.htm'), 'a_b_rm_-rf_HOME_x');
    assert.strictEqual(outputStem('..\\..\\windows\\evil.html'), 'windows_evil');
    assert.strictEqual(outputStem('x'.repeat(300) + '.md').length, 120);
  });

  it('refuses a name that would land outside the directory and leaves nothing behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    await assert.rejects(
      writeOutputs(dir, [{ name: 'ok.json', data: '{}' }, { name: '../escape.json', data: '{}' }]),
      /refusing to write outside/,
    );
    assert.deepStrictEqual(fs.readdirSync(dir), []);
    assert.ok(!fs.existsSync(path.join(dir, '..', 'escape.json')));
    fs.rmSync(dir, { recursive: true });
  });

  it('replaces an existing output only with a complete one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    fs.writeFileSync(path.join(dir, 'a.json'), 'old');
    await writeOutputs(dir, [{ name: 'a.json', data: 'new' }]);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'a.json'), 'utf8'), 'new');
    assert.deepStrictEqual(fs.readdirSync(dir), ['a.json']);
    fs.rmSync(dir, { recursive: true });
  });

  it('sweeps temporaries of dead processes only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-out-'));
    fs.writeFileSync(path.join(dir, '.tieout-tmp-999999999-abc-x.json'), 'partial');
    fs.writeFileSync(path.join(dir, `.tieout-tmp-${process.ppid}-abc-y.json`), 'in flight');
    assert.strictEqual(await sweepStaleTemps(dir), 1);
    assert.deepStrictEqual(fs.readdirSync(dir), [`.tieout-tmp-${process.ppid}-abc-y.json`]);
    fs.rmSync(dir, { recursive: true });
  });
});
