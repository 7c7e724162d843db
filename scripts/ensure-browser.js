#!/usr/bin/env node
// Makes sure a browser is there for the PDF briefing, and says plainly what it did.
// tieout prints with Chromium's headless shell (the same engine as the browser, without the desktop
// around it: it starts in a quarter of the time). Order: the headless shell if it is there; as root
// on Debian or Ubuntu, the distribution's chromium-headless-shell package (with CJK fonts); else any
// Chromium or Chrome already installed; else Puppeteer's own download of the headless shell.
// Never fails the install: without a browser, `tieout build --no-pdf` still writes XLSX and JSON.
'use strict';
const { existsSync, readFileSync } = require('fs');
const { spawnSync } = require('child_process');
const os = require('os');
// The one list of where browsers live, compiled from src/render/browser.ts by `prepare`.
const { findBrowser, isHeadlessShell, DOWNLOAD_DIR } = require('../dist/render/browser');

function say(line) {
  process.stdout.write(`tieout set-up: ${line}\n`);
}

function debianLike() {
  try {
    return /\b(debian|ubuntu)\b/i.test(readFileSync('/etc/os-release', 'utf8')) && existsSync('/usr/bin/apt-get');
  } catch {
    return false;
  }
}

function run(cmd, args) {
  say(`running: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

function main() {
  const have = findBrowser();
  if (have && (isHeadlessShell(have) || process.env.PUPPETEER_EXECUTABLE_PATH)) {
    say(`browser for the PDF briefing: ${have}`);
    return;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && debianLike()) {
    const pkgs = ['chromium-headless-shell', 'fonts-noto-cjk'];
    say(`${have ? `found ${have}, but not its headless shell` : 'no browser found'}; installing Debian's ${pkgs.join(' and ')}`);
    const args = ['install', '-y', '--no-install-recommends', ...pkgs];
    if (run('apt-get', args) || (run('apt-get', ['update']) && run('apt-get', args))) {
      const now = findBrowser();
      if (now) {
        say(`installed; browser for the PDF briefing: ${now}`);
        return;
      }
    }
    say('apt-get could not install chromium-headless-shell');
  }
  if (have) {
    say(`browser for the PDF briefing: ${have} (Chromium's headless shell would start faster)`);
    return;
  }
  say('trying Puppeteer\'s own download (npx @puppeteer/browsers install chrome-headless-shell@stable)');
  const r = spawnSync('npx', ['--yes', '@puppeteer/browsers', 'install', 'chrome-headless-shell@stable', '--path', DOWNLOAD_DIR], { stdio: 'inherit' });
  if (r.status === 0) {
    say(`downloaded Chrome's headless shell to ${DOWNLOAD_DIR.replace(os.homedir(), '~')}; tieout finds it there`);
    return;
  }
  say('no browser could be obtained. Install Chromium (Debian: `apt-get install chromium-headless-shell fonts-noto-cjk`), or set PUPPETEER_EXECUTABLE_PATH; until then use `tieout build --no-pdf`.');
}

main();
