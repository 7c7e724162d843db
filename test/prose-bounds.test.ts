import assert from 'assert';
import path from 'path';
import { Worker } from 'worker_threads';

// One long prose line of figures once cost a gigabyte of JSON per 180 KB of input: every figure
// stored its whole sentence, and each figure rescanned the sentence. The build runs in a worker
// with a memory limit, so a regression fails here instead of taking the machine's memory.

interface Outcome {
  ms: number;
  jsonBytes: number;
  xlsxBytes: number;
  facts: number;
}

function buildInWorker(text: string, maxOldMb: number, killMs: number): Promise<Outcome> {
  const worker = new Worker(path.join(__dirname, 'support', 'bounds-worker.cjs'), { resourceLimits: { maxOldGenerationSizeMb: maxOldMb } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`the build did not finish in ${killMs} ms`));
    }, killMs);
    worker.once('message', (m: Outcome) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.postMessage({ text });
  });
}

describe('bounds: one long prose line of figures', function () {
  this.timeout(120_000);

  it('builds the 180 KB line of 10,000 figures with a JSON under 5 MB, in 512 MB of heap (its time is in npm run bench)', async () => {
    const text = `# Example Corp Q3 2024 results\n\nRevenue was RMB ${'RMB1,234 million, '.repeat(10_000)}\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nRevenue\t1,000\t1,234\nTotal revenue\t1,000\t1,234\n`;
    assert.ok(text.length > 180_000);
    const out = await buildInWorker(text, 512, 60_000);
    assert.strictEqual(out.facts, 10_000);
    assert.ok(out.jsonBytes < 5_000_000, `JSON of ${out.jsonBytes} bytes`);
  });
});
