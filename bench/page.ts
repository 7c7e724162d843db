import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { launch, type ElementHandle, type HTTPResponse, type Page } from 'puppeteer-core';
import { CANDIDATES, findBrowser, isHeadlessShell } from '../src/render/browser';
import { coldPrint } from './cold';

// The team page under `npm run bench`: `tieout serve` in its own process, driven by a browser
// as a person would. (1) From the sample dropped on the page to its briefing's preview served and
// loaded, the server warm (its threads and browser started, one release built before), against the
// headless shell printing the same page cold; each run uploads the sample with one more trailing
// newline, new bytes for the content hash and the same release. (2) Twenty releases uploaded at
// once: all complete, none lost, the server's memory, and how fast it answers meanwhile.

const ROOT = path.resolve(__dirname, '..');
const SAMPLE = path.join(ROOT, 'samples', 'qifu-q3-2024.txt');
const CORPUS = path.resolve(ROOT, '..', '..', 'shared', 'corpus');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A process's status line from /proc, in MB (VmHWM: its peak resident memory; VmRSS: now). */
function procMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** The processes below `pid` (the server's browser and its helpers). */
function descendants(pid: number): number[] {
  const kids = new Map<number, number[]>();
  for (const p of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const ppid = Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(p)]);
    } catch { /* gone */ }
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const k of kids.get(p) ?? []) { out.push(k); walk(k); } };
  walk(pid);
  return out;
}

async function startServe(data: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'tieout.js'), 'serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`tieout serve exited with ${code}`)));
  });
  return { proc, url };
}

async function drop(page: Page, files: string[]): Promise<void> {
  await ((await page.$('#files')) as ElementHandle<HTMLInputElement>).uploadFile(...files);
}

async function settled(page: Page, n: number, timeout = 600_000): Promise<{ done: number; failed: number }> {
  await page.waitForFunction((k) => document.querySelectorAll('#jobs .job.done, #jobs .job.failed').length >= k, { timeout, polling: 50 }, n);
  return page.evaluate(() => ({ done: document.querySelectorAll('#jobs .job.done').length, failed: document.querySelectorAll('#jobs .job.failed').length }));
}

/** The headless shell's cold print of `html` (the median of three, after one unmeasured print). */
async function shellCold(html: string, tmp: string): Promise<number> {
  const shell = CANDIDATES.find((p) => isHeadlessShell(p) && fs.existsSync(p));
  if (!shell) throw new Error('the page line compares with the headless shell: apt-get install chromium-headless-shell');
  const file = path.join(tmp, 'sample.html');
  fs.writeFileSync(file, html);
  await coldPrint(shell, file, tmp);
  return median([await coldPrint(shell, file, tmp), await coldPrint(shell, file, tmp), await coldPrint(shell, file, tmp)]);
}

/** Milliseconds the server takes to answer a tiny request, polled every 100 ms until `until` settles. */
async function latencies(url: string, until: Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  let over = false;
  void until.finally(() => { over = true; });
  while (!over) {
    const t = performance.now();
    await (await fetch(`${url}static/app.css`)).arrayBuffer();
    out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
}

export async function pageLines(shellColdMs: number | null, runs: number): Promise<string[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-bench-page-'));
  const { proc, url } = await startServe(path.join(tmp, 'data'));
  const executablePath = findBrowser()!;
  const browser = await launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, pipe: true, args: ['--no-sandbox', '--disable-gpu'] });
  const lines: string[] = [];
  const state = async (hash: string) => (await (await fetch(`${url}r/${hash}/state`)).json()) as { status: string; timings?: Record<string, number> };
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const text = fs.readFileSync(SAMPLE);
    const variant = (i: number) => {
      const dir = path.join(tmp, `v${i}`);
      fs.mkdirSync(dir);
      const file = path.join(dir, path.basename(SAMPLE));
      fs.writeFileSync(file, Buffer.concat([text, Buffer.from('\n'.repeat(i + 1))]));
      return file;
    };
    // Warm: one build before anything is timed (the server warms itself too, at start).
    await drop(page, [variant(0)]);
    await settled(page, 1);
    if (shellColdMs === null) {
      const hash = await page.$eval('#jobs .job', (li) => (li as HTMLElement).dataset.hash!);
      shellColdMs = await shellCold(await (await fetch(`${url}r/${hash}/preview`)).text(), tmp);
    }
    // Each run: the sample dropped on a fresh page until its preview has loaded (the document served
    // whole and its load event fired), with when the upload was answered and when the preview was
    // announced; then the build is let finish before the next run.
    const runsSeen: { ready: number; uploaded: number; announced: number; build: Record<string, number> }[] = [];
    for (let i = 1; i <= runs; i++) {
      await page.goto(url);
      let uploaded = 0;
      const onResponse = (r: HTTPResponse) => { if (r.request().method() === 'POST' && r.url().endsWith('/releases')) uploaded = Date.now(); };
      page.on('response', onResponse);
      const file = variant(i);
      const t0 = Date.now();
      await drop(page, [file]);
      const seen = await page.waitForFunction(() => {
        const f = document.querySelector('#preview iframe') as HTMLElement | null;
        if (f && !f.dataset.shown) f.dataset.shown = String(Date.now());
        return f?.dataset.loaded === 'yes' ? { loaded: Date.now(), shown: Number(f.dataset.shown) } : null;
      }, { timeout: 120_000, polling: 'mutation' });
      const { loaded, shown } = (await seen.jsonValue())!;
      page.off('response', onResponse);
      const hash = await page.$eval('#jobs .job', (li) => (li as HTMLElement).dataset.hash!);
      await settled(page, 1);
      runsSeen.push({ ready: loaded - t0, uploaded: uploaded - t0, announced: shown - t0, build: (await state(hash)).timings ?? {} });
    }
    const med = (f: (r: (typeof runsSeen)[number]) => number) => median(runsSeen.map(f));
    const dropMs = med((r) => r.ready);
    const stage = (k: string) => `${k} ${med((r) => r.build[k] ?? 0).toFixed(0)}`;
    lines.push(`team page, server warm: the sample dropped → its preview served and loaded ${dropMs.toFixed(0)} ms (runs: ${runsSeen.map((r) => r.ready.toFixed(0)).join(', ')} ms) = ${(dropMs / shellColdMs).toFixed(2)}× the headless shell's cold print of the same page (${shellColdMs.toFixed(0)} ms)  target ≤ 1×: ${dropMs <= shellColdMs ? 'MET' : 'NOT MET'}`);
    lines.push(`  of which: upload answered at ${med((r) => r.uploaded).toFixed(0)} ms, preview announced at ${med((r) => r.announced).toFixed(0)} ms (server: ${['read', 'infer', 'json', 'preview'].map(stage).join(', ')} ms), loaded at ${dropMs.toFixed(0)} ms; the build went on to its outputs (${['xlsx', 'pdf', 'write', 'total'].map(stage).join(', ')} ms)`);
    // Twenty releases at once, the server's answer to a small request timed all the while.
    const corpus = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((f) => /\.(htm|html|md|txt)$/i.test(f) && f !== 'README.md').sort().map((f) => path.join(CORPUS, f)) : [];
    const twenty = [...corpus, ...Array.from({ length: 20 }, (_, i) => variant(100 + i))].slice(0, 20);
    await page.goto(url);
    const t0 = performance.now();
    await drop(page, twenty);
    const building = settled(page, twenty.length);
    const [got, lags] = await Promise.all([building, latencies(url, building)]);
    const ms = performance.now() - t0;
    const listed = (await (await fetch(`${url}releases`)).json() as { releases: { status: string }[] }).releases;
    const serverPeak = procMb(proc.pid!, 'VmHWM');
    const chromium = descendants(proc.pid!).reduce((s, p) => { try { return s + procMb(p, 'VmRSS'); } catch { return s; } }, 0);
    const sorted = [...lags].sort((a, b) => a - b);
    lines.push(`team page, ${twenty.length} releases uploaded at once (${corpus.length ? 'corpus' : 'sample variants'}): ${got.done} done, ${got.failed} failed, ${twenty.length - got.done - got.failed} lost, in ${(ms / 1000).toFixed(1)} s; library lists ${listed.filter((e) => e.status === 'done').length} built of ${listed.length}; server peak RSS ${serverPeak.toFixed(0)} MB (Node and its worker threads), its Chromium ${chromium.toFixed(0)} MB after; a small request answered meanwhile in ${median(lags).toFixed(0)} ms median, ${sorted[Math.floor(sorted.length * 0.95)]?.toFixed(0)} ms 95th percentile, ${sorted[sorted.length - 1]?.toFixed(0)} ms worst (${lags.length} requests)`);
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return lines;
}

if (require.main === module) {
  pageLines(process.env.BENCH_SHELL_MS ? Number(process.env.BENCH_SHELL_MS) : null, Number(process.env.BENCH_RUNS ?? 3)).then((l) => process.stdout.write(`${l.join('\n')}\n`), (err) => { process.stderr.write(`${err.stack}\n`); process.exit(1); });
}
