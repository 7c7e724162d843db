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

const port = parentPort;
if (!port) throw new Error('build-worker runs as a worker thread');
port.on('message', async (job: Job) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  let stage: 'model' | 'workbook' = 'model';
  try {
    const made = await make(job.input, { from: job.from }, () => post({ id: job.id, type: 'read' }));
    post({ id: job.id, type: 'model', json: made.json, diagnostics: made.diagnostics, timings: made.timings });
    stage = 'workbook';
    const data = await made.workbook();
    post({ id: job.id, type: 'workbook', data, timings: made.timings });
  } catch (err) {
    post({ id: job.id, type: 'error', stage, error: describe(err) });
  }
});
