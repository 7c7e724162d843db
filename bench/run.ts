// npm run bench: how fast tieout builds releases, against the floor a user gets from the browser alone.
// One run prints one table: per release the median time of each stage and a cold Chromium print of
// the same page, then the batch, single-release and --no-pdf throughput and peak memory, each
// against its target.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { infer } from '../src/infer';
import { readFile } from '../src/read';
import { findBrowser } from '../src/render/browser';
import { toBriefingHtml } from '../src/render/html';
import { Printer } from '../src/render/pdf';
import { toJson } from '../src/write/json';
import { toXlsxBuffer } from '../src/write/workbook';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'tieout.js');
const SAMPLE = path.join(ROOT, 'samples', 'qifu-q3-2024.txt');
const CORPUS = process.env.CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGETS = { batchVsCold: 0.25, singleVsCold: 1.5, noPdfPerSecond: 20, peakRssMb: 400 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => x.toFixed(0).padStart(6);

function corpusFiles(): string[] {
  const manifest = path.join(CORPUS, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  return fs.readFileSync(manifest, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => path.join(CORPUS, l.split('\t')[0]));
}

/** Wall time of one command, in ms. */
function timeCommand(cmd: string, args: string[]): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code }));
  });
}

/** The floor: a cold headless Chromium printing the same HTML to PDF, nothing of ours in the way. */
async function coldPrint(browser: string, htmlFile: string, tmp: string): Promise<number> {
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  const r = await timeCommand(browser, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--no-pdf-header-footer',
    `--print-to-pdf=${path.join(tmp, 'cold.pdf')}`, `file://${htmlFile}`,
  ]);
  if (r.code !== 0) throw new Error(`cold chromium print failed for ${htmlFile}`);
  return r.ms;
}

async function main(): Promise<void> {
  const browser = findBrowser();
  if (!browser) throw new Error('no browser: run node scripts/ensure-browser.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-bench-'));
  const candidates = [SAMPLE, ...corpusFiles()];
  const printer = new Printer();
  const rows: { name: string; stages: Record<string, number>; cold: number }[] = [];
  const readable: string[] = [];
  for (const file of candidates) {
    let release;
    try {
      release = infer(await readFile(file));
    } catch {
      continue; // documents the readers refuse are not part of the benchmark
    }
    readable.push(file);
    const times: Record<string, number[]> = { read: [], infer: [], json: [], xlsx: [], html: [], pdf: [] };
    let html = '';
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const lap = (k: string) => { const now = performance.now(); times[k].push(now - t); t = now; };
      release = await readFile(file);
      lap('read');
      infer(release);
      lap('infer');
      toJson(release);
      lap('json');
      await toXlsxBuffer(release);
      lap('xlsx');
      html = toBriefingHtml(release);
      lap('html');
      html = (await printer.print(release)).html;
      lap('pdf');
    }
    const htmlFile = path.join(tmp, `${path.basename(file)}.html`);
    fs.writeFileSync(htmlFile, html);
    const cold = median([await coldPrint(browser, htmlFile, tmp), await coldPrint(browser, htmlFile, tmp), await coldPrint(browser, htmlFile, tmp)]);
    const stages = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    rows.push({ name: path.basename(file), stages, cold });
  }
  await printer.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  // Whole-command measurements: what a user waits for.
  const batch = await timeCommand(process.execPath, [CLI, 'build', ...readable, '--out', path.join(tmp, 'batch')]);
  const singles: number[] = [];
  for (let i = 0; i < RUNS; i++) singles.push((await timeCommand(process.execPath, [CLI, 'build', SAMPLE, '--out', path.join(tmp, 'single')])).ms);
  const noPdfInputs = Array.from({ length: 4 }, () => readable).flat();
  const noPdf = await timeCommand(process.execPath, [CLI, 'build', ...noPdfInputs, '--no-pdf', '--out', path.join(tmp, 'nopdf')]);

  const width = Math.max(...rows.map((r) => r.name.length), 8);
  const head = `${'release'.padEnd(width)}  ${['read', 'infer', 'json', 'xlsx', 'html', 'pdf', 'total', 'cold'].map((h) => h.padStart(6)).join(' ')}  ours/cold`;
  const lines = [`tieout bench — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, node ${process.version}; medians of ${RUNS} runs, ms`, head, '-'.repeat(head.length)];
  for (const r of rows) {
    const total = Object.values(r.stages).reduce((a, b) => a + b, 0);
    lines.push(`${r.name.padEnd(width)}  ${['read', 'infer', 'json', 'xlsx', 'html', 'pdf'].map((k) => ms(r.stages[k])).join(' ')} ${ms(total)} ${ms(r.cold)}  ${(total / r.cold).toFixed(2)}`);
  }
  const coldMedian = median(rows.map((r) => r.cold));
  const coldSample = rows.find((r) => r.name === path.basename(SAMPLE))?.cold ?? coldMedian;
  const perRelease = batch.ms / readable.length;
  const single = median(singles);
  const rate = noPdfInputs.length / (noPdf.ms / 1000);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  lines.push('');
  lines.push(`batch (${readable.length} releases, one process, --jobs ${os.availableParallelism()}): ${batch.ms.toFixed(0)} ms, ${perRelease.toFixed(0)} ms per release = ${(perRelease / coldMedian).toFixed(2)}× a cold print (${coldMedian.toFixed(0)} ms)  target ≤ ${TARGETS.batchVsCold}×: ${verdict(perRelease / coldMedian <= TARGETS.batchVsCold)}`);
  lines.push(`single release end to end (tieout build sample): ${single.toFixed(0)} ms = ${(single / coldSample).toFixed(2)}× its cold print (${coldSample.toFixed(0)} ms)  target ≤ ${TARGETS.singleVsCold}×: ${verdict(single / coldSample <= TARGETS.singleVsCold)}`);
  lines.push(`--no-pdf: ${noPdfInputs.length} releases in ${noPdf.ms.toFixed(0)} ms = ${rate.toFixed(1)} releases/s  target ≥ ${TARGETS.noPdfPerSecond}/s: ${verdict(rate >= TARGETS.noPdfPerSecond)}`);
  lines.push(`peak RSS over the whole corpus (in-process, all stages): ${peakRssMb.toFixed(0)} MB  target ≤ ${TARGETS.peakRssMb} MB: ${verdict(peakRssMb <= TARGETS.peakRssMb)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
