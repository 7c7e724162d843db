import assert from 'assert';
import { readFileSync } from 'fs';
import { infer } from '../src/infer';
import type { ProseFact, Release } from '../src/model/types';
import { readFile, readText } from '../src/read';

const SAMPLE = 'samples/qifu-q3-2024.txt';

function fact(r: Release, text: string, line: number): ProseFact {
  const f = r.facts.find((x) => x.text === text && x.place.line === line);
  assert.ok(f, `no fact ${text} on line ${line}`);
  return f;
}

describe('facts pass', () => {
  let r: Release;
  before(async () => {
    r = infer(await readFile(SAMPLE));
  });

  it('reads the headline revenue sentence: value, unit, role, subject and tie', () => {
    const f = fact(r, 'RMB4,370.2 million', 110);
    assert.strictEqual(f.value.toString(), '4370.2');
    assert.deepStrictEqual([f.kind, f.currency, f.scale, f.decimals, f.role, f.subject], ['amount', 'RMB', 6, 1, 'current', 'Total net revenue']);
    assert.strictEqual(r.sentences![f.sentence].text, 'Total net revenue was RMB4,370.2 million (US$622.7 million), compared to RMB 4,281.0 million in the same period of 2023.');
    assert.ok(f.tie);
    const st = r.statements.find((s) => s.id === f.tie!.ref.statement)!;
    assert.strictEqual(st.tables[f.tie!.ref.table].rows[f.tie!.ref.row].label, 'Total net revenue');
    assert.strictEqual(f.tie!.tableValue.toString(), '4370.2');
    assert.ok(f.tie!.diff.isZero());
  });

  it('ties the USD conversion to the convenience column and the prior year to last year', () => {
    const usd = fact(r, 'US$622.7 million', 110);
    assert.deepStrictEqual([usd.currency, usd.role, usd.tie?.ref.col], ['USD', 'current', 2]);
    const prior = fact(r, 'RMB 4,281.0 million', 110);
    assert.deepStrictEqual([prior.role, prior.tie?.ref.col, prior.tie?.tableValue.toString()], ['prior-year', 0, '4281']);
  });

  it('a prior-quarter figure no table holds ties to nothing', () => {
    const f = fact(r, 'RMB4,160.1 million', 140);
    assert.strictEqual(f.role, 'prior-period');
    assert.strictEqual(f.tie, null);
  });

  it('ties margins and per-ADS figures at the text precision', () => {
    const m = fact(r, '52.4%', 113);
    assert.deepStrictEqual([m.kind, m.subject, m.tie?.tableValue.toString()], ['percent', 'Operating margin', '52.4']);
    const eps = fact(r, 'RMB12.18', 117);
    assert.deepStrictEqual([eps.kind, eps.tie?.tableValue.toString()], ['per-share', '12.18']);
    const bn = fact(r, 'RMB4.37 billion', 128);
    assert.deepStrictEqual([bn.scale, bn.decimals, bn.tie?.tableValue.toString()], [9, 2, '4.37']);
  });

  it('reads the outlook range and the operating highlights', () => {
    const outlook = r.facts.filter((f) => f.role === 'outlook' && f.kind === 'amount').map((f) => `${f.subject}:${f.value.toString()}e${f.scale}`);
    assert.deepStrictEqual(outlook, ['net income:1.75e9', 'net income:1.85e9', 'non-GAAP net income:1.8e9', 'non-GAAP net income:1.9e9']);
    assert.deepStrictEqual([fact(r, '2.72%', 85).subject, fact(r, '93.8%', 86).subject], ['90 day+ delinquency rate', 'Repeat borrower contribution']);
    const users = fact(r, '55.2 million', 77);
    assert.deepStrictEqual([users.kind, users.scale, users.subject, users.tie], ['number', 6, 'Cumulative users with approved credit lines', null]);
  });

  it('the sample agrees with itself: no prose figure disagrees with its table', () => {
    assert.deepStrictEqual(r.facts.filter((f) => f.tie && !f.tie.diff.isZero()).map((f) => f.text), []);
    assert.strictEqual(r.facts.length, 180);
  });

  it('catches a release whose words and tables disagree', () => {
    const text = readFileSync(SAMPLE, 'utf8').replace('**Total net revenue** was RMB4,370.2 million', '**Total net revenue** was RMB4,470.2 million');
    const bad = infer(readText(text, 'made-up.txt'));
    const f = fact(bad, 'RMB4,470.2 million', 140);
    assert.ok(f.tie);
    assert.strictEqual(f.tie!.tableValue.toString(), '4370.2');
    assert.strictEqual(f.tie!.diff.toString(), '100');
    const warn = bad.diagnostics.filter((d) => d.level === 'warning' && d.message.startsWith('the text states'));
    assert.deepStrictEqual(warn.map((d) => d.message), ['the text states Total net revenue RMB4,470.2 million but the table has 4370.2 (Unaudited Condensed Consolidated Statements of Operations: Total net revenue)']);
    assert.strictEqual(warn[0].place?.line, 140);
  });
});

describe('facts of made-up sentences: roles and ties at the printed precision', () => {
  // A quarter's release whose tables are in thousands: 15,089 reads "$15 million" in words.
  const TABLE = '\n\nIn thousands of US dollars\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nRevenue\t1,000,000\t1,234,000\nShare-based compensation\t12,669\t15,089\nAdjusted EBITDA\t151,000\t121,000\nOther costs\t14,000\t16,000\n';
  function made(paragraphs: string[]): Release {
    const r = readText(`# Example Corp Q3 2024 results\n\n${paragraphs.join('\n\n')}${TABLE}`, 'made-up.txt');
    r.meta.fiscalYear = 2024;
    r.meta.fiscalQuarter = 3;
    r.meta.periodEnd = '2024-09-30';
    return infer(r);
  }
  const of = (r: Release, text: string, n = 0) => r.facts.filter((f) => f.text === text)[n];

  it('names the part after its figure and finds no disagreement where a line rounds to the words', () => {
    const r = made(['Adjusted EBITDA was $121 million in the quarter and included $15 million of share-based compensation charges.']);
    const f = of(r, '$15 million');
    assert.deepStrictEqual([f.subject, f.role, f.tie?.diff.toString()], ['share-based compensation charges', 'current', '0']);
    assert.deepStrictEqual(r.facts.filter((x) => x.tie && !x.tie.diff.isZero()).map((x) => x.text), []);
  });

  it('reads the period of short quarter names, a leading year, a difference and a comparison with guidance', () => {
    const r = made([
      'Revenue was $1,234 million in 3Q24, compared to $1,000 million in 3Q23 and $1,100 million in 2Q24.',
      'In 2023, third quarter Adjusted EBITDA was $151 million.',
      'Adjusted EBITDA fell, reflecting $2 million of higher share-based compensation.',
      'Revenue of $1,234 million was above guidance.',
    ]);
    assert.deepStrictEqual(['$1,234 million', '$1,000 million', '$1,100 million', '$151 million', '$2 million'].map((t) => of(r, t).role), ['current', 'prior-year', 'prior-period', 'prior-year', 'other']);
    assert.strictEqual(of(r, '$1,234 million', 1).role, 'current');
  });
});

describe('facts: the period a paragraph and a column name', () => {
  const TABLES = '\n\nResults\n(in millions)\n\n\tThree months ended December 31, 2024\tThree months ended December 31, 2023\tYear ended December 31, 2024\tYear ended December 31, 2023\nRevenue\t3,300\t3,000\t12,000\t11,500\nOperating income\t1,419\t1,200\t4,680\t4,400\nOperating margin\t43%\t40%\t39%\t38%\n';
  function release(paragraphs: string[], tables = TABLES): Release {
    const r = readText(`# Example Corp Q4 2024 results\n\n${paragraphs.join('\n\n')}${tables}`, 'made-up.txt');
    r.meta.fiscalYear = 2024;
    r.meta.fiscalQuarter = 4;
    r.meta.periodEnd = '2024-12-31';
    return infer(r);
  }

  it('a paragraph that opens with its year speaks of the year in each sentence: no disagreement with the quarter', () => {
    const r = release(['Q4 operating margin was 43% in the quarter.', 'For fiscal year 2024, revenue was up 4% at $12.0 billion. Operating margin was 39%.']);
    const ties = r.facts.filter((f) => f.tie).map((f) => `${f.text}=${f.tie!.tableValue.toString()}${f.tie!.diff.isZero() ? '' : ' (differs)'}`);
    assert.deepStrictEqual(ties, ['43%=43', '$12.0 billion=12', '39%=39']);
  });

  it('a year compared with is the prior year however many words name the measure before the figure', () => {
    const r = release(['Operating income was $1,419 million, compared with fourth-quarter 2023 operating income of $1,200 million.']);
    assert.deepStrictEqual(r.facts.map((f) => [f.text, f.role]), [['$1,419 million', 'current'], ['$1,200 million', 'prior-year']]);
  });

  it('a column named by its year alone under a span heading is that year\u2019s span', () => {
    const tables = '\n\nResults\n(in millions)\n\n\tThree Months Ended\t\tYears Ended\t\n\t2024\t2023\t2024\t2023\nRevenue\t3,300\t3,000\t12,000\t11,500\nNet income\t101\t90\t1,900\t1,700\n';
    const r = release(['Net income was $101 million in the quarter.'], tables);
    const f = r.facts.find((x) => x.text === '$101 million')!;
    assert.strictEqual(f.tie?.tableValue.toString(), '101');
  });
});
