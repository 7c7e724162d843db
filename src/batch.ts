import { promises as fs } from 'fs';
import path from 'path';

const RELEASE_FILE = /\.(txt|md|markdown|htm|html)$/i;

/**
 * Turns the command line's files and directories into the list of releases to build: a directory
 * contributes the release files below it (sorted, hidden entries skipped); a path that does not exist,
 * or a directory with no release in it, is kept so that it fails with its own message instead of vanishing.
 */
export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && RELEASE_FILE.test(e.name)) out.push(p);
    }
  };
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => null);
    const before = out.length;
    if (stat?.isDirectory()) await walk(arg);
    // A directory holding no release is bad input, not nothing to do: kept, it fails with its own line.
    if (out.length === before) out.push(arg);
  }
  return out;
}

/**
 * Runs `work` over `items` with at most `jobs` in flight, calling `done` as each finishes, in
 * completion order. One failing item never stops the others: `work` reports its own failure.
 */
export async function runPool<T, R>(items: T[], jobs: number, work: (item: T, index: number) => Promise<R>, done: (result: R, item: T, index: number) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
      done(results[i], items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, lane));
  return results;
}
