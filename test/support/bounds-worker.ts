import { parentPort } from 'worker_threads';
import { infer } from '../../src/infer';
import { readText } from '../../src/read';
import { toJsonBytes } from '../../src/write/json';
import { toXlsxBuffer } from '../../src/write/workbook';

// Builds one release's JSON and workbook off the test's thread, under the memory limit the test
// gives the worker, and reports how long it took and how large the outputs are.
parentPort!.on('message', (msg: { text: string }) => {
  const t0 = performance.now();
  const release = infer(readText(msg.text, 'bounds-case.txt'));
  const json = toJsonBytes(release);
  const xlsx = toXlsxBuffer(release);
  parentPort!.postMessage({ ms: performance.now() - t0, jsonBytes: json.length, xlsxBytes: xlsx.length, facts: release.facts.length });
});
