import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'puppeteer-core';
import { sweepDeadRuns } from '../output';

// Finding and starting the one browser a run prints with. The only place that knows about
// Chromium; everything else asks for a Printer.

// The headless shell first: the same Blink without the desktop browser around it, it starts in
// a quarter of a second where full Chromium takes one (Debian's chromium-headless-shell package).
export const CANDIDATES = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const NO_BROWSER = 'no Chromium or Chrome found for the PDF: set PUPPETEER_EXECUTABLE_PATH, or run `node scripts/ensure-browser.js` (as root on Debian it installs the chromium package), or build with --no-pdf';

/** Where scripts/ensure-browser.js leaves Puppeteer's own download when no system browser exists. */
export const DOWNLOAD_DIR = path.join(os.homedir(), '.cache', 'tieout-browser');

function downloaded(): string | null {
  // Layout of @puppeteer/browsers: <dir>/chrome-headless-shell/<platform-version>/<folder>/chrome-headless-shell
  const root = path.join(DOWNLOAD_DIR, 'chrome-headless-shell');
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root)) {
    for (const folder of readdirSync(path.join(root, version))) {
      const bin = path.join(root, version, folder, 'chrome-headless-shell');
      if (existsSync(bin)) return bin;
    }
  }
  return null;
}

/** The browser executable: PUPPETEER_EXECUTABLE_PATH first, then the usual system paths, then our download. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.PUPPETEER_EXECUTABLE_PATH;
  if (named) return existsSync(named) ? named : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? downloaded();
}

export class BrowserMissingError extends Error {
  constructor(detail?: string) {
    super(detail ? `${NO_BROWSER} (${detail})` : NO_BROWSER);
    this.name = 'BrowserMissingError';
  }
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The headless shell renders in its own process: no renderer is forked per page, which takes
 * half a second of a one-release run. The pages it prints are our own, with JavaScript off and
 * every request refused, so a separate renderer process would isolate nothing.
 */
const SHELL_ARGS = ['--single-process', '--no-zygote'];

const PROFILE_PREFIX = 'tieout-chromium-';

/** True for Chrome's headless shell, which Puppeteer drives in its 'shell' mode. */
export function isHeadlessShell(executable: string): boolean {
  return /headless[-_]shell/.test(path.basename(executable));
}

/** Starts headless Chromium with a throw-away profile and no background traffic. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const executablePath = findBrowser();
  if (!executablePath) {
    const named = process.env.PUPPETEER_EXECUTABLE_PATH;
    throw new BrowserMissingError(named ? `PUPPETEER_EXECUTABLE_PATH=${named} does not exist` : undefined);
  }
  const { launch } = await import('puppeteer-core');
  const shell = isHeadlessShell(executablePath);
  // The profile is named for this process: a run killed before it could delete its own leaves one
  // behind, and the next launch removes those of processes that are gone.
  await sweepDeadRuns(os.tmpdir(), PROFILE_PREFIX);
  const profile = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  const browser = await launch({
    executablePath,
    headless: shell ? 'shell' : true,
    // Talk over a pipe, not a port: when tieout dies (even by SIGKILL) the pipe closes and Chromium
    // exits with it instead of living on as an orphan.
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, ...(shell ? SHELL_ARGS : [])],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
