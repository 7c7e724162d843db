import { promises as fs, rmSync } from 'fs';
import path from 'path';
import { shownName } from './names';

// Where a release's outputs go, and how they are written so that a reader never sees part of a set.
//
//   <out>/<stem>.json  ->  .tieout/<stem>/<stem>.json     one fixed link per output, made once
//   <out>/.tieout/<stem>  ->  sets/<pid>-<id>            the release's current set: one link
//   <out>/.tieout/sets/<pid>-<id>/<stem>.{json,xlsx,…}   each set written whole, synced, never changed
//
// A new set is written into a fresh directory and made current by renaming one link over the old
// one, which is atomic: every output of a release is at every moment all from the old set or all
// from the new one, whatever kills the run and wherever. Making a set current is serialised by a
// lock in the store, so concurrent runs over one directory each leave whole sets.

/** The store inside the output directory; named for the tool, hidden like a repository's own. */
export const STORE = '.tieout';
const SETS = 'sets';
const LOCK = 'lock';
const TEMP_PREFIX = '.tieout-tmp-';
/** Every output a release may have: a link whose set no longer has its file is removed. */
const OUTPUT_EXTS = ['json', 'xlsx', 'pdf', 'html'];

/** A file name stem derived from an input name: no directories, no dot-files, no control or shell characters. */
export function outputStem(input: string): string {
  // A byte that is not UTF-8 is kept as its escape (`caf\xe9` gives caf_xe9), so that names differing
  // only there keep stems of their own.
  const base = shownName(path.basename(input)).replace(/\.(txt|htm|html|md|markdown)$/i, '');
  // Letters and digits of any script are kept (a release named in Chinese keeps its name); the
  // replacement character of an undecodable byte is not a letter and goes with the rest.
  const safe = base.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '').replace(/[._]+$/, '');
  return [...safe].slice(0, 120).join('').replace(/[._]+$/, '') || 'release';
}

/**
 * One stem per input, no two alike and none equal to another input's own stem: `a.md a.html a-2.md`
 * give a, a-3 and a-2 (a number is never taken from a real name), compared without case so that
 * a case-insensitive file system cannot merge them either.
 */
export function uniqueStems(inputs: string[]): string[] {
  const natural = inputs.map(outputStem);
  const taken = new Set(natural.map((s) => s.toLowerCase()));
  const given = new Set<string>();
  return natural.map((stem) => {
    let name = stem;
    for (let n = 2; given.has(name.toLowerCase()) || (name !== stem && taken.has(name.toLowerCase())); n++) name = `${stem}-${n}`;
    given.add(name.toLowerCase());
    return name;
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process id a temporary's name starts with (`<prefix><pid>-…`), or 0. */
function ownerPid(name: string, prefix: string): number {
  return name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1] ?? 0) : 0;
}

/**
 * Removes what killed runs left in `dir`: entries named `<prefix><pid>-…` whose process no longer
 * runs. Entries of live processes are kept, so a concurrent run keeps its own; an entry this
 * process may not remove (another user's, in a shared directory) is left alone, never an error.
 */
export async function sweepDeadRuns(dir: string, prefix: string, keep: (name: string) => boolean = () => false): Promise<number> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = ownerPid(name, prefix);
    if (!pid || pid === process.pid || alive(pid) || keep(name)) continue;
    try {
      await fs.rm(path.join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // Not ours to remove: it blocks nothing, since every run names its own temporaries.
    }
  }
  return removed;
}

/** Removes what killed runs left in an output directory: temporary links, and sets no link names. */
export async function sweepStaleTemps(dir: string): Promise<number> {
  let removed = await sweepDeadRuns(dir, TEMP_PREFIX);
  const store = path.join(dir, STORE);
  const current = new Set<string>();
  for (const name of await fs.readdir(store).catch(() => [] as string[])) {
    const target = await fs.readlink(path.join(store, name)).catch(() => null);
    if (target) current.add(path.basename(target));
  }
  removed += await sweepDeadRuns(store, TEMP_PREFIX);
  removed += await sweepDeadRuns(path.join(store, SETS), '', (name) => current.has(name));
  // The lock of a run killed while it made a set current.
  const holder = Number(await fs.readFile(path.join(store, LOCK), 'utf8').catch(() => ''));
  if (holder && holder !== process.pid && !alive(holder)) {
    await fs.rm(path.join(store, LOCK), { force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** A write that failed, in words: which file, and why (no space, no permission, something in the way). */
export class OutputError extends Error {
  constructor(readonly file: string, cause: NodeJS.ErrnoException) {
    const why: Record<string, string> = {
      ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is used up', EROFS: 'the file system is read-only',
      EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'a directory is in the way', ENOTDIR: 'a file is in the way of a directory',
      ENOTEMPTY: 'a directory is in the way', ELOOP: 'a loop of symbolic links', ENAMETOOLONG: 'the name is too long', EIO: 'an input/output error',
    };
    super(`cannot write ${file}: ${why[cause.code ?? ''] ?? cause.message}`);
    this.name = 'OutputError';
  }
}

/**
 * Why `dir` cannot take outputs, or null when it can: made if missing, and tried with a file of our
 * own, so that a bad --out is refused before any release is built.
 */
export async function outDirProblem(dir: string): Promise<string | null> {
  if (dir.trim() === '') return 'an empty name';
  const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? '';
  const said: Record<string, string> = {
    EEXIST: 'a file', ENOTDIR: 'a file where a directory should be', ELOOP: 'a loop of symbolic links', EACCES: 'no permission to write there',
    EPERM: 'no permission to write there', EROFS: 'a read-only file system', ENOSPC: 'no space left on the device', ENAMETOOLONG: 'a name too long',
  };
  try {
    await fs.mkdir(dir, { recursive: true });
    if (!(await fs.stat(dir)).isDirectory()) return 'a file';
    const probe = path.join(dir, `${TEMP_PREFIX}${unique()}`);
    await fs.writeFile(probe, '', { flag: 'wx' });
    await fs.rm(probe, { force: true });
    return null;
  } catch (err) {
    return said[code(err)] ?? (err as Error).message;
  }
}

/** Temporaries of this process not yet renamed into place, removed by `removeTemporaries` on a signal. */
const temporaries = new Set<string>();

/** Removes, at once, every temporary this process is writing: for a run stopped by a signal. */
export function removeTemporaries(): void {
  for (const t of temporaries) rmSync(t, { recursive: true, force: true });
  temporaries.clear();
}

const unique = () => `${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Writes a new file (never one that exists) and syncs it to disk. */
export async function writeSynced(file: string, data: string | Buffer): Promise<void> {
  const fh = await fs.open(file, 'wx');
  try {
    await fh.writeFile(data);
    // On disk before any rename makes it visible: a power cut never leaves a renamed empty file.
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, 'r').catch(() => null);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close();
}

/** Holds `<store>/lock` while `work` runs; a lock whose process is gone is taken over. */
async function withLock<T>(store: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(store, LOCK);
  for (let waited = 0; ; waited += 20) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(lock, err as NodeJS.ErrnoException);
      const holder = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
      // A lock being written has no pid yet: give it a moment before calling it stale.
      if (holder && !alive(holder)) await fs.rm(lock, { force: true });
      else if (waited > 120_000) throw new Error(`${lock} has been held by process ${holder} for two minutes`);
      else await new Promise((r) => setTimeout(r, 20));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/** Replaces (or makes) the link `at` so that it points at `target`, by renaming a new link over it. */
async function relink(at: string, target: string): Promise<boolean> {
  if ((await fs.readlink(at).catch(() => null)) === target) return false;
  const temp = path.join(path.dirname(at), `${TEMP_PREFIX}${unique()}`);
  temporaries.add(temp);
  try {
    await fs.symlink(target, temp);
    await fs.rename(temp, at);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw new OutputError(at, err as NodeJS.ErrnoException);
  } finally {
    temporaries.delete(temp);
  }
  return true;
}

export interface WriteHooks {
  /** Called after each step of making the set current (for tests that stop a run between them). */
  step?: (what: string) => void;
}

/**
 * Writes every output of one release whole or not at all, and makes them visible at once: the files
 * go into a fresh set directory, each synced, and one rename makes that set the release's current one.
 */
export async function writeOutputs(dir: string, stem: string, files: { name: string; data: string | Buffer }[], hooks: WriteHooks = {}): Promise<string[]> {
  const step = hooks.step ?? (() => undefined);
  for (const f of files) {
    if (f.name !== path.basename(f.name) || !f.name.startsWith(`${stem}.`) || !OUTPUT_EXTS.includes(f.name.slice(stem.length + 1))) {
      throw new Error(`refusing to write outside ${dir}: ${f.name}`);
    }
  }
  const store = path.join(dir, STORE);
  const sets = path.join(store, SETS);
  await fs.mkdir(sets, { recursive: true }).catch((err) => { throw new OutputError(sets, err); });
  const id = unique();
  const set = path.join(sets, id);
  temporaries.add(set);
  const made: string[] = [];
  try {
    await fs.mkdir(set).catch((err) => { throw new OutputError(set, err); });
    for (const f of files) {
      await writeSynced(path.join(set, f.name), f.data).catch((err) => { throw new OutputError(path.join(dir, f.name), err); });
      step(`wrote ${f.name}`);
    }
    await syncDir(set);
    await withLock(store, async () => {
      // The outputs' links first: they point through the release's current-set link, so until it is
      // replaced they still show the old set (or nothing, for a release never built here).
      for (const f of files) {
        if (await relink(path.join(dir, f.name), path.join(STORE, stem, f.name))) made.push(path.join(dir, f.name));
        step(`linked ${f.name}`);
      }
      const current = path.join(store, stem);
      const old = await fs.readlink(current).catch(() => null);
      await relink(current, path.join(SETS, id));
      temporaries.delete(set);
      made.length = 0;
      step('committed');
      await syncDir(store);
      // What the old set had and this one has not (a briefing, before --no-pdf) is gone with it.
      for (const ext of OUTPUT_EXTS) {
        const name = `${stem}.${ext}`;
        if (files.some((f) => f.name === name)) continue;
        const link = path.join(dir, name);
        if ((await fs.readlink(link).catch(() => null)) === path.join(STORE, stem, name)) await fs.rm(link, { force: true });
      }
      if (old && path.basename(old) !== id) await fs.rm(path.join(store, old), { recursive: true, force: true });
      step('cleaned');
    });
    await syncDir(dir);
  } catch (err) {
    // Nothing of a set that never became current stays: its directory, and links it added.
    if (temporaries.has(set)) {
      await fs.rm(set, { recursive: true, force: true }).catch(() => undefined);
      temporaries.delete(set);
      await Promise.all(made.map((m) => fs.rm(m, { force: true }).catch(() => undefined)));
    }
    throw err;
  }
  return files.map((f) => path.join(dir, f.name));
}
