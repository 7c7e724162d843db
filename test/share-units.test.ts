import assert from 'assert';
import { infer } from '../src/infer';
import { readText } from '../src/read';
import { parseUnits } from '../src/read/units';

// Share counts in their own unit: a caption that excepts shares and names their scale, a heading
// that states the unit of the lines under it, and a line that states its own ("( in thousand shares)").

describe('units of share counts', () => {
  it('reads the scale a caption gives the shares it excepts', () => {
    const u = parseUnits('(in millions, except share amounts which are reflected in thousands and per share amounts)');
    assert.deepStrictEqual([u.amountScale, u.shareScale], [6, 3]);
    // Excepted without a scale of their own, shares are counted one by one.
    assert.deepStrictEqual([parseUnits('(in thousands, except share and per share data)').shareScale], [0]);
  });

  const release = [
    '# Example Cartage Inc. Reports Third Quarter 2024 Results',
    '',
    '**Condensed Consolidated Statements of Income (in millions, except per share data)**',
    '',
    '|  | Three months ended September 30, 2024 | Three months ended September 30, 2023 |',
    '| --- | --- | --- |',
    '| Revenue | 5,120 | 4,870 |',
    '| Net income | 412 | 388 |',
    '| Net income per share: |  |  |',
    '| Basic | 0.93 | 0.88 |',
    '| Diluted | 0.92 | 0.87 |',
    '| Shares used in calculation (000\'s): |  |  |',
    '| Basic | 443,210 | 441,050 |',
    '| Diluted | 446,880 | 444,120 |',
    '| Weighted shares, fully diluted ( in thousand shares) | 446,880 | 444,120 |',
    '',
  ].join('\n');

  it('gives the lines under a heading the unit the heading states, and a line its own', () => {
    const r = infer(readText(release, 'cartage.md'));
    const rows = r.statements.flatMap((s) => s.tables).flatMap((t) => t.rows).filter((x) => x.kind === 'shares' && x.cells.some((c) => c));
    assert.deepStrictEqual(rows.map((x) => `${x.label} ${x.cells.map((c) => (c ? `${c.value}e${c.scale}` : "-")).join(' ')}`), [
      'Basic 443210e3 441050e3',
      'Diluted 446880e3 444120e3',
      'Weighted shares, fully diluted ( in thousand shares) 446880e3 444120e3',
    ]);
  });
});
