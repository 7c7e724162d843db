import assert from 'assert';
import { infer } from '../src/infer';
import { cellKey } from '../src/model/refs';
import { rowAt } from '../src/infer/grid';
import { tieSummary } from '../src/infer/summary';
import type { CellRef, Conversion, Footing, Link, Ratio, Release, RowRef } from '../src/model/types';
import { readFile } from '../src/read';

// The bundled sample, relation by relation: exact terms, signs, columns, sources and rounding.

let release: Release;

const label = (ref: RowRef) => rowAt(release, ref)!.label;

function footingOf(statement: string, rowLabel: string, table = 0): Footing {
  const f = release.relations.find((r): r is Footing => r.type === 'footing' && r.total.statement === statement && r.total.table === table && label(r.total) === rowLabel);
  assert.ok(f, `no footing for ${statement} ${rowLabel}`);
  return f;
}

const terms = (f: Footing) => f.terms.map((t) => `${t.sign > 0 ? '+' : '-'}${label(t.ref)}`);
const at = (ref: CellRef) => `${ref.statement}/${ref.table}/${label(ref)}/${ref.col}`;

describe('inference on the sample', () => {
  before(async function () {
    this.timeout(60_000);
    release = infer(await readFile('samples/qifu-q3-2024.txt'));
  });

  it('Total current assets is the sum of the ten rows above it, in every column', () => {
    const f = footingOf('balance-sheet', 'Total current assets');
    assert.deepStrictEqual(f.terms.map((t) => t.ref.row), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.ok(f.terms.every((t) => t.sign === 1));
    assert.deepStrictEqual(f.columns, [0, 1, 2]);
    assert.ok(f.residuals.every((r) => r.diff.isZero()));
  });

  it('Income from operations = Total net revenue − Total operating costs and expenses', () => {
    assert.deepStrictEqual(terms(footingOf('income', 'Income from operations')), ['+Total net revenue', '-Total operating costs and expenses']);
    assert.deepStrictEqual(footingOf('income', 'Income from operations').columns, [0, 1, 2, 3, 4, 5]);
  });

  it('Credit driven services heads its four lines, and Total net revenue sums the two headings', () => {
    assert.deepStrictEqual(footingOf('income', 'Credit driven services').terms.map((t) => t.ref.row), [1, 2, 3, 4]);
    assert.deepStrictEqual(terms(footingOf('income', 'Total net revenue')), ['+Credit driven services', '+Platform services']);
  });

  it('net income attributable adds the noncontrolling-interest loss of 4,065', () => {
    const f = footingOf('income', 'Net income attributable to ordinary shareholders of the Company');
    assert.deepStrictEqual(terms(f), ['+Net income', '+Net loss attributable to noncontrolling interests']);
    assert.strictEqual(rowAt(release, f.terms[1].ref)!.cells[1]!.text, '4,065');
  });

  it('TOTAL LIABILITIES AND EQUITY = TOTAL LIABILITIES + TOTAL EQUITY; TOTAL ASSETS = current + non-current', () => {
    assert.deepStrictEqual(terms(footingOf('balance-sheet', 'TOTAL LIABILITIES AND EQUITY')), ['+TOTAL LIABILITIES', '+TOTAL EQUITY']);
    assert.deepStrictEqual(terms(footingOf('balance-sheet', 'TOTAL ASSETS')), ['+Total current assets', '+Total non-current assets']);
    assert.deepStrictEqual(terms(footingOf('balance-sheet', 'TOTAL EQUITY')), ['+TOTAL QIFU TECHNOLOGY INC EQUITY', '+Noncontrolling interests']);
  });

  it('cash at the end of the period = net decrease + cash at the beginning, the decrease being the four flows', () => {
    assert.deepStrictEqual(terms(footingOf('cash-flow', 'Cash, cash equivalents, and restricted cash, end of period')), [
      '+Net decrease in cash and cash equivalents',
      '+Cash, cash equivalents, and restricted cash, beginning of period',
    ]);
    assert.strictEqual(footingOf('cash-flow', 'Net decrease in cash and cash equivalents').terms.length, 4);
  });

  it('the reconciliation adds share-based compensation to net income', () => {
    assert.deepStrictEqual(terms(footingOf('non-gaap', 'Non-GAAP net income')), ['+Net income', '+Add: Share-based compensation expenses']);
  });

  it('the USD total net revenue 622,744 is the sum of its converted items, not 4,370,158 / 7.0176', () => {
    const f = footingOf('income', 'Total net revenue');
    assert.ok(f.columns.includes(2));
    assert.strictEqual(rowAt(release, f.total)!.cells[2]!.text, '622,744');
  });

  it('converts USD cash 611,101 from RMB 4,288,460 at 7.0176', () => {
    const c = release.relations.find((r): r is Conversion => r.type === 'conversion' && r.target.statement === 'balance-sheet' && r.target.row === 2 && r.target.col === 2);
    assert.ok(c);
    assert.deepStrictEqual(c.source, { statement: 'balance-sheet', table: 0, row: 2, col: 1 });
    assert.strictEqual(c.decimals, 0);
    assert.strictEqual(c.diff.toString(), '0');
  });

  it('GAAP net income margin, 3M 2024, is 1,798,797 / 4,370,158 rounded to 41.2%', () => {
    const r = release.relations.find((x): x is Ratio => x.type === 'ratio' && x.target.statement === 'non-gaap' && x.target.table === 0 && label(x.target) === 'GAAP net income margin' && x.target.col === 1);
    assert.ok(r);
    assert.strictEqual(at(r.numerator), 'non-gaap/0/Net income/1');
    assert.strictEqual(at(r.denominator), 'income/0/Total net revenue/1');
    assert.strictEqual(r.decimals, 3);
    assert.strictEqual(r.diff.toString(), '0');
    // Every one of the 16 printed margins is a ratio.
    assert.strictEqual(release.relations.filter((x) => x.type === 'ratio').length, 16);
  });

  it('links restated figures to the income statement, and USD share counts to their own row', () => {
    const links = release.relations.filter((r): r is Link => r.type === 'link');
    const of = (target: string) => links.filter((l) => at(l.target) === target).map((l) => at(l.source));
    assert.deepStrictEqual(of('comprehensive-income/0/Net income/1'), ['income/0/Net income/1']);
    assert.deepStrictEqual(of('non-gaap/0/Income from operations/0'), ['income/0/Income from operations/0']);
    assert.deepStrictEqual(of('non-gaap/1/Net income attributable to shareholders of Qifu Technology, Inc./1'), ['income/0/Net income attributable to ordinary shareholders of the Company/4']);
    assert.deepStrictEqual(of('non-gaap/0/Net income per ADS attributable to ordinary shareholders of Qifu Technology, Inc. - diluted/1').length, 1);
    assert.deepStrictEqual(of('non-gaap/0/Weighted average ADS used in calculating net income per ordinary share for both GAAP and non-GAAP EPS - diluted/2'), ['non-gaap/0/Weighted average ADS used in calculating net income per ordinary share for both GAAP and non-GAAP EPS - diluted/1']);
    assert.ok(links.every((l) => l.diff.isZero()));
  });

  it('ties all 114 claimed subtotal and total figures; the parent-equity line, whose lines the release does not print, claims none', () => {
    const s = tieSummary(release);
    assert.deepStrictEqual([s.totalsTied, s.totalsFound], [114, 114]);
    assert.deepStrictEqual(release.untied, []);
    const unclaimed = release.statements.flatMap((st) => st.tables.flatMap((t) => t.rows.filter((r) => r.claimed === false).map((r) => `${r.label} (${r.emphasis})`)));
    assert.deepStrictEqual(unclaimed, ['TOTAL QIFU TECHNOLOGY INC EQUITY (total)']);
  });

  it('defines 160 of the 161 USD figures, each within one printed unit', () => {
    const byCell = new Map<string, { diff: number }>();
    for (const r of release.relations) {
      if (r.type === 'footing') for (const c of r.columns) byCell.set(cellKey(r.total, c), { diff: r.residuals.find((x) => x.col === c)!.diff.abs().toNumber() });
      else byCell.set(cellKey(r.target, r.target.col), { diff: r.diff.abs().toNumber() });
    }
    let usd = 0;
    let defined = 0;
    for (const st of release.statements) st.tables.forEach((t, ti) => t.rows.forEach((row, ri) => row.cells.forEach((c, ci) => {
      if (!c || c.value === null || !t.columns[ci].convenience) return;
      usd++;
      const d = byCell.get(cellKey({ statement: st.id, table: ti, row: ri }, ci));
      if (!d) return;
      defined++;
      assert.ok(d.diff <= 10 ** -c.decimals, `${st.id}/${ri}/${ci} off by ${d.diff}`);
    })));
    assert.deepStrictEqual([defined, usd], [160, 161]);
  });
});
