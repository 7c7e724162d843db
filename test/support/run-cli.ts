import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

// Runs the real command line (bin/tieout.js over the compiled dist/), from the project root, the
// way a user does. Compiles first when any source is newer than the compiled CLI, so a test run
// never judges stale code.

export const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'tieout.js');
const COMPILED = path.join(ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

let compiled = false;

/** Compiles src/ into dist/ once per test run when dist/ is missing or older than a source file. */
export function ensureCompiled(): void {
  if (compiled) return;
  const built = fs.existsSync(COMPILED) ? fs.statSync(COMPILED).mtimeMs : 0;
  if (built < newestSource(path.join(ROOT, 'src'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  }
  compiled = true;
}

/** A new, empty directory for one run's outputs, named for the test file that made it. */
export function freshDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tieout-${name}-`));
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  ensureCompiled();
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

export interface RefusalCase {
  name: string;
  args: string;
  exit: number;
  stderr: string;
}

/** Reads the one list of refused inputs: `## name` then `args:`, `exit:` and `stderr:` lines. */
export function readRefusalCases(file: string): RefusalCase[] {
  const text = fs.readFileSync(file, 'utf8');
  return text.split(/^## /m).slice(1).map((block) => {
    const [name, ...lines] = block.split('\n');
    const field = (key: string) => {
      const line = lines.find((l) => l.startsWith(`${key}: `));
      if (!line) throw new Error(`${file}: case "${name}" has no ${key}: line`);
      return line.slice(key.length + 2);
    };
    return { name: name.trim(), args: field('args'), exit: Number(field('exit')), stderr: field('stderr') };
  });
}
