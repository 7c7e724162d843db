import path from 'path';
import { Worker } from 'worker_threads';

export interface CaseResult {
  outcome: 'read' | 'refused' | 'crashed' | 'hung';
  message?: string;
  stack?: string;
  /** Milliseconds the worker took to read and infer the case (wall clock). */
  ms?: number;
}

/**
 * A worker thread that reads fuzz cases one at a time. A case that takes longer than `hangMs`
 * is a hang: the worker is ended and a fresh one takes the next case.
 */
export class FuzzRunner {
  private worker: Worker | null = null;
  private nextId = 0;

  constructor(private readonly hangMs: number) {}

  private spawn(): Worker {
    this.worker ??= new Worker(path.join(__dirname, 'fuzz-worker.cjs'));
    return this.worker;
  }

  run(text: string, from?: string): Promise<CaseResult> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        void worker.terminate();
        this.worker = null;
        resolve({ outcome: 'hung' });
      }, this.hangMs);
      const onMessage = (msg: { id: number } & CaseResult) => {
        if (msg.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(msg);
      };
      // A worker that dies (out of memory, stack overflow outside a try) is a crash of that case.
      const onError = (err: Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        this.worker = null;
        resolve({ outcome: 'crashed', message: err.message, stack: err.stack });
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ id, text, from });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
