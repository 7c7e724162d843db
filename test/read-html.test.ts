import assert from 'assert';
import fs from 'fs';
import path from 'path';
import v8 from 'v8';
import vm from 'vm';
import { InputError } from '../src/model/errors';
import type { Release, StatementKind } from '../src/model/types';
import { infer } from '../src/infer';
import { chooseReader, readFile, readText } from '../src/read';
import { sniffHtml, tokenizeHtml } from '../src/read/html';
import fc from 'fast-check';
import { parseHtml, type HtmlElement, type HtmlNode } from '../src/read/html/dom';
import { LineIndex } from '../src/read/html/lines';
import { Walker } from '../src/read/html/walk';
import type { RawBlock, RawDocument, TableBlock } from '../src/read/raw';
import { CORPUS, needCorpus } from './support/corpus';

const FIXTURES = 'test/fixtures/html';

function tokenize(name: string): RawDocument {
  const file = path.join(FIXTURES, name);
  return tokenizeHtml(fs.readFileSync(file, 'utf8'), file);
}

function tables(doc: RawDocument): TableBlock[] {
  return doc.blocks.filter((b): b is TableBlock => b.type === 'table');
}

/** A table as the builder receives it: each row's cell texts, bold cells marked with a leading '*'. */
function texts(table: TableBlock): string[][] {
  return table.rows.map((r) => r.cells.map((c) => (c.bold && c.text ? `*${c.text}` : c.text)));
}

function prose(doc: RawDocument): string[] {
  return doc.blocks.flatMap((b) => (b.type === 'prose' ? [b.text] : []));
}

describe('html reader: tokenizing', () => {
  it('joins "$" cells to their figures, drops spacer columns and spreads a colspan header over its columns', () => {
    const doc = tokenize('dollar-cells.html');
    assert.strictEqual(tables(doc).length, 1);
    assert.deepStrictEqual(texts(tables(doc)[0]), [
      ['', '*Three Months Ended', '*Three Months Ended'],
      ['', '*March 31, 2024', '*March 31, 2023'],
      ['Net sales', '$1,250', '$1,100'],
      ['Cost of sales', '750', '700'],
      ['*Gross profit', '*500', '*400'],
      ['Net income', '$310', '$255'],
      ['Diluted earnings per share', '$1.24', '$1.02'],
    ]);
    // padding-left:12pt is the only indented label: about two characters of 10pt text.
    assert.deepStrictEqual(tables(doc)[0].rows.map((r) => r.indent), [0, 0, 0, 2, 0, 0, 0]);
    assert.deepStrictEqual(prose(doc), ['EXAMPLE CORP.', 'CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS', '(In millions, except per share amounts)']);
  });

  it('closes a negative with the ")" of the next cell, joins "%" cells and drops footnote letters and note tables', () => {
    const doc = tokenize('paren-cells.html');
    assert.deepStrictEqual(texts(tables(doc)[0]), [
      ['', '2024', '% Change'],
      ['Operating income (loss)', '$(1,234)', '(12.5)%'],
      ['Restructuring', '(56)', '8.0%'],
      ['Other', '—', 'n/m'],
      ['Adjusted operating loss', '$(1,290)', '(3.1)%'],
    ]);
    // The note "(a) Severance ..." is set as a table but holds no figure: it reads as prose.
    assert.strictEqual(tables(doc).length, 1);
    assert.deepStrictEqual(prose(doc).slice(-1), ['(a) Severance paid in the quarter.']);
  });

  it('reads through the EDGAR SGML wrapper without its header text, keeping <br> lines of one paragraph', () => {
    const doc = tokenize('sgml-wrapper.htm');
    assert.deepStrictEqual(prose(doc), ['EXAMPLE CORP.\nCONDENSED CONSOLIDATED BALANCE SHEETS\n(In thousands)']);
    assert.deepStrictEqual(texts(tables(doc)[0]), [
      ['', '*December 31, 2024', '*December 31, 2023'],
      ['Cash and cash equivalents', '$4,000', '$3,500'],
      ['Receivables', '1,000', '900'],
      ['Total assets', '$5,000', '$4,400'],
    ]);
    // Lines are those of the file, wrapper included.
    assert.deepStrictEqual([doc.blocks[0].place.line, tables(doc)[0].place.line, tables(doc)[0].rows[3].place.line], [9, 10, 14]);
    assert.deepStrictEqual(tables(doc)[0].rows[3].cells[2].place, { line: 14, table: 1, row: 4, cell: 3 });
  });

  it('reads <font>-era HTML: <b> inside <font>, &#151; as a dash, leading &nbsp; as indentation, <br> in headers', () => {
    const doc = tokenize('font-era.htm');
    assert.deepStrictEqual(texts(tables(doc)[0]), [
      ['', '*THREE MONTHS ENDED', '*THREE MONTHS ENDED'],
      ['', '*June 26, 2004', '*June 28, 2003'],
      ['Net sales', '$ 2,014', '$ 1,545'],
      ['Restructuring costs', '8', '—'],
      ['Research & development', '125', '120'],
      ['*Net income', '*$ 61', '*$ 19'],
    ]);
    assert.deepStrictEqual(tables(doc)[0].rows.map((r) => r.indent), [0, 0, 0, 4, 0, 0]);
  });

  it('ignores scripts, styles, navigation, hidden elements, footers and raised footnote references', () => {
    const doc = tokenize('newsroom.html');
    const all = JSON.stringify(doc.blocks);
    for (const absent of ['999,999', 'Fake', '12345', 'cookies', 'Investors', 'Copyright', 'hidden 777', 'color: red']) {
      assert.ok(!all.includes(absent), `${absent} must not be read`);
    }
    assert.deepStrictEqual(prose(doc), ['Example Announces Third Quarter Results', 'Revenue was $35.1 billion, up 17%.']);
    assert.deepStrictEqual(doc.blocks[0].type === 'prose' && doc.blocks[0].heading, 1);
    assert.deepStrictEqual(texts(tables(doc)[0]), [
      ['*EXAMPLE CORPORATION', '', ''],
      ['*CONDENSED CONSOLIDATED STATEMENTS OF INCOME', '', ''],
      ['(In millions)', '', ''],
      ['', '*Three Months Ended', '*Three Months Ended'],
      ['', '*October 27, 2024', '*October 29, 2023'],
      ['Revenue', '$35,082', '$18,120'],
      ['Interest expense', '(61)', '(63)'],
      ['Profit', '$19,309', '$9,243'],
      ['Notes', '', ''],
    ]);
  });

  it('lays out rowspans, moves a caption below the column header and drops small-type note numbers beside figures', () => {
    const doc = tokenize('rowspan.html');
    assert.deepStrictEqual(texts(tables(doc)[0]), [
      ['', 'Year Ended December 31,', 'Year Ended December 31,'],
      ['', '2024', '2023'],
      ['Segment', '', ''],
      ['Products', '700', '650'],
      ['Services', '300', '250'],
      ['Total', '1,000', '900'],
    ]);
  });
});

describe('html reader: the tree it walks', () => {
  const element = (nodes: HtmlNode[], name: string): HtmlElement => {
    for (const n of nodes) {
      if (n.type === 'text') continue;
      if (n.name === name) return n;
      const inner = n.children.length ? element(n.children, name) : null;
      if (inner) return inner;
    }
    return null as unknown as HtmlElement;
  };
  const kids = (el: HtmlElement) => el.children.map((c) => (c.type === 'text' ? JSON.stringify(c.data) : c.name));

  it('leaves out the white space between a table\'s rows and cells, and keeps every other text', () => {
    const tree = parseHtml('<p>A <b>b</b> c</p>\n<table>\n <tbody>\n  <tr>\n   <td> Net&nbsp;sales </td>\n   <td>1</td> x </tr>\n </tbody>\n</table>\n');
    assert.deepStrictEqual([kids(element(tree, 'table')), kids(element(tree, 'tbody')), kids(element(tree, 'tr'))], [['tbody'], ['tr'], ['td', 'td', '" x "']]);
    assert.deepStrictEqual([kids(element(tree, 'p')), kids(element(tree, 'td'))], [['"A "', 'b', '" c"'], ['" Net\u00a0sales "']]);
    assert.deepStrictEqual(tree.map((n) => (n.type === 'text' ? JSON.stringify(n.data) : n.name)), ['p', '"\\n"', 'table', '"\\n"']);
  });
});

/** The same document walked the other way: parsed into one whole tree first, then walked. */
function walkTree(source: string): RawBlock[] {
  const walker = new Walker(new LineIndex(source));
  walker.visit(parseHtml(source), { bold: false, size: null });
  walker.flush();
  return walker.blocks;
}

describe('html reader: walking the document as it is parsed', () => {
  const sources = [
    ...fs.readdirSync(FIXTURES).map((n) => path.join(FIXTURES, n)),
    ...(fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((n) => /\.html?$/.test(n)).map((n) => path.join(CORPUS, n)) : []),
  ];

  it('reads every HTML fixture and corpus release exactly as a walk of its whole tree does', () => {
    assert.ok(sources.length >= 6, `${sources.length} HTML sources`);
    for (const file of sources) {
      const source = fs.readFileSync(file, 'utf8');
      const blocks = tokenizeHtml(source, file).blocks;
      assert.ok(blocks.length > 0, file);
      assert.deepStrictEqual(blocks, walkTree(source), file);
    }
  });

  it('reads made-up markup (unclosed, nested, hidden, raised, SGML-wrapped) exactly as a walk of its whole tree does', () => {
    const text = fc.constantFrom('Revenue', 'Net income', '1,234', '(56)', '$', '&nbsp;', '&amp;', ' ', '\n', '1', '(a)', '*', 'Total', '2024');
    const open = fc.constantFrom(
      '<p>', '<div>', '<span>', '<b>', '<font size="2">', '<h2>', '<br>', '<sup>', '<sub>', '<span style="vertical-align:super">',
      '<span style="position:relative;top:-3pt">', '<table>', '<tr>', '<td>', '<td colspan="2">', '<th>', '<tbody>', '<script>', '<div hidden>',
      '<span style="display:none">', '<nav>', '<type>', '<document>', '<text>', '<div style="font-weight:bold">', '<p style="padding-left:20pt">',
      '<!-- c -->', '<center>', '<li>',
    );
    const close = fc.constantFrom('</p>', '</div>', '</span>', '</b>', '</font>', '</h2>', '</sup>', '</sub>', '</table>', '</tr>', '</td>', '</th>', '</tbody>', '</script>', '</type>', '</document>', '</text>', '</center>');
    const html = fc.array(fc.oneof({ weight: 3, arbitrary: text }, { weight: 3, arbitrary: open }, { weight: 2, arbitrary: close }), { maxLength: 120 }).map((parts) => parts.join(''));
    fc.assert(fc.property(html, (source) => { assert.deepStrictEqual(tokenizeHtml(source, 'made-up.html').blocks, walkTree(source)); }), { numRuns: 400, seed: 20261129 });
  });
});

describe('html reader: memory over a batch', () => {
  it('keeps nothing of a release once it is built: twelve distinct 400 KB filings leave the heap as it was', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // Every filer's generator writes its own styles and labels: each filing brings new cache keys.
    const filing = (i: number) => `<html><body><p style="margin-left:${i}pt; font-family:Times New Roman">Acme ${i} reports results.</p>`
      + `<p style="font-size:${10 + (i % 3)}pt; color:#00${i}">${'Revenue grew on demand across every region and product line. '.repeat(6600)}</p>`
      + `<table><tr><td style="font-weight:bold; padding-left:${i}px">Consolidated Statements of Operations ${i}</td><td>2024</td><td>2023</td></tr>`
      + `<tr><td>Net sales of unit ${i}</td><td>1,000</td><td>900</td></tr><tr><td>Cost of unit ${i}</td><td>(400)</td><td>(350)</td></tr>`
      + `<tr><td>Gross profit of unit ${i}</td><td>600</td><td>550</td></tr></table></body></html>`;
    const build = (i: number) => infer(readText(filing(i), `filing-${i}.html`));
    for (let i = 0; i < 5; i++) build(i);
    gc(); gc();
    const before = v8.getHeapStatistics().used_heap_size;
    for (let i = 5; i < 17; i++) build(i);
    gc(); gc();
    const grown = (v8.getHeapStatistics().used_heap_size - before) / 1024 / 1024;
    assert.ok(filing(5).length > 400_000);
    // A cache key cut from a filing held all of it: 12 filings, about 4.7 MB.
    assert.ok(grown < 1, `the heap grew by ${grown.toFixed(2)} MB over 12 filings`);
  });
});

describe('html reader: sniffing and refusing', () => {
  it('claims HTML tables, pages and the SGML wrapper, but not fixed-width text in an SGML <TABLE>', () => {
    assert.strictEqual(sniffHtml(fs.readFileSync(path.join(FIXTURES, 'sgml-wrapper.htm'), 'utf8')), 0.95);
    assert.strictEqual(sniffHtml('<html><body><p>No tables here.</p></body></html>'), 0.6);
    assert.strictEqual(sniffHtml('<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n<TABLE>\n<S>            <C>\nNet sales     $ 8,700\n</TABLE>\n</TEXT>'), 0);
    assert.strictEqual(sniffHtml('Revenue\t1,234\nCost\t567\n'), 0);
    assert.strictEqual(chooseReader(fs.readFileSync(path.join(FIXTURES, 'dollar-cells.html'), 'utf8'), 'x.html').name, 'html');
  });

  it('is forced by --from html and refuses a page without figures with an InputError naming the file', () => {
    assert.strictEqual(chooseReader('Revenue\t1\nCost\t2\nA\t3\nB\t4\nC\t5\n', 'x.txt', 'html').name, 'html');
    assert.throws(
      () => readText('<html><body><p>Results will follow.</p><table><tr><td>Contact</td><td>IR</td></tr></table></body></html>', 'empty.html'),
      (err: unknown) => err instanceof InputError && err.file === 'empty.html' && /expected at least one table of figures/.test(err.message) && /read as html/.test(err.message),
    );
  });

  it('builds statements from a fixture: title, kind, periods, scale and the per-share row unscaled', () => {
    const file = path.join(FIXTURES, 'dollar-cells.html');
    const release = readText(fs.readFileSync(file, 'utf8'), file);
    assert.strictEqual(release.source.format, 'html');
    const st = release.statements[0];
    assert.deepStrictEqual([st.kind, st.title, st.units], ['income', 'CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS', '(In millions, except per share amounts)']);
    const t = st.tables[0];
    assert.deepStrictEqual(t.columns.map((c) => [c.period?.label, c.currency, c.amountScale]), [['3M Mar-31-2024', 'USD', 6], ['3M Mar-31-2023', 'USD', 6]]);
    const eps = t.rows.find((r) => r.label === 'Diluted earnings per share')!;
    assert.deepStrictEqual(eps.cells.map((c) => [c?.value?.toString(), c?.kind, c?.scale]), [['1.24', 'per-share', 0], ['1.02', 'per-share', 0]]);
  });
});

// ---- The corpus: figures read off the HTML by hand, pinned with their column, scale and currency. ----

interface Pin {
  kind: StatementKind;
  label: RegExp;
  col: number;
  value: string;
  scale: number;
  period: string;
}

function pinned(release: Release, pin: Pin): string[] {
  const st = release.statements.find((s) => s.kind === pin.kind && s.tables.some((t) => t.rows.some((r) => pin.label.test(r.label))));
  assert.ok(st, `no ${pin.kind} statement with a row ${pin.label}`);
  for (const t of st.tables) {
    const row = t.rows.find((r) => pin.label.test(r.label));
    if (!row) continue;
    const cell = row.cells[pin.col];
    return [cell?.value?.toString() ?? 'blank', String(cell?.scale), String(cell?.currency), t.columns[pin.col].period?.label ?? 'no period'];
  }
  return ['missing'];
}

const CORPUS_PINS: Record<string, Pin[]> = {
  'apple_q1fy11_8k_ex99-1.htm': [
    { kind: 'income', label: /^Net sales$/, col: 0, value: '26741', scale: 6, period: '3M Dec-25-2010' },
    { kind: 'income', label: /^Net income$/, col: 1, value: '3378', scale: 6, period: '3M Dec-26-2009' },
    { kind: 'income', label: /^Total operating expenses$/, col: 0, value: '2471', scale: 6, period: '3M Dec-25-2010' },
    { kind: 'balance-sheet', label: /^Total assets$/, col: 0, value: '86742', scale: 6, period: 'Dec-25-2010' },
    { kind: 'balance-sheet', label: /^Total liabilities$/, col: 1, value: '27392', scale: 6, period: 'Sep-25-2010' },
    { kind: 'balance-sheet', label: /^Total shareholders’ equity$/, col: 0, value: '54666', scale: 6, period: 'Dec-25-2010' },
    { kind: 'cash-flow', label: /^Cash generated by operating activities$/, col: 0, value: '9773', scale: 6, period: '3M Dec-25-2010' },
    { kind: 'cash-flow', label: /^Cash used in investing activities$/, col: 0, value: '-10729', scale: 6, period: '3M Dec-25-2010' },
    { kind: 'cash-flow', label: /^Cash and cash equivalents, end of the period$/, col: 1, value: '7609', scale: 6, period: '3M Dec-26-2009' },
  ],
  'apple_q3fy04_8k_ex99-1.htm': [
    { kind: 'income', label: /^Net sales$/, col: 2, value: '5929', scale: 6, period: '9M Jun-26-2004' },
    { kind: 'income', label: /^Net income$/, col: 0, value: '61', scale: 6, period: '3M Jun-26-2004' },
    { kind: 'income', label: /^Total operating expenses$/, col: 3, value: '1284', scale: 6, period: '9M Jun-28-2003' },
    { kind: 'balance-sheet', label: /^Total assets$/, col: 0, value: '7223', scale: 6, period: 'Jun-26-2004' },
    { kind: 'balance-sheet', label: /^Total current liabilities$/, col: 1, value: '2357', scale: 6, period: 'Sep-27-2003' },
    { kind: 'balance-sheet', label: /^Current debt$/, col: 0, value: '0', scale: 6, period: 'Jun-26-2004' },
  ],
  'buckle_8k_ex99-1.html': [
    { kind: 'income', label: /^SALES, Net of returns/, col: 0, value: '293618', scale: 3, period: '13W Nov-02-2024' },
    { kind: 'income', label: /^NET INCOME$/, col: 2, value: '118270', scale: 3, period: '39W Nov-02-2024' },
    { kind: 'income', label: /^COST OF SALES/, col: 0, value: '153547', scale: 3, period: '13W Nov-02-2024' },
    { kind: 'balance-sheet', label: /^Total assets$/, col: 0, value: '976270', scale: 3, period: 'Nov-02-2024' },
    { kind: 'balance-sheet', label: /^Total current assets$/, col: 2, value: '508939', scale: 3, period: 'Oct-28-2023' },
    { kind: 'balance-sheet', label: /^Less accumulated depreciation/, col: 0, value: '-365241', scale: 3, period: 'Nov-02-2024' },
  ],
  'caterpillar_q1_2022_8k_ex99-1.htm': [
    { kind: 'income', label: /^Total sales and revenues$/, col: 0, value: '13589', scale: 6, period: '3M Mar-31-2022' },
    { kind: 'income', label: /^Profit$/, col: 1, value: '1530', scale: 6, period: '3M Mar-31-2021' },
    { kind: 'income', label: /^Profit per common share — diluted$/, col: 0, value: '2.86', scale: 0, period: '3M Mar-31-2022' },
    { kind: 'balance-sheet', label: /^Total assets$/, col: 0, value: '82276', scale: 6, period: 'Mar-31-2022' },
    { kind: 'balance-sheet', label: /^Total current assets$/, col: 1, value: '43455', scale: 6, period: 'Dec-31-2021' },
    { kind: 'balance-sheet', label: /^Dividends payable$/, col: 0, value: '0', scale: 6, period: 'Mar-31-2022' },
    { kind: 'cash-flow', label: /operating activities$/, col: 0, value: '313', scale: 6, period: '3M Mar-31-2022' },
    { kind: 'cash-flow', label: /investing activities$/, col: 0, value: '-1313', scale: 6, period: '3M Mar-31-2022' },
    { kind: 'cash-flow', label: /at end of period$/, col: 1, value: '11351', scale: 6, period: '3M Mar-31-2021' },
  ],
  'nvidia_q3fy25_newsroom.html': [
    { kind: 'income', label: /^Cost of revenue$/, col: 0, value: '8926', scale: 6, period: '3M Oct-27-2024' },
    { kind: 'income', label: /^Interest expense$/, col: 2, value: '-186', scale: 6, period: '9M Oct-27-2024' },
    { kind: 'income', label: /^Income tax expense$/, col: 1, value: '1279', scale: 6, period: '3M Oct-29-2023' },
    { kind: 'balance-sheet', label: /^Total assets$/, col: 0, value: '96013', scale: 6, period: 'Oct-27-2024' },
    { kind: 'balance-sheet', label: /^Total liabilities$/, col: 1, value: '22750', scale: 6, period: 'Jan-28-2024' },
    { kind: 'balance-sheet', label: /^Short-term debt$/, col: 0, value: '0', scale: 6, period: 'Oct-27-2024' },
    { kind: 'cash-flow', label: /^Net cash provided by operating activities$/, col: 0, value: '17629', scale: 6, period: '3M Oct-27-2024' },
    { kind: 'cash-flow', label: /^Net cash used in investing activities$/, col: 2, value: '-13223', scale: 6, period: '9M Oct-27-2024' },
    { kind: 'cash-flow', label: /^Payments related to repurchases of common stock$/, col: 0, value: '-10998', scale: 6, period: '3M Oct-27-2024' },
  ],
  'oracle_q4fy14_8k_ex99-1.htm': [
    { kind: 'income', label: /^Total Revenues$/, col: 0, value: '11320', scale: 6, period: '3M May-31-2014' },
    { kind: 'income', label: /^NET INCOME$/, col: 2, value: '3807', scale: 6, period: '3M May-31-2013' },
    { kind: 'income', label: /^Interest expense$/, col: 0, value: '-239', scale: 6, period: '3M May-31-2014' },
    { kind: 'balance-sheet', label: /^TOTAL ASSETS$/, col: 0, value: '90344', scale: 6, period: 'May-31-2014' },
    { kind: 'balance-sheet', label: /^Total Current Liabilities$/, col: 0, value: '14389', scale: 6, period: 'May-31-2014' },
    { kind: 'balance-sheet', label: /^Equity$/, col: 1, value: '45145', scale: 6, period: 'May-31-2013' },
    { kind: 'cash-flow', label: /^Net cash provided by operating activities$/, col: 0, value: '14921', scale: 6, period: '12M May-31-2014' },
    { kind: 'cash-flow', label: /^Net cash used for investing activities$/, col: 0, value: '-7539', scale: 6, period: '12M May-31-2014' },
    { kind: 'cash-flow', label: /^Net cash used for financing activities$/, col: 1, value: '-8500', scale: 6, period: '12M May-31-2013' },
  ],
};

describe('html reader: the corpus', function () {
  before(function () {
    needCorpus(this);
  });

  for (const [name, pins] of Object.entries(CORPUS_PINS)) {
    it(`${name}: statements, and figures pinned to the source with period, scale and currency`, async () => {
      const release = await readFile(path.join(CORPUS, name));
      assert.strictEqual(release.source.format, 'html');
      const kinds = new Set(release.statements.map((s) => s.kind));
      for (const kind of new Set(pins.map((p) => p.kind))) assert.ok(kinds.has(kind), `${kind} statement`);
      for (const pin of pins) {
        assert.deepStrictEqual(pinned(release, pin), [pin.value, String(pin.scale), 'USD', pin.period], `${pin.kind} ${pin.label} col ${pin.col}`);
      }
    });
  }

  it('nvidia: no site chrome or script text among the prose, and ")" cells closed into negatives', async () => {
    const file = path.join(CORPUS, 'nvidia_q3fy25_newsroom.html');
    const doc = tokenizeHtml(fs.readFileSync(file, 'utf8'), file);
    const text = prose(doc).join('\n');
    assert.ok(!/function\s*\(|window\.|gtag|dataLayer/.test(text), 'script text in prose');
    const cells = tables(doc).flatMap((t) => t.rows.flatMap((r) => r.cells.slice(1).map((c) => c.text)));
    assert.deepStrictEqual(cells.filter((c) => c === ')' || c === '$' || /^\([\d,.]+$/.test(c)), []);
  });

  it('caterpillar: supplemental consolidating statements keep their four columns', async () => {
    const release = await readFile(path.join(CORPUS, 'caterpillar_q1_2022_8k_ex99-1.htm'));
    const consolidating = release.statements.filter((s) => s.kind === 'balance-sheet').slice(1);
    assert.strictEqual(consolidating.length, 2);
    const total = consolidating[0].tables[0].rows.find((r) => r.label === 'Total assets')!;
    assert.deepStrictEqual(total.cells.filter((c) => c?.value).length >= 4, true);
    assert.strictEqual(total.cells[0]?.value?.toString(), '82276');
  });
});

describe('html reader: bold as evidence of a total', () => {
  it('takes a column printed in bold on every row for the typeface, not for totals; a bold label still marks one', async () => {
    // The current period in bold throughout, as some filers print it: only "Gross profit" is bold in its label too.
    const release = await readFile(path.join(FIXTURES, 'bold-column.html'));
    const rows = release.statements[0].tables[0].rows;
    assert.deepStrictEqual(rows.map((r) => `${r.label}: ${r.emphasis}`), [
      'Sales of products: item',
      'Sales of services: item',
      'Total revenues: total',
      'Cost of products: item',
      'Cost of services: item',
      'Gross profit: subtotal',
    ]);
  });
});

describe('html reader: a rule over the figures marks a sum', () => {
  const td = (text: string, style = '') => `<td style="${style}">${text}</td>`;
  const top = 'border-top:1pt solid #000000';
  const bottom = 'border:none;border-bottom:solid windowtext .5pt';
  const html = [
    '<html><body><p><b>CONSOLIDATED STATEMENTS OF INCOME</b></p><p>(In thousands)</p><table>',
    `<tr>${td('')}${td('2024')}${td('2023')}</tr>`,
    `<tr>${td('', top)}${td('', top)}${td('', top)}</tr>`,
    `<tr>${td('Net sales')}${td('1,000')}${td('900')}</tr>`,
    `<tr>${td('Cost of sales')}${td('600', bottom)}${td('550', bottom)}</tr>`,
    `<tr>${td('Gross profit')}${td('400')}${td('350')}</tr>`,
    `<tr>${td('Selling')}${td('100')}${td('90')}</tr>`,
    `<tr>${td('Administrative')}${td('50')}${td('40')}</tr>`,
    `<tr>${td('')}${td('', top)}${td('', top)}</tr>`,
    `<tr>${td('')}${td('150')}${td('130')}</tr>`,
    `<tr>${td('')}${td('', top)}${td('', top)}</tr>`,
    `<tr>${td('Operating income')}${td('250')}${td('220')}</tr>`,
    `<tr>${td('Basic earnings per share')}${td('1.25', top)}${td('1.10', top)}</tr>`,
    '</table></body></html>',
  ].join('\n');

  it('keeps the emphasis of a row under a rule (its own top rule, the row above\'s bottom rule, a ruled spacer row)', () => {
    const rows = readText(html, 'rules.html').statements[0].tables[0].rows.map((r) => [r.label, r.emphasis]);
    assert.deepStrictEqual(rows, [
      ['Net sales', 'item'],
      ['Cost of sales', 'item'],
      ['Gross profit', 'subtotal'],
      ['Selling', 'item'],
      ['Administrative', 'item'],
      ['', 'subtotal'],
      // The spacer's rule under a sum closes it: it does not open the next row.
      ['Operating income', 'item'],
      ['Basic earnings per share', 'item'],
    ]);
  });
});
