import assert from 'assert';
import { execFileSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import path from 'path';
import { PDFDocument } from 'pdf-lib';
import { launch, type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { findBrowser, isHeadlessShell } from '../src/render/browser';
import { startServer, type Server } from '../src/serve/app';
import { CORPUS, needCorpus } from './support/corpus';
import { freshDir, ROOT, runCli } from './support/run-cli';

// The team page driven in the Chromium the briefing prints with: uploads through the file input,
// progress to the end, the preview, downloads compared byte for byte with `tieout build`'s, the
// library after a restart, the refusals, and a second browser context opening a shared link.

const SAMPLE = path.join(ROOT, 'samples', 'qifu-q3-2024.txt');
const BUCKLE = path.join(CORPUS, 'buckle_8k_ex99-1.html');
// A made-up release that names no company: its briefing is a DRAFT.
const UNNAMED = path.join(ROOT, 'test', 'fixtures', 'serve', 'unnamed-q1-2025.txt');
const FILES = [SAMPLE, BUCKLE, UNNAMED];

/** A raw HTTP request, so that the Host header and the body are exactly the test's. */
function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A multipart body with one file part per [name, bytes]. */
function multipart(files: [string, Buffer][]): { body: Buffer; type: string } {
  const b = 'tieoutTestBoundary';
  const parts = files.map(([name, data]) => Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`), data, Buffer.from('\r\n')]));
  return { body: Buffer.concat([...parts, Buffer.from(`--${b}--\r\n`)]), type: `multipart/form-data; boundary=${b}` };
}

async function waitForFile(file: string, timeoutMs = 20_000): Promise<Buffer> {
  const t0 = Date.now();
  for (;;) {
    if (fs.existsSync(file)) {
      const a = fs.statSync(file).size;
      await new Promise((r) => setTimeout(r, 100));
      if (a > 0 && fs.statSync(file).size === a) return fs.readFileSync(file);
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`no download ${file} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function downloadsTo(browser: Browser, context: BrowserContext | null, dir: string): Promise<void> {
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, ...(context?.id ? { browserContextId: context.id } : {}) });
}

describe('tieout serve: the team page in a browser', function () {
  this.timeout(180_000);
  let data: string;
  let server: Server;
  let launched: { browser: Browser; close(): Promise<void> };
  let page: Page;
  let reference: string;
  const hashes = new Map<string, string>();

  before(async function () {
    needCorpus(this);
    data = freshDir('serve-data');
    reference = freshDir('serve-cli');
    // What `tieout build` writes for the same files, to compare the page's downloads with.
    const cli = runCli(['build', ...FILES, '--out', reference, '--jobs', '1']);
    assert.strictEqual(cli.code, 0, cli.stderr);
    server = await startServer({ port: 0, host: '127.0.0.1', data, jobs: 2 });
    // The briefing's own browser, as a person's: one process per page (the printer runs it as one
    // process, which holds a single browser context).
    const executablePath = findBrowser()!;
    const browser = await launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, pipe: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
    launched = { browser, close: () => browser.close() };
    page = await launched.browser.newPage();
  });

  after(async () => {
    await server?.close();
    await launched?.close();
  });

  it('builds releases dropped through the file input, with progress to the end, a preview and the CLI’s bytes to download', async () => {
    const downloads = freshDir('serve-downloads');
    await downloadsTo(launched.browser, null, downloads);
    await page.goto(server.url);
    assert.match(await page.$eval('#library', (e) => e.textContent ?? ''), /Nothing built yet/);
    const input = await page.$('#files');
    await (input as ElementHandle<HTMLInputElement>).uploadFile(...FILES);
    await page.waitForFunction((n) => document.querySelectorAll('#jobs .job.done, #jobs .job.failed').length === n, { timeout: 120_000 }, FILES.length);
    const lines = await page.$$eval('#jobs .job', (els) => els.map((li) => ({
      name: li.querySelector('.name')?.textContent,
      status: li.className,
      stages: Array.from(li.querySelectorAll('.stage.done')).map((s) => s.textContent),
      checks: li.querySelector('.checks')?.textContent ?? '',
      draft: Array.from(li.querySelectorAll('.draft li')).map((d) => d.textContent),
      hash: (li as HTMLElement).dataset.hash,
    })));
    assert.deepStrictEqual(lines.map((l) => l.status).sort(), ['job done', 'job done', 'job done']);
    for (const l of lines) {
      assert.deepStrictEqual(l.stages, ['read', 'infer', 'workbook', 'briefing'], l.name ?? '');
      hashes.set(l.name!, l.hash!);
    }
    const qifu = lines.find((l) => l.name === 'qifu-q3-2024.txt')!;
    assert.match(qifu.checks, /^TIED OUT Qifu Technology, Inc\. · Q3 2024 · \d+ of \d+ reported totals tie/);
    // The draft's reasons are the gate's, as the CLI's result line gives the first.
    const unnamed = lines.find((l) => l.name === path.basename(UNNAMED))!;
    assert.deepStrictEqual(unnamed.draft, ['company not stated']);
    // The preview: the briefing's HTML in a sandboxed frame, with the company's name in it.
    const src = await page.$eval('#preview iframe', (f) => ({ src: f.getAttribute('src'), sandbox: f.getAttribute('sandbox') }));
    assert.strictEqual(src.sandbox, '');
    assert.match(src.src ?? '', /^\/r\/[0-9a-f]{64}\/preview$/);
    const frame = page.frames().find((f) => f.url().endsWith(src.src!));
    assert.ok(frame, 'the preview frame is loaded');
    assert.match(await frame.content(), /<h1>[^<]+<\/h1>/);
    // Downloads: the same bytes as tieout build's, for every release and each of XLSX and PDF.
    for (const file of FILES) {
      const stem = path.basename(file).replace(/\.[a-z]+$/, '');
      for (const ext of ['xlsx', 'pdf']) {
        await page.click(`#jobs .job[data-hash="${hashes.get(path.basename(file))}"] a[href$=".${ext}"]`);
        const got = await waitForFile(path.join(downloads, `${stem}.${ext}`));
        const want = fs.readFileSync(path.join(reference, `${stem}.${ext}`));
        assert.ok(got.equals(want), `${stem}.${ext}: the page's download is tieout build's, byte for byte (${got.length} and ${want.length} bytes)`);
      }
    }
  });

  it('shows the same file uploaded again as the one release it is', async () => {
    const again = multipart([['renamed.txt', fs.readFileSync(SAMPLE)]]);
    const res = await request(server.url + 'releases', { method: 'POST', headers: { 'content-type': again.type }, body: again.body });
    assert.strictEqual(res.status, 200);
    const [entry] = JSON.parse(res.body).releases;
    assert.strictEqual(entry.hash, hashes.get('qifu-q3-2024.txt'));
    assert.strictEqual(entry.name, 'qifu-q3-2024.txt');
    assert.strictEqual(server.library.all().length, 3);
  });

  it('keeps the library through a restart, grouped by company and searchable', async () => {
    const url = server.url;
    await server.close();
    server = await startServer({ port: Number(new URL(url).port), host: '127.0.0.1', data, jobs: 2, warm: false });
    await page.goto(server.url);
    const companies = await page.$$eval('#library .company h3', (hs) => hs.map((h) => h.textContent));
    assert.strictEqual(companies.length, 3);
    assert.ok(companies.includes('Qifu Technology, Inc.'), companies.join(' | '));
    assert.strictEqual(await page.$$eval('#library tr[data-hash]', (rs) => rs.length), 3);
    // Today's releases are ticked for the pack; a DRAFT is marked in the library.
    assert.strictEqual(await page.$$eval('#library input[name=r]:checked', (rs) => rs.length), 3);
    assert.deepStrictEqual(await page.$$eval('#library td.status', (ts) => ts.map((t) => t.textContent?.trim()).filter((t) => t?.includes('DRAFT'))), ['DRAFT']);
    const found = async (q: string) => {
      await page.goto(`${server.url}?q=${encodeURIComponent(q)}`);
      return page.$$eval('#library .company h3', (hs) => hs.map((h) => h.textContent));
    };
    assert.deepStrictEqual(await found('qfin'), ['Qifu Technology, Inc.']);
    assert.deepStrictEqual(await found('Q3 2024'), ['The Buckle, Inc.', 'Qifu Technology, Inc.']);
    assert.deepStrictEqual(await found('buckle fy2024'), ['The Buckle, Inc.']);
  });

  it('opens a shared link in a second browser context', async () => {
    const context = await launched.browser.createBrowserContext();
    try {
      const other = await context.newPage();
      const hash = hashes.get('qifu-q3-2024.txt')!;
      const res = await other.goto(`${server.url}r/${hash}`);
      assert.strictEqual(res?.status(), 200);
      assert.strictEqual(await other.$eval('.card .co', (e) => e.textContent), 'Qifu Technology, Inc.');
      assert.strictEqual(await other.$$eval('.downloads a', (as) => as.map((a) => a.textContent).join(' ')), 'XLSX PDF JSON');
      const json = await other.evaluate(async (h) => (await fetch(`/r/${h}/qifu-q3-2024.json`)).text(), hash);
      assert.strictEqual(json, fs.readFileSync(path.join(reference, 'qifu-q3-2024.json'), 'utf8'));
    } finally {
      await context.close();
    }
  });

  it('makes the pack: a cover, then each briefing', async () => {
    const res = await fetch(`${server.url}pack`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: [...hashes.values()].map((h) => `r=${h}`).join('&') });
    assert.strictEqual(res.status, 200);
    const pdf = Buffer.from(await res.arrayBuffer());
    assert.strictEqual((await PDFDocument.load(pdf)).getPageCount(), 4);
    const file = path.join(freshDir('serve-pack'), 'pack.pdf');
    fs.writeFileSync(file, pdf);
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
    assert.match(cover, /Qifu Technology, Inc\./);
    assert.match(cover, /TIED OUT/);
    assert.match(cover, /DRAFT/);
  });

  it('refuses a cross-origin POST from a page elsewhere', async () => {
    const hash = hashes.get('qifu-q3-2024.txt')!;
    const evil = http.createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    try {
      const p = await launched.browser.newPage();
      await p.goto(`http://127.0.0.1:${(evil.address() as { port: number }).port}/`);
      // A form post would be as good; a no-cors fetch reaches the server the same way.
      await p.evaluate(async (u) => { await fetch(u, { method: 'POST', mode: 'no-cors' }).catch(() => undefined); }, `${server.url}r/${hash}/delete`);
      await p.close();
    } finally {
      evil.close();
    }
    assert.strictEqual(server.library.get(hash)?.status, 'done');
    const direct = await request(`${server.url}r/${hash}/delete`, { method: 'POST', headers: { origin: 'http://attacker.example' } });
    assert.deepStrictEqual(direct, { status: 403, body: 'a POST from http://attacker.example is refused: only this server\'s own pages may change the library\n' });
    const site = await request(`${server.url}pack`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    assert.strictEqual(site.status, 403);
  });

  it('refuses a Host that is not the server’s (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    const res = await request(server.url, { headers: { host: `rebound.example:${port}` } });
    assert.strictEqual(res.status, 421);
    assert.match(res.body, /^Host "rebound\.example:\d+" is not this server's/);
    assert.strictEqual((await request(server.url, { headers: { host: `localhost:${port}` } })).status, 200);
  });

  it('refuses an oversize file, too many files and a path for a name, and writes nothing for them', async () => {
    const before = server.library.all().length;
    const big = path.join(freshDir('serve-big'), 'big.txt');
    fs.writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    await page.goto(server.url);
    await ((await page.$('#files')) as ElementHandle<HTMLInputElement>).uploadFile(big);
    await page.waitForSelector('#jobs .job.failed .error');
    assert.strictEqual(await page.$eval('#jobs .job.failed .error', (e) => e.textContent), 'big.txt: expected a release of at most 20 MB, found a larger file');
    const many = multipart(Array.from({ length: 65 }, (_, i) => [`r${i}.txt`, Buffer.from('x')] as [string, Buffer]));
    const res = await request(server.url + 'releases', { method: 'POST', headers: { 'content-type': many.type }, body: many.body });
    assert.deepStrictEqual([res.status, JSON.parse(res.body).error], [413, 'expected at most 64 files in one upload, found more']);
    const traversal = multipart([['../../escaped.txt', fs.readFileSync(SAMPLE)]]);
    const bad = await request(server.url + 'releases', { method: 'POST', headers: { 'content-type': traversal.type }, body: traversal.body });
    assert.deepStrictEqual([bad.status, JSON.parse(bad.body).error], [400, 'file name "../../escaped.txt": expected the name of a file, found a path']);
    assert.strictEqual(server.library.all().length, before);
    assert.ok(!fs.existsSync(path.join(data, '..', 'escaped.txt')) && !fs.existsSync(path.join(data, 'escaped.txt')));
    assert.deepStrictEqual(fs.readdirSync(path.join(data, 'tmp')), []);
  });

  it('puts a strict Content-Security-Policy on the app and on previews', async () => {
    const hash = hashes.get('qifu-q3-2024.txt')!;
    const app = await fetch(server.url);
    assert.match(app.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'; style-src 'self'/);
    const preview = await fetch(`${server.url}r/${hash}/preview`);
    assert.match(preview.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; sandbox;/);
  });

  it('asks for the token when it has one, and refuses to listen beyond loopback without one', async () => {
    await assert.rejects(startServer({ port: 0, host: '0.0.0.0', data: freshDir('serve-open'), jobs: 1 }), /--host 0\.0\.0\.0: listening beyond this machine needs --token/);
    const guarded = await startServer({ port: 0, host: '127.0.0.1', data: freshDir('serve-token'), jobs: 1, token: 'correct-horse', warm: false });
    try {
      assert.strictEqual((await fetch(`${guarded.url}releases`)).status, 401);
      assert.strictEqual((await fetch(`${guarded.url}releases`, { headers: { authorization: 'Bearer correct-horse' } })).status, 200);
      assert.strictEqual((await fetch(`${guarded.url}releases`, { headers: { authorization: 'Bearer wrong-horse!' } })).status, 401);
      const context = await launched.browser.createBrowserContext();
      try {
        const p = await context.newPage();
        await p.goto(guarded.url);
        assert.ok(p.url().endsWith('/login'), p.url());
        await p.goto(`${guarded.url}login?token=correct-horse`);
        assert.strictEqual(p.url(), guarded.url);
        assert.strictEqual(await p.$eval('h2', (h) => h.textContent), 'Library');
        // The login cookie is this server's alone: named for its port, since cookies are kept by host.
        const port = Number(new URL(guarded.url).port);
        assert.deepStrictEqual((await context.cookies()).map((c) => [c.name, c.httpOnly, c.sameSite]), [[`tieout_token_${port}`, true, 'Strict']]);
        const withCookie = (name: string) => fetch(`${guarded.url}releases`, { headers: { cookie: `${name}=correct-horse` } }).then((r) => r.status);
        assert.strictEqual(await withCookie(`tieout_token_${port}`), 200);
        assert.strictEqual(await withCookie(`tieout_token_${port + 1}`), 401);
        assert.strictEqual(await withCookie('tieout_token'), 401);
      } finally {
        await context.close();
      }
    } finally {
      await guarded.close();
    }
  });
});

describe('tieout serve: one build followed closely', function () {
  this.timeout(120_000);
  it('serves the briefing as soon as it is inferred, and the printed page once built', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', data: freshDir('serve-early'), jobs: 1, warm: false });
    try {
      const early = new Promise<{ hash: string; status: number; csp: string | null; body: string; stage: string | null; outputs: string[] }>((resolve) => {
        const seen = (e: { hash: string; status: string; preview?: boolean; stage: string | null; outputs: string[] }) => {
          if (!e.preview || e.status !== 'building') return;
          server.builds.off('entry', seen);
          const stage = e.stage;
          const outputs = fs.readdirSync(server.library.releaseDir(e.hash));
          void fetch(`${server.url}r/${e.hash}/preview`).then(async (r) => resolve({ hash: e.hash, status: r.status, csp: r.headers.get('content-security-policy'), body: await r.text(), stage, outputs }));
        };
        server.builds.on('entry', seen);
      });
      const body = multipart([['qifu-q3-2024.txt', fs.readFileSync(SAMPLE)]]);
      assert.strictEqual((await request(server.url + 'releases', { method: 'POST', headers: { 'content-type': body.type }, body: body.body })).status, 200);
      const got = await early;
      // Told with the end of inference, before any output is written: the directory holds the input alone.
      assert.deepStrictEqual([got.status, got.stage, got.outputs], [200, 'infer', ['input']]);
      assert.match(got.csp ?? '', /^default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; sandbox;/);
      assert.match(got.body, /<h1>Qifu Technology, Inc\.<\/h1>/);
      await server.builds.settled();
      const built = server.library.get(got.hash)!;
      assert.deepStrictEqual([built.status, built.preview], ['done', true]);
      const final = await (await fetch(`${server.url}r/${got.hash}/preview`)).text();
      assert.strictEqual(final, fs.readFileSync(server.library.outputOf(built, 'html'), 'utf8'));
    } finally {
      await server.close();
    }
  });
});

describe('tieout serve: a build past its time', function () {
  this.timeout(60_000);
  it('is stopped, frees its slot for the next and writes nothing', async () => {
    const data = freshDir('serve-late');
    const server = await startServer({ port: 0, host: '127.0.0.1', data, jobs: 1, timeoutMs: 1, warm: false });
    try {
      const text = fs.readFileSync(SAMPLE);
      const body = multipart([['late-a.txt', text], ['late-b.txt', Buffer.concat([text, Buffer.from('\n')])]]);
      const res = await request(server.url + 'releases', { method: 'POST', headers: { 'content-type': body.type }, body: body.body });
      assert.strictEqual(res.status, 200);
      await server.builds.settled();
      const entries = server.library.all().sort((a, b) => a.name.localeCompare(b.name));
      assert.deepStrictEqual(entries.map((e) => [e.name, e.status, e.error, e.preview, e.card]), [
        ['late-a.txt', 'failed', 'late-a.txt: stopped, not finished within 0.001 s', false, null],
        ['late-b.txt', 'failed', 'late-b.txt: stopped, not finished within 0.001 s', false, null],
      ]);
      // Nothing of a stopped build is written: its directory holds the input alone.
      for (const e of entries) assert.deepStrictEqual(fs.readdirSync(server.library.releaseDir(e.hash)), ['input']);
      assert.strictEqual(server.builds.pending, 0);
    } finally {
      await server.close();
    }
  });
});

describe('tieout pack', function () {
  this.timeout(120_000);
  it('writes one PDF: a cover with a line per release, then each one-page briefing', function () {
    needCorpus(this);
    const out = path.join(freshDir('pack'), 'pack.pdf');
    const run = runCli(['pack', SAMPLE, BUCKLE, '--out', out]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stdout, `${out}: 2 briefings and a cover\n`);
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    assert.match(info, /^Pages:\s+3$/m);
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', out, '-'], { encoding: 'utf8' });
    assert.match(cover, /2 releases of 2 companies/);
    assert.match(cover, /Qifu Technology, Inc\./);
  });
});
