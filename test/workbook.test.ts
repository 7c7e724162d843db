import assert from 'assert';
import ExcelJS from 'exceljs';
import { Decimal } from '../src/model/decimal';
import type { Relation } from '../src/model/types';
import { toXlsxBuffer } from '../src/write/workbook';
import { planFormulas } from '../src/write/workbook/formulas';
import { planLayout, safeSheetName } from '../src/write/workbook/layout';
import { handMade, HOSTILE } from './fixtures/workbook/release';
import { release as handRelease, statement } from './fixtures/infer/table';
import { infer } from '../src/infer';
import { tieSummary } from '../src/infer/summary';
import { rawSheets, zipCrcs, zipEntries, zipTimes, type RawCell } from './fixtures/workbook/xlsx';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

let raw: Map<string, Map<string, RawCell>>;

/** A formula and its cached result as the file holds them (numbers parsed, strings as written). */
function formulaOf(_wb: ExcelJS.Workbook, sheet: string, a1: string): { formula: string; result: unknown } {
  const c = raw.get(sheet)?.get(a1);
  assert.ok(c && c.formula !== null, `${sheet}!${a1} should hold a formula, holds ${JSON.stringify(c)}`);
  return { formula: c.formula, result: c.type === 'str' ? c.value : c.value === null ? undefined : Number(c.value) };
}

describe('workbook writer (hand-made release)', () => {
  let wb: ExcelJS.Workbook;
  let buf: Buffer;
  before(async () => {
    buf = await toXlsxBuffer(handMade());
    wb = await load(buf);
    raw = rawSheets(buf);
  });

  it('orders the sheets Summary, Assumptions, statements, Highlights, Checks', () => {
    assert.deepStrictEqual(wb.worksheets.map((w) => w.name), ['Summary', 'Assumptions', 'Income Statement', 'Comprehensive Income', 'Balance Sheet', 'Highlights', 'Checks']);
  });

  it('writes a footing of contiguous added terms as SUM over their range', () => {
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'B10'), { formula: 'SUM(B8:B9)', result: 150 });
    assert.deepStrictEqual(formulaOf(wb, 'Balance Sheet', 'B14'), { formula: 'SUM(B11:B13)', result: 30 });
  });

  it('writes a footing with a subtracted term as explicit + and −', () => {
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'B12'), { formula: 'B10-B11', result: 110 });
  });

  it('sums rounded USD conversions as the release did (21, not 150 / 7 = 21.43)', () => {
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'C8'), { formula: 'ROUND(B8/FX,0)', result: 14 });
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'C11'), { formula: 'ROUND(B11/FX,0)', result: 6 });
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'C10'), { formula: 'SUM(C8:C9)', result: 21 });
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'C12'), { formula: 'C10-C11', result: 15 });
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'C17'), { formula: 'ROUND(B17/FX,2)', result: 0.18 });
  });

  it('links share counts repeated under USD instead of converting them', () => {
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'C18'), { formula: 'B18', result: 1000000 });
  });

  it('keeps a margin unrounded with its exact quotient cached', () => {
    assert.deepStrictEqual(formulaOf(wb, 'Income Statement', 'B13'), { formula: 'B12/B10', result: new Decimal(110).div(150).toNumber() });
  });

  it('links to another statement with a quoted sheet name', () => {
    assert.deepStrictEqual(formulaOf(wb, 'Comprehensive Income', 'B8'), { formula: "'Income Statement'!B12", result: 110 });
    assert.deepStrictEqual(formulaOf(wb, 'Comprehensive Income', 'B10'), { formula: 'SUM(B8:B9)', result: 100 });
  });

  it('holds the rate in a cell named FX beside its source text', () => {
    const ws = wb.getWorksheet('Assumptions')!;
    assert.strictEqual(ws.getCell('B3').value, 7);
    assert.strictEqual(ws.getCell('C3').value, 'Translations are made at RMB 7.0 to US$1.00.');
    assert.deepStrictEqual(wb.definedNames.getRanges('FX').ranges, ['Assumptions!$B$3']);
  });

  it('colours typed figures blue, formulas black, links to other sheets green', () => {
    const inc = wb.getWorksheet('Income Statement')!;
    assert.strictEqual(inc.getCell('B8').font.color?.argb, 'FF0000FF');
    assert.strictEqual(inc.getCell('B10').font.color?.argb, 'FF000000');
    assert.strictEqual(inc.getCell('C8').font.color?.argb, 'FF000000');
    assert.strictEqual(wb.getWorksheet('Comprehensive Income')!.getCell('B8').font.color?.argb, 'FF008000');
  });

  it('formats amounts, per-share figures and percents, bolds totals with a top border, indents by depth', () => {
    const inc = wb.getWorksheet('Income Statement')!;
    assert.strictEqual(inc.getCell('B8').numFmt, '#,##0;(#,##0)');
    assert.strictEqual(inc.getCell('B17').numFmt, '0.00;(0.00)');
    assert.strictEqual(inc.getCell('B13').numFmt, '0.0%');
    assert.strictEqual(inc.getCell('B10').font.bold, true);
    assert.strictEqual(inc.getCell('B10').border.top?.style, 'thin');
    assert.ok(!inc.getCell('B8').font.bold);
    assert.strictEqual(inc.getCell('A8').alignment.indent, 1);
    assert.strictEqual(inc.getCell('B14').value, -5);
  });

  it('states units, freezes header rows and labels, prints landscape one page wide, gives source lines', () => {
    const inc = wb.getWorksheet('Income Statement')!;
    assert.deepStrictEqual([inc.getCell('B7').value, inc.getCell('C7').value], ['RMB thousands', 'USD thousands']);
    assert.deepStrictEqual([inc.getCell('B4').value, inc.getCell('B5').value, inc.getCell('C6').value], ['Three months ended September 30,', '2024', 'USD']);
    const view = inc.views[0] as { state: string; xSplit: number; ySplit: number };
    assert.deepStrictEqual([view.state, view.xSplit, view.ySplit], ['frozen', 1, 7]);
    assert.deepStrictEqual([inc.pageSetup.orientation, inc.pageSetup.fitToPage, inc.pageSetup.fitToWidth, inc.pageSetup.fitToHeight], ['landscape', true, 1, 0]);
    assert.strictEqual(inc.getCell('D8').value, 'line 11');
    assert.ok((inc.getColumn(1).width ?? 0) >= 'Weighted average shares, diluted'.length + 2);
  });

  it('writes hostile labels as text, never as formulas', () => {
    const inc = wb.getWorksheet('Income Statement')!;
    HOSTILE.forEach((label, i) => {
      const cell = inc.getCell(`A${14 + i}`);
      assert.strictEqual(cell.type, ExcelJS.ValueType.String);
      assert.strictEqual(cell.value, label);
      assert.strictEqual(cell.formula, undefined);
      assert.deepStrictEqual(raw.get('Income Statement')!.get(`A${14 + i}`), { formula: null, value: label, type: 's' });
    });
  });

  it('counts checks with formulas and lists each relation, the balance identity and the narrative', () => {
    const ck = wb.getWorksheet('Checks')!;
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'B3'), { formula: 'COUNT(G10:G26)', result: 17 });
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'B4'), { formula: 'COUNTIF(G10:G26,0)', result: 17 });
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'B5'), { formula: 'COUNTIF(J10:J26,"within rounding")', result: 0 });
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'B6'), { formula: 'COUNTIF(J10:J26,"fails")', result: 0 });
    assert.strictEqual(ck.getCell('B7').value, 1);
    const kinds = Array.from({ length: 17 }, (_, i) => ck.getCell(10 + i, 2).value);
    assert.deepStrictEqual(kinds, ['conversion', 'conversion', 'footing', 'footing', 'conversion', 'footing', 'footing', 'ratio', 'conversion', 'link', 'link', 'footing', 'footing', 'footing', 'balance', 'narrative', 'narrative']);
    // The ratio is compared at its printed precision.
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'F17'), { formula: "ROUND('Income Statement'!B13,3)", result: 0.733 });
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'G17'), { formula: 'ROUND(E17-F17,3)', result: 0 });
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'J17'), { formula: 'IF(G17=0,"ties",IF(ABS(G17)<=I17,"within rounding","fails"))', result: 'ties' });
    assert.deepStrictEqual([formulaOf(wb, 'Checks', 'E24').formula, formulaOf(wb, 'Checks', 'F24').formula], ["'Balance Sheet'!B10", "'Balance Sheet'!B14"]);
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'F25'), { formula: "ROUND('Income Statement'!B10/1000,2)", result: 0.15 });
    assert.deepStrictEqual(formulaOf(wb, 'Checks', 'F26'), { formula: "ROUND('Income Statement'!B13*100,1)", result: 73.3 });
    assert.strictEqual(ck.getCell('E25').value, 0.15);
    // Untied totals follow, not counted as checks.
    assert.strictEqual(ck.getCell('C31').value, 'Equity');
    assert.strictEqual(ck.getCell('I31').value, 'no rows above it recompute it');
    const cf = (ck as unknown as { conditionalFormattings: { ref: string; rules: { operator?: string }[] }[] }).conditionalFormattings[0];
    assert.strictEqual(cf.ref, 'G10:G26');
    assert.deepStrictEqual(cf.rules.map((r) => r.operator), ['equal', 'notEqual']);
  });

  it('keeps a relation that holds only within rounding out of the statement and shows its gap in Checks', async () => {
    const rel = handMade();
    // The release printed 0.17 where 1.23 / 7.0 rounds to 0.18.
    rel.statements[0].tables[0].rows[9].cells[1]!.value = new Decimal('0.17');
    const buf2 = await toXlsxBuffer(rel);
    const cells = rawSheets(buf2);
    assert.deepStrictEqual(cells.get('Income Statement')!.get('C17'), { formula: null, value: '0.17', type: null });
    const row = [...cells.get('Checks')!].find(([a1, c]) => /^F\d+$/.test(a1) && c.formula === "ROUND('Income Statement'!B17/FX,2)");
    assert.ok(row, 'the conversion is computed on the Checks sheet');
    const y = row[0].slice(1);
    assert.deepStrictEqual(cells.get('Checks')!.get(`G${y}`), { formula: `ROUND(E${y}-F${y},2)`, value: '-0.01', type: null });
    assert.strictEqual(cells.get('Checks')!.get(`J${y}`)!.value, 'within rounding');
    assert.strictEqual(cells.get('Checks')!.get('B5')!.value, '1');
    assert.strictEqual(cells.get('Summary')!.get('B9')!.value, 'All 17 checks tie; 1 within rounding; 1 totals untied');
  });

  it('holds a sum to the rounding of all its figures on Checks: three lines off by two units are within rounding, not a failure', async () => {
    const made = infer(handRelease([statement('bs', 'balance-sheet', [{ label: 'Q1' }], [[
      ['Cash', 'item', '1,200'],
      ['Receivables', 'item', '1,900'],
      ['Inventories', 'item', '2,900'],
      ['Total current assets', 'total', '6,002'],
    ]])]));
    // Four figures, each within half a unit of its true value: the printed total may differ by two.
    assert.deepStrictEqual(tieSummary(made).exceptions.map((e) => [e.text, e.rounding]), [['Total current assets (Q1 RMB): reported 6,002, recomputed 6,000', true]]);
    const cells = rawSheets(await toXlsxBuffer(made));
    const row = [...cells.get('Checks')!].find(([a1, c]) => /^C\d+$/.test(a1) && c.value === 'Total current assets (Q1 RMB)');
    assert.ok(row, 'the footing has a check line');
    const y = row[0].slice(1);
    assert.strictEqual(cells.get('Checks')!.get(`G${y}`)!.value, '2');
    assert.strictEqual(cells.get('Checks')!.get(`I${y}`)!.value, '2');
    assert.strictEqual(cells.get('Checks')!.get(`J${y}`)!.value, 'within rounding');
    assert.deepStrictEqual([cells.get('Checks')!.get('B5')!.value, cells.get('Checks')!.get('B6')!.value], ['1', '0']);
  });

  it('shows check status on the Summary as a formula over Checks, and key figures as green links', () => {
    const sm = wb.getWorksheet('Summary')!;
    assert.strictEqual(sm.getCell('A1').value, 'Hand Made Inc.');
    const status = formulaOf(wb, 'Summary', 'B9');
    assert.match(status.formula, /^IF\('Checks'!B6=0,/);
    assert.strictEqual(status.result, 'All 17 checks tie; 1 totals untied');
    assert.deepStrictEqual(formulaOf(wb, 'Summary', 'B12'), { formula: "'Income Statement'!B10", result: 150 });
    assert.deepStrictEqual(formulaOf(wb, 'Summary', 'C12'), { formula: "'Income Statement'!C10", result: 21 });
    assert.strictEqual(sm.getCell('B12').font.color?.argb, 'FF008000');
  });

  it('counts the text\'s figures apart on Checks: tie, disagree, not in the tables', () => {
    const ck = wb.getWorksheet('Checks')!;
    assert.deepStrictEqual([3, 4, 5, 6].map((y) => ck.getCell(`D${y}`).value), ['Figures stated in the text', 'Tie to the tables', 'Disagree with the tables', 'Not in the tables']);
    assert.strictEqual(ck.getCell('E3').value, 3);
    assert.deepStrictEqual([formulaOf(wb, 'Checks', 'E4').result, formulaOf(wb, 'Checks', 'E5').result], [2, 0]);
    assert.match(formulaOf(wb, 'Checks', 'E4').formula, /^COUNTIFS\(B10:B\d+,"narrative",G10:G\d+,0\)$/);
    assert.strictEqual(ck.getCell('E6').value, 1);
  });

  it('lists prose figures on Highlights with the table figure they restate', () => {
    const hl = wb.getWorksheet('Highlights')!;
    assert.deepStrictEqual([hl.getCell('C4').value, hl.getCell('E4').value], ['Total revenue', 0.15]);
    assert.deepStrictEqual(formulaOf(wb, 'Highlights', 'H4'), { formula: "'Income Statement'!B10", result: 150 });
    assert.strictEqual(hl.getCell('H6').value, 'not tied');
  });

  it('uses no shared formulas and no leading =', async () => {
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => {
      const v = cell.value as { formula?: string; sharedFormula?: string } | null;
      if (v && typeof v === 'object') {
        assert.strictEqual(v.sharedFormula, undefined, `${ws.name}!${cell.address}`);
        if (v.formula !== undefined) assert.ok(!v.formula.startsWith('='), `${ws.name}!${cell.address}`);
      }
    }));
  });

  it('gives byte-identical files for the same input, stamped with the release date', async () => {
    const again = await toXlsxBuffer(handMade());
    assert.ok(buf.equals(again));
    const times = new Set(zipTimes(buf));
    // 2024-11-19 00:00:00 as a DOS date/time.
    assert.deepStrictEqual([...times], [`${((2024 - 1980) << 9) | (11 << 5) | 19}/0`]);
    assert.strictEqual(wb.created.toISOString(), '2024-11-19T00:00:00.000Z');
    assert.strictEqual(wb.modified.toISOString(), '2024-11-19T00:00:00.000Z');
  });

  it('packs every part deflated, with the CRC of its bytes, and loads in exceljs', async () => {
    const parts = zipEntries(buf);
    assert.deepStrictEqual([...parts.keys()], [
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels',
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `xl/worksheets/sheet${i}.xml`),
      'xl/sharedStrings.xml', 'xl/theme/theme1.xml', 'xl/styles.xml', 'docProps/app.xml', 'docProps/core.xml', 'xl/workbook.xml',
    ]);
    for (const [name, c] of zipCrcs(buf)) assert.strictEqual(c.stored, c.actual, `CRC of ${name}`);
    const total = [...parts.values()].reduce((n, b) => n + b.length, 0);
    assert.ok(buf.length < total / 3, `${buf.length} bytes packed, ${total} unpacked`);
    assert.strictEqual(wb.worksheets.length, 7);
  });

  it('declares every part it holds and relates every sheet', () => {
    const parts = zipEntries(buf);
    const types = parts.get('[Content_Types].xml')!.toString('utf8');
    for (const name of parts.keys()) {
      if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
      assert.ok(types.includes(`PartName="/${name}"`), `${name} has a content type`);
    }
    const rels = parts.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
    const book = parts.get('xl/workbook.xml')!.toString('utf8');
    for (const m of book.matchAll(/<sheet [^>]*r:id="(rId\d+)"/g)) {
      const target = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      assert.ok(target && parts.has(`xl/${target}`), `${m[1]} points at a part (${target})`);
    }
  });
});

describe('workbook formula plan', () => {
  it('keeps the definitions acyclic: a relation closing a cycle stays a constant', () => {
    const rel = handMade();
    const back: Relation = { type: 'link', id: 'l-back', target: { statement: 'income', table: 0, row: 4, col: 0 }, source: { statement: 'ci', table: 0, row: 0, col: 0 }, diff: new Decimal(0) };
    // Drop the footing that defines income row 4 first, so the back link can claim it.
    rel.relations = rel.relations.filter((r) => r.id !== 'f-opinc');
    rel.relations.push(back);
    const plan = planFormulas(rel, planLayout(rel));
    assert.deepStrictEqual(plan.dropped.map((d) => [d.relation.id, d.reason]), [['l-ci', 'it would make a circular reference']]);
    assert.strictEqual(plan.cells.get('income/0/4/0')?.formula, "'Comprehensive Income'!B8");
  });

  it('lets the first relation define a cell and reports the second', () => {
    const rel = handMade();
    rel.relations.push({ type: 'conversion', id: 'x-total', target: { statement: 'income', table: 0, row: 2, col: 1 }, source: { statement: 'income', table: 0, row: 2, col: 0 }, decimals: 0, diff: new Decimal(0) });
    const plan = planFormulas(rel, planLayout(rel));
    assert.deepStrictEqual(plan.dropped.map((d) => [d.relation.id, d.reason]), [['x-total', 'already defined by f-revenue']]);
  });

  it('keeps conversions constant when the release states no rate', () => {
    const rel = handMade();
    rel.fx = null;
    const plan = planFormulas(rel, planLayout(rel));
    assert.strictEqual(plan.dropped.filter((d) => d.reason === 'no exchange rate stated').length, 4);
    assert.strictEqual(plan.cells.has('income/0/0/1'), false);
  });

  it('writes explicit terms when a figure that is not a term sits inside the block', () => {
    const rel = handMade();
    const f = rel.relations.find((r) => r.id === 'f-le');
    if (f?.type === 'footing') f.terms = f.terms.filter((t) => t.ref.row !== 4);
    rel.statements[2].tables[0].rows[6].cells[0]!.value = new Decimal(13);
    const plan = planFormulas(rel, planLayout(rel));
    assert.strictEqual(plan.cells.get('bs/0/6/0')?.formula, 'B11+B13');
    assert.strictEqual(plan.cells.get('bs/0/6/0')?.result.toString(), '13');
  });

  it('makes sheet names Excel accepts', () => {
    const taken = new Set<string>();
    assert.strictEqual(safeSheetName("Cash/Flows: [Q3]*?'", taken), 'Cash Flows Q3');
    assert.strictEqual(safeSheetName('cash flows q3', taken), 'cash flows q3 2');
    assert.strictEqual(safeSheetName('x'.repeat(40), taken).length, 31);
  });
});
