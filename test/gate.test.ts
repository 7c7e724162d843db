import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { Decimal } from '../src/model/decimal';
import { InputError } from '../src/model/errors';
import { infer } from '../src/infer';
import { cellOf, gateOf } from '../src/infer/gate';
import type { Release } from '../src/model/types';
import { readText } from '../src/read';
import { toBriefingHtml } from '../src/render/html';
import { briefingView } from '../src/render/view';
import { money, pctChange } from '../src/render/view-figures';
import { freshDir, runCli } from './support/run-cli';

// The gate before a briefing is final, on made-up releases: one that passes, and one that trips
// each check. A release is the text format of the sample: prose, then a tab-separated statement.

interface Made {
  company?: boolean;
  units?: string;
  rows?: string[];
}

const ROWS = [
  'Net sales\t1,234.5\t1,100.0',
  'Cost of goods sold\t(987.6)\t(880.0)',
  '<b>Operating income</b>\t<b>246.9</b>\t<b>220.0</b>',
  'Income tax expense\t(50.0)\t(40.0)',
  '<b>Net income</b>\t<b>196.9</b>\t<b>180.0</b>',
  'Net income per share — diluted\t0.80\t0.72',
];

function made(o: Made = {}): string {
  const who = o.company === false ? 'The company' : 'Brightwater Foods, Inc. (Nasdaq: BWF)';
  return [
    `## ${o.company === false ? 'First Quarter 2025 Results' : 'Brightwater Foods, Inc. Reports First Quarter 2025 Results'}`,
    '',
    `DENVER, April 29, 2025 -- ${who} today reported results for the quarter ended March 31, 2025.`,
    '',
    '**Consolidated Statements of Operations**  ',
    '(Unaudited)  ',
    `(${o.units ?? 'In millions of U.S. dollars, except per share amounts'})`,
    '',
    '\tQuarter Ended\t',
    '\tMarch 31, 2025\tMarch 31, 2024',
    ...(o.rows ?? ROWS),
    '',
  ].join('\n');
}

function build(text: string, tweak?: (r: Release) => void): Release {
  const r = readText(text, 'made.txt');
  tweak?.(r);
  return infer(r);
}

const reasons = (r: Release) => r.gate?.reasons ?? [];

describe('gate: a briefing is final only when its figures are the cells they claim to be', () => {
  it('passes a plain, consistent release: tiles are its cells, no DRAFT banner, TIED OUT', () => {
    const r = build(made());
    assert.deepStrictEqual(reasons(r), []);
    assert.strictEqual(r.gate?.passed, true);
    const v = briefingView(r);
    assert.deepStrictEqual(v.tiles.map((t) => [t.caption, t.value, t.prior, t.change?.text]), [
      ['Net sales', '$1,234.5', '$1,100.0 million', '+12.2%'],
      ['Operating income', '$246.9', '$220.0 million', '+12.2%'],
      ['Net income', '$196.9', '$180.0 million', '+9.4%'],
      ['Diluted EPS', '$0.80', '$0.72', 'c.\u00a0+11%'], // cents of a dollar: two significant digits
    ]);
    assert.strictEqual(r.headline?.end, '2025-03-31');
    assert.deepStrictEqual(r.headline?.spans, [3]);
    assert.deepStrictEqual(v.draft, []);
    assert.strictEqual(v.stamp.mark, 'TIED OUT');
    assert.ok(!toBriefingHtml(r).includes('class="draft"'));
    // Expenses printed in parentheses change by their magnitudes: tax 40.0 → 50.0 is +25.0%, not n/m.
    const tax = v.income?.lines.find((l) => l.label === 'Income tax expense');
    assert.strictEqual(tax?.cells[2].text, '+25.0%');
  });

  it('names a missing identity: no company stated', () => {
    const r = build(made({ company: false }));
    assert.ok(reasons(r).includes('company not stated'), reasons(r).join('; '));
    const html = toBriefingHtml(r);
    assert.match(html, /<section class="draft"[^>]*>\s*<div class="mark">DRAFT<\/div>\s*<ul><li>company not stated<\/li>/);
  });

  it('reports a header period that is not the tiles\' column', () => {
    const r = build(made(), (x) => { x.meta.periodEnd = '2024-03-31'; });
    assert.ok(reasons(r).includes('header period ends 2024-03-31, the figures\' column 2025-03-31'), reasons(r).join('; '));
    // The tiles stay the latest column the statement reports.
    assert.strictEqual(briefingView(r).tiles[0].value, '$1,234.5');
  });

  it('refuses a per-share figure that is a share count: a whole number in the thousands is never chosen', () => {
    const rows = [...ROWS.slice(0, 5), 'Net income per share — diluted\t246,100\t250,000'];
    const r = build(made({ rows }));
    assert.ok(!r.headline?.figures.some((f) => f.role === 'eps'));
    assert.ok(!briefingView(r).tiles.some((t) => /EPS/.test(t.caption)));
  });

  it('refuses a per-share figure that leaves net income a handful of shares, and says so', () => {
    const rows = [...ROWS.slice(0, 5), 'Net income per share — diluted\t246.10\t250.00'];
    const r = build(made({ units: 'In thousands of U.S. dollars, except per share amounts', rows }));
    assert.ok(reasons(r).includes('Diluted EPS: 246.10 is a share count, not a per-share figure'), reasons(r).join('; '));
    assert.ok(!briefingView(r).tiles.some((t) => /EPS/.test(t.caption)));
  });

  it('leaves out a prior figure read in another unit than the current one (a prior column 1,000× off)', () => {
    const r = build(made(), (x) => {
      const net = x.statements[0].tables[0].rows.find((row) => row.label === 'Net sales')!;
      net.cells[1]!.scale = 3;
    });
    assert.ok(reasons(r).includes('Net sales: prior 1,100.0 is read in another unit than 1,234.5 (left out)'), reasons(r).join('; '));
    const tile = briefingView(r).tiles[0];
    assert.deepStrictEqual([tile.value, tile.prior, tile.change], ['$1,234.5', null, null]);
  });

  it('refuses a current figure of zero', () => {
    const rows = ['Net sales\t0.0\t1,100.0', ...ROWS.slice(1)];
    const r = build(made({ rows }));
    assert.ok(reasons(r).includes('Net sales: the current figure is zero'), reasons(r).join('; '));
    assert.ok(!briefingView(r).tiles.some((t) => t.caption === 'Net sales'));
  });

  it('refuses a computed margin beyond ±100% and does not print it', () => {
    const rows = ['Net sales\t12.0\t11.0', 'Other income\t184.9\t169.0', '<b>Net income</b>\t<b>196.9</b>\t<b>180.0</b>', 'Net income per share — diluted\t0.80\t0.72'];
    const r = build(made({ rows }));
    assert.ok(reasons(r).includes('Net margin 1640.8% is outside −100%…100%: Net sales may not be the top line'), reasons(r).join('; '));
    assert.deepStrictEqual(briefingView(r).margins, []);
  });

  it('passes a small company whose losses outweigh its revenue: margins n/m, no DRAFT, amounts in thousands', () => {
    // In thousands: revenue 138 vs 99, the statement's first line, and gross profit = revenue − cost below it.
    const rows = [
      'Revenues\t138\t99', 'Cost of revenues\t(39)\t(44)', '<b>Gross profit</b>\t<b>99</b>\t<b>55</b>',
      'Research and development expenses\t(2,430)\t(3,035)', 'General and administrative\t(965)\t(1,558)',
      '<b>Operating loss</b>\t<b>(3,296)</b>\t<b>(4,538)</b>', 'Financing income (expenses), net\t(255)\t718',
      '<b>Net loss</b>\t<b>(3,551)</b>\t<b>(3,820)</b>', 'Net loss per share — basic and diluted\t(0.04)\t(0.05)',
    ];
    const r = build(made({ rows, units: 'U.S. dollars in thousands, except per share data' }));
    assert.deepStrictEqual(reasons(r), []);
    assert.strictEqual(r.headline?.topEvident, true);
    const v = briefingView(r);
    assert.deepStrictEqual(v.margins.map((m) => [m.caption, m.now]), [['Gross margin', '71.7%'], ['Operating margin', 'n/m'], ['Net margin', 'n/m']]);
    // $138 thousand, not "$0.1 million".
    assert.deepStrictEqual(v.tiles.slice(0, 3).map((t) => [t.value, t.unit, t.prior]), [['$138', 'thousand', '$99 thousand'], ['\u2212$3,296', 'thousand', '\u2212$4,538 thousand'], ['\u2212$3,551', 'thousand', '\u2212$3,820 thousand']]);
    assert.match(v.header.units, /USD thousands/);
    // The same statement with revenue of $138 million is printed in millions.
    const large = build(made({ rows, units: 'U.S. dollars in millions, except per share data' }));
    assert.deepStrictEqual([briefingView(large).tiles[0].value, briefingView(large).tiles[0].unit], ['$138', 'million']);
  });

  it('prints n/m for a change across a sign change or from zero, as releases print NM', () => {
    const rows = [...ROWS.slice(0, 4), '<b>Net income (loss)</b>\t<b>(56.7)</b>\t<b>7.3</b>', 'Net income (loss) per share — diluted\t(0.90)\t0.31'];
    const r = build(made({ rows }));
    const v = briefingView(r);
    assert.deepStrictEqual(v.tiles.slice(2).map((t) => [t.value, t.change?.text]), [['−$56.7', 'n/m'], ['−$0.90', 'n/m']]);
    assert.deepStrictEqual(pctChange(new Decimal(5), new Decimal(0)), { text: 'n/m', sign: 'flat' });
    assert.deepStrictEqual(pctChange(new Decimal(-38.5), new Decimal(-86.9)), { text: '\u221255.7%', sign: 'neg' });
  });

  it('says in amber how many totals are untied and where, instead of TIED OUT', () => {
    // The total's own lines are printed and do not add up in one column: a total with no lines of
    // its own would restate one printed elsewhere and claim nothing.
    const rows = [...ROWS.slice(0, 4), '<b>Net income</b>\t<b>196.9</b>\t<b>180.0</b>', 'Other comprehensive income\t4.1\t5.0', '<b>Total comprehensive income</b>\t<b>201.0</b>\t<b>999.0</b>', 'Net income per share — diluted\t0.80\t0.72'];
    const r = build(made({ rows }));
    const v = briefingView(r);
    assert.strictEqual(v.stamp.ok, false);
    assert.match(v.stamp.mark, /^\d+ UNTIED$/);
    assert.ok(v.stamp.exceptions.some((e) => e.startsWith('untied \u2014 ') && e.includes('Total comprehensive income')), v.stamp.exceptions.join('; '));
  });

  it('refuses a release whose statements hold nothing but zeros and blanks, with the place', () => {
    const rows = ['Net sales\t0\t0', 'Cost of goods sold\t—\t—', '<b>Net income</b>\t<b>0</b>\t<b>0</b>'];
    assert.throws(() => build(made({ rows })), (e: unknown) => e instanceof InputError && e.exitCode === 1
      && e.message === 'made.txt:9: expected statements with figures, found every figure of its 1 statements zero or blank');
  });

  // A quarter near break-even beside its year, and a cash-flow statement whose first "operating
  // activities" row is a subtotal before interest and tax: both columns in one table, one unit.
  function yearEnd(): string {
    const head = ['\tThree Months Ended\t\tTwelve Months Ended\t', '\tDecember 31, 2024\tDecember 31, 2023\tDecember 31, 2024\tDecember 31, 2023'];
    return [
      '## Brightwater Foods, Inc. Reports Fourth Quarter 2024 Results', '',
      'DENVER, February 20, 2025 -- Brightwater Foods, Inc. (Nasdaq: BWF) today reported results for the quarter ended December 31, 2024.', '',
      '**Consolidated Statements of Operations**  ', '(In millions of U.S. dollars, except per share amounts)', '', ...head,
      'Net sales\t1,000.0\t900.0\t4,000.0\t3,600.0',
      'Cost of goods sold\t(999.6)\t(880.0)\t(3,721.2)\t(3,300.0)',
      '<b>Operating income</b>\t<b>0.4</b>\t<b>20.0</b>\t<b>278.8</b>\t<b>300.0</b>',
      'Income tax expense\t(0.2)\t(5.0)\t(58.6)\t(60.0)',
      '<b>Net income</b>\t<b>0.2</b>\t<b>15.0</b>\t<b>220.2</b>\t<b>240.0</b>',
      'Net income per share — diluted\t0.01\t0.60\t8.81\t9.60', '',
      '**Consolidated Statements of Cash Flows**  ', '(In millions of U.S. dollars)', '', ...head,
      'Net income\t0.2\t15.0\t220.2\t240.0',
      'Depreciation\t68.1\t18.1\t100.0\t90.0',
      '<b>Cash generated from operating activities</b>\t<b>68.3</b>\t<b>33.1</b>\t<b>320.2</b>\t<b>330.0</b>',
      'Interest received\t1.0\t3.0\t4.0\t5.0',
      'Income tax paid\t(0.6)\t(0.7)\t(2.2)\t(2.0)',
      '<b>Net cash provided by operating activities</b>\t<b>68.7</b>\t<b>35.4</b>\t<b>322.0</b>\t<b>333.0</b>', '',
    ].join('\n');
  }

  it('keeps a year beside a quarter near break-even: one table, one unit, no misread unit (only a top line is bounded)', () => {
    const r = build(yearEnd());
    assert.deepStrictEqual(reasons(r).filter((x) => /another unit/.test(x)), []);
    const h = r.headline!;
    const op = h.figures.find((f) => f.role === 'operating')!;
    assert.deepStrictEqual(op.cols.map((c) => c && cellOf(r, op, op.cols.indexOf(c), 'now')?.text), ['0.4', '278.8']);
    const tax = h.income.find((f) => /tax/i.test(f.caption))!;
    assert.deepStrictEqual(tax.cols.map((_, i) => cellOf(r, tax, i, 'now')?.text), ['(0.2)', '(58.6)']);
  });

  it('still refuses a top line whose year is 1,000× its quarter although the table states one unit', () => {
    const r = build(yearEnd(), (x) => {
      const net = x.statements[0].tables[0].rows.find((row) => row.label === 'Net sales')!;
      net.cells[2]!.value = new Decimal('4000000.0');
    });
    assert.ok(reasons(r).includes('Net sales: 4,000.0 (12M) is read in another unit than 1,000.0 (3M)'), reasons(r).join('; '));
  });

  it('shows an activity\'s net cash line, not a "cash generated from" subtotal before interest and tax', () => {
    const r = build(yearEnd());
    const op = r.headline!.cashflow.find((f) => f.role === 'operating')!;
    assert.deepStrictEqual([0, 1].map((i) => [cellOf(r, op, i, 'now')?.text, cellOf(r, op, i, 'prior')?.text]), [['68.7', '35.4'], ['322.0', '333.0']]);
  });

  it('says the period of tiles from a quarter\'s release whose statements report the full year only, and marks it a draft', () => {
    const text = made().replace('First Quarter 2025', 'Fourth Quarter 2024').replace('April 29, 2025', 'February 20, 2025')
      .replace('quarter ended March 31, 2025', 'quarter ended December 31, 2024').replace('\tQuarter Ended\t', '\tYear Ended\t')
      .replace('\tMarch 31, 2025\tMarch 31, 2024', '\tDecember 31, 2024\tDecember 31, 2023');
    const r = build(text);
    assert.deepStrictEqual(r.headline?.spans, [12]);
    assert.ok(reasons(r).includes('the statements report the full year only; the quarter is not in the tables'), reasons(r).join('; '));
    assert.deepStrictEqual(briefingView(r).tiles.map((t) => t.caption), ['Net sales (FY2024)', 'Operating income (FY2024)', 'Net income (FY2024)', 'Diluted EPS (FY2024)']);
  });

  it('tieout build says on its result line that the briefing is a draft, and why', () => {
    const out = freshDir('gate');
    const file = path.join(out, 'made.txt');
    fs.writeFileSync(file, made({ company: false }));
    const run = runCli(['build', file, '--no-pdf', '--out', out]);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /made\.txt: .*made\.xlsx \(briefing is a DRAFT: company not stated\)$/m);
    fs.writeFileSync(file, made());
    const clean = runCli(['build', file, '--no-pdf', '--out', out]);
    assert.ok(!clean.stdout.includes('DRAFT'), clean.stdout);
  });
});

describe('headline sets and periods chosen as an analyst would, on made-up releases', () => {
  // A landlord's release in Canadian dollars with no income statement: its highlights table leads,
  // the current column's year printed apart from its header, each amount row stating its own unit.
  function landlord(): string {
    return [
      '## Maplecourt Properties REIT Reports Fourth Quarter 2024 Results', '',
      'TORONTO, February 12, 2025 -- Maplecourt Properties Real Estate Investment Trust (TSX: MPR.UN) today reported results for the quarter ended December 31, 2024.', '',
      '**Financial Highlights**  ', '(in thousands of Canadian dollars, except per unit amounts)', '',
      '\tDecember 31, 2024\tDecember 31, 2023',
      'Total assets\t$5,120,400\t$5,010,300',
      'Net asset value per unit\t$18.42\t$18.10',
      'Occupancy\t96.1%\t95.4%', '',
      '**Operating Highlights**  ', '',
      '\t3 months ended December 31\t3 months ended December 31, 2023\tYear ended December 31, 2024\tYear ended December 31, 2023',
      'Rentals from investment properties (in millions)\t$101.2\t$98.7\t$398.0\t$390.1',
      'Net operating income (in millions)\t$70.5\t$68.0\t$276.4\t$270.9',
      'Net income (loss) (in millions)\t$(12.4)\t$30.2\t$55.0\t$101.3',
      'Funds from operations (in millions)\t$40.1\t$39.0\t$160.2\t$158.8',
      'FFO per basic and diluted unit\t$0.312\t$0.305\t$1.248\t$1.240',
      'AFFO per basic and diluted unit\t$0.250\t$0.262\t$1.010\t$1.050',
      'Distributions per unit\t$0.150\t$0.150\t$0.600\t$0.600', '',
    ].join('\n');
  }

  it('leads a landlord\'s page with its rents, NOI, FFO and AFFO per unit, net income and NAV per unit, of the quarter', () => {
    const r = build(landlord());
    const h = r.headline!;
    assert.strictEqual(h.sector, 'reit');
    assert.deepStrictEqual(h.spans, [3, 12]);
    assert.deepStrictEqual(h.figures.map((f) => [f.role, cellOf(r, f, 0, 'now')?.text, cellOf(r, f, 0, 'prior')?.text]), [
      ['revenue', '$101.2', '$98.7'], ['noi', '$70.5', '$68.0'], ['ffo', '$0.312', '$0.305'], ['affo', '$0.250', '$0.262'],
      ['net', '$(12.4)', '$30.2'], ['occupancy', '96.1%', '95.4%'], ['nav', '$18.42', '$18.10'],
    ]);
    // A distribution per unit is no earnings per share.
    assert.ok(!h.figures.some((f) => f.role === 'eps'));
    assert.deepStrictEqual(reasons(r), []);
    const v = briefingView(r);
    assert.deepStrictEqual(v.tiles.slice(0, 5).map((t) => [t.value, t.unit, t.prior]), [
      ['$101.2', 'million', '$98.7 million'], ['$70.5', 'million', '$68.0 million'], ['$0.312', null, '$0.305'], ['$0.250', null, '$0.262'], ['\u2212$12.4', 'million', '$30.2 million'],
    ]);
    // The release's own dollar prints bare (the header says CAD); net income over rents is no measure a landlord reports.
    assert.match(v.header.units, /CAD/);
    assert.deepStrictEqual(v.margins, []);
  });

  it('leads a European landlord\'s year with its gross rents, recurrent net income per share and EPRA NTA per share', () => {
    const text = [
      '## Rivegauche Foncière: 2024 Annual Results', '',
      'PARIS, February 13, 2025 -- Rivegauche Foncière SA (Euronext: RGF) today reported its results for the year ended December 31, 2024.', '',
      '**Condensed income statement and recurrent income**  ', '(In millions of euros)', '',
      '\tYear ended Dec 31, 2024\tYear ended Dec 31, 2023',
      'Gross rental income\t694.5\t666.8',
      'Net rental income\t638.7\t609.5',
      'Salaries and administrative costs\t(76.3)\t(77.9)',
      'EBITDA\t565.7\t535.0',
      'Recurrent net income (Group share)\t474.4\t444.2',
      'Recurrent net income (Group share) per share\t6.42\t6.01',
      'Change in value of properties\t(127.3)\t(2,186.4)',
      'Consolidated net income (Group share)\t309.8\t(1,787.2)', '',
      '**EPRA net asset value**  ', '(In euros per share)', '',
      '\tDec 31, 2024\tDec 31, 2023',
      'EPRA NTA per share\t142.8\t143.6', '',
    ].join('\n');
    const r = build(text);
    const h = r.headline!;
    assert.strictEqual(h.sector, 'reit');
    assert.deepStrictEqual(h.figures.map((f) => [f.role, cellOf(r, f, 0, 'now')?.text, cellOf(r, f, 0, 'prior')?.text]), [
      ['revenue', '694.5', '666.8'], ['net', '309.8', '(1,787.2)'], ['adjusted-net', '474.4', '444.2'], ['adjusted-eps', '6.42', '6.01'], ['nav', '142.8', '143.6'],
    ]);
  });

  it('reads "per basic and diluted unit" as per-unit, "(in millions)" as the row\'s unit and a bare $ as the release\'s dollar', () => {
    const r = build(landlord());
    const rows = r.statements.flatMap((s) => s.tables.flatMap((t) => t.rows));
    const ffo = rows.find((x) => x.label === 'FFO per basic and diluted unit')!;
    assert.strictEqual(ffo.kind, 'per-share');
    const rents = rows.find((x) => x.label.startsWith('Rentals'))!;
    assert.deepStrictEqual([rents.cells[0]?.scale, rents.cells[0]?.currency], [6, 'CAD']);
  });

  it('takes no figure from a column whose header names two dates (two columns\' headers read over one)', () => {
    const r = build(landlord(), (x) => {
      const col = x.statements[0].tables[0].columns[0];
      col.header = ['December 31, 2024 December 31, 2023'];
    });
    assert.deepStrictEqual(r.headline!.figures.filter((f) => f.role === 'occupancy' || f.role === 'nav'), []);
    assert.ok(r.headline!.figures.some((f) => f.role === 'ffo'));
  });

  it('leads with basic EPS where the release prints no diluted line, captioned so; "excluding one-time items" is the adjusted one', () => {
    const rows = [...ROWS.slice(0, 5), 'Basic earnings per share\t\t', '- Excluding one-time items\t0.85\t0.70', '- As reported\t0.80\t0.72'];
    const r = build(made({ rows }));
    const shown = r.headline!.figures.filter((f) => /eps/.test(f.role)).map((f) => [f.role, f.caption, cellOf(r, f, 0, 'now')?.value?.toString()]);
    assert.deepStrictEqual(shown, [['eps', 'Basic EPS', '0.8'], ['adjusted-eps', 'Adjusted EPS', '0.85']]);
  });

  it('takes the currency of a per-ADS figure from the mark printed on it, not from the release', () => {
    const units = 'In millions of Renminbi ("RMB"), except per share amounts';
    const adsOnly = build(made({ units, rows: [...ROWS.slice(0, 5), 'Net income per ADS — diluted\tUS$0.44\tUS$0.40'] }));
    const eps = adsOnly.headline!.figures.find((f) => f.role === 'eps')!;
    assert.strictEqual(eps.caption, 'Diluted EPS per ADS');
    assert.strictEqual(cellOf(adsOnly, eps, 0, 'now')?.currency, 'USD');
    assert.strictEqual(briefingView(adsOnly).tiles.find((t) => t.caption === 'Diluted EPS per ADS')?.value, 'US$0.44');
    // Beside a per-share line in the statements' currency, the US$ per-ADS line is a translation: the
    // RMB figure leads, and a table that prints the US$ line marks its currency (the page's is RMB).
    const both = build(made({ units, rows: [...ROWS.slice(0, 5), 'Net income per share — diluted\tRMB0.80\tRMB0.72', 'Net income per ADS — diluted\tUS$0.44\tUS$0.40'] }));
    const lead = both.headline!.figures.find((f) => f.role === 'eps')!;
    assert.deepStrictEqual([lead.caption, cellOf(both, lead, 0, 'now')?.currency, briefingView(both).tiles.find((t) => t.caption === 'Diluted EPS')?.value], ['Diluted EPS', 'RMB', 'RMB0.80']);
    const ads = both.statements[0].tables[0].rows.find((x) => /per ADS/.test(x.label))!;
    assert.deepStrictEqual([money(both, ads.cells[0], false), money(both, lead.cols[0] && both.statements[0].tables[0].rows[lead.row.row].cells[0], false)], ['US$0.44', '0.80']);
  });

  it('shows beside each GAAP figure the adjusted one a reconciliation prints in its own column', () => {
    const text = made() + [
      '', '**Reconciliation of GAAP to Non-GAAP Measures**  ', '(In millions of U.S. dollars, except per share amounts)', '',
      '\tQuarter Ended March 31,\t\t\t\t\t',
      '\t2025 GAAP\tAdj.\t2025 Non-GAAP\t2024 GAAP\tAdj.\t2024 Non-GAAP',
      'Net income\t196.9\t23.1\t220.0\t180.0\t10.0\t190.0',
      'Diluted earnings per share\t0.80\t\t0.89\t0.72\t\t0.76', '',
    ].join('\n');
    const r = build(text);
    assert.deepStrictEqual(r.headline!.figures.map((f) => [f.caption, cellOf(r, f, 0, 'now')?.text, cellOf(r, f, 0, 'prior')?.text]), [
      ['Net sales', '1,234.5', '1,100.0'], ['Operating income', '246.9', '220.0'], ['Net income', '196.9', '180.0'],
      ['Non-GAAP net income', '220.0', '190.0'], ['Diluted EPS', '0.80', '0.72'], ['Non-GAAP EPS', '0.89', '0.76'],
    ]);
    assert.deepStrictEqual(reasons(r), []);
  });

  it('adds the lead segment\'s sales where segments are reported as blocks: the one earning the most operating income', () => {
    const text = made() + [
      '', '**Segment Information**  ', '(In millions of U.S. dollars)', '',
      '\tQuarter Ended\t', '\tMarch 31, 2025\tMarch 31, 2024',
      'Grocery\t\t', 'Net sales\t900.0\t820.0', 'Operating income\t90.0\t85.0',
      'Cloud Kitchens\t\t', 'Net sales\t334.5\t280.0', 'Operating income\t156.9\t135.0',
      'Consolidated\t\t', 'Net sales\t1,234.5\t1,100.0', 'Operating income\t246.9\t220.0', '',
    ].join('\n');
    const r = build(text);
    const seg = r.headline!.figures.find((f) => f.role === 'segment');
    assert.deepStrictEqual(seg && [seg.caption, cellOf(r, seg, 0, 'now')?.text, cellOf(r, seg, 0, 'prior')?.text], ['Cloud Kitchens net sales', '334.5', '280.0']);
  });

  it('takes the adjusted EPS a reconciliation ends at, not the reported figure it starts from under the same heading', () => {
    const text = made() + [
      '', '**Non-GAAP Reconciliation**  ', '(In U.S. dollars per share)', '',
      '\tQuarter Ended\t', '\tMarch 31, 2025\tMarch 31, 2024',
      'Non-GAAP Earnings Per Diluted Share\t\t',
      'GAAP reported earnings per diluted share\t0.80\t0.72',
      'Certain items associated with acquisitions\t0.05\t0.03',
      'Non-GAAP earnings per diluted share\t0.85\t0.75', '',
    ].join('\n');
    const r = build(text);
    const adj = r.headline!.figures.find((f) => f.role === 'adjusted-eps');
    assert.deepStrictEqual(adj && [cellOf(r, adj, 0, 'now')?.text, cellOf(r, adj, 0, 'prior')?.text], ['0.85', '0.75']);
  });

  // Statements of the full year, and the quarter in a reconciliation table beside them.
  function yearWithQuarterBeside(): string {
    return [
      '## Brightwater Mortgage Trust Reports Fourth Quarter 2024 Results', '',
      'NEW YORK, February 12, 2025 -- Brightwater Mortgage Trust, Inc. (NYSE: BMT) today reported results for the quarter ended December 31, 2024.', '',
      '**Consolidated Statements of Operations**  ', '(In thousands of U.S. dollars, except per share amounts)', '',
      '\tFor the Years Ended\t', '\tDecember 31, 2024\tDecember 31, 2023',
      'Interest income\t760,950\t772,904',
      'Interest expense\t(496,274)\t(509,541)',
      '<b>Net interest income</b>\t<b>264,676</b>\t<b>263,363</b>',
      'Other income\t(74,562)\t(137,259)',
      '<b>Net income</b>\t<b>190,114</b>\t<b>126,104</b>',
      'Net income per share — diluted\t1.10\t0.68', '',
      '**Earnings Available for Distribution**  ', '(In thousands of U.S. dollars, except per share amounts)', '',
      '\tFor the Quarters Ended\t', '\tDecember 31, 2024\tDecember 31, 2023',
      'GAAP Net income (loss) available to common stockholders\t(168,275)\t12,104',
      'Net unrealized losses on financial instruments\t198,723\t18,631',
      '<b>Earnings available for distribution</b>\t<b>30,448</b>\t<b>30,735</b>',
      'GAAP net income (loss) per diluted common share\t(2.04)\t0.16',
      'Earnings available for distribution per adjusted diluted common share\t0.37\t0.40', '',
    ].join('\n');
  }

  it('leads a fourth quarter\'s page with the quarter from a table beside year-only statements, then the year, captioned', () => {
    const r = build(yearWithQuarterBeside());
    const h = r.headline!;
    assert.deepStrictEqual(h.spans, [3, 12]);
    assert.deepStrictEqual(h.figures.map((f) => [f.caption, f.cols.map((c) => c?.span ?? null), cellOf(r, f, f.cols.findIndex(Boolean), 'now')?.text]), [
      ['Net income attributable', [3, null], '(168,275)'],
      ['Adjusted net income', [3, null], '30,448'],
      ['Diluted EPS', [3, null], '(2.04)'],
      ['Adjusted EPS', [3, null], '0.37'],
      ['FY2024 net interest income', [null, 12], '264,676'],
    ]);
    assert.deepStrictEqual(reasons(r), []);
  });

  it('reports a tile whose column is not the header\'s period and whose caption does not say so', () => {
    const r = build(yearWithQuarterBeside());
    const nii = r.headline!.figures.find((f) => f.role === 'nii')!;
    nii.caption = 'Net interest income';
    const gate = gateOf(r);
    assert.ok(gate.reasons.includes('Net interest income: the header\'s period is Q4 2024, the tile\'s column FY2024'), gate.reasons.join('; '));
    assert.strictEqual(gate.passed, false);
  });
});
