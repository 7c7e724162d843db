import assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { infer } from '../src/infer';
import { Decimal } from '../src/model/decimal';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { CANDIDATES, findBrowser, isHeadlessShell, launchBrowser } from '../src/render/browser';
import { formatFigure } from '../src/render/format';
import { toBriefingHtml } from '../src/render/html';
import { Printer } from '../src/render/pdf';
import { briefingView } from '../src/render/view';

const SAMPLE = 'samples/qifu-q3-2024.txt';
const GOLDEN = 'test/fixtures/render/qifu-q3-2024.golden.html';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tieout-render-'));

function pdfText(pdf: Buffer, name: string): { pages: number; text: string; fonts: string } {
  const file = path.join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

/** The golden keeps our markup, not the embedded font bytes. */
function withoutFontData(html: string): string {
  return html.replace(/base64,[A-Za-z0-9+/=]+/g, 'base64,…');
}

describe('render: formatting helper', () => {
  it('prints every figure one way: scale, decimals, currency, sign, parentheses', () => {
    assert.strictEqual(formatFigure(new Decimal('4370158000'), { to: 6, decimals: 1, currency: 'RMB', home: 'RMB', unitWord: true }), 'RMB4,370.2 million');
    assert.strictEqual(formatFigure(new Decimal('622744'), { from: 3, to: 6, decimals: 1, currency: 'USD', home: 'RMB' }), 'US$622.7');
    assert.strictEqual(formatFigure(new Decimal('-240947'), { from: 3, to: 6, decimals: 1, parens: true }), '(240.9)');
    assert.strictEqual(formatFigure(new Decimal('2.05'), { decimals: 1, percent: true, sign: true }), '+2.1%');
    assert.strictEqual(formatFigure(new Decimal('-1460'), { decimals: 0, sign: true, suffix: ' bp' }), '\u22121,460 bp');
    assert.strictEqual(formatFigure(new Decimal('12.18'), { decimals: 2, currency: 'USD', home: 'USD' }), '$12.18');
  });
});

describe('render: HTML', () => {
  let r: Release;
  before(async () => {
    r = infer(await readFile(SAMPLE));
  });

  it('matches the reviewed golden page (UPDATE=1 rewrites it)', () => {
    const html = withoutFontData(toBriefingHtml(r));
    if (process.env.UPDATE || !existsSync(GOLDEN)) writeFileSync(GOLDEN, html);
    assert.strictEqual(html, readFileSync(GOLDEN, 'utf8'));
  });

  it('shows the headline figures, outlook and repurchase plan from the model', () => {
    const html = toBriefingHtml(r);
    const text = html.replace(/<[^>]+>/g, '');
    for (const s of ['RMB4,370.2 million', 'RMB1,802.9 million', 'RMB1,825.1 million', 'RMB12.18', 'RMB12.35', '52.4%', 'RMB1.75\u20131.85 billion', 'RMB1.80\u20131.90 billion', 'US$450 million', '2.72%', '93.8%', 'RMB82,436 million', 'RMB127,727 million', '55.2 million']) {
      assert.ok(text.includes(s), `missing ${s}`);
    }
    // The page loads nothing: no URL but data: ones, no script.
    assert.deepStrictEqual(html.match(/(?:src|href)\s*=\s*["']?(?!data:)[a-z]+:/gi), null);
    assert.ok(!/<script/i.test(html));
  });

  it('cash flows: each activity\'s net line, never an "Other … activities" item above it, named by its activity; a printed dash stays a dash', async () => {
    const r = infer(await readFile('test/fixtures/text/cash-flows.txt'));
    const cf = briefingView(r, {}).cashflow;
    assert.deepStrictEqual(cf?.heads, ['Q1 2024', 'Q1 2025']);
    assert.deepStrictEqual(cf?.lines.map((l) => [l.label, ...l.cells.map((c) => c.text)]), [
      // Tenths of millions as printed (the release prints 43.6, not 44).
      ['Operating activities', '43.6', '(8.3)'],
      ['Investing activities', '(23.0)', '(29.0)'],
      ['Financing activities', '\u2014', '50.0'],
    ]);
  });

  it('cash flows: where an activity prints its continuing operations\' subtotal, its discontinued line and its total, the total', async () => {
    const r = infer(await readFile('test/fixtures/text/cash-flows-discontinued.txt'));
    const cf = briefingView(r, {}).cashflow;
    assert.deepStrictEqual(cf?.heads, ['9M 2023', '9M 2024']);
    assert.deepStrictEqual(cf?.lines.map((l) => [l.label, ...l.cells.map((c) => c.text)]), [
      // 4,800,400 continuing less 312,600 discontinued: 4,487,800.
      ['Operating activities', '4.5', '0.9'],
      ['Investing activities', '(0.9)', '(1.2)'],
      ['Financing activities', '(0.1)', '(0.3)'],
    ]);
    const op = r.headline!.cashflow.find((f) => f.role === 'operating')!;
    assert.strictEqual(r.statements.find((s) => s.id === op.row.statement)!.tables[op.row.table].rows[op.row.row].label, 'Net cash provided by operating activities');
  });

  it('leaves out the sections a release lacks', () => {
    const bare: Release = { ...r, facts: [], claims: [], statements: r.statements.filter((s) => s.kind === 'income') };
    const html = toBriefingHtml(bare);
    assert.ok(!html.includes('Balance sheet</h2>'));
    assert.ok(!html.includes('Cash flows</h2>'));
    assert.ok(!html.includes('Outlook'));
    assert.ok(html.includes('Income statement (condensed)'));
  });
});

(findBrowser() ? describe : describe.skip)('render: PDF', function () {
  this.timeout(240_000);
  const printer = new Printer();
  let r: Release;
  before(async () => {
    r = infer(await readFile(SAMPLE));
  });
  after(() => printer.close());

  for (const paper of ['a4', 'letter'] as const) {
    it(`prints the sample on exactly one ${paper} page with embedded fonts and the headline figures`, async () => {
      const printed = await printer.print(r, { paper });
      const pdf = pdfText(printed.pdf, `sample-${paper}`);
      assert.strictEqual(pdf.pages, 1);
      const flat = pdf.text.replace(/\s+/g, ' ');
      for (const s of ['RMB4,370.2 million', '1,802.9', '1,825.1', '12.18', '12.35', '52.4%', 'US$450 million', 'RMB1.75\u20131.85 billion']) assert.ok(flat.includes(s), `PDF text lacks ${s}`);
      const fontRows = pdf.fonts.split('\n').slice(2).filter((l) => l.trim());
      assert.ok(fontRows.length >= 2);
      for (const row of fontRows) assert.match(row, /\s+yes\s+yes\s+yes\s+/, `font not embedded: ${row}`);
      assert.ok(fontRows.some((row) => /IBMPlexSans/.test(row)));
    });
  }

  it('a page rescaled in place prints exactly as its saved HTML loaded afresh', async () => {
    const printed = await printer.print(r);
    // The sample fits once its type is a little smaller, with nothing dropped: that page was rescaled in place.
    assert.ok(printed.scale < 1 && printed.dropped.length === 0, `scale ${printed.scale}, dropped [${printed.dropped.join(', ')}]`);
    const { browser, close } = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.emulateMediaType('print');
      await page.setContent(printed.html, { waitUntil: 'load' });
      const fresh = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const raster = (pdf: Buffer, name: string) => {
        const file = path.join(tmp, `${name}.pdf`);
        writeFileSync(file, pdf);
        execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', file, path.join(tmp, name)]);
        return readFileSync(path.join(tmp, `${name}.png`));
      };
      assert.ok(raster(printed.pdf, 'rescaled').equals(raster(fresh, 'fresh')), 'the two pages differ');
    } finally {
      await close();
    }
  });

  it('a hostile label neither makes a request nor breaks the page', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => { hits++; res.end('x'); });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const hostile = `<img src=http://127.0.0.1:${port}/x> {{constructor}} </style><link rel=stylesheet href=http://127.0.0.1:${port}/c.css>`;
      const copy = infer(await readFile(SAMPLE));
      copy.meta = { ...copy.meta, company: hostile };
      const income = copy.statements.find((s) => s.kind === 'income')!;
      income.tables[0].rows[9].label = hostile;
      const printed = await printer.print(copy);
      assert.strictEqual(hits, 0, 'the page made a request');
      assert.ok(!printed.html.includes(`<img src=http://127.0.0.1:${port}`));
      assert.ok(printed.html.includes('&lt;img src&#x3D;http://127.0.0.1'));
      const pdf = pdfText(printed.pdf, 'hostile');
      assert.strictEqual(pdf.pages, 1);
      const flat = pdf.text.replace(/\s+/g, ' ');
      assert.ok(flat.includes('{{constructor}}'), 'the label prints as text');
      assert.ok(flat.includes('RMB4,370.2 million'), 'the page after the label still renders');
      // A plain fetch proves the server would have counted a request.
      await new Promise<void>((ok) => http.get(`http://127.0.0.1:${port}/probe`, (res) => { res.resume(); res.on('end', ok); }));
      assert.strictEqual(hits, 1);
    } finally {
      server.close();
    }
  });
});

// tieout prints with Chromium's headless shell where it is installed and with full Chromium or
// Chrome otherwise; each engine present here must print the same one-page briefing.
const ENGINES = [CANDIDATES.find((p) => isHeadlessShell(p) && existsSync(p)), CANDIDATES.find((p) => !isHeadlessShell(p) && existsSync(p))].filter((p): p is string => !!p);

describe('render: each installed engine, and a one-page printer shared by several prints', function () {
  this.timeout(240_000);
  let r: Release;
  before(async () => {
    r = infer(await readFile(SAMPLE));
  });

  for (const engine of ENGINES) {
    it(`${path.basename(engine)}: the sample on one page, with the same headline figures`, async () => {
      const before = process.env.PUPPETEER_EXECUTABLE_PATH;
      process.env.PUPPETEER_EXECUTABLE_PATH = engine;
      const printer = new Printer();
      try {
        printer.warm();
        const pdf = pdfText((await printer.print(r)).pdf, `engine-${path.basename(engine)}`);
        assert.strictEqual(pdf.pages, 1);
        const flat = pdf.text.replace(/\s+/g, ' ');
        for (const s of ['RMB4,370.2 million', '1,802.9', '12.18', 'US$450 million']) assert.ok(flat.includes(s), `PDF text lacks ${s}`);
      } finally {
        await printer.close();
        if (before === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
        else process.env.PUPPETEER_EXECUTABLE_PATH = before;
      }
    });
  }

  (ENGINES.length ? it : it.skip)('three prints at once on a one-page printer wait their turn and all finish', async () => {
    const printer = new Printer({ pages: 1 });
    try {
      printer.warm();
      const printed = await Promise.all([printer.print(r), printer.print(r, { paper: 'letter' }), printer.print(r)]);
      assert.deepStrictEqual(printed.map((p) => pdfText(p.pdf, 'shared').pages), [1, 1, 1]);
      assert.strictEqual(printed[0].html, printed[2].html);
      assert.notStrictEqual(printed[0].html, printed[1].html, 'the letter page is laid out for letter');
    } finally {
      await printer.close();
    }
  });
});
