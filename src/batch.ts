import { promises as fs } from 'fs';
import path from 'path';
import { fsPath, nameFromBytes } from './names';

/** The real path of a name, its bytes kept. */
const realpath = async (p: string): Promise<string> => nameFromBytes(await fs.realpath(fsPath(p), { encoding: 'buffer' }));

const RELEASE_FILE = /\.(txt|md|markdown|htm|html)$/i;

/**
 * Turns the command line's files and directories into the list of releases to build: a directory
 * contributes the release files below it (sorted, hidden entries skipped); a path that does not exist,
 * or a directory with no release in it, is kept so that it fails with its own message instead of vanishing.
 * Symbolic links below a directory are followed, each directory and file once: a link that leads
 * back into a directory being read, to something already listed, or to nothing is skipped, and
 * `skipped` is told why.
 */
export async function expandInputs(args: string[], skipped: (file: string, why: string) => void = () => undefined): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string, real: string): Promise<void> => {
    seen.add(real);
    // Names as bytes: one that is not UTF-8 is still a release, carried with its bytes escaped (names.ts).
    const entries = (await fs.readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' })).map((e) => ({ e, name: nameFromBytes(e.name) }));
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const { e, name } of entries) {
      if (name.startsWith('.')) continue;
      const p = path.join(dir, name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let target = p;
      if (e.isSymbolicLink()) {
        const stat = await fs.stat(fsPath(p)).catch(() => null);
        if (!stat) {
          if (RELEASE_FILE.test(name)) skipped(p, 'a symbolic link to nothing');
          continue;
        }
        isDir = stat.isDirectory();
        isFile = stat.isFile();
        target = await realpath(p);
      } else if (isDir || isFile) target = await realpath(p);
      if (isDir) {
        if (seen.has(target)) skipped(p, `a link to ${target}, a directory already read (a loop or a second way in)`);
        else await walk(p, target);
      } else if (isFile && RELEASE_FILE.test(name)) {
        if (seen.has(target)) skipped(p, `the same file as one already listed (${target})`);
        else { seen.add(target); out.push(p); }
      }
    }
  };
  for (const arg of args) {
    const stat = await fs.stat(fsPath(arg)).catch(() => null);
    const before = out.length;
    if (stat?.isDirectory()) await walk(arg, await realpath(arg));
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
