import assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { zipEntries } from './fixtures/workbook/xlsx';
import { CORPUS, hasCorpus } from './support/corpus';
import { ensureCompiled, freshDir, ROOT, runCli } from './support/run-cli';

// The command line under faults and hostile input: odd names and characters, unusable output
// directories, broken browsers, shared directories, and what the README promises of exit codes.

/** As a user types it, from the project root (where the CLI runs). */
const SAMPLE = 'samples/qifu-q3-2024.txt';
const BIN = path.join(ROOT, 'bin', 'tieout.js');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** A small release of our own: two periods, three rows that foot. */
function release(title = 'Condensed Statements of Operations', label = 'Revenue'): string {
  return `# Example Corp Q3 2024 results\n\n**${title}**\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\n${label}\t1,000\t1,234\nOther income\t400\t434\nTotal income\t1,400\t1,668\n`;
}

/** The same release as HTML, `label` as written in the source (character references and all). */
function htmlRelease(label = 'Revenue'): string {
  return '<html><body><p>Example Corp Q3 2024 results</p><p><b>Condensed Statements of Operations</b></p><table>'
    + '<tr><td></td><td>Three months ended September 30, 2023</td><td>Three months ended September 30, 2024</td></tr>'
    + `<tr><td>${label}</td><td>1,000</td><td>1,234</td></tr><tr><td>Other income</td><td>400</td><td>434</td></tr>`
    + '<tr><td>Total income</td><td>1,400</td><td>1,668</td></tr></table></body></html>';
}

/** Characters XML 1.0 forbids, as a regular expression over a part's text. */
const XML_FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every XML part of a workbook, checked for forbidden characters; the shared strings returned. */
function xmlParts(xlsx: string): string {
  const parts = zipEntries(fs.readFileSync(xlsx));
  for (const [name, data] of parts) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const text = data.toString('utf8');
    const bad = XML_FORBIDDEN.exec(text);
    assert.strictEqual(bad, null, `${name} holds U+${bad?.[0].charCodeAt(0).toString(16)} at ${bad?.index}`);
  }
  return parts.get('xl/sharedStrings.xml')!.toString('utf8');
}

/** Runs the CLI as another user (root only): for shared directories and permissions. */
function runAs(uid: number, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  ensureCompiled();
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', uid, gid: uid, env: { ...process.env, HOME: '/tmp', NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('cli under faults and hostile input', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => { dir = freshDir('faults'); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes no character XML 1.0 forbids, from text or from HTML character references', () => {
    const text = path.join(dir, 'ffff.txt');
    fs.writeFileSync(text, release('Condensed Statements of Operations', 'Reve\uffffnue\ufffe\u0001'));
    const html = path.join(dir, 'ffff.html');
    fs.writeFileSync(html, htmlRelease('Reve&#xFFFF;nue&#xFFFE;&#1;'));
    const out = path.join(dir, 'xml');
    const run = runCli(['build', text, html, '--out', out, '--no-pdf', '--jobs', '1']);
    assert.strictEqual(run.stderr, '');
    assert.strictEqual(run.code, 0);
    for (const stem of ['ffff', 'ffff-2']) {
      const strings = xmlParts(path.join(out, `${stem}.xlsx`));
      // The labels after the bad one are all there (LibreOffice blanked every one after it).
      assert.match(strings, /<t>Revenue<\/t>/);
      assert.match(strings, /<t>Total income<\/t>/);
    }
  });

  it('builds a statement whose title holds "!" (its Checks name the cell by structure)', () => {
    const file = path.join(dir, 'bang.txt');
    fs.writeFileSync(file, release('Key metrics! (unaudited)', 'Users'));
    const out = path.join(dir, 'bang');
    const run = runCli(['build', file, '--out', out, '--no-pdf']);
    assert.strictEqual(run.stderr, '');
    assert.strictEqual(run.code, 0);
    assert.match(xmlParts(path.join(out, 'bang.xlsx')), /<t>Key metrics! \(unaudited\)!C8<\/t>/);
  });

  it('gives generated names that never meet a real one: a.md a.html a-2.md', () => {
    const inputs = ['a.md', 'a.html', 'a-2.md'].map((n, i) => {
      const p = path.join(dir, n);
      fs.writeFileSync(p, n.endsWith('.html') ? htmlRelease(`Revenue ${i + 1}`) : release(undefined, `Revenue ${i + 1}`));
      return p;
    });
    const out = path.join(dir, 'names');
    const run = runCli(['build', ...inputs, '--out', out, '--no-pdf', '--jobs', '1']);
    assert.strictEqual(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').slice(0, 3).sort();
    assert.deepStrictEqual(lines.map((l) => l.replace(/: .*\/([^/]+)\.json, .*/, ': $1')), [`${inputs[0]}: a`, `${inputs[1]}: a-3`, `${inputs[2]}: a-2`].sort());
    // Each set holds its own release: the label it was given.
    for (const [stem, n] of [['a', '1'], ['a-3', '2'], ['a-2', '3']]) {
      const model = fs.readFileSync(path.join(out, `${stem}.json`), 'utf8');
      assert.ok(model.includes(`"Revenue ${n}"`), stem);
    }
  });

  it('refuses rows wider than a sheet (XFD) with a line naming the table', () => {
    const cols = 20_000;
    const file = path.join(dir, 'wide.txt');
    fs.writeFileSync(file, `# Example Corp Q3 2024 results\n\n**Key metrics**\n\n\t${Array.from({ length: cols }, (_, i) => `Three months ended September 30, ${2000 + (i % 30)}`).join('\t')}\nUsers\t${Array.from({ length: cols }, (_, i) => String(i)).join('\t')}\n`);
    const out = path.join(dir, 'wide');
    const run = runCli(['build', file, '--out', out, '--no-pdf']);
    assert.strictEqual(run.stderr, 'tieout: wide.txt:5: expected a table of at most 16,382 figure columns (a sheet ends at column XFD, the 16,384th, and holds the labels and the source line besides), found 20,000 columns in "Key metrics"\n');
    assert.strictEqual(run.code, 1);
    assert.deepStrictEqual(fs.readdirSync(out), []);
  });

  it('tieout check exits 2 where build does: missing, binary, oversized, --from bogus', () => {
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 21 * 1024 * 1024);
    const cases: [string[], string][] = [
      [['check', 'test/fixtures/bad/no-such-release.txt'], 'NOT READ: test/fixtures/bad/no-such-release.txt: expected a readable file, found no such file'],
      [['check', 'test/fixtures/bad/logo.png'], 'NOT READ: test/fixtures/bad/logo.png:3: expected text, found binary content (a NUL byte at offset 8)'],
      [['check', big], `NOT READ: ${big}: expected a release of at most 20 MB, found 21.0 MB`],
      [['check', SAMPLE, '--from', 'bogus'], 'NOT READ: '],
    ];
    for (const [args, says] of cases) {
      const run = runCli(args);
      assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      assert.ok(run.stdout.includes(says), run.stdout);
    }
    // Text with no table is read but unusable: 1, as for build.
    assert.strictEqual(runCli(['check', 'test/fixtures/bad/no-tables.txt']).code, 1);
  });

  it('tieout check takes a directory as build does', () => {
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(path.join(tree, 'q3'), { recursive: true });
    fs.writeFileSync(path.join(tree, 'q3', 'one.txt'), release());
    fs.writeFileSync(path.join(tree, 'two.htm'), htmlRelease());
    const run = runCli(['check', tree]);
    assert.strictEqual(run.code, 0, run.stdout);
    const docs = run.stdout.split('\n').slice(1).filter((l) => /^\S/.test(l) && !/documents read/.test(l)).map((l) => l.split(/\s+/)[0]);
    assert.deepStrictEqual(docs, ['one.txt', 'two.htm']);
    assert.match(run.stdout, /^2 of 2 documents read;/m);
  });

  it('follows a symbolic link to a release inside an input directory, once, and skips a loop saying why', () => {
    const tree = path.join(dir, 'links');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(tree);
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'real.txt'), release());
    fs.symlinkSync(path.join(elsewhere, 'real.txt'), path.join(tree, 'linked.txt'));
    fs.symlinkSync(tree, path.join(tree, 'loop'));
    fs.symlinkSync(path.join(dir, 'nothing.txt'), path.join(tree, 'dangling.txt'));
    const out = path.join(dir, 'links-out');
    const run = runCli(['build', tree, '--out', out, '--no-pdf']);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stderr, [
      `tieout: ${path.join(tree, 'dangling.txt')}: skipped, a symbolic link to nothing`,
      `tieout: ${path.join(tree, 'loop')}: skipped, a link to ${fs.realpathSync(tree)}, a directory already read (a loop or a second way in)`,
      '',
    ].join('\n'));
    assert.ok(fs.existsSync(path.join(out, 'linked.json')));
  });

  it('prints file names with escapes and newlines as escapes, never raw', () => {
    const name = path.join(dir, 'evil\x1b[2J\nforged line.txt');
    fs.writeFileSync(name, 'no tables here, only prose.\n');
    const out = path.join(dir, 'evil-out');
    const run = runCli(['build', name, '--out', out, '--no-pdf']);
    assert.strictEqual(run.code, 1);
    assert.ok(!run.stderr.includes('\x1b'), JSON.stringify(run.stderr));
    assert.strictEqual(run.stderr.split('\n').length, 2, JSON.stringify(run.stderr));
    assert.ok(run.stderr.startsWith(`tieout: ${dir}/evil\\x1b[2J\\nforged line.txt: expected`), run.stderr);
    const check = runCli(['check', name]);
    assert.ok(!check.stdout.includes('\x1b') && check.stdout.includes('evil\\x1b[2J\\nforged'), check.stdout);
  });

  it('reads a release whose file name is not UTF-8, given on the command line or found in a directory, and shows the byte as an escape', () => {
    const tree = path.join(dir, 'non-utf8-names');
    fs.mkdirSync(tree);
    // "caf<FF>.txt": byte 0xFF is never UTF-8; the name exists only as bytes.
    const bad = Buffer.concat([Buffer.from(`${tree}/caf`), Buffer.from([0xff]), Buffer.from('.txt')]);
    fs.writeFileSync(bad, release());
    fs.writeFileSync(path.join(tree, 'good.txt'), release());
    const out = path.join(dir, 'non-utf8-out');
    // The directory: its entry is listed by its bytes and read.
    const run = runCli(['build', tree, '--out', out, '--no-pdf', '--jobs', '1']);
    assert.strictEqual(run.stderr, '');
    assert.strictEqual(run.code, 0);
    // (The made-up release names no company: its briefing would be a draft.)
    assert.deepStrictEqual(run.stdout.split('\n').filter((l) => l.startsWith(tree)).map((l) => l.replace(/ \(briefing is a DRAFT: company not stated\)$/, '')).sort(), [
      `${tree}/caf\\xff.txt: ${out}/caf_xff.json, ${out}/caf_xff.xlsx`,
      `${tree}/good.txt: ${out}/good.json, ${out}/good.xlsx`,
    ]);
    const model = JSON.parse(fs.readFileSync(path.join(out, 'caf_xff.json'), 'utf8')) as { source: { file: string } };
    assert.strictEqual(model.source.file, 'caf\\xff.txt');
    // The name on the command line: a shell passes its bytes (printf writes byte 0xFF as \377).
    const sh = (args: string) => spawnSync('sh', ['-c', `exec "${process.execPath}" "${BIN}" ${args}`], { cwd: ROOT, encoding: 'utf8' });
    const check = sh(`check "$(printf '${tree}/caf\\377.txt')" "$(printf '${tree}/gone\\377.txt')"`);
    const lines = check.stdout.split('\n');
    // Three rows of two periods: six figures, the total tied in both columns.
    assert.match(lines[1], /^caf\\xff\.txt +text +IS +1 +6 +2\/2 +0E \d+W 0I$/);
    assert.match(lines[2], new RegExp(`^gone\\\\xff\\.txt +NOT READ: ${tree}/gone\\\\xff\\.txt: expected a readable file, found no such file$`));
    assert.strictEqual(check.status, 2);
    // Two names that differ only in such a byte keep stems of their own.
    const other = Buffer.concat([Buffer.from(`${tree}/caf`), Buffer.from([0xfe]), Buffer.from('.txt')]);
    fs.writeFileSync(other, release());
    const both = sh(`build "$(printf '${tree}/caf\\377.txt')" "$(printf '${tree}/caf\\376.txt')" --out ${out}-2 --no-pdf --jobs 1`);
    assert.strictEqual(both.status, 0, both.stderr);
    assert.deepStrictEqual(fs.readdirSync(`${out}-2`).filter((f) => !f.startsWith('.')).sort(), ['caf_xfe.json', 'caf_xfe.xlsx', 'caf_xff.json', 'caf_xff.xlsx']);
  });

  it('refuses an unusable --out first (build and model), exit 2, one line, nothing built', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const loop = path.join(dir, 'loop-out');
    fs.symlinkSync(loop, loop);
    const cases: [string, string][] = [
      [file, 'a file'],
      [path.join(file, 'below'), 'a file where a directory should be'],
      [loop, 'a loop of symbolic links'],
      ['', 'an empty name'],
    ];
    for (const [out, found] of cases) {
      for (const command of ['build', 'model']) {
        const t0 = Date.now();
        const run = runCli([command, SAMPLE, '--out', out]);
        assert.strictEqual(run.stderr, `tieout: --out ${out}: expected a directory tieout can write in, found ${found}\n`, command);
        assert.strictEqual(run.code, 2, command);
        assert.strictEqual(run.stdout, '', command);
        assert.ok(Date.now() - t0 < 10_000, `${command}: refused before building`);
      }
    }
  });

  it('refuses a read-only --out, exit 2 (as another user)', function () {
    if (!isRoot) this.skip();
    const ro = path.join(dir, 'read-only');
    fs.mkdirSync(ro, { mode: 0o755 });
    const run = runAs(NOBODY, ['build', SAMPLE, '--out', ro, '--no-pdf']);
    assert.strictEqual(run.stderr, `tieout: --out ${ro}: expected a directory tieout can write in, found no permission to write there\n`);
    assert.strictEqual(run.code, 2);
  });

  it('is not blocked by another user\'s stale leftovers: a temp in a shared output directory, a browser profile', function () {
    if (!isRoot) this.skip();
    const shared = path.join(dir, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o1777);
    fs.chmodSync(dir, 0o755);
    const deadPid = 999_999_9;
    const temp = path.join(shared, `.tieout-tmp-${deadPid}-x-a.json`);
    fs.writeFileSync(temp, 'partial');
    fs.chownSync(temp, 4321, 4321);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), `tieout-chromium-${deadPid}-`));
    fs.chownSync(profile, 4321, 4321);
    try {
      const noPdf = runAs(NOBODY, ['build', SAMPLE, '--out', shared, '--no-pdf']);
      assert.strictEqual(noPdf.stderr, '');
      assert.strictEqual(noPdf.code, 0);
      const own = path.join(dir, 'own');
      fs.mkdirSync(own);
      fs.chownSync(own, NOBODY, NOBODY);
      const pdf = runAs(NOBODY, ['build', SAMPLE, '--out', own]);
      assert.strictEqual(pdf.stderr, '');
      assert.strictEqual(pdf.code, 0);
      assert.ok(fs.existsSync(path.join(own, 'qifu-q3-2024.pdf')));
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('names the release on every error line: a browser that does not start', () => {
    const inputs = [SAMPLE, path.join(dir, 'second.txt')];
    fs.copyFileSync(path.join(ROOT, SAMPLE), inputs[1]);
    const out = path.join(dir, 'false-browser');
    const t0 = Date.now();
    const run = runCli(['build', ...inputs, '--out', out, '--jobs', '1'], { PUPPETEER_EXECUTABLE_PATH: '/bin/false' });
    const ms = Date.now() - t0;
    const lines = run.stderr.trimEnd().split('\n').sort();
    assert.strictEqual(lines.length, 2, run.stderr);
    for (const [i, input] of [...inputs].sort().entries()) {
      assert.ok(lines[i].startsWith(`tieout: ${input}: the browser /bin/false did not start (`), lines[i]);
      assert.ok(lines[i].endsWith('); set PUPPETEER_EXECUTABLE_PATH to a working Chromium or Chrome, or build with --no-pdf'), lines[i]);
    }
    assert.strictEqual(run.code, 1);
    assert.ok(ms < 30_000, `${ms} ms`);
  });

  it('names the release on every error line: a full disk, and leaves no temporary on it', function () {
    if (!isRoot) this.skip();
    const mnt = path.join(dir, 'full');
    fs.mkdirSync(mnt);
    try {
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', mnt], { stdio: 'ignore' }).status === 0 || this.skip();
      const inputs = ['one', 'two', 'three'].map((n) => {
        const p = path.join(dir, `${n}.txt`);
        fs.copyFileSync(path.join(ROOT, SAMPLE), p);
        return p;
      });
      const run = runCli(['build', ...inputs, '--out', mnt, '--no-pdf', '--jobs', '1']);
      const lines = run.stderr.trimEnd().split('\n');
      assert.ok(lines.length >= 1, run.stderr);
      for (const line of lines) assert.match(line, new RegExp(`^tieout: ${dir}/(one|two|three)\\.txt: cannot write ${mnt}/(one|two|three)\\.(json|xlsx): no space left on the device$`));
      assert.strictEqual(run.code, 1);
      const sets = fs.readdirSync(path.join(mnt, '.tieout', 'sets'));
      assert.strictEqual(sets.length, 3 - lines.length, `only the sets that were made current stay: ${sets.join(', ')}`);
      assert.deepStrictEqual(fs.readdirSync(mnt).filter((n) => n.startsWith('.tieout-tmp-')), []);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });

  it('gives up a hung browser within its start bound, and leaves no process behind', () => {
    const hung = path.join(dir, 'hung-browser.sh');
    fs.writeFileSync(hung, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
    const out = path.join(dir, 'hung');
    const t0 = Date.now();
    const run = runCli(['build', SAMPLE, '--out', out], { PUPPETEER_EXECUTABLE_PATH: hung });
    const ms = Date.now() - t0;
    assert.strictEqual(run.stderr, `tieout: samples/qifu-q3-2024.txt: the browser ${hung} did not answer within 15 s of starting; set PUPPETEER_EXECUTABLE_PATH to a working Chromium or Chrome, or build with --no-pdf\n`);
    assert.strictEqual(run.code, 1);
    assert.ok(ms < 25_000, `${ms} ms`);
    const sleeping = spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.startsWith('sleep 600'));
    assert.deepStrictEqual(sleeping, []);
  });

  it('reads a UTF-8 release with one stray byte as UTF-8, with a warning (not all of it as Latin-1)', function () {
    if (!hasCorpus()) this.skip();
    const src = fs.readFileSync(path.join(CORPUS, 'ascendis_pharma_q4_2024_globenewswire.md'));
    const at = src.indexOf('\n\n') + 1;
    const file = path.join(dir, 'ascendis-stray.md');
    fs.writeFileSync(file, Buffer.concat([src.subarray(0, at), Buffer.from([0x96, 0x0a]), src.subarray(at)]));
    const run = runCli(['check', file]);
    assert.strictEqual(run.code, 0);
    // The figures of the clean file (213, as `tieout check` reads it), and one warning more than it has.
    const clean = /(\d+)W/.exec(runCli(['check', path.join(CORPUS, 'ascendis_pharma_q4_2024_globenewswire.md')]).stdout.split('\n')[1])![1];
    assert.match(run.stdout, new RegExp(`markdown\\s+BS,IS,OT×2\\s+4\\s+213\\s+24/24\\s+0E ${Number(clean) + 1}W 0I`));
    const out = path.join(dir, 'ascendis');
    assert.strictEqual(runCli(['build', file, '--out', out, '--no-pdf']).code, 0);
    const model = fs.readFileSync(path.join(out, 'ascendis-stray.json'), 'utf8');
    assert.ok(model.includes('SKYTROFA®') && !model.includes('SKYTROFAÂ®'));
    assert.ok(model.includes('1 byte that is not UTF-8 read as U+FFFD (the first on line'), 'the warning is in the model');
  });
});

describe('cli stops at once on a signal', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => {
    ensureCompiled();
    dir = freshDir('signals');
    fs.mkdirSync(path.join(dir, 'in'));
    for (let i = 0; i < 6; i++) fs.copyFileSync(path.join(ROOT, SAMPLE), path.join(dir, 'in', `r${i}.txt`));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Processes whose environment names a browser profile of `pid`: its browsers, whatever they exec'd. */
  function browsersOf(pid: number): number[] {
    const found: number[] = [];
    for (const p of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        if (fs.readFileSync(`/proc/${p}/environ`, 'latin1').includes(`tieout-chromium-${pid}-`)) found.push(Number(p));
      } catch { /* gone */ }
    }
    return found;
  }

  /** Starts a batch, signals it once its browser profile exists (plus `after` ms), and measures the stop. */
  function stopRun(signal: NodeJS.Signals, out: string, env: NodeJS.ProcessEnv = {}, after = 300): Promise<{ code: number | null; ms: number; pid: number; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'build', path.join(dir, 'in'), '--out', out, '--jobs', '2'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => { stderr += d; });
      let t0 = 0;
      const poll = setInterval(() => {
        if (!fs.readdirSync(os.tmpdir()).some((n) => n.startsWith(`tieout-chromium-${child.pid}-`))) return;
        clearInterval(poll);
        setTimeout(() => { t0 = Date.now(); child.kill(signal); }, after);
      }, 5);
      child.on('exit', (code) => { clearInterval(poll); resolve({ code, ms: Date.now() - t0, pid: child.pid!, stderr }); });
    });
  }

  function assertClean(out: string, pid: number): void {
    const temps = fs.existsSync(out) ? fs.readdirSync(out).filter((n) => n.startsWith('.tieout-tmp-')) : [];
    assert.deepStrictEqual(temps, []);
    const store = path.join(out, '.tieout', 'sets');
    const current = new Set(fs.existsSync(path.join(out, '.tieout')) ? fs.readdirSync(path.join(out, '.tieout')).flatMap((n) => { try { return [path.basename(fs.readlinkSync(path.join(out, '.tieout', n)))]; } catch { return []; } }) : []);
    assert.deepStrictEqual((fs.existsSync(store) ? fs.readdirSync(store) : []).filter((s) => !current.has(s)), [], 'no set that never became current');
    assert.deepStrictEqual(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`tieout-chromium-${pid}-`)), [], 'no browser profile');
    assert.deepStrictEqual(browsersOf(pid), [], 'no browser');
  }

  it('SIGTERM during a batch: exit 143 in under 2 s, no temporaries, no browser', async () => {
    const out = path.join(dir, 'term');
    const r = await stopRun('SIGTERM', out);
    process.stdout.write(`      SIGTERM → exit ${r.code} in ${r.ms} ms\n`);
    assert.strictEqual(r.code, 143, r.stderr);
    assert.ok(r.ms < 2000, `${r.ms} ms`);
    assert.strictEqual(r.stderr, 'tieout: stopped by SIGTERM\n');
    assertClean(out, r.pid);
  });

  it('SIGHUP during a batch: exit 129', async () => {
    const out = path.join(dir, 'hup');
    const r = await stopRun('SIGHUP', out, {}, 800);
    assert.strictEqual(r.code, 129, r.stderr);
    assert.ok(r.ms < 2000, `${r.ms} ms`);
    assertClean(out, r.pid);
  });

  it('SIGTERM while a hung browser starts: exit 143 at once, the browser ended', async () => {
    const hung = path.join(dir, 'hung-browser.sh');
    fs.writeFileSync(hung, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
    const out = path.join(dir, 'hung');
    const r = await stopRun('SIGTERM', out, { PUPPETEER_EXECUTABLE_PATH: hung }, 1000);
    assert.strictEqual(r.code, 143, r.stderr);
    assert.ok(r.ms < 2000, `${r.ms} ms`);
    assertClean(out, r.pid);
  });

  it('Ctrl-C on a terminal gives back the cursor and line wrap', async function () {
    if (!fs.existsSync('/usr/bin/script')) this.skip();
    const out = path.join(dir, 'tty');
    const cmd = `exec ${process.execPath} ${BIN} build ${path.join(dir, 'in')} --out ${out} --jobs 2 --no-pdf`;
    const shown = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let seen = '';
      let sent = false;
      child.stdout!.on('data', (d) => {
        seen += d;
        // Once the bar is up (the cursor hidden), interrupt the CLI, the terminal's child, as Ctrl-C does.
        if (seen.includes('\x1b[?25l') && !sent) {
          const cli = fs.readdirSync('/proc').find((p) => {
            try { return fs.readFileSync(`/proc/${p}/stat`, 'latin1').split(') ')[1]?.split(' ')[1] === String(child.pid); } catch { return false; }
          });
          if (cli) { process.kill(Number(cli), 'SIGINT'); sent = true; }
        }
      });
      child.on('exit', () => resolve(seen));
    });
    const hidden = shown.lastIndexOf('\x1b[?25l');
    assert.ok(hidden >= 0, 'the bar hid the cursor');
    assert.ok(shown.indexOf('\x1b[?25h', hidden) > hidden, `cursor shown again: ${JSON.stringify(shown.slice(hidden))}`);
    assert.ok(shown.indexOf('\x1b[?7h', hidden) > hidden, `line wrap on again: ${JSON.stringify(shown.slice(hidden))}`);
  });
});
