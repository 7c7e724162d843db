#!/usr/bin/env node
// Makes sure a Chromium is there for the PDF briefing, and says plainly what it did.
// Order: an existing browser (PUPPETEER_EXECUTABLE_PATH or a system path); as root on Debian or
// Ubuntu, the distribution's chromium package (with CJK fonts); otherwise Puppeteer's own download.
// Never fails the install: without a browser, `tieout build --no-pdf` still writes XLSX and JSON.
'use strict';
const { existsSync, readFileSync } = require('fs');
const { spawnSync } = require('child_process');

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

function say(line) {
  process.stdout.write(`tieout set-up: ${line}\n`);
}

function found() {
  const named = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (named) return existsSync(named) ? named : null;
  return CANDIDATES.find((p) => existsSync(p)) || null;
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
  const have = found();
  if (have) {
    say(`browser for the PDF briefing: ${have}`);
    return;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && debianLike()) {
    say('no browser found; installing Debian\'s chromium and fonts-noto-cjk');
    if (run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']) || (run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']))) {
      const now = found();
      if (now) {
        say(`installed; browser for the PDF briefing: ${now}`);
        return;
      }
    }
    say('apt-get could not install chromium');
  }
  say('trying Puppeteer\'s own Chrome download (npx @puppeteer/browsers install chrome-headless-shell@stable)');
  const r = spawnSync('npx', ['--yes', '@puppeteer/browsers', 'install', 'chrome-headless-shell@stable', '--path', `${require('os').homedir()}/.cache/tieout-browser`], { stdio: 'inherit' });
  if (r.status === 0) {
    say('downloaded Chrome headless shell to ~/.cache/tieout-browser; tieout finds it there');
    return;
  }
  say('no browser could be obtained. Install Chromium or Chrome (Debian: `apt-get install chromium fonts-noto-cjk`), or set PUPPETEER_EXECUTABLE_PATH; until then use `tieout build --no-pdf`.');
}

main();
