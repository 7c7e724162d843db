import assert from 'assert';
import { infer } from '../src/infer';
import { readText } from '../src/read';

// A table that states no units but restates figures of one that does is in that table's units: a
// reconciliation printed without "(in thousands)" beside an income statement in thousands.

describe('units: a unitless table restating a table of stated units', () => {
  const text = (reconciliationRows: string[]) => [
    '# Example Shipping Corp. Reports Fourth Quarter 2024 Results',
    '',
    '**Condensed Statements of Income (in thousands of U.S. dollars)**',
    '',
    '|  | Three months ended December 31, 2024 | Three months ended December 31, 2023 |',
    '| --- | --- | --- |',
    '| Operating revenues | 258,179 | 249,315 |',
    '| Operating expenses | (129,400) | (117,300) |',
    '| Income from operations | 128,779 | 132,015 |',
    '| Net income | 90,427 | 149,921 |',
    '',
    '**Reconciliation of Net Income to Adjusted Net Income**',
    '',
    '|  | Three months ended December 31, 2024 | Three months ended December 31, 2023 |',
    '| --- | --- | --- |',
    ...reconciliationRows,
    '',
  ].join('\n');

  const reconciliation = (r: ReturnType<typeof infer>) => r.statements.flatMap((s) => s.tables).find((t) => t.rows.some((x) => /^Adjusted net income$/.test(x.label)))!;

  it('takes the units of the figures it restates', () => {
    const r = infer(readText(text([
      '| Net income | $90,427 | $149,921 |',
      '| Change in fair value of investments | $35,600 | $(13,956) |',
      '| Adjusted net income | $126,027 | $135,965 |',
    ]), 'made-up.md'));
    const adjusted = reconciliation(r).rows.find((x) => x.label === 'Adjusted net income')!;
    assert.deepStrictEqual(adjusted.cells.map((c) => [c!.value!.toString(), c!.scale]), [['126027', 3], ['135965', 3]]);
  });

  it('keeps a table as printed when fewer than two of its figures restate a table of stated units', () => {
    const r = infer(readText(text([
      '| Net income | $90,427 | $150,000 |',
      '| Change in fair value of investments | $35,600 | $(14,035) |',
      '| Adjusted net income | $126,027 | $135,965 |',
    ]), 'made-up.md'));
    const adjusted = reconciliation(r).rows.find((x) => x.label === 'Adjusted net income')!;
    assert.deepStrictEqual(adjusted.cells.map((c) => c!.scale), [0, 0]);
  });
});
