import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import type { BuildStage } from '../build';
import { outputStem, writeSynced } from '../output';
import type { Card } from './card';

// The team page's library: a data directory holding every release uploaded, by the SHA-256 of its
// bytes (the same file uploaded twice is one release), its outputs exactly as `tieout build` writes
// them, and an index that survives restarts.
//
//   <data>/index.json                          every release: name, status, card (written atomically)
//   <data>/releases/<hash>/input/<stem>.<ext>  the uploaded bytes, under a name made from the client's
//   <data>/releases/<hash>/<stem>.xlsx …       `tieout build --out <data>/releases/<hash>`'s outputs
//   <data>/models/                             `tieout model --out`'s outputs
//   <data>/tmp/                                uploads being received

export type Status = 'queued' | 'building' | 'done' | 'failed';

export interface Entry {
  hash: string;
  /** The name the file had on the uploader's machine: shown, never used as a path. */
  name: string;
  /** The input's name in the store: the CLI's output stem of `name` and its extension. */
  file: string;
  stem: string;
  size: number;
  /** When it was first uploaded (ISO 8601). */
  added: string;
  status: Status;
  /** The last stage finished while building. */
  stage: BuildStage | null;
  /** Why it failed, in the CLI's words. */
  error: string | null;
  /** True once its briefing can be shown: from the end of inference while it builds, and once built. */
  preview?: boolean;
  card: Card | null;
  /** The outputs written, by extension. */
  outputs: string[];
  /** Milliseconds the build took by stage (read, infer, json, xlsx, pdf, write, total), as `npm run bench` reports them. */
  timings?: Record<string, number>;
  /** Grows with every change, so a page applies only the newest state it hears of. */
  seq: number;
}

const RELEASE_EXT = /\.(txt|md|markdown|htm|html)$/i;
export const OUTPUT_EXTS = ['xlsx', 'pdf', 'json', 'html'] as const;

/**
 * Why a client's file name is refused, or null: a name is shown and turned into a stem, never
 * joined to a path, but one that is a path (or holds control characters) is a client to refuse.
 */
export function badName(name: string): string | null {
  if (!name) return 'an empty name';
  if (/[/\\]/.test(name)) return 'a path';
  if (name === '.' || name === '..') return 'a path';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) return 'control characters';
  if (Buffer.byteLength(name) > 255) return 'a name longer than 255 bytes';
  return null;
}

/** The stored input's name: the CLI's stem of the client's name, so the outputs are named as the CLI names them. */
export function storedName(name: string): string {
  const ext = RELEASE_EXT.exec(name)?.[1].toLowerCase() ?? 'txt';
  return `${outputStem(name)}.${ext}`;
}

export class Library {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  get index(): string { return path.join(this.dir, 'index.json'); }
  get tmp(): string { return path.join(this.dir, 'tmp'); }
  get models(): string { return path.join(this.dir, 'models'); }
  releaseDir(hash: string): string { return path.join(this.dir, 'releases', hash); }
  inputOf(e: Entry): string { return path.join(this.releaseDir(e.hash), 'input', e.file); }
  outputOf(e: Entry, ext: string): string { return path.join(this.releaseDir(e.hash), `${e.stem}.${ext}`); }

  /** Loads the index; a build the server was stopped in the middle of is queued again. */
  async open(): Promise<Entry[]> {
    await fs.mkdir(path.join(this.dir, 'releases'), { recursive: true });
    await fs.rm(this.tmp, { recursive: true, force: true });
    await fs.mkdir(this.tmp, { recursive: true });
    const text = await fs.readFile(this.index, 'utf8').catch((err) => { if (err.code === 'ENOENT') return null; throw err; });
    let list: Entry[] = [];
    if (text !== null) {
      try {
        list = (JSON.parse(text) as { releases: Entry[] }).releases;
      } catch (err) {
        throw new Error(`${this.index}: expected the library's index (JSON), found ${(err as Error).message}`);
      }
    }
    const unfinished: Entry[] = [];
    for (const e of list) {
      this.seq = Math.max(this.seq, e.seq);
      if (e.status === 'queued' || e.status === 'building') { e.status = 'queued'; e.stage = null; e.preview = false; unfinished.push(e); }
      this.entries.set(e.hash, e);
    }
    return unfinished;
  }

  get(hash: string): Entry | undefined {
    return this.entries.get(hash);
  }

  /** Every release, newest first. */
  all(): Entry[] {
    return [...this.entries.values()].sort((a, b) => b.added.localeCompare(a.added) || a.name.localeCompare(b.name));
  }

  /** A fresh name in tmp/ for an upload being received. */
  tempFile(): string {
    return path.join(this.tmp, randomBytes(12).toString('hex'));
  }

  /**
   * Takes an upload received into `temp` (its SHA-256 `hash`) into the library: a release already
   * there is returned as it is (the temporary goes); a new one is stored and returned as queued,
   * with `saved` resolving once the index that lists it is on disk.
   */
  async admit(temp: string, hash: string, name: string, size: number): Promise<{ entry: Entry; fresh: boolean; saved: Promise<void> }> {
    const known = this.entries.get(hash);
    if (known) {
      await fs.rm(temp, { force: true });
      return { entry: known, fresh: false, saved: Promise.resolve() };
    }
    const file = storedName(name);
    const entry: Entry = { hash, name, file, stem: outputStem(file), size, added: new Date().toISOString(), status: 'queued', stage: null, error: null, card: null, outputs: [], seq: ++this.seq };
    const inputDir = path.dirname(this.inputOf(entry));
    await fs.mkdir(inputDir, { recursive: true });
    await fs.rename(temp, this.inputOf(entry));
    this.entries.set(hash, entry);
    // The caller may start building before the index is on disk, and answer once it is.
    return { entry, fresh: true, saved: this.save() };
  }

  /** Applies a change; `persist` writes the index (status changes; a stage alone is only told). */
  async update(entry: Entry, change: Partial<Entry>, persist = true): Promise<Entry> {
    Object.assign(entry, change, { seq: ++this.seq });
    if (persist && this.entries.get(entry.hash) === entry) await this.save();
    return entry;
  }

  async remove(hash: string): Promise<boolean> {
    if (!this.entries.delete(hash)) return false;
    await this.save();
    await fs.rm(this.releaseDir(hash), { recursive: true, force: true });
    return true;
  }

  /** Writes the index whole: a temporary, synced, renamed over the old one; writes take turns. */
  save(): Promise<void> {
    const text = JSON.stringify({ version: 1, releases: this.all() });
    this.saving = this.saving.catch(() => undefined).then(async () => {
      const temp = `${this.index}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeSynced(temp, text);
        await fs.rename(temp, this.index);
      } finally {
        await fs.rm(temp, { force: true });
      }
    });
    return this.saving;
  }
}

/** True when `entry` matches every word of `query` in its company, tickers, period or name. */
export function matches(entry: Entry, query: string): boolean {
  const c = entry.card;
  const hay = [c?.company, c?.tickers, c?.period, c?.periodEnd, c?.releaseDate, entry.name].filter(Boolean).join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

/** True when the entry's release names its company (a card stored before `named` existed counts as named). */
export function ofNamedCompany(e: Entry): boolean {
  return !!e.card && e.card.named !== false;
}

/**
 * Releases grouped by company, each group newest first, groups by their newest release. Only a
 * group of one named company offers its model: releases that name none are grouped for the eye only.
 */
export function byCompany(entries: Entry[]): { company: string; built: boolean; releases: Entry[] }[] {
  const groups = new Map<string, { built: boolean; releases: Entry[] }>();
  for (const e of entries) {
    const key = e.card?.company ?? '';
    const group = groups.get(key) ?? { built: !!key, releases: [] };
    group.releases.push(e);
    group.built &&= ofNamedCompany(e);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([company, g]) => ({ company: company || 'Not built yet or not readable', built: g.built, releases: g.releases }));
}
