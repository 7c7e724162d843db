import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

// Wall time of commands, and the floor every bench line is held against: a cold headless browser
// printing the same HTML to PDF, nothing of ours in the way.

/** The process's peak resident memory so far, in MB (Linux; threads count with their process). */
export function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Wall time of one command in ms, and its peak RSS as last seen before it exited. */
export function timeCommand(cmd: string, args: string[]): Promise<{ ms: number; code: number | null; peakMb: number | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: 'ignore' });
    let peakMb: number | null = null;
    const poll = setInterval(() => { peakMb = peakRssMb(child.pid ?? -1) ?? peakMb; }, 25);
    child.on('exit', (code) => { clearInterval(poll); resolve({ ms: performance.now() - t0, code, peakMb }); });
  });
}

/**
 * The floor: a cold headless browser printing the same HTML to PDF, nothing of ours in the way.
 * Two floors: full Chromium (`chromium --headless`, the browser a user has) and the headless
 * shell, the same engine tieout prints with.
 */
export async function coldPrint(browser: string, htmlFile: string, tmp: string): Promise<number> {
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  const r = await timeCommand(browser, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--no-pdf-header-footer',
    `--print-to-pdf=${path.join(tmp, 'cold.pdf')}`, `file://${htmlFile}`,
  ]);
  if (r.code !== 0) throw new Error(`cold chromium print failed for ${htmlFile}`);
  return r.ms;
}
