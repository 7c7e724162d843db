import { promises as fs } from 'fs';
import path from 'path';

/** A file name stem derived from an input name: no directories, no dot-files, nothing but safe characters. */
export function outputStem(input: string): string {
  const base = path.basename(input).replace(/\.(txt|htm|html|md|markdown)$/i, '');
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  return safe || 'release';
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
      if (path.dirname(final) !== path.resolve(dir) && path.dirname(final) !== dir) throw new Error(`refusing to write outside ${dir}: ${f.name}`);
      const temp = path.join(dir, `.tieout-tmp-${process.pid}-${Math.random().toString(36).slice(2)}-${f.name}`);
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
