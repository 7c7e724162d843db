import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
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

/** A browser that was found but did not start, or stopped answering: the run's PDFs cannot be printed. */
export class BrowserFailedError extends Error {
  constructor(executable: string, what: string) {
    super(`the browser ${executable} ${what}; set PUPPETEER_EXECUTABLE_PATH to a working Chromium or Chrome, or build with --no-pdf`);
    this.name = 'BrowserFailedError';
  }
}

/** How long a browser may take to start and answer: the headless shell takes a quarter of a second. */
export const START_TIMEOUT_MS = 15_000;
/** How long one request to a started browser may take (Puppeteer's own default is three minutes). */
const PROTOCOL_TIMEOUT_MS = 60_000;

/** Browser profiles of this process not yet removed, for `killBrowsers` on a signal. */
const profiles = new Set<string>();

/** Marks a browser's processes, and whatever they start, with the profile they belong to. */
const MARK = 'TIEOUT_BROWSER_PROFILE';

/**
 * The processes that carry one of `marks` in their environment (Linux's /proc; only our own user's
 * are readable). The mark survives what a command line does not: a wrapper script that execs, and
 * the processes the browser itself starts.
 */
function processesMarked(marks: Set<string>): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const pid of entries) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1');
      for (const m of marks) if (env.includes(`${MARK}=${m}\0`)) found.push(Number(pid));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found;
}

/**
 * Ends this process's browsers at once, started or still starting (all of them, or the one of
 * `profile`), and removes their profiles: a run stopped by a signal cannot wait for a browser to
 * close itself, and a hung one never would.
 */
export function killBrowsers(profile?: string): void {
  const which = profile ? new Set([profile]) : new Set(profiles);
  for (const pid of processesMarked(which)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  for (const p of which) {
    rmSync(p, { recursive: true, force: true });
    profiles.delete(p);
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
  profiles.add(profile);
  let timer: NodeJS.Timeout | undefined;
  const launching = launch({
    executablePath,
    headless: shell ? 'shell' : true,
    // Talk over a pipe, not a port: when tieout dies (even by SIGKILL) the pipe closes and Chromium
    // exits with it instead of living on as an orphan.
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, ...(shell ? SHELL_ARGS : [])],
    // The CLI stops on signals itself, at once (cli.ts); Puppeteer's handlers would close the browser
    // and let the run go on failing every release left.
    env: { ...process.env, [MARK]: profile },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: START_TIMEOUT_MS,
    protocolTimeout: PROTOCOL_TIMEOUT_MS,
  });
  let browser: Browser;
  try {
    // Over a pipe Puppeteer waits for the browser's first answer as long as for any request: a hung
    // browser is given up here, sooner.
    browser = await Promise.race([launching, new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BrowserFailedError(executablePath, `did not answer within ${START_TIMEOUT_MS / 1000} s of starting`)), START_TIMEOUT_MS);
    })]);
  } catch (err) {
    launching.then((b) => b.close(), () => undefined).catch(() => undefined);
    killBrowsers(profile);
    if (err instanceof BrowserFailedError) throw err;
    const first = String((err as Error)?.message ?? err).split('\n')[0];
    throw new BrowserFailedError(executablePath, `did not start (${first})`);
  } finally {
    clearTimeout(timer);
  }
  return {
    browser,
    async close() {
      // A browser that stopped answering is ended rather than waited for.
      const closing = browser.close().catch(() => undefined);
      const late = await Promise.race([closing.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5_000).unref())]);
      if (late) browser.process()?.kill('SIGKILL');
      killBrowsers(profile);
    },
  };
}
