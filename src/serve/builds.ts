import { EventEmitter } from 'events';
import { buildOne } from '../build';
import { InputError } from '../model/errors';
import { OutputError } from '../output';
import { BrowserFailedError, BrowserMissingError } from '../render/browser';
import { Printer } from '../render/pdf';
import { BuildWorkers } from '../workers';
import { cardOf } from './card';
import { OUTPUT_EXTS, type Entry, type Library } from './library';

// The server's builds: at most `jobs` at a time through the library API (`buildOne`, as `tieout
// build` runs it), the rest queued in upload order, each bounded in time. One warm browser and one
// set of worker threads serve every build for the life of the server.

export interface BuildsOptions {
  jobs: number;
  /** A build still running after this long is reported as failed. */
  timeoutMs: number;
}

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

  constructor(private readonly library: Library, private readonly opts: BuildsOptions) {
    super();
    this.setMaxListeners(0);
    this.printer = new Printer({ pages: opts.jobs });
    this.workers = new BuildWorkers(opts.jobs);
  }

  /** Starts the threads and the browser now, so the first upload finds them ready. */
  warm(): void {
    this.workers.prepare();
    this.printer.warm();
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

  private async tell(e: Entry, change: Partial<Entry>, persist = true): Promise<void> {
    await this.library.update(e, change, persist);
    this.emit('entry', e);
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

  /** Builds one release; the slot is held until the build ends, even one past its time. */
  private async run(e: Entry): Promise<void> {
    const input = this.library.inputOf(e);
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    await this.tell(e, { status: 'building', stage: null, error: null });
    const building = buildOne(input, {
      out: this.library.releaseDir(e.hash),
      stem: e.stem,
      printer: this.printer,
      workers: this.workers,
      onStage: (stage) => { if (!late) void this.tell(e, { stage }, false); },
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { late = true; reject(new Error(`did not finish within ${this.opts.timeoutMs / 1000} s`)); }, this.opts.timeoutMs);
    });
    try {
      const res = await Promise.race([building, timeout]);
      const card = cardOf(res.release());
      await this.tell(e, { status: 'done', card, outputs: [...OUTPUT_EXTS] });
    } catch (err) {
      await this.tell(e, { status: 'failed', error: inWords(err, input, e.name) });
      await building.catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    await Promise.all([this.printer.close(), this.workers.close()]);
  }
}
