import { parentPort } from 'worker_threads';
import { InputError } from './model/errors';
import { make } from './stages';
import type { Job, WorkerError, WorkerMessage } from './workers';

// A worker thread of the CLI's pool: reads, infers and writes the workbook of one release at a
// time, and posts back the model as JSON as soon as it is inferred so the briefing can print while
// the workbook is being written.

function describe(err: unknown): WorkerError {
  if (err instanceof InputError) return { input: { file: err.file, line: err.line, expected: err.expected, found: err.found, exitCode: err.exitCode }, stack: err.stack };
  const e = err as Error;
  return { message: e?.message ?? String(err), stack: e?.stack };
}

/** The bytes as a transferable ArrayBuffer: moved to the main thread, not copied. A Buffer that is a
 * view into a shared pool is copied out first, so nothing else is moved with it. */
function movable(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

const port = parentPort;
if (!port) throw new Error('build-worker runs as a worker thread');
port.on('message', async (job: Job) => {
  const post = (m: WorkerMessage, bytes?: Uint8Array) => port.postMessage(m, bytes ? [bytes.buffer as ArrayBuffer] : []);
  let stage: 'model' | 'workbook' = 'model';
  try {
    const made = await make(job.input, { from: job.from, preview: job.preview }, () => post({ id: job.id, type: 'read' }));
    const json = movable(made.json);
    const html = made.preview && movable(made.preview.html);
    const preview = made.preview && html && { html, card: made.preview.card };
    port.postMessage({ id: job.id, type: 'model', json, diagnostics: made.diagnostics, timings: made.timings, preview } satisfies WorkerMessage, [json, html].filter((b) => !!b).map((b) => b!.buffer as ArrayBuffer));
    stage = 'workbook';
    const data = movable(await made.workbook());
    post({ id: job.id, type: 'workbook', data, timings: made.timings }, data);
  } catch (err) {
    post({ id: job.id, type: 'error', stage, error: describe(err) });
  }
});
