import assert from 'assert';
import fc from 'fast-check';
import { fsPath, nameFromBytes, shownName } from '../src/names';

describe('file names as bytes', () => {
  it('a name that is UTF-8 is carried as itself; one that is not, byte for byte', () => {
    assert.strictEqual(nameFromBytes(Buffer.from('café 2024.md')), 'café 2024.md');
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6d, 0x64]); // "café.md" in Latin-1
    const name = nameFromBytes(latin1);
    assert.strictEqual(shownName(name), 'caf\\xe9.md');
    assert.deepStrictEqual(fsPath(name), latin1);
    // An overlong "/" (C0 AF) and an encoded surrogate (ED A0 80) are not UTF-8 either.
    assert.strictEqual(shownName(nameFromBytes(Buffer.from([0xc0, 0xaf, 0x61, 0xed, 0xa0, 0x80]))), '\\xc0\\xafa\\xed\\xa0\\x80');
    // U+10080 is written with the surrogate pair D800 DC80: its low half is no escaped byte.
    assert.strictEqual(shownName('\u{10080}.md'), '\u{10080}.md');
    assert.strictEqual(fsPath('\u{10080}.md'), '\u{10080}.md');
  });

  it('any bytes come back exactly from the name they are carried as', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const back = fsPath(nameFromBytes(bytes));
      assert.deepStrictEqual(Buffer.from(typeof back === 'string' ? Buffer.from(back) : back), Buffer.from(bytes));
    }), { numRuns: 2000, seed: 20 });
  });
});
