import assert from 'assert';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { runCli } from './support/run-cli';

// tieout check: one line per document, a summary, and the exit code build would give: 2 when a
// document cannot be read as text at all (an empty file), 1 when it is read but unusable.

describe('tieout check', function () {
  this.timeout(120_000);

  it('prints one line per document and a summary, and exits 2 when one cannot be read (an empty file)', () => {
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-check-')), 'empty.txt');
    fs.writeFileSync(empty, '');
    const run = runCli(['check', 'samples/qifu-q3-2024.txt', empty]);
    assert.strictEqual(run.code, 2);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^document\s+format\s+statements\s+tables\s+figures\s+tied\/totals\s+diagnostics$/);
    assert.match(lines[1], /^qifu-q3-2024\.txt\s+text\s+BS,IS,CF,CI,NG\s+7\s+499\s+114\/114\s+0E \dW 0I$/);
    assert.strictEqual(lines[2], `empty.txt         NOT READ: ${empty}: expected an earnings release, found an empty file (0 bytes)`);
    assert.strictEqual(lines[3], '');
    assert.strictEqual(lines[4], '1 of 2 documents read; 499 figures; totals tied 114/114 (100.0%)');
    assert.strictEqual(lines.length, 5);
  });

  it('exits 0 when every document reads', () => {
    const run = runCli(['check', 'samples/qifu-q3-2024.txt']);
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /1 of 1 documents read; 499 figures/);
  });
});
