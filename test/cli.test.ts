import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { expectedFigures, type HandColumn } from './support/tab-figures';
import { freshDir, readRefusalCases, ROOT, runCli } from './support/run-cli';

// The command line as a user meets it: bin/tieout.js in a child process, judged by exit code,
// exact stdout/stderr lines and the files it leaves behind.

const SAMPLE = 'samples/qifu-q3-2024.txt';
const CASES = path.join(ROOT, 'test', 'fixtures', 'bad', 'cases.md');

/** The outputs one release may have (the JSON model now; the workbook and briefing as they come), never a temporary. */
function assertOnlyOutputsOf(dir: string, stem: string): void {
  // The store of sets (.tieout) holds what the outputs link to; a reader sees the outputs.
  const names = fs.readdirSync(dir).filter((n) => n !== '.tieout').sort();
  assert.ok(names.includes(`${stem}.json`), names.join(', '));
  assert.deepStrictEqual(names.filter((n) => !new RegExp(`^${stem}\\.(json|xlsx|pdf|html)$`).test(n)), []);
}


interface JsonFigure { value: unknown; text: string; place: { line: number; cell: number } }

describe('cli: refused input (test/fixtures/bad/cases.md)', function () {
  this.timeout(60_000);
  const cases = readRefusalCases(CASES);

  it('lists all nine cases', () => {
    assert.strictEqual(cases.length, 9);
  });

  for (const c of cases) {
    it(`${c.name}: one line, exit ${c.exit}, no stack trace, nothing written`, () => {
      const out = freshDir('cli');
      const run = runCli(c.args.replace('{out}', out).split(' '));
      assert.strictEqual(run.stderr, `${c.stderr}\n`);
      assert.strictEqual(run.code, c.exit);
      assert.strictEqual(run.stdout, '');
      assert.deepStrictEqual(fs.readdirSync(out), []);
    });
  }

  it('prints the stack trace after the same line with --trace', () => {
    const out = freshDir('cli');
    const run = runCli(['build', 'test/fixtures/bad/ragged.txt', '--out', out, '--trace']);
    const lines = run.stderr.trimEnd().split('\n');
    assert.strictEqual(lines[0], "tieout: test/fixtures/bad/ragged.txt:7: expected 3 tab-separated cells, as in the table's first row (line 4), found 2 cells");
    assert.match(lines[1], /^InputError: /);
    assert.ok(lines.slice(2).some((l) => /^\s+at .*tokenize/.test(l)), run.stderr);
    assert.strictEqual(run.code, 1);
    assert.deepStrictEqual(fs.readdirSync(out), []);
  });

  it('builds the good input of a batch and refuses the bad one, exiting with the worst code', () => {
    const out = freshDir('cli');
    const run = runCli(['build', SAMPLE, 'test/fixtures/bad/empty.txt', '--out', out, '--jobs', '1']);
    assert.strictEqual(run.code, 2);
    assert.strictEqual(run.stderr, 'tieout: test/fixtures/bad/empty.txt: expected an earnings release, found an empty file (0 bytes)\n');
    assertOnlyOutputsOf(out, 'qifu-q3-2024');
  });
});

describe('cli: help, version, usage', function () {
  this.timeout(60_000);

  it('--help names the commands and exits 0', () => {
    const run = runCli(['--help']);
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /^Usage: tieout \[options\] \[command\]$/m);
    assert.match(run.stdout, /^ {2}build \[options\] <inputs\.\.\.>/m);
    assert.match(run.stdout, /^ {2}-V, --version/m);
    assert.strictEqual(run.stderr, '');
  });

  it('build --help names --out and --trace', () => {
    const run = runCli(['build', '--help']);
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /^Usage: tieout build \[options\] <inputs\.\.\.>$/m);
    assert.match(run.stdout, /-o, --out <dir>\s+output directory \(default: "output"\)/);
    assert.match(run.stdout, /--trace/);
  });

  it('--version and -V print package.json\'s version', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(version, /^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      const run = runCli([flag]);
      assert.deepStrictEqual([run.code, run.stdout, run.stderr], [0, `${version}\n`, '']);
    }
  });
});

describe('cli: build writes the JSON model', function () {
  this.timeout(60_000);
  let out: string;
  let run: ReturnType<typeof runCli>;
  let model: {
    source: { format: string };
    meta: { company: string; releaseDate: string };
    fx: { rate: unknown };
    statements: { kind: string; tables: { rows: { cells: (JsonFigure | null)[] }[] }[] }[];
  };

  before(() => {
    // A directory that does not exist yet, two levels deep: --out creates it.
    out = path.join(freshDir('cli'), 'models', 'q3');
    run = runCli(['build', SAMPLE, '--out', out]);
    model = JSON.parse(fs.readFileSync(path.join(out, 'qifu-q3-2024.json'), 'utf8'));
  });

  it('exits 0, says what it wrote, and leaves only the release\'s outputs in --out', () => {
    assert.strictEqual(run.stderr, '');
    assert.strictEqual(run.code, 0);
    assert.ok(run.stdout.startsWith(`${SAMPLE}: ${path.join(out, 'qifu-q3-2024.json')}`), run.stdout);
    assert.strictEqual(run.stdout.split('\n').length, 2, 'one line');
    assertOnlyOutputsOf(out, 'qifu-q3-2024');
  });

  it('holds all 499 figures, each value a string equal to the printed figure', () => {
    const figures = model.statements.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c): c is JsonFigure => c !== null))));
    assert.strictEqual(figures.length, 499);
    assert.ok(figures.every((f) => typeof f.value === 'string'), 'every value is a string');
    // Values against a hand parse of the sample's lines; periods and kinds are judged in read-text.test.ts.
    const anyColumn: HandColumn = { end: '', months: null, currency: '' };
    const byPlace = new Map(figures.map((f) => [`${f.place.line}:${f.place.cell}`, f.value]));
    const expected = expectedFigures(fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8'), {
      blocks: Array.from({ length: 7 }, () => Array(6).fill(anyColumn)),
      shareLines: [],
      perShareLines: [],
      amountScale: 3,
    });
    assert.deepStrictEqual(expected.map((e) => [`${e.line}:${e.cell}`, byPlace.get(`${e.line}:${e.cell}`)]), expected.map((e) => [`${e.line}:${e.cell}`, e.value.toString()]));
  });

  it('writes the rate and the named figures as exact strings', () => {
    assert.strictEqual(model.fx.rate, '7.0176');
    assert.deepStrictEqual([model.source.format, model.meta.company, model.meta.releaseDate], ['text', 'Qifu Technology, Inc.', '2024-11-19']);
    const text = JSON.stringify(model);
    assert.ok(text.includes('"value": "46988515"') || text.includes('"value":"46988515"'));
    assert.ok(text.includes('"value":"12.18"') || text.includes('"value": "12.18"'));
  });
});
