import assert from 'assert';
import { infer } from '../src/infer';
import { readText } from '../src/read';
import { proseTickers } from '../src/read/company';
import { releaseDateOf } from '../src/read/dateline';
import { briefingView } from '../src/render/view';

// Made-up releases, each built to exercise one rule of the release's identity.

function release(lines: string[]) {
  return readText(lines.join('\n'), 'made-up.txt');
}

const table = (title: string, units: string, heads: string[], rows: [string, ...string[]][]) => [
  `**${title}**  `, `${units}`, '', ...heads, ...rows.map((r) => r.join('\t')), '',
];

describe('identity: made-up releases', () => {
  it('the name before its ticker group, past a dateline with a city, a wire and a "-based" word; a headline in capitals is not the name, nor a partner\'s ticker the company\'s', () => {
    const r = release([
      '## NORTHWIND TRADING CORPORATION REPORTS SECOND QUARTER 2025 RESULTS',
      '',
      'HELSINKI, Finland, Aug. 6, 2025 /PRNewswire/ -- Helsinki-based Northwind Trading Corporation ("Northwind" or the "Company") (NYSE: NWT) (TSX: NWT.U, NWT.B) today reported results for the quarter ended June 30, 2025.',
      '',
      '',
      'On July 2, 2025, Northwind signed a supply agreement with Baltic Steel Corporation (NYSE: BSTL).',

      '',
      ...table('Condensed Consolidated Statements of Income', '(In thousands of Canadian dollars)', ['\tThree Months Ended\t', '\tJune 30, 2025\tJune 30, 2024'], [['Revenue', '100', '90'], ['Net income', '10', '9']]),
    ]);
    const m = r.meta;
    assert.deepStrictEqual(
      [m.company, m.tickers.map((t) => `${t.exchange}: ${t.symbol}`), m.fiscalPeriod, m.periodEnd, m.releaseDate, m.currency],
      ['Northwind Trading Corporation', ['NYSE: NWT', 'TSX: NWT.U', 'TSX: NWT.B'], 'Q2 2025', '2025-06-30', '2025-08-06', 'CAD'],
    );
  });

  it('a retailer names its fiscal year by its start: 13 weeks of a 52-week year ended February 1, 2025 are Q4 FY2024, released "For Immediate Release"', () => {
    const r = release([
      'For Immediate Release: March 12, 2025',
      '',
      '## Pinecrest Outfitters Reports Fourth Quarter Results',
      '',
      'DENVER -- (BUSINESS WIRE) -- Pinecrest Outfitters, Inc. (NASDAQ: PCO) announced today net income for the fourth quarter of fiscal 2024, the 13 weeks ended February 1, 2025, against the 14 weeks of the fourth quarter of fiscal 2023.',
      '',
      ...table('Consolidated Statements of Income', '(In thousands)', ['\t13 Weeks Ended\t14 Weeks Ended\t52 Weeks Ended\t53 Weeks Ended', '\tFebruary 1, 2025\tFebruary 3, 2024\tFebruary 1, 2025\tFebruary 3, 2024'], [['Net sales', '300', '320', '1,200', '1,250'], ['Net income', '30', '32', '120', '125']]),
    ]);
    const m = r.meta;
    assert.deepStrictEqual([m.company, m.fiscalPeriod, m.fiscalYear, m.fiscalQuarter, m.calendar, m.periodEnd, m.releaseDate],
      ['Pinecrest Outfitters, Inc.', 'Q4 FY2024', 2024, 4, { endMonth: 1, offset: -1 }, '2025-02-01', '2025-03-12']);
    // The column heads name the same fiscal periods.
    assert.deepStrictEqual(briefingView(infer(r)).income?.heads, ['Q4 FY23', 'Q4 FY24', 'YoY', 'FY23', 'FY24', 'YoY']);
  });

  it('a brand in capitals is completed by the legal form the release prints; a trailing-twelve-months column does not make a third quarter the fourth', () => {
    const r = release([
      '## ACME Announces Financial Results for Third Quarter Fiscal 2026',
      '',
      'SAN JOSE, Calif., Nov. 19, 2025 (GLOBE NEWSWIRE) -- ACME (NASDAQ: ACME) today reported revenue for the third quarter ended October 26, 2025.',
      '',
      ...table('Condensed Consolidated Statements of Cash Flows', '(In millions)', ['\tThree Months Ended\t\tNine Months Ended\t\tTwelve Months Ended\t', '\tOctober 26, 2025\tOctober 27, 2024\tOctober 26, 2025\tOctober 27, 2024\tOctober 26, 2025\tOctober 27, 2024'], [['Net cash provided by operating activities', '5', '4', '15', '12', '20', '16']]),
      '© 2025 ACME Corporation. All rights reserved. Questions: ir@acme.example.',
    ]);
    const m = r.meta;
    assert.deepStrictEqual([m.company, m.fiscalPeriod, m.calendar, m.periodEnd, m.releaseDate], ['ACME Corporation', 'Q3 FY2026', { endMonth: 1, offset: 0 }, '2025-10-26', '2025-11-19']);
  });

  it('what the release does not state is null, and printed as not stated: no name, no release date (a sentence opening on a date is no dateline), a quarter nothing places', () => {
    const r = release([
      '## Results for the Quarter',
      '',
      'Revenue for the quarter ended September 30, 2024 rose by a tenth.',
      '',
      'On November 5, 2024, the Board declared a dividend of one cent.',
      '',
      ...table('Statements of Operations', '(In millions of U.S. dollars)', ['\tThree Months Ended\t', '\tSeptember 30, 2024\tSeptember 30, 2023'], [['Revenue', '10', '9'], ['Net income', '2', '1']]),
    ]);
    const m = r.meta;
    assert.deepStrictEqual([m.company, m.fiscalPeriod, m.fiscalYear, m.calendar, m.periodEnd, m.releaseDate, m.currency], [null, null, null, null, '2024-09-30', null, 'USD']);
    const v = briefingView(infer(r));
    assert.deepStrictEqual([v.header.company, v.header.periodLine, v.header.dates, v.footer.generated],
      ['Company not stated', 'Period not stated', 'Period ended 2024-09-30 \u00b7 release date not stated', null]);
  });

  it('an EDGAR header\'s filing date is the release date only when the release states none, and never one on or before the period end', () => {
    const none = () => false;
    const header = 'ACCESSION NUMBER: 0000000000-25-000001\nFILED AS OF DATE:\t\t20250206';
    assert.strictEqual(releaseDateOf(['Results for the quarter.'], '2024-12-31', header, none), '2025-02-06');
    assert.strictEqual(releaseDateOf(['DALLAS, Feb. 5, 2025 -- Zephyr Corp. reported results.'], '2024-12-31', header, none), '2025-02-05');
    assert.strictEqual(releaseDateOf(['Results for the quarter.'], '2025-03-31', header, none), null);
  });

  it('tickers stated in prose when no ticker group is printed: "listed on the Toronto Stock Exchange under the trading symbol “PD” and on the New York Stock Exchange under …"', () => {
    assert.deepStrictEqual(proseTickers(['Granite Rigs is listed on the Toronto Stock Exchange under the trading symbol “GR” and on the New York Stock Exchange under the trading symbol “GRX”.']),
      [{ exchange: 'TSX', symbol: 'GR' }, { exchange: 'NYSE', symbol: 'GRX' }]);
    assert.deepStrictEqual(proseTickers(['Trades are reported through the OTC Markets Group’s Pink Market under the symbol “BKFD”.']), [{ exchange: 'OTC', symbol: 'BKFD' }]);
    assert.deepStrictEqual(proseTickers(['The company was founded on the idea of service under the guidance of its founders.']), []);
  });

  it('the reporting currency a caption names outright wins over the columns; a caption saying only "dollars" leaves it to the columns', () => {
    const currency = (caption: string) => release([
      '## Maple Freight Ltd. Reports Third Quarter 2025 Results',
      '',
      'CALGARY, Alberta, Nov. 4, 2025 (GLOBE NEWSWIRE) -- Maple Freight Ltd. (TSX: MFL) today reported results.',
      '',
      ...table('Consolidated Statements of Income', caption, ['\tThree Months Ended\t\tNine Months Ended\t', '\tSeptember 30, 2025\tSeptember 30, 2024\tSeptember 30, 2025\tSeptember 30, 2024', '\tC$\tC$\tC$\tC$'], [['Revenue', '10', '9', '30', '27']]),
    ]).meta.currency;
    assert.strictEqual(currency('(In thousands of dollars)'), 'CAD');
    assert.strictEqual(currency('(Stated in thousands of Canadian dollars)'), 'CAD');
    assert.strictEqual(currency('(In thousands of euros)'), 'EUR');
  });

  it('a comma joins a name only before its legal form or inside one ("Sears, Roebuck and Co."), not a sentence\'s first word to it', () => {
    const name = (lead: string) => release([
      lead,
      '',
      ...table('Statements of Operations', '(In millions of U.S. dollars)', ['\tThree Months Ended\t\tSix Months Ended\t', '\tJune 30, 2025\tJune 30, 2024\tJune 30, 2025\tJune 30, 2024'], [['Revenue', '10', '9', '20', '18']]),
    ]).meta.company;
    assert.strictEqual(name('Today, Acme Corp. (NYSE: ACM) reported second quarter results.'), 'Acme Corp.');
    assert.strictEqual(name('CHICAGO, July 22, 2025 -- Sears, Roebuck\nand Co. (NYSE: S) today reported results.'), 'Sears, Roebuck and Co.');
    assert.strictEqual(name('SEOUL, July 22, 2025 -- Hanbit Electronics Co., Ltd. (KRX: 0001) today reported results.'), 'Hanbit Electronics Co., Ltd.');
  });
});
