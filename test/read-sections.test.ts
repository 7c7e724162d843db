import assert from 'assert';
import { readText } from '../src/read';
import { withoutFootnoteMarks } from '../src/read/labels';
import type { Release, Row } from '../src/model/types';

// Rows under a heading: how far the heading's kind reaches, and labels that only mean something
// under their heading. Each fixture is made up, in the shape releases print.

function rows(r: Release): Row[] {
  return r.statements.flatMap((s) => s.tables.flatMap((t) => t.rows));
}

function rowOf(r: Release, label: string): Row {
  const row = rows(r).find((x) => x.label === label);
  if (!row) throw new Error(`no row ${JSON.stringify(label)} among ${rows(r).map((x) => x.label).join(' / ')}`);
  return row;
}

describe('reading tables: how far a heading\'s per-share kind reaches', () => {
  const md = [
    '# Quillon Devices reports fourth quarter results',
    '',
    '**Reconciliation of GAAP to non-GAAP measures**',
    '',
    '| (in millions, except per share data) | Q4 2024 | Q4 2023 |',
    '| --- | --- | --- |',
    '| Diluted earnings per share |  |  |',
    '| GAAP | $1.12 | $0.95 |',
    '| Non-GAAP | $1.30 | $1.01 |',
    '| Operating cash flow | $4,512 | $3,877 |',
    '| Capital expenditures | (410) | (365) |',
    '| Free cash flow | $4,102 | $3,512 |',
    '',
    '**Cash generation**',
    '',
    '| (in millions, except per share data) | Q4 2024 | Q4 2023 |',
    '| --- | --- | --- |',
    '| Net income per diluted share |  |  |',
    '| As reported | $0.41 | $0.38 |',
    '| As adjusted | $0.44 | $0.40 |',
    '| Weighted average diluted shares | 2,310 | 2,295 |',
    '| Cash from operations | 912 | 840 |',
    '| Capital spending | (84) | (77) |',
    '',
  ].join('\n');
  const r = readText(md, 'made-up.md');

  it('keeps the lines printed with cents under the heading as per-share figures', () => {
    assert.deepStrictEqual(['GAAP', 'Non-GAAP', 'As reported', 'As adjusted'].map((l) => rowOf(r, l).kind), ['per-share', 'per-share', 'per-share', 'per-share']);
  });

  it('ends the section at whole thousands printed without cents: cash flows are amounts, scaled by the caption', () => {
    for (const label of ['Operating cash flow', 'Capital expenditures', 'Free cash flow']) {
      const row = rowOf(r, label);
      assert.strictEqual(row.kind, 'amount', label);
      assert.deepStrictEqual(row.cells.map((c) => c?.scale), [6, 6], label);
    }
    assert.strictEqual(rowOf(r, 'Operating cash flow').cells[0]!.value!.toString(), '4512');
  });

  it('ends the section at a line naming a kind of its own (a share count): the lines after it are amounts', () => {
    assert.strictEqual(rowOf(r, 'Weighted average diluted shares').kind, 'shares');
    assert.deepStrictEqual(['Cash from operations', 'Capital spending'].map((l) => rowOf(r, l).kind), ['amount', 'amount']);
  });
});

describe('reading tables: labels that only mean something under their heading', () => {
  const md = [
    '# Harrow Rigs reports fourth quarter results',
    '',
    '**Consolidated statements of income**',
    '',
    '| (in thousands of dollars) | 2024 | 2023 |',
    '| --- | --- | --- |',
    '| Revenue | 500,000 | 450,000 |',
    '| Expenses: |  |  |',
    '| Operating | 300,100 | 280,200 |',
    '| General and administrative | 40,000 | 38,000 |',
    '| Interest expense |  |  |',
    '| – Bank loans | (12,000) | (10,000) |',
    '| – Project debt |  |  |',
    '| Senior notes | (5,000) | (4,000) |',
    '| Direct costs1 | (30,000) | (25,000) |',
    '| Income taxes: |  |  |',
    '| Current | 10,000 | 9,000 |',
    '| Deferred | 2,000 | 1,000 |',
    '| Class 1 distributions | 700 | 600 |',
    '| Net income | 100,900 | 91,200 |',
    '| Allocated: |  |  |',
    '| Operating | 3,000 | 2,000 |',
    '| Administrative | 1,000 | 900 |',
    '',
  ].join('\n');
  const r = readText(md, 'made-up.md');

  it('names a lone modifier by the heading it qualifies ("Operating" under "Expenses:")', () => {
    assert.deepStrictEqual(values(rowOf(r, 'Operating expenses')), ['300100', '280200']);
    assert.deepStrictEqual(values(rowOf(r, 'Current income taxes')), ['10000', '9000']);
    assert.deepStrictEqual(values(rowOf(r, 'Deferred income taxes')), ['2000', '1000']);
    // Under a heading that names no item ("Allocated:") the modifier keeps its words.
    assert.deepStrictEqual(values(rowOf(r, 'Operating')), ['3000', '2000']);
    assert.deepStrictEqual(values(rowOf(r, 'Administrative')), ['1000', '900']);
    // A label that names its item alone keeps its words.
    assert.deepStrictEqual(values(rowOf(r, 'General and administrative')), ['40000', '38000']);
  });

  it('carries the heading of a dash-led part ("– Bank loans" under "Interest expense")', () => {
    assert.deepStrictEqual(values(rowOf(r, 'Interest expense – Bank loans')), ['-12000', '-10000']);
    assert.strictEqual(rowOf(r, 'Interest expense – Project debt').emphasis, 'header');
    assert.deepStrictEqual(values(rowOf(r, 'Senior notes')), ['-5000', '-4000']);
  });

  it('reads a digit glued to a label\'s last word as a footnote mark, not a word of the label', () => {
    assert.deepStrictEqual(values(rowOf(r, 'Direct costs')), ['-30000', '-25000']);
    assert.deepStrictEqual(values(rowOf(r, 'Class 1 distributions')), ['700', '600']);
  });

  it('keeps numbers that are part of a label', () => {
    const kept = ['Class 1', 'Tier 1 capital', 'Level 3', 'COVID-19', 'Fiscal 2024', 'FY2024', 'Q4', 'CO2', 'Tier1', 'Phase2', 'km2'];
    assert.deepStrictEqual(kept.map(withoutFootnoteMarks), kept);
    assert.deepStrictEqual(['Direct costs1', 'Per unit share2,3', 'Upfinancings2', 'Net income of subsidiaries12'].map(withoutFootnoteMarks),
      ['Direct costs', 'Per unit share', 'Upfinancings', 'Net income of subsidiaries']);
  });
});

function values(row: Row): (string | null)[] {
  return row.cells.map((c) => c?.value?.toString() ?? null);
}

describe('reading tables: a header\'s words wrapped into the label column', () => {
  const md = [
    '# Orchard Lane REIT reports fourth quarter results',
    '',
    '**Fair value changes by segment**',
    '',
    '| (in thousands | 2024 | 2023 |',
    '| --- | --- | --- |',
    '| of Canadian dollars) |  |  |',
    '| Operating |  |  |',
    '| Segment: |  |  |',
    '| Retail | 1,200 | (300) |',
    '| Office | (4,500) | (2,100) |',
    '',
  ].join('\n');
  const r = readText(md, 'made-up.md');

  it('reads the rest of an open units caption as the header\'s words, not as headings over rows', () => {
    assert.deepStrictEqual(rows(r).map((x) => x.label), ['Operating Segment:', 'Retail', 'Office']);
    assert.deepStrictEqual(rowOf(r, 'Retail').cells.map((c) => [c?.value?.toString(), c?.scale, c?.currency]), [['1200', 3, 'CAD'], ['-300', 3, 'CAD']]);
  });
});
