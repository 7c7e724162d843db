import assert from 'assert';
import { execFileSync } from 'child_process';
import path from 'path';
import { Decimal, roundTo } from '../src/model/decimal';
import { InputError, quote } from '../src/model/errors';
import { cellPlace, cellRef } from '../src/model/refs';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { toJson } from '../src/write/json';

// The model's own promises: exact numbers in plain notation, errors that say where, what was
// expected and what was found, and a release whose every part is consistent with its columns.

describe('model: Decimal', () => {
  it('prints plain notation, never exponents, for tiny and huge figures', () => {
    assert.deepStrictEqual([new Decimal('1e-7').toString(), new Decimal('1e21').toString(), new Decimal('-0.000001').toJSON()], ['0.0000001', '1000000000000000000000', '-0.000001']);
  });

  it('keeps 40 significant digits for ratios', () => {
    assert.strictEqual(new Decimal(1).div(3).toString(), `0.${'3'.repeat(40)}`);
    assert.strictEqual(new Decimal('4370158').div('7.0176').toDecimalPlaces(6).toString(), '622742.53306');
  });

  it('roundTo rounds half away from zero, as a spreadsheet\'s ROUND does', () => {
    const cases: [string, number, string][] = [['2.5', 0, '3'], ['-2.5', 0, '-3'], ['2.345', 2, '2.35'], ['-2.345', 2, '-2.35'], ['0.125', 2, '0.13'], ['622742.533', 0, '622743']];
    assert.deepStrictEqual(cases.map(([v, d]) => roundTo(new Decimal(v), d).toString()), cases.map((c) => c[2]));
  });
});

describe('model: InputError', () => {
  it('names file, line, expected and found in one line', () => {
    const e = new InputError({ file: 'q3.txt', line: 12, expected: '3 cells', found: '2 cells', exitCode: 1 });
    assert.deepStrictEqual([e.message, e.name, e.file, e.line, e.expected, e.found, e.exitCode], ['q3.txt:12: expected 3 cells, found 2 cells', 'InputError', 'q3.txt', 12, '3 cells', '2 cells', 1]);
    assert.ok(e instanceof Error);
  });

  it('leaves the line out when there is none and defaults to exit 2 (unreadable)', () => {
    const e = new InputError({ file: 'gone.txt', expected: 'a readable file', found: 'no such file' });
    assert.deepStrictEqual([e.message, e.line, e.exitCode], ['gone.txt: expected a readable file, found no such file', null, 2]);
  });

  it('quote() flattens and shortens input text for a message', () => {
    assert.strictEqual(quote('  Total\n\tassets  '), '"Total assets"');
    assert.strictEqual(quote('x'.repeat(100), 10), `"${'x'.repeat(9)}…"`);
  });
});

describe('model: a release read from the bundled sample', () => {
  let release: Release;
  before(async () => {
    release = await readFile(path.join(__dirname, '..', 'samples', 'qifu-q3-2024.txt'));
  });

  it('gives every row one cell per column and numbers the columns 0, 1, 2 …', () => {
    let rows = 0;
    for (const s of release.statements) {
      for (const t of s.tables) {
        assert.deepStrictEqual(t.columns.map((c) => c.index), t.columns.map((_, i) => i));
        for (const r of t.rows) {
          assert.strictEqual(r.cells.length, t.columns.length, `${s.id} ${r.label}`);
          rows++;
        }
      }
    }
    assert.strictEqual(rows, 47 + 38 + 7 + 2 * 7 + 2 * 18);
  });

  it('ties each figure\'s unit to its kind: currency for amounts and per-share, none for shares and percents', () => {
    for (const s of release.statements) for (const t of s.tables) for (const r of t.rows) {
      r.cells.forEach((f, i) => {
        if (!f) return;
        const col = t.columns[i];
        const want = f.kind === 'amount' ? [col.amountScale, col.currency]
          : f.kind === 'shares' ? [col.shareScale, null]
          : f.kind === 'per-share' ? [0, col.currency] : [-2, null];
        assert.deepStrictEqual([f.scale, f.currency], want, `${s.id} ${r.label} ${f.text}`);
      });
    }
  });

  it('gives statements unique ids in reading order', () => {
    assert.deepStrictEqual(release.statements.map((s) => s.id), ['balance-sheet', 'income', 'cash-flow', 'comprehensive-income', 'non-gaap']);
    assert.deepStrictEqual(release.statements.map((s) => s.place.line), [256, 309, 355, 371, 397]);
  });

  it('serialises to JSON with every Decimal a string, and back to the same figures', () => {
    const json = JSON.parse(toJson(release)) as Release;
    const a = release.statements.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c?.value?.toString() ?? null))));
    const b = json.statements.flatMap((s) => s.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => (c?.value ?? null) as unknown))));
    assert.deepStrictEqual(b, a);
    assert.strictEqual(a.filter((v) => v !== null).length, 499);
    assert.strictEqual(json.fx?.rate as unknown, '7.0176');
    assert.ok(toJson(release).endsWith('}\n'));
  });
});

describe('model: cell refs and places', () => {
  it('take the row and set the column or cell, whatever else the object they come from carries', () => {
    const withCol = { statement: 'income', table: 1, row: 4, col: 9, extra: true };
    assert.deepStrictEqual(cellRef(withCol, 2), { statement: 'income', table: 1, row: 4, col: 2 });
    assert.deepStrictEqual(Object.keys(cellPlace({ line: 12, table: 3, row: 5 }, 2)), ['line', 'table', 'row', 'cell']);
    assert.strictEqual(JSON.stringify(cellPlace({ line: 12 }, 2)), '{"line":12,"cell":2}');
  });

  it('all share one hidden class, where a spread adding the column gives each its own', () => {
    // Run where V8's own test of shapes is allowed; the helpers are loaded compiled from the sources.
    const script = `
      require('tsx/cjs/api').register();
      const { cellRef } = require(${JSON.stringify(path.join(__dirname, '../src/model/refs.ts'))});
      const rows = Array.from({ length: 50 }, (_, i) => ({ statement: 's' + i, table: i % 3, row: i }));
      const shapes = (list) => list.filter((o, i) => !list.slice(0, i).some((p) => %HaveSameMap(p, o))).length;
      process.stdout.write(JSON.stringify([shapes(rows.map((r, i) => cellRef(r, i))), shapes(rows.map((r, i) => ({ ...r, col: i })))]));`;
    const [helper, spread] = JSON.parse(execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' }));
    assert.strictEqual(helper, 1);
    assert.ok(spread > 1, `a spread gave ${spread} shape(s): if this V8 shares them, the helpers are no longer needed`);
  });
});
