import { promises as fs } from 'fs';
import path from 'path';

/** A file name stem derived from an input name: no directories, no dot-files, nothing but safe characters. */
export function outputStem(input: string): string {
  const base = path.basename(input).replace(/\.(txt|htm|html|md|markdown)$/i, '');
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').replace(/[._]+$/, '').slice(0, 120);
  return safe || 'release';
}

const TEMP_PREFIX = '.tieout-tmp-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what killed runs left in `dir`: entries named `<prefix><pid>-…` whose process no longer
 * runs. Entries of live processes are kept, so a concurrent run keeps its own.
 */
export async function sweepDeadRuns(dir: string, prefix: string): Promise<number> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) {
      await fs.rm(path.join(dir, name), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** Removes the temporary files a killed run left in the output directory. */
export function sweepStaleTemps(dir: string): Promise<number> {
  return sweepDeadRuns(dir, TEMP_PREFIX);
}

/**
 * Writes every output of one release whole or not at all: each goes to a temporary name in the
 * output directory first; only when all are written are they renamed into place.
 */
export async function writeOutputs(dir: string, files: { name: string; data: string | Buffer }[]): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const temps: { temp: string; final: string }[] = [];
  try {
    for (const f of files) {
      const final = path.join(dir, f.name);
      if (path.resolve(path.dirname(final)) !== path.resolve(dir)) throw new Error(`refusing to write outside ${dir}: ${f.name}`);
      const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${Math.random().toString(36).slice(2)}-${f.name}`);
      await fs.writeFile(temp, f.data);
      temps.push({ temp, final });
    }
    for (const t of temps) await fs.rename(t.temp, t.final);
  } catch (err) {
    await Promise.all(temps.map((t) => fs.rm(t.temp, { force: true })));
    throw err;
  }
  return temps.map((t) => t.final);
}
