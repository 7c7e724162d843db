import assert from 'assert';
import fc from 'fast-check';
import fs from 'fs';
import path from 'path';
import { InputError } from '../src/model/errors';
import { readers } from '../src/read';
import { readText } from '../src/read';
import { infer } from '../src/infer';
import { decodeText } from '../src/read/input';
import { toXlsxBuffer } from '../src/write/workbook';
import { zipEntries } from './fixtures/workbook/xlsx';
import { FuzzRunner, type CaseResult } from './support/fuzz-runner';
import { CORPUS } from './support/corpus';

// Every reader either reads a case or refuses it with an InputError, and never hangs: a case that
// takes longer than HANG_MS is reported as a hang (a generous bound: reading the largest corpus
// release takes well under a second).
const HANG_MS = 30_000;
const SEED = 20241119;
const SAMPLE = fs.readFileSync('samples/qifu-q3-2024.txt', 'utf8');
const realInputs: { name: string; text: string }[] = [{ name: 'sample', text: SAMPLE }];
if (fs.existsSync(CORPUS)) {
  for (const f of fs.readdirSync(CORPUS).filter((n) => /\.(htm|html|md|txt)$/.test(n)).sort()) {
    realInputs.push({ name: f, text: fs.readFileSync(path.join(CORPUS, f), 'latin1') });
  }
}

function explain(r: CaseResult, what: string): string {
  return `${what}: ${r.outcome}${r.message ? ` — ${r.message}` : ''}${r.stack ? `\n${r.stack.split('\n').slice(0, 6).join('\n')}` : ''}`;
}

function assertSafe(r: CaseResult, what: string): void {
  assert.ok(r.outcome === 'read' || r.outcome === 'refused', explain(r, what));
}

/** Characters that break writers and terminals: XML-illegal ones, controls, escapes, '!' of sheet references. */
const HOSTILE_TEXT = ['\uffff', '\ufffe', '\ud800', '\udfff', '\x01', '\x0b', '\x1b[2J', '\x7f', '&#xFFFF;', '&#1;', '!', "'!'", '\u202e', '\u2028'];
const HOSTILE = fc.constantFrom(...HOSTILE_TEXT);

const mutation = fc.record({
  base: fc.integer({ min: 0, max: realInputs.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.integer({ min: 0, max: 400 }),
      insert: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('\t', '|', '<td>', '</table>', '(', ')', '$', '-', '\n\n', '<b>', '**', '---|---'), HOSTILE),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

function applyEdits(text: string, edits: { at: number; len: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = Math.floor(e.at * out.length);
    out = out.slice(0, at) + e.insert + out.slice(at + e.len);
  }
  return out;
}

describe('fuzz: every reader reads or refuses, never crashes or hangs', function () {
  this.timeout(600_000);
  const runner = new FuzzRunner(HANG_MS);
  after(() => runner.close());
  const names = [...readers().map((r) => r.name), undefined];

  for (const from of names) {
    const who = from ? `reader ${from}` : 'sniffed reader';
    describe(who, () => {
      it('random bytes', async () => {
        await fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
            assertSafe(await runner.run(Buffer.from(bytes).toString('latin1'), from), 'random bytes');
          }),
          { numRuns: 25, seed: SEED },
        );
      });

      it('truncated real releases', async () => {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: realInputs.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), async (i, cut) => {
            const { name, text } = realInputs[i];
            assertSafe(await runner.run(text.slice(0, Math.floor(text.length * cut)), from), `${name} cut at ${cut}`);
          }),
          { numRuns: 20, seed: SEED },
        );
      });

      it('mutated real releases', async () => {
        await fc.assert(
          fc.asyncProperty(mutation, async (m) => {
            assertSafe(await runner.run(applyEdits(realInputs[m.base].text, m.edits), from), `${realInputs[m.base].name} mutated`);
          }),
          { numRuns: 20, seed: SEED },
        );
      });

      it('shuffled rows', async () => {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: realInputs.length - 1 }), fc.integer(), async (i, seed) => {
            const lines = realInputs[i].text.split('\n');
            let s = seed >>> 0;
            for (let k = lines.length - 1; k > 0; k--) {
              s = (s * 1103515245 + 12345) >>> 0;
              const j = s % (k + 1);
              [lines[k], lines[j]] = [lines[j], lines[k]];
            }
            assertSafe(await runner.run(lines.join('\n'), from), `${realInputs[i].name} shuffled`);
          }),
          { numRuns: 8, seed: SEED },
        );
      });

      const big: [string, () => string][] = [
        ['a 2 MB cell', () => `**Balance Sheets**\n\n\tDecember 31, 2023\nTotal assets\t${'9'.repeat(2_000_000)}\n`],
        ['a 2 MB label', () => `Cash\t${'x'.repeat(2_000_000)}\t1\n`],
        ['a 10,000-column tab row', () => `**Statements of Operations**\n\t${Array.from({ length: 10_000 }, (_, i) => String(2000 + (i % 30))).join('\t')}\nRevenue\t${Array.from({ length: 10_000 }, (_, i) => String(i)).join('\t')}\n`],
        ['a 10,000-column pipe row', () => `| Revenue | ${Array.from({ length: 10_000 }, (_, i) => String(i)).join(' | ')} |\n|${'---|'.repeat(10_001)}\n| Total | ${Array.from({ length: 10_000 }, () => '1').join(' | ')} |\n`],
        ['a 10,000-cell HTML row', () => `<html><body><table><tr><td>Revenue</td>${'<td>1,234</td>'.repeat(10_000)}</tr><tr><td>Total</td>${'<td>(5)</td>'.repeat(10_000)}</tr></table></body></html>`],
        ['20,000 nested divs', () => `<html><body>${'<div>'.repeat(20_000)}<table><tr><td>Revenue</td><td>1</td></tr></table>${'</div>'.repeat(20_000)}</body></html>`],
        ['5,000 nested tables', () => `<html><body>${'<table><tr><td>'.repeat(5_000)}Revenue 1${'</td></tr></table>'.repeat(5_000)}</body></html>`],
        ['50,000 inline tags nested in one cell', () => `<html><body><table><tr><td>Revenue</td><td>${'<b>'.repeat(50_000)}1,234${'</b>'.repeat(50_000)}</td></tr></table></body></html>`],
        ['20,000 superscripts nested in one cell', () => `<html><body><table><tr><td>Revenue${'<sup>'.repeat(20_000)}1${'</sup>'.repeat(20_000)}</td><td>1,234</td></tr></table></body></html>`],
        ['20,000 one-figure rows', () => `**Balance Sheets**\n\n\t2024\n${Array.from({ length: 20_000 }, (_, i) => `Item ${i}\t${i}`).join('\n')}\n`],
      ];
      for (const [what, make] of big) {
        it(what, async () => assertSafe(await runner.run(make(), from), what));
      }
    });
  }
});

/** Characters XML 1.0 forbids. */
const XML_FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('fuzz: no character XML forbids reaches the workbook package', function () {
  this.timeout(300_000);
  // Any UTF-16 code unit, lone surrogates, U+FFFE/U+FFFF and controls included, in titles and labels.
  const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xfffe, 0xffff, 0xd800, 0xdc00, 1, 0x1b, 0x21)), { minLength: 1, maxLength: 12 })
    .map((codes) => String.fromCharCode(...codes));
  it('titles and labels of any code units', () => {
    fc.assert(
      fc.property(units, units, (title, label) => {
        const text = `# Example Corp Q3 2024 results\n\n**Key metrics ${title.replace(/[\n\r\t*]/g, ' ')}**\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nUsers ${label.replace(/[\n\r\t]/g, ' ')}\t1,000\t1,234\nOther users\t400\t434\nTotal users\t1,400\t1,668\n`;
        for (const [name, data] of zipEntries(toXlsxBuffer(infer(readText(text, 'fuzz.txt'))))) {
          const bad = XML_FORBIDDEN.exec(data.toString('utf8'));
          assert.strictEqual(bad, null, `${name}: U+${bad?.[0].charCodeAt(0).toString(16)}`);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});

describe('fuzz: time grows with the input, not with its square', function () {
  this.timeout(600_000);
  // Judged by the ratio of two sizes, which a busy machine slows alike: the wall-clock bound is
  // only against a hang.
  const runner = new FuzzRunner(4 * HANG_MS);
  after(() => runner.close());
  const tables = (n: number) => `# Example Corp Q3 2024 results\n\n${Array.from({ length: n }, (_, i) => `**Balance Sheets**\n\n| Item | 2024 |\n|---|---|\n| Cash | ${i} |\n| Total assets | ${i} |\n\n`).join('')}`;

  it('30,000 small markdown tables (2.6 MB): read, in time linear in their number', async () => {
    await runner.run(tables(2_000)); // the worker's modules loaded and its code compiled first
    const small = await runner.run(tables(10_000));
    const large = await runner.run(tables(30_000));
    process.stdout.write(`      10,000 tables ${Math.round(small.ms!)} ms, 30,000 tables ${Math.round(large.ms!)} ms\n`);
    assert.strictEqual(large.outcome, 'read', explain(large, '30,000 tables'));
    // Three times the tables, three times the time give or take the machine's load; a search per
    // table over those before it gives nine.
    assert.ok(large.ms! < 5 * small.ms!, `${large.ms} ms against ${small.ms} ms`);
  });

  it('100,000 nested HTML tables (3.3 MB): refused at once', async () => {
    const r = await runner.run(`<html><body>${'<table><tr><td>'.repeat(100_000)}Revenue 1${'</td></tr></table>'.repeat(100_000)}</body></html>`);
    assert.strictEqual(r.outcome, 'refused', explain(r, 'nested tables'));
    assert.match(r.message!, /^fuzz-case\.txt:1: expected HTML nested at most 512 elements deep, found deeper nesting$/);
    assert.ok(r.ms! < 5_000, `${r.ms} ms`);
  });
});

describe('decoding refuses binary content with a typed error', () => {
  it('random bytes decode to text or fail with InputError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        try {
          assert.strictEqual(typeof decodeText(Buffer.from(bytes), 'x.bin'), 'string');
        } catch (err) {
          assert.ok(err instanceof InputError, String(err));
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
