import assert from 'assert';
import ExcelJS from 'exceljs';
import { utf8Pieces } from '../src/write/xlsx/utf8';
import { Workbook } from '../src/write/xlsx/workbook';
import { zipEntries } from './fixtures/workbook/xlsx';

// The .xlsx writer on its own, read back by ExcelJS (a reader that is not the writer) and, where
// the reader would smooth something over, at the XML level.

const WHEN = new Date(Date.UTC(2024, 10, 19));

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function sample(): Workbook {
  const wb = new Workbook({ creator: 'tieout', created: WHEN });
  const ws = wb.addSheet("Bob's & <Co>");
  const money = { numFmt: '#,##0;(#,##0)', font: { name: 'Calibri', size: 10, bold: true, color: { argb: 'FF0000FF' } }, border: { top: { style: 'thin' as const } } };
  ws.set(1, 1, 'Revenue', { font: { name: 'Calibri', size: 10 }, alignment: { horizontal: 'left', indent: 2 } });
  ws.set(1, 2, 1234.5, money);
  ws.set(1, 3, -20, money);
  ws.set(2, 2, { formula: 'SUM(B1:C1)', result: 1214.5 }, money);
  ws.set(2, 3, { formula: 'IF(B2>0,"up","down")', result: 'up' });
  ws.set(2, 4, { formula: 'B2>0', result: true });
  ws.set(3, 1, '  padded  ');
  ws.set(3, 2, '=HYPERLINK("http://x","y")');
  ws.set(3, 3, 'tab\there, bell\u0007 gone, _x0041_ literal');
  ws.set(4, 5, null, { font: { italic: true } });
  ws.set(5, 1, null);
  ws.setHeight(6, 26);
  [10, 14, 14, 14, 30].forEach((w, i) => ws.width(i + 1, w));
  ws.width(7, 8);
  ws.freeze(1, 1);
  ws.page = { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, paperSize: 9, titleRows: [1, 1] };
  ws.conditionalFormat('B1:C2', [{ operator: 'notEqual', formula: '0', style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }]);
  wb.defineName('FX', `'Bob''s & <Co>'!$B$1`);
  wb.addSheet('Second');
  return wb;
}

describe('xlsx writer', () => {
  let buf: Buffer;
  let wb: ExcelJS.Workbook;
  let sheetXml: string;
  before(async () => {
    buf = sample().toBuffer();
    wb = await load(buf);
    sheetXml = zipEntries(buf).get('xl/worksheets/sheet1.xml')!.toString('utf8');
  });

  it('writes values, formulas and their cached results', () => {
    const ws = wb.getWorksheet("Bob's & <Co>")!;
    assert.strictEqual(ws.getCell('B1').value, 1234.5);
    assert.strictEqual(ws.getCell('C1').value, -20);
    assert.deepStrictEqual(ws.getCell('B2').value, { formula: 'SUM(B1:C1)', result: 1214.5 });
    assert.deepStrictEqual(ws.getCell('C2').value, { formula: 'IF(B2>0,"up","down")', result: 'up' });
    assert.deepStrictEqual(ws.getCell('D2').value, { formula: 'B2>0', result: true });
    assert.ok(sheetXml.includes('<c r="C2" t="str"><f>IF(B2&gt;0,&quot;up&quot;,&quot;down&quot;)</f><v>up</v></c>'));
  });

  it('keeps text as text: a leading "=" is a string, spaces survive, XML-illegal characters go', () => {
    const ws = wb.getWorksheet("Bob's & <Co>")!;
    assert.strictEqual(ws.getCell('B3').value, '=HYPERLINK("http://x","y")');
    assert.strictEqual(ws.getCell('B3').type, ExcelJS.ValueType.String);
    assert.strictEqual(ws.getCell('A3').value, '  padded  ');
    assert.strictEqual(ws.getCell('C3').value, 'tab\there, bell gone, _x0041_ literal');
    assert.ok(!/<f>[^<]*HYPERLINK/.test(sheetXml));
  });

  it('writes each look once and gives the cells their font, format, border and alignment', () => {
    const ws = wb.getWorksheet("Bob's & <Co>")!;
    const b1 = ws.getCell('B1');
    assert.strictEqual(b1.numFmt, '#,##0;(#,##0)');
    assert.deepStrictEqual({ bold: b1.font.bold, color: b1.font.color, size: b1.font.size }, { bold: true, color: { argb: 'FF0000FF' }, size: 10 });
    assert.strictEqual(b1.border.top?.style, 'thin');
    assert.deepStrictEqual(ws.getCell('A1').alignment, { horizontal: 'left', indent: 2 });
    // B1, C1 and B2 share one style object: one xf.
    const ids = ['B1', 'C1', 'B2'].map((a) => new RegExp(`<c r="${a}" s="(\\d+)"`).exec(sheetXml)?.[1]);
    assert.ok(ids[0] && ids.every((id) => id === ids[0]), ids.join());
    const styles = zipEntries(buf).get('xl/styles.xml')!.toString('utf8');
    assert.ok(styles.includes('<numFmt numFmtId="164" formatCode="#,##0;(#,##0)"/>'));
    assert.ok(styles.includes('<dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>'));
  });

  it('writes an empty cell only for its look, and counts it in the used range', () => {
    assert.ok(sheetXml.includes('<c r="E4" s="'));
    assert.ok(!sheetXml.includes('r="A5"'));
    assert.ok(sheetXml.includes('<dimension ref="A1:E4"/>'));
    assert.ok(sheetXml.includes('<row r="6" ht="26" customHeight="1" x14ac:dyDescent="0.25"></row>'));
  });

  it('writes widths as runs, the frozen panes, the page setup and the print titles', () => {
    const ws = wb.getWorksheet("Bob's & <Co>")!;
    assert.ok(sheetXml.includes('<cols><col min="1" max="1" width="10" customWidth="1"/><col min="2" max="4" width="14" customWidth="1"/><col min="5" max="5" width="30" customWidth="1"/><col min="7" max="7" width="8" customWidth="1"/></cols>'));
    assert.deepStrictEqual([1, 2, 5, 6, 7].map((c) => ws.getColumn(c).width), [10, 14, 30, undefined, 8]);
    assert.strictEqual(ws.getRow(6).height, 26);
    assert.deepStrictEqual(ws.views.map((v) => [v.state, (v as ExcelJS.WorksheetViewFrozen).xSplit, (v as ExcelJS.WorksheetViewFrozen).ySplit]), [['frozen', 1, 1]]);
    assert.deepStrictEqual([ws.pageSetup.orientation, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight, ws.pageSetup.paperSize], ['landscape', 1, 0, 9]);
    const book = zipEntries(buf).get('xl/workbook.xml')!.toString('utf8');
    assert.ok(book.includes(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Bob&apos;&apos;s &amp; &lt;Co&gt;&apos;!$1:$1</definedName>`), book);
    assert.ok(book.includes('<sheet sheetId="1" name="Bob&apos;s &amp; &lt;Co&gt;" state="visible" r:id="rId4"/>'));
  });

  it('names a cell for the whole workbook', () => {
    assert.deepStrictEqual(wb.definedNames.getRanges('FX').ranges, ["'Bob''s & <Co>'!$B$1"]);
  });

  it('writes a sheet with nothing in it', () => {
    const ws = wb.getWorksheet('Second')!;
    assert.strictEqual(ws.rowCount, 0);
    assert.ok(zipEntries(buf).get('xl/worksheets/sheet2.xml')!.toString('utf8').includes('<sheetData></sheetData>'));
  });

  it('cuts a text longer than a cell holds at 32,767 characters, never inside a character', async () => {
    const book = new Workbook({ creator: 'tieout', created: WHEN });
    const ws = book.addSheet('Long');
    ws.set(1, 1, 'x'.repeat(40000));
    ws.set(2, 1, `${'y'.repeat(32765)}\u{1F600}tail`);
    ws.set(3, 1, { formula: 'REPT("z",40000)', result: 'z'.repeat(40000) });
    ws.set(4, 1, 'w'.repeat(32767));
    const back = (await load(book.toBuffer())).getWorksheet('Long')!;
    const a1 = back.getCell('A1').value as string;
    assert.deepStrictEqual([a1.length, a1.slice(-2)], [32767, 'x\u2026']);
    const a2 = back.getCell('A2').value as string;
    assert.deepStrictEqual([a2.length, a2.slice(-2)], [32766, 'y\u2026']);
    assert.strictEqual(((back.getCell('A3').value as { result: string }).result).length, 32767);
    assert.strictEqual((back.getCell('A4').value as string).length, 32767);
  });

  it('refuses a number no spreadsheet can hold, naming the cell', () => {
    const book = new Workbook({ creator: 'tieout', created: WHEN });
    book.addSheet('Bad').set(2, 3, Number.NaN);
    assert.throws(() => book.toBuffer(), /^Error: cell C2: NaN is not a number a spreadsheet can hold$/);
    const inf = new Workbook({ creator: 'tieout', created: WHEN });
    inf.addSheet('Bad').set(1, 1, { formula: '1/0', result: Number.POSITIVE_INFINITY });
    assert.throws(() => inf.toBuffer(), /cell A1: Infinity is not a number/);
  });

  it('gives the same bytes for the same workbook, every entry dated as given', () => {
    assert.ok(sample().toBuffer().equals(buf));
    assert.strictEqual(wb.created.toISOString(), WHEN.toISOString());
    assert.strictEqual(wb.creator, 'tieout');
  });
});

describe('xlsx part encoding', () => {
  it('encodes pieces as the UTF-8 of their join, growing past its buffer, the last view valid until the next call', () => {
    // Past the first buffer (256 KB), with characters of one to four bytes.
    const pieces = ['<row>', 'é€', '\ud83d\ude00', 'x'.repeat(300 * 1024), '漢字', '', '</row>'];
    const whole = Buffer.from(pieces.join(''), 'utf8');
    assert.strictEqual(whole.length, 5 + 5 + 4 + 300 * 1024 + 6 + 6);
    assert.ok(utf8Pieces(pieces).equals(whole));
    assert.ok(utf8Pieces('short & plain').equals(Buffer.from('short & plain')));
    assert.strictEqual(utf8Pieces([]).length, 0);
  });
});
