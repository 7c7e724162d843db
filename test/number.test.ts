import assert from 'assert';
import { cleanCellText, isDash, parseFigure } from '../src/read/number';

// Figures as releases print them, and what each must read as: [text, value, decimals, percent].
// null: not a figure (the cell is kept as text).
const FIGURES: [string, string, number, boolean][] = [
  ['+4.1%', '4.1', 1, true],
  ['1,137,690', '1137690', 0, false],
  ['46,988,515', '46988515', 0, false],
  ['(30,112)', '-30112', 0, false],
  ['(1,234 )', '-1234', 0, false],
  ['  (45)  ', '-45', 0, false],
  ['(5)', '-5', 0, false],
  ['−45', '-45', 0, false],
  // A typeset minus that a text copy prints as two dashes against the digits.
  ['--38', '-38', 0, false],
  ['- -38', '-38', 0, false],
  ['–-7.5', '-7.5', 1, false],
  ['−−12', '-12', 0, false],
  ['--0.4%', '-0.4', 1, true],
  ['$ --1,020', '-1020', 0, false],
  ['--', '0', 0, false],
  ['-', '0', 0, false],
  ['–', '0', 0, false],
  ['—', '0', 0, false],
  ['- -', '0', 0, false],
  ['$ —', '0', 0, false],
  ['RMB -', '0', 0, false],
  ['(0)', '0', 0, false],
  ['26.6%', '26.6', 1, true],
  ['53.0%', '53', 1, true],
  ['12.5 %', '12.5', 1, true],
  ['(1.2)%', '-1.2', 1, true],
  ['(1.2%)', '-1.2', 1, true],
  ['-1.2%', '-1.2', 1, true],
  ['$ 8,851', '8851', 0, false],
  ['$(1,234)', '-1234', 0, false],
  ['($1,234)', '-1234', 0, false],
  ['$ (1,234)', '-1234', 0, false],
  ['US$ (12.3)', '-12.3', 1, false],
  ['US$450', '450', 0, false],
  ['€12', '12', 0, false],
  ['(0.64)', '-0.64', 2, false],
  ['12.18', '12.18', 2, false],
  ['6.20', '6.2', 2, false],
  ['.5', '0.5', 1, false],
  ['1,234,567.891', '1234567.891', 3, false],
  ['\u00a01,234\u200b', '1234', 0, false],
  ['1,234 (a)', '1234', 0, false],
  ['1,234(2)', '1234', 0, false],
  ['1,234*', '1234', 0, false],
  ['(1,234)(a)', '-1234', 0, false],
  ['(1,234) (1)', '-1234', 0, false],
  ['(45) *', '-45', 0, false],
  ['2023', '2023', 0, false],
];

const NOT_FIGURES = ['', '   ', 'n/a', 'nm', 'NM', 'abc', 'Note (3)', '(3) (4)', '(3)(4)(6)', '1,23', '12,3456', '1 234', '12.3.4', '(12', '+5', '1.2x', '1e5', '12%%', 'RMB', 'US$',
  // Two dashes apart from the digits, or three, are no sign anyone prints: a nil dash beside a figure, not a figure.
  '-- 38', '- - 38', '---38', '-- -38', '38--', '10--38'];

describe('number: parseFigure', () => {
  for (const [text, value, decimals, percent] of FIGURES) {
    it(`${JSON.stringify(text)} → ${value}${percent ? '%' : ''} (${decimals} dp)`, () => {
      const parsed = parseFigure(text);
      assert.ok(parsed, 'a figure');
      assert.deepStrictEqual([parsed.value.toString(), parsed.decimals, parsed.percent], [value, decimals, percent]);
    });
  }

  it(`refuses ${NOT_FIGURES.length} texts that are not figures`, () => {
    assert.deepStrictEqual(NOT_FIGURES.map((t) => [t, parseFigure(t)]), NOT_FIGURES.map((t) => [t, null]));
  });

  it('keeps every digit: no float rounding on long or fine figures', () => {
    assert.strictEqual(parseFigure('12,345,678,901,234,567.89')?.value.toString(), '12345678901234567.89');
    assert.strictEqual(parseFigure('0.1')?.value.plus(parseFigure('0.2')!.value).toString(), '0.3');
  });

  it('never yields a negative zero, which would print as "-0"', () => {
    for (const t of ['(0)', '-0', '(0.00)', '$(0)']) assert.strictEqual(JSON.stringify(parseFigure(t)?.value), '"0"', t);
  });
});

describe('number: isDash and cleanCellText', () => {
  it('isDash is true for the dashes releases print for zero, false for figures', () => {
    assert.deepStrictEqual(['-', '–', '—', '−', '- -', '--', ' — ', '-1', '--1', '0', '', 'n/a'].map(isDash), [true, true, true, true, true, true, true, false, false, false, false, false]);
  });

  it('cleanCellText drops zero-width marks and turns no-break spaces into spaces', () => {
    assert.strictEqual(cleanCellText('\ufeff\u200bTotal\u00a0assets\u202f '), 'Total assets');
  });
});
