import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { launch, type ElementHandle, type Page } from 'puppeteer-core';
import { findBrowser, isHeadlessShell } from '../src/render/browser';

// The team page under `npm run bench`: `tieout serve` in its own process, driven by a browser
// as a person would. (1) From the sample dropped on the page to its briefing's preview loaded, the
// server warm (its threads and browser started, one release built before); each run uploads the
// sample with one more trailing newline, new bytes for the content hash and the same release.
// (2) Twenty releases uploaded at once: all complete, none lost, and the server's memory.

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

export async function pageLines(shellColdMs: number | null, runs: number): Promise<string[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-bench-page-'));
  const { proc, url } = await startServe(path.join(tmp, 'data'));
  const executablePath = findBrowser()!;
  const browser = await launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, pipe: true, args: ['--no-sandbox', '--disable-gpu'] });
  const lines: string[] = [];
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
    // Warm: one build before anything is timed.
    await drop(page, [variant(0)]);
    await settled(page, 1);
    const times: number[] = [];
    const builds: number[] = [];
    for (let i = 1; i <= runs; i++) {
      await page.goto(url);
      const file = variant(i);
      const t0 = performance.now();
      await drop(page, [file]);
      await page.waitForFunction(() => (document.querySelector('#preview iframe') as HTMLElement | null)?.dataset.loaded === 'yes', { timeout: 120_000, polling: 'mutation' });
      times.push(performance.now() - t0);
      const hash = await page.$eval('#jobs .job', (li) => (li as HTMLElement).dataset.hash);
      builds.push((await (await fetch(`${url}r/${hash}/state`)).json() as { timings: { total: number } }).timings.total);
    }
    const dropMs = median(times);
    const floor = shellColdMs !== null ? ` = ${(dropMs / shellColdMs).toFixed(2)}× the headless shell's cold print of the sample (${shellColdMs.toFixed(0)} ms)  target ≤ 1×: ${dropMs <= shellColdMs ? 'MET' : 'NOT MET'}` : '';
    lines.push(`team page, server warm: the sample dropped → its preview loaded ${dropMs.toFixed(0)} ms (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; of which the build ${median(builds).toFixed(0)} ms)${floor}`);
    // Twenty releases at once.
    const corpus = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((f) => /\.(htm|html|md|txt)$/i.test(f) && f !== 'README.md').sort().map((f) => path.join(CORPUS, f)) : [];
    const twenty = [...corpus, ...Array.from({ length: 20 }, (_, i) => variant(100 + i))].slice(0, 20);
    await page.goto(url);
    const t0 = performance.now();
    await drop(page, twenty);
    const got = await settled(page, twenty.length);
    const ms = performance.now() - t0;
    const listed = (await (await fetch(`${url}releases`)).json() as { releases: { status: string }[] }).releases;
    const serverPeak = procMb(proc.pid!, 'VmHWM');
    const chromium = descendants(proc.pid!).reduce((s, p) => { try { return s + procMb(p, 'VmRSS'); } catch { return s; } }, 0);
    lines.push(`team page, ${twenty.length} releases uploaded at once (${corpus.length ? 'corpus' : 'sample variants'}): ${got.done} done, ${got.failed} failed, ${twenty.length - got.done - got.failed} lost, in ${(ms / 1000).toFixed(1)} s; library lists ${listed.filter((e) => e.status === 'done').length} built of ${listed.length}; server peak RSS ${serverPeak.toFixed(0)} MB (Node and its worker threads), its Chromium ${chromium.toFixed(0)} MB after`);
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
