import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import { statedValues } from '../src/infer/claims-read';
import { CALENDAR_YEAR, type FiscalCalendar } from '../src/model/fiscal';
import type { Claim, ClaimKind, Release } from '../src/model/types';
import { readFile, readText } from '../src/read';
import { capitalReturn, highlights, outlook, whatMoved } from '../src/render/view-prose';
import { CORPUS, needCorpus } from './support/corpus';

// Claims read from made-up sentences (every range form, sign, "respectively", quotes and the
// traps real releases set), and the outlook and capital return of the corpus releases, pinned by
// hand from each source document.

const TABLE = '\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nRevenue\t1,000\t1,234\nTotal revenue\t1,000\t1,234\n';

interface Identity {
  year: number;
  quarter: number | null;
  calendar?: FiscalCalendar;
}

/** A made-up release of the given paragraphs ("## Heading" lines head sections), reporting Q3 2024 unless told. */
function release(paragraphs: string[], id: Identity = { year: 2024, quarter: 3 }): Release {
  const r = readText(`# Example Corp Q3 2024 results\n\n${paragraphs.join('\n\n')}${TABLE}`, 'made-up.txt');
  r.meta.fiscalYear = id.year;
  r.meta.fiscalQuarter = id.quarter;
  r.meta.calendar = id.calendar ?? CALENDAR_YEAR;
  r.meta.periodEnd = '2024-09-30';
  return infer(r);
}

/** A claim as a test pins it: subject | period | low | high | unit (with scale) | change and comparison. */
function pin(c: Claim): string {
  const unit = c.unit === 'amount' ? `${c.currency}e${c.scale}` : c.unit === 'per-share' ? `${c.currency}/share` : c.unit;
  return [c.subject, c.period ?? '-', c.low?.toString() ?? '-', c.high?.toString() ?? 'open', unit, `${c.change ? 'change' : 'level'}${c.comparison ? ` ${c.comparison}` : ''}${c.approximate ? ' ~' : ''}`].join(' | ');
}

function pins(r: Release, kind: ClaimKind): string[] {
  return (r.claims ?? []).filter((c) => c.kind === kind).map(pin);
}

describe('claims: ranges from one clause', () => {
  const v = (s: string) => statedValues(s, 'USD').map((x) => `${x.low.toString()}..${x.high?.toString() ?? 'open'}${x.change ? ' change' : ''}${x.respective !== null ? ` #${x.respective}` : ''}`);

  it('reads "between X and Y", "X to Y", a dash and a slash as one range', () => {
    assert.deepStrictEqual(v('Sales are expected to be between $181.5 billion and $188.5 billion.'), ['181.5..188.5']);
    assert.deepStrictEqual(v('EPS is expected to be in the range of $1.83 to $2.19.'), ['1.83..2.19']);
    assert.deepStrictEqual(v('Capex of $4.8 to $5.2 billion.'), ['4.8..5.2']);
    assert.deepStrictEqual(v('Growth of +2.8%/+4.4% vs 2024.'), ['2.8..4.4']);
  });

  it('reads "X, plus or minus Y" in the unit of X, as a percent of X, or in basis points', () => {
    assert.deepStrictEqual(v('Revenue is expected to be $37.5 billion, plus or minus 2%.'), ['36.75..38.25']);
    assert.deepStrictEqual(v('Revenue of approximately $6.65 billion, plus or minus $400 million.'), ['6.25..7.05']);
    assert.deepStrictEqual(v('Tax rates are expected to be 16.5%, plus or minus 1%.'), ['15.5..17.5']);
  });

  it('keeps a midpoint and its tolerance as stated: a percent of an amount, points of a percent, basis points, an amount', () => {
    const t = (s: string) => statedValues(s, 'USD').map((x) => (x.tolerance ? `${x.tolerance.approximate ? '~' : ''}${x.tolerance.mid.toString()}/${x.tolerance.decimals} \u00b1 ${x.tolerance.width.toString()} ${x.tolerance.widthUnit}/${x.tolerance.widthDecimals}` : '-'));
    assert.deepStrictEqual(t('Sales are expected to be $12.4 billion, plus or minus 3%.'), ['12.4/1 \u00b1 3 percent/0']);
    assert.deepStrictEqual(t('Net sales of about $2.35 billion, plus or minus $150 million.'), ['~2.35/2 \u00b1 0.15 amount/2']);
    assert.deepStrictEqual(t('The tax rate should be 21.0% \u00b1 1.5%.'), ['21/1 \u00b1 1.5 percent/1']);
    assert.deepStrictEqual(t('Gross margin of 41.5%, +/- 75 basis points.'), ['41.5/1 \u00b1 75 bp/0']);
    assert.deepStrictEqual(t('Segment margins of 12.0% and 18.5%, respectively, plus or minus 40 basis points.'), ['12/1 \u00b1 40 bp/0', '18.5/1 \u00b1 40 bp/0']);
    // A range or an approximate point is no midpoint with a tolerance.
    assert.deepStrictEqual(t('Revenue in the range of $3.1 billion to $3.3 billion and approximately $0.9 billion of costs.'), ['-', '-']);
  });

  it('keeps signs: a decrease is negative at both ends, and the ends are ordered', () => {
    assert.deepStrictEqual(v('Revenues to decrease 8.5% to 12.5% QoQ.'), ['-12.5..-8.5 change']);
    assert.deepStrictEqual(v('Net sales to grow between 7% and 11%.'), ['7..11 change']);
    assert.deepStrictEqual(v('Operating margin of -9% to -4%.'), ['-9..-4']);
    assert.deepStrictEqual(v('Revenue up 7% to 11%.'), ['7..11 change']);
  });

  it('never joins figures of two clauses or of two measures', () => {
    assert.deepStrictEqual(v('We reduced debt by $176 million and repurchased $75 million of shares.'), ['176..176', '75..75']);
    assert.deepStrictEqual(v('Revenue totaled €13.6 million and €28.7 million for the full year.'), ['13.6..13.6', '28.7..28.7']);
    assert.deepStrictEqual(v('Margins of 73.0% and 73.5%, respectively, plus or minus 50 basis points.'), ['72.5..73.5 #0', '73..74 #1']);
  });

  it('applies a scale word only to the figure it follows unless both ends are of a size', () => {
    const x = (s: string) => statedValues(s, 'USD').map((m) => `${m.low.toString()}e${m.scale}..${m.high?.toString() ?? 'open'}`);
    assert.deepStrictEqual(x('Noninterest income is expected to rise by $160,947 to $1.75 million.'), ['160947e0..160947', '1.75e6..1.75']);
    assert.deepStrictEqual(x('Capex of $900 million to $1.1 billion.'), ['0.9e9..1.1']);
    assert.deepStrictEqual(x('Capex of $4.8 to $5.2 billion.'), ['4.8e9..5.2']);
  });
});

describe('claims: outlook of made-up releases', () => {
  it('names the year a "for the full year 2025" sentence names, not the year after the reported quarter\'s', () => {
    const r = release([
      '## Outlook',
      'For the full year 2025, the company expects revenue of $410 million to $430 million.',
      'For the full year, the company expects capital expenditures of $30 million to $35 million.',
    ]);
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenue | FY2025 | 410 | 430 | USDe6 | level',
      'Capital expenditures | FY2024 | 30 | 35 | USDe6 | level',
    ]);
  });

  it('names the guided period from the heading, not from "compared with fourth quarter 2023"', () => {
    const r = release([
      '## Fourth Quarter 2024 Guidance',
      'Net sales are expected to be between $181.5 billion and $188.5 billion, or to grow between 7% and 11% compared with fourth quarter 2023.',
      'Operating income is expected to be between $16.0 billion and $20.0 billion, compared with $13.2 billion in fourth quarter 2023.',
    ]);
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Net sales | Q4 2024 | 181.5 | 188.5 | USDe9 | level',
      'Net sales | Q4 2024 | 7 | 11 | percent | change yoy',
      'Operating income | Q4 2024 | 16 | 20 | USDe9 | level vs-base',
    ]);
    const base = r.claims!.find((c) => c.subject === 'Operating income')!.base!;
    assert.deepStrictEqual([base.value.toString(), base.growthLow?.toString(), base.growthHigh?.toString()], ['13.2', '21.2', '51.5']);
    assert.deepStrictEqual(outlook(r).map((i) => [i.label, i.value, i.note]), [
      ['Net sales', '$181.5\u2013188.5 billion', 'Q4 2024'],
      ['Net sales growth YoY', '+7% to +11%', 'Q4 2024'],
      ['Operating income (vs $13.2 billion; computed +21.2% to +51.5%)', '$16.0\u201320.0 billion', 'Q4 2024'],
    ]);
  });

  it('keeps what a guided figure includes or leaves out, "approximately" said once, and a share of another measure', () => {
    const r = release([
      '## Outlook',
      'For the year, the company now expects earnings per share, before the cumulative effect of change in accounting principle, but including $0.24 per share of special charges, to be between $2.66 and $2.86.',
      'Looking ahead to the fourth quarter, we expect earnings per diluted share of $.16 to $.17, including $.01 per diluted share in restructuring charges.',
      'We expect to invest $225 million in 2025.',
      'We expect to invest approximately $225 million in 2025, which reflects a weaker dollar.',
      'In 2025, we plan to increase direct shareholder returns to 35% to 45% of free cash flow, before debt repayments.',
    ]);
    assert.deepStrictEqual(outlook(r).map((i) => [i.label, i.value, i.note]), [
      ['Earnings per share, before the cumulative effect of change in accounting principle, but including $0.24 per share of special charges', '$2.66\u20132.86', 'FY2024'],
      ['Earnings per diluted share, including $.01 per diluted share in restructuring charges', '$0.16\u20130.17', 'Q4 2024'],
      ['Investment', 'c. $225 million', 'FY2025'],
      ['Direct shareholder returns (% of free cash flow), before debt repayments', '35\u201345%', 'FY2025'],
    ]);
  });

  it('keeps the rate a guided figure is stated at: per quarter, per year, per share', () => {
    const r = release([
      '## 2025 Outlook',
      'Amortization of approximately $4.2 million per quarter expected.',
      'Maintenance spending is expected to be $30 million annually, excluding the new plant.',
      'Core earnings are expected to be EUR3.10 to EUR3.20 per share, reflecting growth of 5% to 8%.',
      'Adjusted earnings are expected to be $1.05 per diluted share.',
      'Rent expense is expected to be $2 million a year earlier than planned.',
      'We expect a $0.25 quarterly dividend.',
    ]);
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Amortization per quarter | FY2025 | 4.2 | 4.2 | USDe6 | level ~',
      'Maintenance spending per year | FY2025 | 30 | 30 | USDe6 | level',
      'Core earnings per share | FY2025 | 3.1 | 3.2 | EUR/share | level',
      'Core earnings per share | FY2025 | 5 | 8 | percent | change',
      'Adjusted earnings per diluted share | FY2025 | 1.05 | 1.05 | USD/share | level',
      'Rent expense | FY2025 | 2 | 2 | USDe6 | level',
    ]);
    assert.deepStrictEqual(outlook(r).map((i) => i.label).slice(0, 3), ['Amortization per quarter', 'Maintenance spending per year, excluding the new plant', 'Core earnings per share']);
  });

  it('keeps a qualifier after the measure a share is of, and the next sentence that bounds the guidance', () => {
    const r = release([
      '## Outlook',
      'In 2025, we plan to increase dividends to 40% to 50% of distributable earnings before one-time items.',
      'For 2025, the company expects to achieve net income of $50 million to $60 million. This includes an estimate of $3 million to $5 million of storm losses for the year.',
    ]);
    assert.deepStrictEqual(outlook(r).map((i) => [i.label, i.value, i.note]), [
      ['Dividends (% of distributable earnings), before one-time items', '40\u201350%', 'FY2025'],
      ['Net income, includes $3 million to $5 million of storm losses', '$50\u201360 million', 'FY2025'],
    ]);
  });

  it('keeps what the guidance assumes when the release says it in words, with no figure, right after the guidance', () => {
    const r = release([
      '## Outlook',
      'The company expects fourth quarter net income of $4 million to $6 million. The guidance assumes fourth quarter store traffic to be roughly flat. Management also remains cautious on costs. For the full year, the company expects net income of $20 million to $22 million.',
      'For 2025, we expect revenue of $90 million. Our hiring plans remain unchanged.',
      'Revenue was $80 million in 2024. This outlook assumes no acquisitions.',
    ]);
    assert.deepStrictEqual(outlook(r).map((i) => [i.label, i.value, i.note]), [
      ['Net income, assumes fourth quarter store traffic to be roughly flat', '$4\u20136 million', 'Q4 2024'],
      ['Net income', '$20\u201322 million', 'FY2024'],
      ['Revenue', '$90 million', 'FY2025'],
    ]);
  });

  it('reads on through a guidance paragraph in the headline style, cents included', () => {
    const r = release(['- Q4 2024 guidance: revenues to decline 8.5% to 12.5% QoQ, reflecting the low season. Gross margin to be around 30.5%. Profit per diluted ADS to be in the range of 9.0 cents to 11.0 cents, implying the increase of 26% to 54% YoY. Revenue was $1.2 billion.']);
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenues | Q4 2024 | -12.5 | -8.5 | percent | change qoq',
      'Gross margin | Q4 2024 | 30.5 | 30.5 | percent | level ~',
      'Profit per diluted ADS | Q4 2024 | 0.09 | 0.11 | USD/share | level',
      'Profit per diluted ADS | Q4 2024 | 26 | 54 | percent | change yoy',
    ]);
    // Printed as stated: in cents, not "$0.090–0.110".
    assert.strictEqual(outlook(r)[2].value, '9.0\u201311.0 cents');
  });

  it('keeps the start of a multi-year target\u2019s span, stated in its sentence or beside the same amount', () => {
    const own = release(['## Outlook', 'We raised our cumulative debt repayment target to $400 million between 2021 and 2026.'], { year: 2024, quarter: 4 });
    assert.deepStrictEqual(outlook(own).map((i) => [i.note, i.label, i.value]), [['2021\u20132026', 'Cumulative debt repayment target', '$400 million']]);
    const apart = release(['## Outlook', 'We raised our debt repayment target to $400 million and extended the period to 2026.', 'Priorities: repay debt of $400 million between 2021 and 2026.'], { year: 2024, quarter: 4 });
    assert.strictEqual(outlook(apart)[0].note, '2021\u20132026');
    const none = release(['## Outlook', 'We raised our debt repayment target to $400 million and extended the period to 2026.'], { year: 2024, quarter: 4 });
    assert.strictEqual(outlook(none)[0].note, 'to 2026');
  });

  it('never lets a trailing clause about another basis (organic, in words only) qualify the total figure', () => {
    const r = release([
      '## Outlook',
      '- Revenue \u2013 first half revenue up approximately 10% due to the acquisition, up modestly on an organic basis.',
      '- GP rate \u2013 rate up approximately 80 basis points reflecting the acquisition; organic GP rate roughly flat.',
      '- Capital expenditures \u2013 approximately $15 million, down from last year.',
    ], { year: 2024, quarter: 4 });
    assert.deepStrictEqual(outlook(r).map((i) => [i.label, i.value]), [
      // "up approximately 10% …, up modestly on an organic basis": +10% is the total's, not organic growth.
      ['Revenue growth', 'c. +10%'],
      ['GP rate growth', 'c. +80bp'],
      ['Capital expenditures', 'c. $15 million'],
    ]);
  });

  it('prints guidance stated with a tolerance as the release states it, keeping the range for comparisons', () => {
    const r = release([
      'Outlook for the fourth quarter of 2024:',
      'Revenue is expected to be $12.4 billion, plus or minus 3%.',
      'Operating expenses are expected to be approximately $2.35 billion, plus or minus $150 million.',
      'The effective tax rate is expected to be 21.0%, plus or minus 1.5%.',
      'Gross margin is expected to be 41.5% \u00b1 75 basis points.',
      'Diluted EPS is expected to be in the range of $1.10 to $1.20.',
      'Capital expenditures are expected to be about $90 million.',
    ]);
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenue | Q4 2024 | 12.028 | 12.772 | USDe9 | level',
      'Operating expenses | Q4 2024 | 2.2 | 2.5 | USDe9 | level',
      'Effective tax rate | Q4 2024 | 19.5 | 22.5 | percent | level',
      'Gross margin | Q4 2024 | 40.75 | 42.25 | percent | level',
      'Diluted EPS | Q4 2024 | 1.1 | 1.2 | USD/share | level',
      'Capital expenditures | Q4 2024 | 90 | 90 | USDe6 | level ~',
    ]);
    assert.deepStrictEqual(outlook(r).map((i) => i.value), [
      '$12.4 billion \u00b1 3%',
      'c. $2.35 billion \u00b1 $0.15 billion',
      '21.0% \u00b1 1.5%',
      '41.5% \u00b1 75bp',
      '$1.10\u20131.20',
      'c. $90 million',
    ]);
  });

  it('splits "respectively" lists, applies a width stated after them, and keeps the subjects apart', () => {
    const r = release([
      "NVIDIA's outlook for the fourth quarter of fiscal 2025 is as follows:",
      'GAAP and non-GAAP gross margins are expected to be 73.0% and 73.5%, respectively, plus or minus 50 basis points.',
      'GAAP and non-GAAP operating expenses are expected to be approximately $4.8 billion and $3.4 billion, respectively.',
    ], { year: 2025, quarter: 3, calendar: { endMonth: 1, offset: 0 } });
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'GAAP gross margins | Q4 FY2025 | 72.5 | 73.5 | percent | level',
      'Non-GAAP gross margins | Q4 FY2025 | 73 | 74 | percent | level',
      'GAAP operating expenses | Q4 FY2025 | 4.8 | 4.8 | USDe9 | level ~',
      'Non-GAAP operating expenses | Q4 FY2025 | 3.4 | 3.4 | USDe9 | level ~',
    ]);
  });

  it('reads guidance inside a management quote, each clause with its own measure', () => {
    const r = release(['\u201cLooking ahead to the second fiscal quarter of 2011, we expect revenue of about $22 billion and we expect diluted earnings per share of about $4.90,\u201d said the CFO.'], { year: 2011, quarter: 1, calendar: { endMonth: 9, offset: 0 } });
    assert.deepStrictEqual(pins(r, 'outlook'), ['Revenue | Q2 FY2011 | 22 | 22 | USDe9 | level ~', 'Diluted earnings per share | Q2 FY2011 | 4.9 | 4.9 | USD/share | level ~']);
  });

  it('takes a decrease with its sign and "QoQ", and an implied growth after "flat to"', () => {
    const r = release(['Company Q1 2025 Guidance: Revenues to Decrease 8.5% to 12.5% QoQ,Gross Margin is Expected to be Around 30.5%.', 'The Q1 revenue guidance implies flat to 4.6% increase YoY.'], { year: 2024, quarter: 4 });
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenues | Q1 2025 | -12.5 | -8.5 | percent | change qoq',
      'Gross Margin | Q1 2025 | 30.5 | 30.5 | percent | level ~',
      'Revenue | Q1 2025 | 0 | 4.6 | percent | change yoy',
    ]);
  });

  it('leaves out actuals, completed actions, parts of a figure and comparisons with past guidance', () => {
    const r = release([
      'YORVIPATH revenue for the fourth quarter of 2024 totaled €13.6 million and €28.7 million for the full year 2024.',
      'The company retired $600 million of domestic term debt in the second quarter of 2024 and expects to retire an additional $200 million by year-end 2024.',
      'This outlook for non-GAAP diluted EPS excludes known charges related to completed acquisitions of $0.01 per share.',
      'Q4 2024 revenues registered $237.2 million, an increase of 6.7% QoQ, significantly exceeding guidance.',
      'For 2025, we expect to reduce debt by at least $100 million and have increased our long-term debt reduction target to $700 million.',
      'We expect to invest approximately $225 million in 2025, including approximately $30 million in US fleet upgrades.',
      '## Outlook',
      'We recognized $400 million of gains in the quarter.',
    ]);
    assert.deepStrictEqual(pins(r, 'outlook'), ['Debt reduction | FY2025 | 100 | open | USDe6 | level', 'Investment | FY2025 | 225 | 225 | USDe6 | level ~']);
    assert.deepStrictEqual(outlook(r).map((i) => i.value), ['at least US$100 million', 'c. US$225 million']);
    // A target raised is guidance for the year it runs to, whatever the verb's tense.
    const target = release(['We have increased our long-term debt reduction target to $700 million and extended our debt reduction period to 2027.']);
    assert.deepStrictEqual(pins(target, 'outlook'), ['Long-term debt reduction target | to 2027 | 700 | 700 | USDe6 | level']);
  });

  it('states nothing when nothing is guided', () => {
    const r = release(['Revenue was $1,234 million in the third quarter of 2024.']);
    assert.deepStrictEqual(outlook(r), []);
  });
});

describe('claims: capital return, highlights and drivers of made-up releases', () => {
  it('labels dividends and buybacks for what they are, and leaves cash flow out', () => {
    const r = release([
      'The Board declared a quarterly dividend of $0.09 per share (representing $0.36 per annum).',
      'The company generated $1.39 billion in cash from operations and distributed $1.09 billion to shareholders including $820 million in share repurchases and $266 million in dividends.',
      'On March 12, 2024, the board approved a share repurchase plan whereby the Company is authorized to repurchase its shares with an aggregate value of up to US$350 million.',
      'As of November 19, 2024, the Company had purchased approximately 13.7 million ADSs for a total amount of approximately US$298 million at an average price of US$21.7 per ADS pursuant to the share repurchase plan.',
      'Financial Products paid dividends of $300 million to the holding company.',
    ]);
    // The release's title names the quarter the amounts returned are of.
    assert.deepStrictEqual(pins(r, 'capital-return'), [
      'Dividend declared per share | - | 0.09 | 0.09 | USD/share | level',
      'Returned to shareholders | Q3 2024 | 1.09 | 1.09 | USDe9 | level',
      'Buyback executed | Q3 2024 | 820 | 820 | USDe6 | level',
      'Dividends paid | Q3 2024 | 266 | 266 | USDe6 | level',
      'Buyback authorized | - | 350 | 350 | USDe6 | level',
      'Buyback executed | - | 298 | 298 | USDe6 | level ~',
    ]);
    assert.strictEqual(r.claims!.find((c) => c.low?.eq(298))!.note, '13.7 million ADSs at average US$21.7 per ADS');
  });

  it('labels executed amounts with their period, distributions in units as non-cash, and reads what the cash-flow statement returned', () => {
    const cf = 'Condensed Consolidated Statements of Cash Flows\n(in millions)\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nNet income\t9,243\t19,309\nNet cash provided by operating activities\t12,000\t17,629\nPayments related to repurchases of common stock\t(3,806)\t(25)\nDividends paid\t(99)\t(245)\nDividends paid to noncontrolling interests\t(5)\t(7)\nNet cash used in financing activities\t(3,905)\t(277)';
    const r = release([
      'Reduced debt by $25 million, repurchased $25 million of common shares under our NCIB, and ended the quarter with $74 million of cash.',
      'The REIT also made a special distribution to unitholders of record on September 30, 2024 of $0.60 per Unit payable in additional Units.',
      cf,
    ]);
    assert.deepStrictEqual(capitalReturn(r).map((i) => [i.label, i.value, i.note]), [
      ['Buyback executed (Q3 2024)', '$25 million', null],
      ['Distribution declared per share (special, in units, non-cash)', '$0.60', null],
      ['Dividends paid (Q3 2024)', '$245 million', 'cash-flow statement'],
    ]);
    // With no word of it in the prose, the statement's buyback is the quarter's.
    const quiet = release(['Revenue was $1.2 billion.', cf.replace('(25)', '(10,998)')]);
    assert.deepStrictEqual(capitalReturn(quiet).map((i) => [i.label, i.value]), [
      ['Buyback executed (Q3 2024)', '$10,998 million'],
      ['Dividends paid (Q3 2024)', '$245 million'],
    ]);
  });

  it('says "paid" only of a past payment, and scopes what was done after the period end, year to date or over a program\u2019s life', () => {
    const r = release([
      'The Board declared a dividend of $0.25 per share, payable on November 15, 2024.',
      'An interim dividend of $0.40 per share will be paid on December 5.',
      'We paid a dividend of $0.20 per share on August 1, 2024.',
      'Subsequent to September 30, 2024, we repurchased 100,000 shares for $5.0 million.',
      'In 2025 so far, we have repurchased over $20 million of shares.',
      'As of the date of this release, we have repurchased a total of $80.0 million under the program that was introduced in March 2022.',
      'During the quarter, we repurchased $12.0 million of common stock.',
    ], { year: 2024, quarter: 3 });
    assert.deepStrictEqual(capitalReturn(r, 10).map((i) => [i.label, i.value, i.note]), [
      ['Dividend declared per share', '$0.25', null],
      ['Dividend payable per share (interim)', '$0.40', 'on December 5, 2024'],
      ['Dividend paid per share (Q3 2024)', '$0.20', null],
      ['Buyback executed (after the period end)', '$5.0 million', '100,000 shares'],
      ['Buyback executed (FY2025 to date)', 'at least $20 million', null],
      ['Buyback executed (cumulative since March 2022)', '$80.0 million', null],
      ['Buyback executed (Q3 2024)', '$12.0 million', null],
    ]);
  });

  it('keeps operating figures with their qualifier and stated change; fragments, counts and changes are not highlights', () => {
    const r = release([
      '## Business Highlights',
      '- Loan facilitation volume of intended discontinued service reached RMB17,145 million, a decrease of 34.6% from RMB26,226 million in the same period of 2023.',
      '- Financial institutional partners originated 23,042,303 loans.',
      '- And others represented 43%.',
      '- Operating profit increased $41 million.',
      '- Active customers were 12.5 million as of September 30, 2024, an increase of 8.0% from 11.6 million as of September 30, 2023.',
    ]);
    assert.deepStrictEqual(highlights(r).map((i) => [i.label, i.value, i.change?.text]), [
      ['Loan facilitation volume of intended discontinued service', 'RMB17,145 million', '\u221234.6% YoY'],
      ['Active customers', '12.5 million', '+8.0% YoY'],
    ]);
  });

  it('takes highlights from highlight sections only, with their bounds and the head of a cut list', () => {
    const r = release([
      '## Operating Highlights',
      '- Depreciation, amortization and rental expenses totaled $13,961 million for the quarter.',
      '- The company operated over 9,000 residential units.',
      '- It had nearly 1,200 retail stores at the end of the quarter.',
      '## Condensed Consolidated Statements of Operations',
      'The separation agreement provides for accelerated vesting of 106,656 unvested restricted shares.',
      '## Other Operating Expenses',
      'Total voyage expenses of the drybulk segment comprised $4.5 million of commissions.',
      '## Business update \u203a About Example Corp',
      'Example Corp serves over 2,500 hospital customers.',
    ]);
    assert.deepStrictEqual(highlights(r).map((i) => [i.label, i.value]), [
      ['Depreciation, amortization and rental expenses', '$13,961 million'],
      ['Residential units', 'at least 9,000'],
      ['Retail stores', 'c. 1,200'],
    ]);
  });

  it('scopes highlights to the segment sub-heading and the span the sentence names; one amount named twice is one highlight', () => {
    const r = release([
      '## Operating Highlights',
      'Earnings from realizations were $108 million for the quarter and $1.4 billion for the year.',
      'Asset Management:',
      '- Total inflows were over $135 billion in 2024.',
      'Wealth Solutions:',
      '- Distributable operating earnings were $421 million in the quarter and $1.4 billion for the year.',
      '- During the year, we closed nearly $40 billion of asset sales.',
      'Earnings from the monetization of mature assets were $108 million for the quarter and $1.4 billion for the year.',
    ], { year: 2024, quarter: 4 });
    assert.deepStrictEqual(highlights(r).map((i) => [i.label, i.value]), [
      ['Earnings from realizations', '$108 million'],
      ['Total inflows (Asset Management, FY2024)', 'at least $135 billion'],
      ['Distributable operating earnings (Wealth Solutions)', '$421 million'],
      ['Asset sales (Wealth Solutions, FY2024)', 'c. $40 billion'],
    ]);
  });

  it('reads the KPIs a release leads with: measure, figure, change or comparison, period', () => {
    const r = release([
      'Example Corp today announced results for its third quarter ended September 30, 2024.',
      'Online orders increased 4.5 percent to $12.3 million for the quarter, compared to $11.8 million in the third quarter of 2023.',
      'Comparable store sales decreased 1.5 percent from comparable store sales for the prior year quarter.',
      'The company sold 2.50 million widgets during the quarter, a six percent unit decline from the year-ago quarter.',
      'International sales accounted for 40 percent of the quarter’s revenue.',
      'Return on average equity for the quarter was 11.2% compared to 12.5% for the same period in 2023.',
      'Interest income rose due to an increase in the net interest margin to 3.10% for the quarter from 2.95% for the same period in 2023.',
      'Free cash flow increased to $40.0 million for the trailing twelve months, compared with $25.0 million for the trailing twelve months ended September 30, 2023.',
      'Record quarterly Cloud revenue of $3.1 billion, up 10% from Q2 and up 45% from a year ago.',
    ]);
    assert.deepStrictEqual(highlights(r).map((i) => [i.label, i.value, i.change?.text ?? null]), [
      ['Online orders', '$12.3 million', '+4.5% YoY'],
      ['Comparable store sales YoY', '−1.5%', null],
      ['Widgets sold', '2.50 million', '−6% YoY'],
      ['International sales (share of revenue)', '40%', null],
      ['Return on average equity', '11.2%', 'vs 12.5%'],
      ['Net interest margin', '3.10%', 'vs 2.95%'],
      ['Free cash flow (TTM)', '$40.0 million', 'vs $25.0 million'],
      ['Cloud revenue', '$3.1 billion', '+45% YoY'],
    ]);
  });

  it('takes a lead bullet’s period from its heading and a paragraph’s from its opening words, and each clause of a list apart', () => {
    const r = release([
      'For fiscal year 2024, subscription revenues were up 20% to $50 million, while non-GAAP subscription revenues were up 18% to $52 million.',
      '## Third Quarter 2024 Highlights',
      '- Annualized return on equity of 14.0% compared to 15.5%, in the third quarter of 2023',
    ]);
    assert.deepStrictEqual(highlights(r).map((i) => [i.label, i.value, i.change?.text ?? null]), [
      // The highlights section's figure first, given the comparison its sentence states.
      ['Annualized return on equity', '14.0%', 'vs 15.5%'],
      ['Subscription revenues (FY2024)', '$50 million', '+20%'],
      ['Non-GAAP subscription revenues (FY2024)', '$52 million', '+18%'],
    ]);
  });

  it('reads no highlight it could read wrong: several measures, ranges, another clause’s figure, a loss compared, a quote, another span, a rate’s change', () => {
    const r = release([
      'Example Corp today announced results for its third quarter ended September 30, 2024.',
      'Unit and dollar volumes were 5.0 million and $80 million, respectively, up 3% and 4%.',
      'Segment sales were between $1.0 and $1.2 billion in the quarter.',
      'Utilization reached 88.0%, exceeding its target of flat to slightly up from 85.0% in the previous quarter.',
      'Services operating income was $1.3 million, compared with an operating loss of $0.1 million in third quarter 2023.',
      '“Unit volume grew 12% in the quarter,” said the chief executive officer.',
      'Backlog for the nine months ended September 30, 2024 increased 5% to $80 million.',
      'The policy interest rate decreased by 1.00% over the quarter.',
      'The net aggregate increase of 4.25% caused funding costs to rise to 2.76% for the quarter from 1.74% a year earlier.',
    ]);
    assert.deepStrictEqual(highlights(r), []);
  });

  it('names what moved a figure when the release says why', () => {
    const r = release(['The gross margin rate was 27.9% in the quarter, primarily due to lower sales of appliances.']);
    assert.deepStrictEqual(whatMoved(r).map((i) => [i.label, i.value, i.note]), [['Gross margin rate', '27.9%', 'primarily due to lower sales of appliances']]);
    // The reason in the next sentence: "The increase was primarily due to …".
    const next = release(['Net investment income increased by 61.3% to $11.3 million compared to $7.0 million in the prior year\u2019s third quarter. The increase was primarily due to higher yields on invested assets.']);
    assert.deepStrictEqual(whatMoved(next).map((i) => [i.label, i.value, i.note]), [['Net investment income', 'up 61.3%', 'primarily due to higher yields on invested assets']]);
  });

  it('cuts a long reason at a word with an ellipsis, never inside a word', () => {
    const r = release(['Net investment income increased by 61.3% to $11.3 million compared to $7.0 million in the prior year\u2019s third quarter. The increase was primarily due to higher yields on invested assets and a larger average balance of investments held during the three months ended September 30, 2024 due to cash generated from operations.']);
    const note = whatMoved(r)[0].note ?? '';
    assert.strictEqual(note, 'primarily due to higher yields on invested assets and a larger average balance of investments held during the three months ended\u2026');
  });

  it('prints reconciliation adjustments in the page\u2019s unit, as what they are: deducted or added back, one-off only when said; one under a thousandth of its column\u2019s largest figure is none', () => {
    // A table in dollars on a page in thousands (revenue $1,234: a page in millions would print it as nothing);
    // the gain is deducted (its row is negative), not a loss.
    const rec = 'Reconciliation of Net Income to Adjusted EBITDA\n(in U.S. dollars)\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nNet income\t500,000\t600,000\nGain on sale of investment\t(10)\t(32,082)\nLitigation settlement\t-\t394\nOne-time severance\t-\t250,000\nAdjusted EBITDA\t499,990\t818,312';
    const r = release(['Revenue was $1.2 million.', rec]);
    assert.deepStrictEqual(whatMoved(r).map((i) => [i.label, i.value, i.note]), [
      ['One-time severance', '$250 thousand', 'one-off item, added back in reaching Adjusted EBITDA; none a year earlier'],
      ['Gain on sale of investment', '$32 thousand', 'deducted in reaching Adjusted EBITDA; a year earlier deducted $10'],
    ]);
  });

  it('prints a change explained as a change with its sign, never as the level, in the page\u2019s unit (thousands)', () => {
    const r = release(['Noninterest income decreased by $160,947 from the third quarter of 2023, primarily as a result of lower insurance proceeds.']);
    assert.deepStrictEqual(whatMoved(r).map((i) => [i.label, i.value, i.note]), [['Noninterest income', 'down $161 thousand', 'primarily as a result of lower insurance proceeds']]);
  });

  it('gives a reason to the figure it explains: the change right before it, never a figure another predicate stands between', () => {
    const r = release([
      'Segment adjusted EBITDA increased 30% year over year, which was slightly below our expectation due to weaker customer demand.',
      'Expense for corporate items was $261 million in the third quarter of 2024, a decrease of $126 million from the third quarter of 2023, primarily due to lower incentive pay.',
      'Revenue decreased to $468 million compared with $507 million in the third quarter of 2023 as a result of lower activity, partially offset by higher prices.',
    ]);
    assert.deepStrictEqual(whatMoved(r).map((i) => [i.label, i.value, i.note]), [
      // A change reads as one, with the level it reached; a figure keeps the precision it is stated at.
      ['Expense for corporate items', 'down $126 million', 'to $261 million; primarily due to lower incentive pay'],
      ['Revenue', '$468 million', 'as a result of lower activity, partially offset by higher prices'],
    ]);
    const segment = release(['Operating revenues of our drybulk vessels segment added an incremental $10.3 million of revenues in the third quarter of 2024, mainly as a result of additions of vessels.']);
    assert.deepStrictEqual(whatMoved(segment).map((i) => i.label), ['Operating revenues (drybulk vessels segment)']);
    const both = release(['Vessel operating expenses increased by $5.5 million to $45.6 million in the third quarter of 2024 from $40.1 million in the third quarter of 2023, primarily as a result of more vessels.']);
    assert.deepStrictEqual(whatMoved(both).map((i) => [i.label, i.value, i.note]), [['Vessel operating expenses', 'up $5.5 million', 'primarily as a result of more vessels']]);
  });

  it('leaves out adjustments that recur a year apart and those of a longer span than the reported quarter', () => {
    const rec = 'Reconciliation of Net Income to Non-GAAP Net Income\n(in millions)\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\tTwelve months ended September 30, 2024\nNet income\t500\t600\t2,000\nAcquisition-related costs\t119\t116\t470\nRestructuring\t-\t37\t37\nAcquisition related and other\t(257)\t20\t(40)\nLitigation settlement\t-\t-\t900\nNon-GAAP net income\t362\t773\t3,367';
    const r = release(['Revenue was $1.2 billion.', rec]);
    assert.deepStrictEqual(whatMoved(r).map((i) => [i.label, i.value, i.note]), [
      ['Restructuring', '$37 million', 'added back in reaching Non-GAAP Net Income; none a year earlier'],
    ]);
    // $20 million of $773 million: under 3% of the measure it reconciles, a minor reconciling line.
  });

  it('keeps to the reported period\u2019s results: another period\u2019s reasons and footnotes are no drivers', () => {
    const r = release([
      'Restructuring charges of $5.7 million in the first quarter of 2023 represent $4.6 million of severance costs as a result of cost actions taken in response to demand.',
      'Operating expenses were $5.7 million in the second quarter of 2024, primarily due to higher wages.',
      '## Reconciliation of non-GAAP measures',
      'Selling expenses were $2.1 million, primarily due to higher commissions.',
    ]);
    assert.deepStrictEqual(whatMoved(r), []);
  });
});

describe('claims: corpus releases, pinned from their sources', function () {
  this.timeout(60_000);
  before(function () {
    needCorpus(this);
  });
  const built = new Map<string, Release>();
  /** The release, read and inferred once. */
  async function corpus(file: string): Promise<Release> {
    let r = built.get(file);
    if (!r) built.set(file, (r = infer(await readFile(path.join(CORPUS, file)))));
    return r;
  }
  const sample = async () => {
    let r = built.get('sample');
    if (!r) built.set('sample', (r = infer(await readFile('samples/qifu-q3-2024.txt'))));
    return r;
  };

  it('the sample: Q4 2024 net income and non-GAAP net income ranges, its growth, and both buyback plans', async () => {
    const r = await sample();
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Net income | Q4 2024 | 1.75 | 1.85 | RMBe9 | level',
      'Non-GAAP net income | Q4 2024 | 1.8 | 1.9 | RMBe9 | level',
      'Non-GAAP net income | Q4 2024 | 57 | 65 | percent | change yoy',
    ]);
    assert.deepStrictEqual(pins(r, 'capital-return'), [
      'Buyback authorized | FY2025 | 450 | 450 | USDe6 | level',
      'Buyback authorized | - | 350 | 350 | USDe6 | level',
      'Buyback executed | - | 298 | 298 | USDe6 | level ~',
    ]);
    assert.deepStrictEqual(capitalReturn(r).map((i) => [i.label, i.value, i.note]), [
      ['Buyback authorized (FY2025)', 'US$450 million', null],
      ['Buyback authorized', 'US$350 million', null],
      ['Buyback executed', 'c. US$298 million', '13.7 million ADSs at average US$21.7 per ADS'],
    ]);
  });

  it('Amazon Q3 2024: fourth quarter 2024 guidance, not "Q4 2023"', async () => {
    const r = await corpus('amazon_q3_2024_release.md');
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Net sales | Q4 2024 | 181.5 | 188.5 | USDe9 | level',
      'Net sales | Q4 2024 | 7 | 11 | percent | change yoy',
      'Unfavorable impact from foreign exchange rates | Q4 2024 | 10 | 10 | bp | level ~',
      'Operating income | Q4 2024 | 16 | 20 | USDe9 | level vs-base',
    ]);
  });

  it('Applied Materials Q2 FY2024: Q3 FY2024 revenue $6.65bn ± $400m and EPS $1.83–2.19; $1.09bn returned', async () => {
    const r = await corpus('amat_q2fy24_ex99-1_docling.md');
    assert.deepStrictEqual(pins(r, 'outlook'), ['Net revenue | Q3 FY2024 | 6.25 | 7.05 | USDe9 | level', 'Non-GAAP diluted EPS | Q3 FY2024 | 1.83 | 2.19 | USD/share | level']);
    // "expects net revenue to be approximately $6.65 billion, plus or minus $400 million. Non-GAAP diluted EPS is expected to be in the range of $1.83 to $2.19."
    assert.deepStrictEqual(outlook(r).map((i) => i.value), ['c. $6.65 billion \u00b1 $0.4 billion', '$1.83\u20132.19']);
    // Under "Second Quarter Results": "distributed $1.09 billion to shareholders including $820 million in share repurchases and $266 million in dividends".
    assert.deepStrictEqual(pins(r, 'capital-return'), [
      'Returned to shareholders | Q2 FY2024 | 1.09 | 1.09 | USDe9 | level',
      'Buyback executed | Q2 FY2024 | 820 | 820 | USDe6 | level',
      'Dividends paid | Q2 FY2024 | 266 | 266 | USDe6 | level',
    ]);
  });

  it('NVIDIA Q3 FY2025: Q4 FY2025 outlook, GAAP and non-GAAP apart, widths applied; the $0.01 dividend', async () => {
    const r = await corpus('nvidia_q3fy25_newsroom.html');
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenue | Q4 FY2025 | 36.75 | 38.25 | USDe9 | level',
      'GAAP gross margins | Q4 FY2025 | 72.5 | 73.5 | percent | level',
      'Non-GAAP gross margins | Q4 FY2025 | 73 | 74 | percent | level',
      'GAAP operating expenses | Q4 FY2025 | 4.8 | 4.8 | USDe9 | level ~',
      'Non-GAAP operating expenses | Q4 FY2025 | 3.4 | 3.4 | USDe9 | level ~',
      'GAAP and non-GAAP other income and expense | Q4 FY2025 | 400 | 400 | USDe6 | level ~',
      'GAAP and non-GAAP tax rates | Q4 FY2025 | 15.5 | 17.5 | percent | level',
    ]);
    // "Revenue is expected to be $37.5 billion, plus or minus 2%"; "73.0% and 73.5%, respectively, plus or minus 50 basis points"; "16.5%, plus or minus 1%".
    assert.deepStrictEqual(outlook(r).map((i) => i.value), [
      '$37.5 billion \u00b1 2%',
      '73.0% \u00b1 50bp',
      '73.5% \u00b1 50bp',
      'c. $4.8 billion',
      'c. $3.4 billion',
      'c. $400 million',
      '16.5% \u00b1 1%',
    ]);
    // The cash-flow statement's Q3 column: "Payments related to repurchases of common stock (10,998)", "Dividends paid (245)".
    assert.deepStrictEqual(pins(r, 'capital-return'), [
      'Dividend payable per share | - | 0.01 | 0.01 | USD/share | level',
      'Buyback executed | Q3 FY2025 | 10998 | 10998 | USDe6 | level',
      'Dividends paid | Q3 FY2025 | 245 | 245 | USDe6 | level',
    ]);
  });

  it('Apple Q1 FY2011 and Q3 FY2004: the CFO quotes\u2019 guidance', async () => {
    const a11 = await corpus('apple_q1fy11_8k_ex99-1.htm');
    assert.deepStrictEqual(pins(a11, 'outlook'), ['Revenue | Q2 FY2011 | 22 | 22 | USDe9 | level ~', 'Diluted earnings per share | Q2 FY2011 | 4.9 | 4.9 | USD/share | level ~']);
    const a04 = await corpus('apple_q3fy04_8k_ex99-1.htm');
    assert.deepStrictEqual(pins(a04, 'outlook'), ['Revenue | Q4 FY2004 | 2.1 | 2.1 | USDe9 | level ~', 'Earnings per diluted share | Q4 FY2004 | 0.16 | 0.17 | USD/share | level']);
  });

  it('Himax Q4 2024: Q1 2025 revenue down 8.5% to 12.5% QoQ, gross margin around 30.5%, profit per diluted ADS 9.0 to 11.0 cents (+26% to +54% YoY)', async () => {
    const r = await corpus('himax_q4_2024_globenewswire.md');
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenues | Q1 2025 | -12.5 | -8.5 | percent | change qoq',
      'Gross Margin | Q1 2025 | 30.5 | 30.5 | percent | level ~',
      'Profit per Diluted ADS | Q1 2025 | 0.09 | 0.11 | USD/share | level',
      'Revenue | Q1 2025 | 0 | 4.6 | percent | change yoy',
      'Profit per diluted ADS | Q1 2025 | 26 | 54 | percent | change yoy',
    ]);
    // "Profit per diluted ADS to be 9.0 cents to 11.0 cents".
    assert.strictEqual(outlook(r)[2].value, '9.0\u201311.0 cents');
  });

  it('Sears Q2 2004: Q3 and full-year EPS ranges; the debt it retired is not outlook', async () => {
    const r = await corpus('sears_q2_2004_8k_ex99.txt');
    assert.deepStrictEqual(pins(r, 'outlook'), ['Earnings per share | Q3 2004 | 0 | 0.1 | USD/share | level', 'Earnings per share | FY2004 | 2.66 | 2.86 | USD/share | level']);
    // "… including $0.03 to $0.05 per share of negative carrying cost on the company's remaining legacy debt. The outlook assumes third quarter domestic comparable store sales to be down low single-digits."
    assert.strictEqual(r.claims?.find((c) => c.kind === 'outlook')?.note, "including $0.03 to $0.05 per share of negative carrying cost on the company's remaining legacy debt; assumes third quarter domestic comparable store sales to be down low single-digits");
  });

  it('Precision Drilling Q4 2024: 2025 capital and debt targets apart; buybacks of the year and the quarter', async () => {
    // The release states its figures in Canadian dollars; its bare "$" is C$.
    const r = await corpus('precision_drilling_q4_2024_globenewswire.md');
    // "We expect to invest approximately $225 million in 2025"; "we plan to increase direct shareholder returns to 35% to 45% of free cash flow".
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Investment | FY2025 | 225 | 225 | CADe6 | level ~',
      'Debt reduction | FY2025 | 100 | open | CADe6 | level',
      // "… and have increased our long-term debt reduction target to $700 million and extended our debt reduction period to 2027";
      // "Reduce debt … by $700 million between 2022 and 2027": the target is cumulative from 2022.
      'Long-term debt reduction target | 2022\u20132027 | 700 | 700 | CADe6 | level',
      'Direct shareholder returns (% of free cash flow) | FY2025 | 35 | 45 | percent | level',
    ]);
    // "… 35% to 45% of free cash flow, before debt repayments."
    assert.strictEqual(outlook(r)[3].label, 'Direct shareholder returns (% of free cash flow), before debt repayments');
    // "repurchased $25 million of common shares under our NCIB, and ended the quarter with $74 million of cash".
    assert.deepStrictEqual(pins(r, 'capital-return'), ['Buyback executed | FY2024 | 75 | 75 | CADe6 | level', 'Buyback executed | Q4 2024 | 25 | 25 | CADe6 | level']);
  });

  it('Gecina FY2024: 2025 recurrent net income €6.60–6.70 per share (+2.8% to +4.4%); the €5.45 dividend and its interim', async () => {
    const r = await corpus('gecina_fy2024_djn.md');
    assert.deepStrictEqual(pins(r, 'outlook'), [
      // "recurrent net income (Group share) expected between EUR6.60 to EUR6.70 per share, reflecting another year of growth with +2.8%/+4.4% vs 2024".
      'Recurrent net income (Group share) per share | FY2025 | 6.6 | 6.7 | EUR/share | level',
      'Recurrent net income (Group share) per share | FY2025 | 2.8 | 4.4 | percent | change yoy',
    ]);
    assert.deepStrictEqual(outlook(r)[0].label, 'Recurrent net income (Group share) per share');
    assert.deepStrictEqual(pins(r, 'capital-return'), [
      'Dividend proposed per share | - | 5.45 | 5.45 | EUR/share | level',
      // "interim dividend of EUR2.70 per share on March 5, 2025": after the year's end, payable, not paid.
      'Dividend payable per share (interim) | - | 2.7 | 2.7 | EUR/share | level',
    ]);
    assert.deepStrictEqual(capitalReturn(r)[1].note, 'on March 5, 2025');
  });

  it('Kelly Q4 2024: first-half 2025 outlook; the dividend and the quarter\u2019s buyback', async () => {
    const r = await corpus('kelly_services_q4_2024_globenewswire.md');
    assert.deepStrictEqual(pins(r, 'outlook'), [
      'Revenue | H1 2025 | 10 | 10 | percent | change ~',
      'GP rate | H1 2025 | 80 | 80 | bp | change ~',
      // "Total D&A of approximately $13.5 million per quarter expected".
      'Total D&A per quarter | H1 2025 | 13.5 | 13.5 | USDe6 | level ~',
      'Adjusted EBITDA margin | H1 2025 | 10 | 10 | bp | change',
      'Adjusted EBITDA margin | H1 2025 | 3.6 | 3.6 | percent | level ~',
    ]);
    // "total Company first half revenue up approximately 10% due to …, up modestly on an organic basis";
    // "total Company rate up approximately 80 basis points …; organic GP rate roughly flat": the figures are the totals'.
    assert.deepStrictEqual(outlook(r).slice(0, 2).map((i) => `${i.label} ${i.value}`), ['Revenue growth c. +10%', 'GP rate growth c. +80bp']);
    assert.deepStrictEqual(pins(r, 'capital-return'), ['Dividend declared per share | - | 0.075 | 0.075 | USD/share | level', 'Buyback executed | Q4 2024 | 10 | 10 | USDe6 | level']);
  });

  it('Palomar Q4 2024: 2025 adjusted net income $180–192 million', async () => {
    const r = await corpus('palomar_q4_2024_globenewswire.md');
    assert.deepStrictEqual(pins(r, 'outlook'), ['Adjusted net income | FY2025 | 180 | 192 | USDe6 | level']);
    // "This includes an estimate of $8 million to $12 million of catastrophe losses for the year."
    assert.strictEqual(outlook(r)[0].label, 'Adjusted net income, includes $8 million to $12 million of catastrophe losses');
  });

  it('Ascendis Q4 2024: no quantitative guidance (its Q4 and full-year revenue are actuals)', async () => {
    const r = await corpus('ascendis_pharma_q4_2024_globenewswire.md');
    assert.deepStrictEqual(pins(r, 'outlook'), []);
    assert.deepStrictEqual(outlook(r), []);
  });

  it('dividends and buybacks of Oracle, Danaos, Caterpillar and Brookfield', async () => {
    assert.deepStrictEqual(pins(await corpus('oracle_q4fy14_8k_ex99-1.htm'), 'capital-return'), ['Dividend declared per share | - | 0.12 | 0.12 | USD/share | level']);
    assert.deepStrictEqual(pins(await corpus('danaos_q4_2024_morningstar.md'), 'capital-return'), [
      // "As of the date of this release, Danaos has repurchased a total of … $168.8 million under its $200 million … program that was originally introduced in June 2022".
      'Buyback executed | cumulative since June 2022 | 168.8 | 168.8 | USDe6 | level',
      'Buyback authorized | - | 200 | 200 | USDe6 | level',
      'Dividend declared per share | Q4 2024 | 0.85 | 0.85 | USD/share | level',
      // "Subsequent to December 31, 2024, we repurchased 198,926 shares … for $15.7 million".
      'Buyback executed | after the period end | 15.7 | 15.7 | USDe6 | level',
      // The cash-flow statement's fourth-quarter column: "Dividends paid (16,320)", "Repurchase of common stock (47,617)".
      'Dividends paid | Q4 2024 | 16320 | 16320 | USDe3 | level',
      'Buyback executed | Q4 2024 | 47617 | 47617 | USDe3 | level',
    ]);
    // "Returned $1.4 billion to shareholders through share repurchases and dividends in the quarter".
    assert.deepStrictEqual(pins(await corpus('caterpillar_q1_2022_8k_ex99-1.htm'), 'capital-return'), [
      'Returned to shareholders | Q1 2022 | 1.4 | 1.4 | USDe9 | level',
      'Buyback executed | Q1 2022 | 0.8 | 0.8 | USDe9 | level',
      'Dividends paid | Q1 2022 | 0.6 | 0.6 | USDe9 | level',
    ]);
    assert.deepStrictEqual(pins(await corpus('brookfield_corp_q4_2024_globenewswire.md'), 'capital-return'), [
      'Dividend declared per share | - | 0.09 | 0.09 | USD/share | level',
      // "Over the year, we returned $1.5 billion … with total share buybacks of approximately $1 billion. In 2025 so far, we have repurchased over $200 million of shares."
      'Returned to shareholders | FY2024 | 1.5 | 1.5 | USDe9 | level',
      'Buyback executed | FY2024 | 1 | 1 | USDe9 | level ~',
      'Buyback executed | FY2025 to date | 200 | open | USDe6 | level',
    ]);
  });

  it('capital return of Microsoft, Himax, H&R, Farmers; none where the release states none (Buckle, Slate, Chimera, Palomar)', async () => {
    // "Microsoft returned $8.4 billion to shareholders in the form of share repurchases and dividends in the fourth quarter of fiscal year 2024";
    // the cash-flow statement's quarter: "Common stock repurchased (4,210)", "Common stock cash dividends paid (5,574)".
    assert.deepStrictEqual(pins(await corpus('microsoft_q4fy24_press_release.md'), 'capital-return'), [
      'Returned to shareholders | Q4 FY2024 | 8.4 | 8.4 | USDe9 | level',
      'Buyback executed | Q4 FY2024 | 4210 | 4210 | USDe6 | level',
      'Dividends paid | Q4 FY2024 | 5574 | 5574 | USDe6 | level',
    ]);
    // Himax's fourth-quarter cash flows: "Purchase of treasury shares (832)"; its $50,670 thousand dividend was paid earlier in the year.
    assert.deepStrictEqual(pins(await corpus('himax_q4_2024_globenewswire.md'), 'capital-return'), ['Buyback executed | Q4 2024 | 832 | 832 | USDe3 | level']);
    // "H&R's cash distributions amounted to $0.72 per Unit during 2024"; "a special distribution … of $0.60 per Unit payable in additional Units".
    assert.deepStrictEqual(pins(await corpus('hr_reit_q4_2024_djn.md'), 'capital-return'), [
      'Distribution per share | FY2024 | 0.72 | 0.72 | CAD/share | level',
      'Distribution declared per share (special, in units, non-cash) | - | 0.6 | 0.6 | CAD/share | level',
    ]);
    // Farmers' per-share data: "Dividends $0.67 | $0.66 | $0.63" for 2024, 2023, 2022.
    assert.deepStrictEqual(pins(await corpus('farmers_merchants_bancshares_fy2024_globenewswire.md'), 'capital-return'), ['Dividends per share | FY2024 | 0.67 | 0.67 | USD/share | level']);
    for (const file of ['buckle_8k_ex99-1.html', 'slate_grocery_reit_q4_2024_morningstar.md', 'chimera_investment_q4_2024_morningstar.md', 'palomar_q4_2024_globenewswire.md']) {
      assert.deepStrictEqual(pins(await corpus(file), 'capital-return'), [], file);
    }
  });

  it('highlights the KPIs each release leads with, read off its opening paragraphs and lead bullets', async () => {
    const shown = async (file: string) => highlights(await corpus(file)).map((i) => `${i.label} | ${i.value} | ${i.change?.text ?? '-'}`);
    // "Apple sold 4.13 million Macs during the quarter, a 23 percent unit increase over the year-ago quarter" …
    assert.deepStrictEqual(await shown('apple_q1fy11_8k_ex99-1.htm'), [
      'International sales (share of revenue) | 62% | -',
      'Macs sold | 4.13 million | +23% YoY',
      'iPhones sold | 16.24 million | +86% YoY',
      'iPods sold | 19.45 million | \u22127% YoY',
      'iPads sold | 7.33 million | -',
    ]);
    // "Comparable store net sales … decreased 0.7 percent"; "Online sales increased 1.1 percent to $46.6 million".
    assert.deepStrictEqual(await shown('buckle_8k_ex99-1.html'), ['Comparable store net sales YoY | \u22120.7% | -', 'Online sales | $46.6 million | +1.1% YoY']);
    // "Record quarterly Data Center revenue of $30.8 billion, up 17% from Q2 and up 112% from a year ago".
    assert.deepStrictEqual(await shown('nvidia_q3fy25_newsroom.html'), ['Data Center revenue | $30.8 billion | +112% YoY']);
    // "Free cash flow increased to $47.7 billion for the trailing twelve months, compared with $21.4 billion …".
    assert.ok((await shown('amazon_q3_2024_release.md')).includes('Free cash flow (TTM) | $47.7 billion | vs $21.4 billion'));
    // International operating income is compared with a loss: not read.
    assert.ok(!(await shown('amazon_q3_2024_release.md')).some((l) => l.startsWith('International segment operating income')));
    const palomar = await shown('palomar_q4_2024_globenewswire.md');
    assert.ok(palomar.includes('Adjusted combined ratio | 71.7% | vs 68.8%') && palomar.includes('Annualized return on equity | 19.5% | vs 23.2%'));
    const farmers = await shown('farmers_merchants_bancshares_fy2024_globenewswire.md');
    assert.ok(farmers.includes('Net interest margin (FY2024) | 2.68% | vs 2.97%') && farmers.includes('Return on average equity (FY2024) | 7.83% | vs 13.08%'));
    // "Non-product revenue was €137.9 million in 2024, compared to €88.1 million".
    assert.ok((await shown('ascendis_pharma_q4_2024_globenewswire.md')).includes('Non-product revenue (FY2024) | \u20ac137.9 million | vs \u20ac88.1 million'));
  });

  it('narrative checks compare like with like: a segment\u2019s last-year figure is no disagreement, restated totals tie', async () => {
    const sears = await corpus('sears_q2_2004_8k_ex99.txt');
    const f466 = sears.facts.find((f) => f.text === '$466 million')!;
    assert.deepStrictEqual([f466.role, f466.tie], ['prior-year', null]);
    assert.deepStrictEqual(sears.facts.filter((f) => f.tie && !f.tie.diff.isZero()).map((f) => f.text), []);
    const apple = await corpus('apple_q1fy11_8k_ex99-1.htm');
    const tied = apple.facts.filter((f) => f.tie && f.tie.diff.isZero()).map((f) => `${f.text}=${f.tie!.tableValue.toString()}`);
    assert.deepStrictEqual(tied.slice(0, 2), ['$26.74 billion=26.74', '$6 billion=6']);
    const palomar = await corpus('palomar_q4_2024_globenewswire.md');
    // "Combined ratio of 78.1% compared to 76.6% in 2023" under the full-year heading is the year's, not the quarter's 75.9%.
    assert.deepStrictEqual(palomar.facts.filter((f) => f.tie && !f.tie.diff.isZero()).map((f) => f.text), []);
  });
});
