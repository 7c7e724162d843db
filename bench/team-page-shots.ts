import fs from 'fs';
import os from 'os';
import path from 'path';
import { launch, type ElementHandle } from 'puppeteer-core';
import { findBrowser, isHeadlessShell } from '../src/render/browser';
import { startServer } from '../src/serve/app';

// Screenshots of the team page, for reading its look by eye: empty, during a build (progress, then
// the first preview), done, the library, a DRAFT release. `npx tsx bench/team-page-shots.ts [DIR] [files...]`.

async function main(): Promise<void> {
  const [dirArg, ...files] = process.argv.slice(2);
  const dir = path.resolve(dirArg ?? path.join(os.tmpdir(), 'team-page-shots'));
  fs.mkdirSync(dir, { recursive: true });
  const corpus = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
  const inputs = files.length ? files : [path.resolve(__dirname, '..', 'samples', 'qifu-q3-2024.txt'), path.join(corpus, 'buckle_8k_ex99-1.html'), path.resolve(__dirname, '..', 'test', 'fixtures', 'serve', 'unnamed-q1-2025.txt'), path.join(corpus, 'microsoft_q4fy24_press_release.md')];
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-shots-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', data, jobs: 2 });
  const executablePath = findBrowser()!;
  const browser = await launch({ executablePath, headless: isHeadlessShell(executablePath) ? 'shell' : true, pipe: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(server.url);
    await page.screenshot({ path: path.join(dir, '1-empty.png') });
    await ((await page.$('#files')) as ElementHandle<HTMLInputElement>).uploadFile(...inputs);
    await page.waitForSelector('#jobs .stage.done');
    await page.screenshot({ path: path.join(dir, '2-building.png') });
    // The first briefing shown while its workbook and PDF are still being written.
    await page.waitForSelector('#preview iframe[data-loaded="yes"]', { timeout: 300_000 });
    const building = await page.$$eval('#jobs .job.building, #jobs .job.queued', (ls) => ls.length);
    await page.screenshot({ path: path.join(dir, `2b-preview-${building} building.png`.replace(' ', '-')) });
    await page.waitForFunction((n) => document.querySelectorAll('#jobs .job.done, #jobs .job.failed').length === n, { timeout: 300_000 }, inputs.length);
    await new Promise((r) => setTimeout(r, 800));
    await page.screenshot({ path: path.join(dir, '3-done.png'), fullPage: false });
    await page.goto(server.url);
    await (await page.$('.library'))!.screenshot({ path: path.join(dir, '4-library.png') });
    const draft = server.library.all().find((e) => e.card?.draft.length);
    if (draft) {
      await page.goto(`${server.url}r/${draft.hash}`);
      await page.screenshot({ path: path.join(dir, '5-draft.png') });
    }
    process.stdout.write(`screenshots in ${dir}\n`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main().catch((err) => { process.stderr.write(`${(err as Error).stack}\n`); process.exit(1); });
