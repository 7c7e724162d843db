import { EventEmitter } from 'events';
import path from 'path';
import { buildOne } from '../build';
import { InputError } from '../model/errors';
import { OutputError } from '../output';
import { BrowserFailedError, BrowserMissingError } from '../render/browser';
import { Printer } from '../render/pdf';
import { BuildWorkers } from '../workers';
import { cardOf, type Card } from './card';
import { OUTPUT_EXTS, type Entry, type Library } from './library';

// The server's builds: at most `jobs` at a time through the library API (`buildOne`, as `tieout
// build` runs it), the rest queued in upload order, each bounded in time. One warm browser and one
// set of worker threads serve every build for the life of the server.

export interface BuildsOptions {
  jobs: number;
  /** A build still running after this long is stopped and reported as failed. */
  timeoutMs: number;
}

/** What warm() builds once in every thread and prints once: a release that uses every stage. */
const WARM_UP = path.resolve(__dirname, '..', '..', 'samples', 'qifu-q3-2024.txt');

/** A failure in the words `tieout build` prints for it, naming the file as the uploader named it. */
export function inWords(err: unknown, stored: string, name: string): string {
  const named = (m: string) => m.split(stored).join(name);
  if (err instanceof InputError) return named(err.message);
  if (err instanceof BrowserMissingError || err instanceof BrowserFailedError || err instanceof OutputError) return `${name}: ${named(err.message)}`;
  return `${name}: internal error: ${named((err as Error)?.message ?? String(err))}`;
}

export class Builds extends EventEmitter {
  readonly printer: Printer;
  private readonly workers: BuildWorkers;
  private readonly waiting: Entry[] = [];
  private running = 0;
  private idle: (() => void)[] = [];
  /** The preview of each release being built, from the end of its inference to its outputs written. */
  private readonly previews = new Map<string, Buffer>();
  /** Resolves once warm() has built and printed its release (never rejects). */
  warmed: Promise<void> = Promise.resolve();

  constructor(private readonly library: Library, private readonly opts: BuildsOptions) {
    super();
    this.setMaxListeners(0);
    this.printer = new Printer({ pages: opts.jobs });
    this.workers = new BuildWorkers(opts.jobs);
  }

  /**
   * Starts the threads and the browser now and runs one release through every stage in each thread
   * and the browser (modules loaded, templates and fonts compiled, the code optimised), so that the
   * first upload finds all of it as the hundredth does.
   */
  warm(): void {
    this.workers.prepare();
    this.printer.warm();
    this.warmed = (async () => {
      const made = await Promise.all(Array.from({ length: this.opts.jobs }, () => this.workers.make(WARM_UP, { preview: true })));
      await Promise.all([...made.map((m) => m.workbook()), this.printer.print(made[0].release())]);
    })().catch(() => undefined);
  }

  /** The preview of a release being built, once it is inferred (a built release's is its .html). */
  preview(hash: string): Buffer | undefined {
    return this.previews.get(hash);
  }

  /** Queues a release (a failed one is tried again: the browser or the clock may have been the cause). */
  async enqueue(e: Entry): Promise<void> {
    if (this.waiting.includes(e) || e.status === 'building') return;
    if (e.status !== 'queued') await this.tell(e, { status: 'queued', stage: null, error: null });
    this.waiting.push(e);
    this.pump();
  }

  /** Releases waiting or being built. */
  get pending(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves when nothing is queued or building. */
  settled(): Promise<void> {
    return this.pending ? new Promise((r) => this.idle.push(r)) : Promise.resolve();
  }

  /** Changes a release and tells every page at once; resolves once the index has it (with `persist`). */
  private async tell(e: Entry, change: Partial<Entry>, persist = true): Promise<void> {
    const saved = this.library.update(e, change, persist);
    this.emit('entry', e);
    await saved;
  }

  private pump(): void {
    while (this.running < this.opts.jobs && this.waiting.length) {
      const e = this.waiting.shift() as Entry;
      // A release deleted while it waited is not built.
      if (this.library.get(e.hash) !== e) continue;
      this.running++;
      this.run(e).finally(() => {
        this.running--;
        this.pump();
        if (!this.pending) for (const r of this.idle.splice(0)) r();
      });
    }
  }

  /**
   * Builds one release. Its preview is shown once it is inferred; its outputs appear together once
   * all are written. A build past its time is stopped (its thread ended, its browser page closed,
   * nothing written) and its slot is free as soon as it has stopped.
   */
  private async run(e: Entry): Promise<void> {
    const input = this.library.inputOf(e);
    const stop = new AbortController();
    // Building starts now; the index takes the news on the way (a restart builds it again either way).
    const told = this.tell(e, { status: 'building', stage: null, error: null, preview: false }).catch(() => undefined);
    let card: Card | undefined;
    const building = buildOne(input, {
      out: this.library.releaseDir(e.hash),
      stem: e.stem,
      printer: this.printer,
      workers: this.workers,
      preview: true,
      signal: stop.signal,
      onStage: (stage, preview) => {
        if (stop.signal.aborted) return;
        if (preview) { this.previews.set(e.hash, preview.html); card = preview.card; }
        void this.tell(e, preview ? { stage, preview: true, card: preview.card } : { stage }, false);
      },
    });
    const timer = setTimeout(() => stop.abort(), this.opts.timeoutMs);
    try {
      const res = await building;
      await told;
      this.previews.delete(e.hash);
      await this.tell(e, { status: 'done', card: card ?? cardOf(res.release()), preview: true, outputs: [...OUTPUT_EXTS], timings: Object.fromEntries(Object.entries(res.timings).map(([k, v]) => [k, Math.round(v)])) });
    } catch (err) {
      await told;
      this.previews.delete(e.hash);
      const error = stop.signal.aborted ? `${e.name}: stopped, not finished within ${this.opts.timeoutMs / 1000} s` : inWords(err, input, e.name);
      await this.tell(e, { status: 'failed', error, preview: false, card: null });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    await Promise.all([this.printer.close(), this.workers.close()]);
  }
}
