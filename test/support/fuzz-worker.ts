import { parentPort } from 'worker_threads';
import { infer } from '../../src/infer';
import { InputError } from '../../src/model/errors';
import { readText } from '../../src/read';

// Reads one fuzz case per message, off the test's thread, so that a hang can be detected and ended.
parentPort!.on('message', (msg: { id: number; text: string; from?: string }) => {
  const t0 = performance.now();
  try {
    infer(readText(msg.text, 'fuzz-case.txt', { from: msg.from }));
    parentPort!.postMessage({ id: msg.id, outcome: 'read', ms: performance.now() - t0 });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ id: msg.id, outcome: err instanceof InputError ? 'refused' : 'crashed', message: e?.message, stack: e?.stack, ms: performance.now() - t0 });
  }
});
