import path from 'path';
import { Worker } from 'worker_threads';
import { InputError } from './model/errors';
import { Pool } from './pool';
import { releaseFromJson } from './model/revive';
import type { Diagnostic, Release } from './model/types';
import type { Card } from './serve/card';
import type { Made, MakeOptions } from './stages';

// The CLI's worker threads. Reading, inference and the workbook are CPU work; in workers they run
// on every core, and the main thread stays free to drive the browser. The model crosses back as
// the JSON the build writes anyway, revived into Decimals on this side.

export interface Job {
  id: number;
  input: string;
  from?: string;
  preview?: boolean;
}

/** An error as it crosses the thread boundary: an InputError keeps its fields, anything else its message; both keep their stack for --trace. */
export interface WorkerError {
  input?: { file: string; line: number | null; expected: string; found: string; exitCode: 1 | 2 };
  message?: string;
  stack?: string;
}

export type WorkerMessage =
  | { id: number; type: 'read' }
  | { id: number; type: 'model'; json: Uint8Array; diagnostics: Diagnostic[]; timings: Record<string, number>; preview?: { html: Uint8Array; card: Card } }
  | { id: number; type: 'workbook'; data: Uint8Array; timings: Record<string, number> }
  | { id: number; type: 'error'; stage: 'model' | 'workbook'; error: WorkerError };

function bytes(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function revive(e: WorkerError): Error {
  const err = e.input ? new InputError(e.input) : new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** Compiled, the worker is build-worker.js beside this file; run from the TypeScript sources (the
 * tests), the worker registers the same TypeScript loader first. */
function startWorker(): Worker {
  if (__filename.endsWith('.js')) return new Worker(path.join(__dirname, 'build-worker.js'));
  const source = path.join(__dirname, 'build-worker.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true });
}

interface Pending {
  id: number;
  onRead?: () => void;
  model: { resolve(m: Made): void; reject(e: Error): void };
  workbook: { resolve(b: Buffer): void; reject(e: Error): void };
  made?: Made;
  /** Called once the thread is done with the job. */
  ended?: () => void;
}

/** A fixed number of worker threads, started on first use; one release per worker at a time. */
export class BuildWorkers {
  private readonly workers: Pool<Worker>;
  private readonly all = new Set<Worker>();
  private readonly pending = new Map<Worker, Pending>();
  private nextId = 1;

  /** `spawn` makes a worker thread; the default runs build-worker (tests pass others). */
  constructor(private readonly size: number, private readonly spawn: () => Worker = startWorker) {
    this.workers = new Pool(size, () => this.start());
  }

  /** Starts every thread now: each takes a tenth of a second to boot and load the readers, time
   * the caller can spend on its own setup instead of waiting for them at the first release. */
  prepare(): void {
    this.workers.prepare(this.size);
  }

  private start(): Worker {
    const worker = this.spawn();
    this.all.add(worker);
    worker.on('message', (m: WorkerMessage) => this.receive(worker, m));
    // A worker that dies (out of memory, a crash in native code) fails its release, not the run;
    // its place goes to a new worker.
    const died = (why: string) => {
      this.all.delete(worker);
      const p = this.pending.get(worker);
      this.pending.delete(worker);
      p?.ended?.();
      const err = new Error(`worker thread ${why}`);
      p?.model.reject(err);
      p?.workbook.reject(err);
      if (p) this.workers.release(null);
      else this.workers.forget(worker);
    };
    worker.on('error', (e) => died(`failed: ${e.message}`));
    worker.on('exit', (code) => { if (this.all.has(worker)) died(`exited with code ${code}`); });
    return worker;
  }

  private receive(worker: Worker, m: WorkerMessage): void {
    const p = this.pending.get(worker);
    if (!p || p.id !== m.id) return;
    if (m.type === 'read') p.onRead?.();
    else if (m.type === 'model') {
      let release: Release | null = null;
      const workbook = new Promise<Buffer>((resolve, reject) => { p.workbook = { resolve, reject }; });
      // The workbook is already being written in the worker; a caller that never asks for it
      // must not leave its failure unhandled.
      workbook.catch(() => undefined);
      const json = bytes(m.json);
      const preview = m.preview && { html: bytes(m.preview.html), card: m.preview.card };
      p.made = { json, diagnostics: m.diagnostics, timings: m.timings, preview, release: () => (release ??= releaseFromJson(json.toString('utf8'))), workbook: () => workbook };
      p.model.resolve(p.made);
    } else {
      this.pending.delete(worker);
      p.ended?.();
      if (m.type === 'workbook') {
        Object.assign(p.made?.timings ?? {}, m.timings);
        p.workbook.resolve(bytes(m.data));
      } else if (m.stage === 'model') p.model.reject(revive(m.error));
      else p.workbook.reject(revive(m.error));
      this.workers.release(worker);
    }
  }

  /**
   * Reads and infers `input` in a worker; the workbook follows there while the caller goes on. A
   * job stopped by `signal` ends its thread there and then (a new one takes its place), so a build
   * given up on holds no thread.
   */
  async make(input: string, opts: MakeOptions = {}, onRead?: () => void, signal?: AbortSignal): Promise<Made> {
    signal?.throwIfAborted();
    const worker = await this.workers.acquire();
    if (signal?.aborted) { this.workers.release(worker); signal.throwIfAborted(); }
    const job: Job = { id: this.nextId++, input, from: opts.from, preview: opts.preview };
    // The thread is the job's until its workbook is in or it failed; stopped before, it ends.
    const stop = () => { if (this.pending.get(worker)?.id === job.id) void worker.terminate(); };
    signal?.addEventListener('abort', stop, { once: true });
    return new Promise<Made>((resolve, reject) => {
      const ignore = () => undefined;
      this.pending.set(worker, { id: job.id, onRead, model: { resolve, reject }, workbook: { resolve: ignore, reject: ignore }, ended: () => signal?.removeEventListener('abort', stop) });
      worker.postMessage(job);
      if (signal?.aborted) stop();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.workers.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
