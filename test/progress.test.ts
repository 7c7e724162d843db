import assert from 'assert';
import { spawnSync } from 'child_process';
import path from 'path';
import { ensureCompiled, freshDir, ROOT, runCli } from './support/run-cli';

// The batch's progress: a bar on a terminal, plain result lines anywhere else. The terminal is a
// real pseudo-terminal made by util-linux's `script`, so the CLI sees what it sees in a shell.

const SAMPLE = 'samples/qifu-q3-2024.txt';
const ESC = '\x1b';


/** Runs the CLI on a pseudo-terminal; stdout and stderr arrive mixed, as a user sees them. */
function runOnTerminal(args: string[]): { code: number | null; screen: string } {
  ensureCompiled();
  const command = [process.execPath, path.join(ROOT, 'bin', 'tieout.js'), ...args].map((a) => `'${a}'`).join(' ');
  const res = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  if (res.error) throw new Error(`this test needs util-linux's script for a terminal (apt-get install bsdutils): ${res.error.message}`);
  return { code: res.status, screen: res.stdout };
}

describe('cli: progress of a batch', function () {
  this.timeout(120_000);
  const resultLine = (out: string, stem: string) => `${SAMPLE}: ${out}/${stem}.json, ${out}/${stem}.xlsx`;

  it('on a terminal: a bar from 0/3 up to 3/3, each result line once above it, the bar wiped before the summary', () => {
    const out = freshDir('progress');
    const run = runOnTerminal(['build', SAMPLE, SAMPLE, SAMPLE, '--no-pdf', '--out', out]);
    assert.strictEqual(run.code, 0, run.screen);
    const bars = [...run.screen.matchAll(/building \S+ (\d)\/3 releases/g)].map((m) => Number(m[1]));
    // Drawn at most ten times a second, so a frame between the first and the last may be skipped.
    assert.strictEqual(bars[0], 0, run.screen);
    assert.strictEqual(bars[bars.length - 1], 3, run.screen);
    assert.ok(bars.every((b, i) => i === 0 || b >= bars[i - 1]), run.screen);
    for (const stem of ['qifu-q3-2024', 'qifu-q3-2024-2', 'qifu-q3-2024-3']) {
      assert.strictEqual(run.screen.split(resultLine(out, stem)).length - 1, 1, `${stem}: ${run.screen}`);
    }
    // The cursor hidden for the bar is shown again, and the summary starts on a wiped line.
    assert.ok(run.screen.includes(`${ESC}[?25h`), run.screen);
    assert.match(run.screen, new RegExp(`${ESC}\\[2K3 of 3 releases built in \\d+\\.\\d s\\r\\n$`));
  });

  it('anywhere else: the result lines and the summary, no bar and no terminal codes', () => {
    const out = freshDir('progress');
    const run = runCli(['build', SAMPLE, SAMPLE, '--no-pdf', '--out', out]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stderr, '');
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, 2).sort(), [resultLine(out, 'qifu-q3-2024'), resultLine(out, 'qifu-q3-2024-2')].sort());
    assert.match(lines[2], /^2 of 2 releases built in \d+\.\d s$/);
    assert.strictEqual(lines.length, 3);
    assert.ok(!run.stdout.includes(ESC));
  });
});
