import assert from 'assert';
import ExcelJS from 'exceljs';
import path from 'path';
import { infer } from '../src/infer';
import { rowAt } from '../src/infer/grid';
import { tieSummary } from '../src/infer/summary';
import type { Footing, Link, Release } from '../src/model/types';
import { readFile, readText } from '../src/read';
import { toXlsxBuffer } from '../src/write/workbook';
import { CORPUS, needCorpus } from './support/corpus';
import { release, statement } from './fixtures/infer/table';

// What the stamp and the Checks sheet count as an untied total: a total that claims to sum lines and
// that no relation recomputes. Hand-made tables for each way a printed row could be counted so
// falsely, then the corpus releases where each was seen, their figures read off the sources.

/** "Total = +A -B" for every footing, in the order found. */
function footings(r: Release): string[] {
  return r.relations.filter((x): x is Footing => x.type === 'footing').map((f) =>
    `${rowAt(r, f.total)!.label} = ${f.terms.map((t) => `${t.sign > 0 ? '+' : '-'}${rowAt(r, t.ref)!.label}`).join(' ')}`);
}

const untiedLabels = (r: Release) => [...new Set(tieSummary(r).untiedRows.map((u) => u.label))];

describe('a total whose lines are not printed, which a larger total takes as a term', () => {
  /** A segment that prints revenue, gross profit and total SG&A, but none of SG&A's lines. */
  const segment = () => infer(release([statement('seg', 'other', [{ label: 'Q4 2024' }, { label: 'Q4 2023' }], [[
    ['Revenue from services', 'item', '512.3', '470.8'],
    ['Gross profit', 'item', '88.4', '80.1'],
    ['Total SG&A expenses', 'total', '61.9', '57.2'],
    ['Business unit profit', 'item', '26.5', '22.9'],
  ]])]));

  it('is not counted untied when the total it is part of ties (a segment that prints no lines of its SG&A)', () => {
    const r = segment();
    assert.deepStrictEqual(footings(r), ['Business unit profit = +Gross profit -Total SG&A expenses']);
    const s = tieSummary(r);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound, s.totalsInconclusive], [0, 0, 2]);
    // Still listed, as inconclusive: its figure agrees with the table, its lines cannot be checked.
    // No gap: revenue and gross profit above it are not its lines.
    assert.deepStrictEqual(r.untied.map((u) => [rowAt(r, u.ref)!.label, u.col, u.partOf?.row, u.gap]), [['Total SG&A expenses', 0, 3, undefined], ['Total SG&A expenses', 1, 3, undefined]]);
  });

  it('is listed on the Checks sheet as inconclusive, outside the untied count', async () => {
    const r = segment();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsxBuffer(r)) as unknown as ArrayBuffer);
    const ck = wb.getWorksheet('Checks')!;
    assert.deepStrictEqual([ck.getCell('A7').value, ck.getCell('B7').value], ['Untied totals (kept as reported)', 0]);
    const listed: unknown[][] = [];
    ck.eachRow((row) => { if (row.getCell(2).value === 'inconclusive' || row.getCell(2).value === 'untied') listed.push([row.getCell(2).value, row.getCell(3).value, row.getCell(7).value]); });
    assert.deepStrictEqual(listed.map((x) => x.slice(0, 2)), [['inconclusive', 'Total SG&A expenses'], ['inconclusive', 'Total SG&A expenses']]);
    assert.deepStrictEqual(listed.map((x) => x[2]), [null, null]);
  });

  it('is not counted untied when it heads only some of its classes (a sales table that leaves one class out)', () => {
    const cols = [{ label: 'Q4 2024' }, { label: 'Q4 2023' }];
    const r = infer(release([statement('kwh', 'other', cols, [[
      ['Total sales', 'item', '50,000', '48,000'],
      ['Total retail sales', 'total', '40,000', '38,500'],
      ['Residential', 'item', '12,000', '11,000'],
      ['Commercial', 'item', '13,000', '12,600'],
      ['Industrial', 'item', '14,500', '14,300'],
      ['Total wholesale sales', 'total', '10,000', '9,500'],
    ]])]));
    assert.deepStrictEqual(footings(r), ['Total wholesale sales = +Total sales -Total retail sales']);
    const s = tieSummary(r);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound, s.totalsInconclusive], [2, 2, 2]);
  });

  it("still counts a total with printed lines that miss it in one column untied (a release's own error)", () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('bs', 'balance-sheet', cols, [[
      ['Cash', 'item', '100', '120'],
      ['Receivables', 'item', '50', '40'],
      ['Total current assets', 'total', '150', '170'],
      ['Property', 'item', '400', '390'],
      ['Total assets', 'total', '550', '560'],
    ]])]));
    const s = tieSummary(r);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound, s.totalsInconclusive], [3, 4, 0]);
    assert.deepStrictEqual(untiedLabels(r), ['Total current assets']);
  });
});

describe('a list whose bold rows are not totals', () => {
  it('counts no bold row of a table where no row sums others (a fleet list: size and year built)', () => {
    const cols = [{ label: 'Size (TEU)', noPeriod: true }, { label: 'Year built', noPeriod: true }];
    const r = infer(release([statement('fleet', 'other', cols, [[
      ['Vessel Alpha', 'item', '13,300', '2013'],
      ['Vessel Beta', 'item', '9,400', '2007'],
      ['Vessel Gamma', 'subtotal', '8,200', '2024'],
      ['Vessel Delta', 'subtotal', '8,200', '2024'],
      ['Vessel Epsilon', 'item', '6,700', '2010'],
      ['Vessel Zeta', 'subtotal', '6,100', '2025'],
    ]])]));
    const rows = r.statements[0].tables[0].rows.filter((x) => x.claimed === false).map((x) => x.label);
    assert.deepStrictEqual(rows, ['Vessel Gamma', 'Vessel Delta', 'Vessel Zeta']);
    const s = tieSummary(r);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound], [0, 0]);
    assert.deepStrictEqual(r.untied, []);
  });

  it('still counts a lone bold row whose lines do not add up', () => {
    const cols = [{ label: 'Q1' }, { label: 'Q2' }];
    const r = infer(release([statement('is', 'income', cols, [[
      ['Revenue', 'item', '900', '850'],
      ['Costs', 'item', '(600)', '(580)'],
      ['Operating income', 'subtotal', '310', '270'],
    ]])]));
    assert.deepStrictEqual(untiedLabels(r), ['Operating income']);
  });
});

describe('unbolded group totals at the level of their lines', () => {
  it('ties a total of group heads, each the sum of the lines under it (a balance sheet printed side by side)', () => {
    const cols = [{ label: 'Dec 2024' }, { label: 'Dec 2023' }];
    const a = ['101.1', '98.7', '120.4', '87.2', '133.9', '95.5', '110.8', '76.3', '142.6', '104.5'];
    const b = ['97.3', '91.2', '118.8', '80.1', '130.4', '99.9', '102.2', '70.6', '139.0', '101.7'];
    // 1,071.0 + 2,500.4 = 3,571.4 (3,571.5 printed, rounding); 1,031.2 + 2,400.1 = 3,431.3.
    const r = infer(release([statement('bs', 'balance-sheet', cols, [[
      ['Non-current assets', 'item', '3,571.5', '3,431.3'],
      ...a.map((x, i) => [`Asset line ${i + 1}`, 'item', x, b[i]] as [string, 'item', string, string]),
      ['Investment properties', 'item', '2,500.4', '2,400.1'],
      ['Current assets', 'item', '412.6', '388.0'],
      ['Receivables', 'item', '150.2', '140.0'],
      ['Other receivables', 'item', '62.4', '48.0'],
      ['Cash', 'item', '200.0', '200.0'],
      ['TOTAL ASSETS', 'total', '3,984.1', '3,819.3'],
    ]])]));
    const f = footings(r);
    assert.ok(f.includes('TOTAL ASSETS = +Non-current assets +Current assets'), f.join('\n'));
    assert.ok(f.includes('Current assets = +Receivables +Other receivables +Cash'), f.join('\n'));
    assert.ok(f.some((x) => x.startsWith('Non-current assets = +Asset line 1 ') && x.endsWith('+Investment properties')), f.join('\n'));
    const s = tieSummary(r);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound], [2, 2]);
  });
});

describe('a summary printed before the table that computes its figure', () => {
  it('links the summary\'s total to the later reconciliation that subtracts it out', () => {
    const cols = [{ label: 'Dec 2024' }, { label: 'Dec 2023' }];
    const r = infer(release([
      statement('position', 'other', cols, [[
        ['Cash', 'item', '61', '48'],
        ['Long-term debt', 'item', '540', '590'],
        ['Total long-term financial liabilities', 'total', '588', '641'],
      ]]),
      statement('recon', 'other', cols, [[
        ['Total non-current liabilities', 'total', '640', '701'],
        ['Deferred tax liabilities', 'item', '52', '60'],
        ['Total long-term financial liabilities', 'total', '588', '641'],
      ]]),
    ]));
    const links = r.relations.filter((x): x is Link => x.type === 'link' && x.target.statement === 'position');
    assert.deepStrictEqual(links.map((l) => [rowAt(r, l.target)!.label, l.target.col, l.source.statement, l.source.row]), [
      ['Total long-term financial liabilities', 0, 'recon', 2],
      ['Total long-term financial liabilities', 1, 'recon', 2],
    ]);
    assert.deepStrictEqual(untiedLabels(r), []);
  });
});

describe('per-share and share-count figures beside the columns that tie', () => {
  it('counts a non-GAAP EPS as no claim, where the row ties in its other columns', () => {
    const cols = [{ label: 'Q4 GAAP', end: '2024-05-31' }, { label: 'Adj.', noPeriod: true }, { label: 'Q4 non-GAAP', end: '2024-05-31' }];
    const is = [{ label: 'Q4 2024', end: '2024-05-31' }];
    const r = infer(release([
      statement('is', 'income', is, [[
        ['Net income', 'item', '3,210'],
        { kind: 'per-share', row: ['Diluted earnings per share', 'item', '0.71'] },
        { kind: 'shares', row: ['Diluted weighted average shares', 'item', '4,521'] },
      ]]),
      statement('rec', 'non-gaap', cols, [[
        ['Net income', 'item', '3,210', '480', '3,690'],
        { kind: 'per-share', row: ['Diluted earnings per share', 'total', '0.71', '', '0.82'] },
        { kind: 'shares', row: ['Diluted weighted average shares', 'total', '4,521', '-', '4,521'] },
      ]]),
    ]));
    const rows = r.statements[1].tables[0].rows;
    // The shares' "—" adjustment is non-GAAP − GAAP across the row: tied, not unclaimed.
    assert.deepStrictEqual(rows.map((x) => x.unclaimed ?? []), [[], [2], []]);
    const s = tieSummary(r);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound], [4, 4]);
    assert.deepStrictEqual(r.untied, []);
  });
});

describe('a header whose date is joined by a no-break space', () => {
  it('reads "December 31,\\u00a0 2024" as one heading over its column', () => {
    const text = [
      'FINANCIAL POSITION',
      '',
      '                  December 31,\u00a0 2024                December 31,\u00a0 2023',
      '(in thousands)    Reported                          Reported',
      'Cash                              $110,354                   $64,111',
      'Other assets                       177,246                   369,008',
      'Total assets                       287,600                   433,119',
      '',
    ].join('\n');
    const r = readText(text, 'nbsp.txt', { from: 'fixed' });
    assert.deepStrictEqual(r.statements[0].tables[0].columns.map((c) => c.period?.label), ['Dec-31-2024', 'Dec-31-2023']);
  });
});

describe('false untied totals in the corpus', function () {
  before(function () { needCorpus(this); });
  const load = async (name: string) => infer(await readFile(path.join(CORPUS, name)));

  it('Precision Drilling: total long-term financial liabilities 888,173 = 935,624 − 47,451, linked to its reconciliation', async () => {
    const r = await load('precision_drilling_q4_2024_globenewswire.md');
    assert.ok(!untiedLabels(r).some((l) => /long-term financial liabilities/i.test(l)), untiedLabels(r).join('; '));
  });

  it('Kelly Services: Education\'s Total SG&A 24.7 / 23.0, printed without lines, is not untied', async () => {
    const r = await load('kelly_services_q4_2024_globenewswire.md');
    assert.deepStrictEqual(untiedLabels(r).filter((l) => /SG&A/.test(l)), []);
  });

  it('Danaos: bold vessels of the fleet list (Catherine C 8,010 TEU, 2024) are not totals', async () => {
    const r = await load('danaos_q4_2024_morningstar.md');
    assert.deepStrictEqual(untiedLabels(r).filter((l) => /Catherine|Savannah|Phoebe/.test(l)), []);
  });

  it('Southern: Total Retail Sales 37,056 million kWh (the classes printed add to 36,807) is not untied', async () => {
    const r = await load('southern_co_q4_2004_8k_full_submission.txt');
    assert.deepStrictEqual(untiedLabels(r).filter((l) => /Retail/.test(l)), []);
  });

  it('Gecina: TOTAL ASSETS 17,918.0 = non-current 16,602.4 + current 1,315.5 (17,648.7 = 17,174.9 + 473.9)', async () => {
    const r = await load('gecina_fy2024_djn.md');
    assert.ok(footings(r).includes('TOTAL ASSETS = +Non-current assets +Current assets'), footings(r).filter((f) => /ASSETS/.test(f)).join('\n'));
  });

  it('Gecina: Total Capex on cash basis 420 = Total Capex 445 + conversion to cash basis "--25" (392 = 383 + 9)', async () => {
    const r = await load('gecina_fy2024_djn.md');
    assert.deepStrictEqual(untiedLabels(r), []);
    // The zero lines above it (Other expenses, Capitalized interest: blank, totalled as 0) may be its terms too.
    assert.ok(footings(r).some((f) => /^Total Capex on cash basis = .*\+Total Capex \+Conversion from accrual to cash basis$/.test(f)), footings(r).filter((f) => /Capex/.test(f)).join('\n'));
  });

  it('Chimera: Economic net interest income 69,197 = 191,194 − 121,997 and net interest-earning assets 1,952,291 = 12,833,131 − 10,880,840 tie', async () => {
    const r = await load('chimera_investment_q4_2024_morningstar.md');
    assert.deepStrictEqual(untiedLabels(r).filter((l) => /Economic net interest income|Net interest-earning assets/.test(l)), []);
  });

  it('H&R REIT: highlights\' Total assets $10,620,487 is the reconciliation\'s December 31, 2024 figure', async () => {
    const r = await load('hr_reit_q4_2024_djn.md');
    assert.deepStrictEqual(untiedLabels(r).filter((l) => /Total assets/.test(l)), []);
  });

  it('Oracle Q4 FY2014: non-GAAP diluted EPS $0.92 and the shares\' "—" adjustment are not untied totals', async () => {
    const r = await load('oracle_q4fy14_8k_ex99-1.htm');
    assert.deepStrictEqual(untiedLabels(r).filter((l) => /DILUTED/.test(l)), []);
  });
});
