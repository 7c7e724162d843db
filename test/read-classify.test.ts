import assert from 'assert';
import path from 'path';
import { readFile } from '../src/read';
import { classifyByLabels, classifyTitle, isDigestTitle } from '../src/read/classify';
import { CORPUS, needCorpus } from './support/corpus';

// Titles as real releases print them; the kind decides which statements the tie rate counts.

describe('classifyTitle', () => {
  it('reads a free cash flow table as a non-GAAP measure, not as the statement of cash flows', () => {
    // Oracle Q4 FY14 prints "FREE CASH FLOW—TRAILING 4-QUARTERS (1)" after its cash-flow statement.
    assert.strictEqual(classifyTitle('FREE CASH FLOW—TRAILING 4-QUARTERS (1)'), 'non-gaap');
    assert.strictEqual(classifyTitle('Reconciliation of Free Cash Flow'), 'non-gaap');
  });

  it('still reads the statements of cash flows as cash flows', () => {
    assert.strictEqual(classifyTitle('CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS'), 'cash-flow');
    assert.strictEqual(classifyTitle('Consolidated Statements of Cash Flows (In millions)'), 'cash-flow');
  });

  it('takes a summary or highlights table for none of the statements, though its rows name revenue and net income', () => {
    // Slate Grocery REIT's "Summary of Q4 2024 Results": rental revenue, NOI, net income, leasing, FFO.
    const labels = ['Rental revenue', 'NOI 1 2', 'Net income 2', 'Total leasing (square feet) 2'];
    assert.strictEqual(classifyByLabels(labels), 'income');
    assert.strictEqual(isDigestTitle('Summary of Q4 2024 Results'), true);
    assert.strictEqual(isDigestTitle('FINANCIAL HIGHLIGHTS'), true);
    assert.strictEqual(isDigestTitle('CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS'), false);
  });

  it('reads Slate Grocery REIT\'s results summary as a table of its own kind, not as an income statement', async function () {
    needCorpus(this);
    const r = await readFile(path.join(CORPUS, 'slate_grocery_reit_q4_2024_morningstar.md'));
    const summary = r.statements.find((s) => s.title === 'Summary of Q4 2024 Results');
    assert.strictEqual(summary?.kind, 'other');
    // Its figures are read all the same: rental revenue 53,077 thousand in Q4 2024.
    assert.strictEqual(summary.tables[0].rows[0].cells[0]?.value?.toString(), '53077');
    assert.strictEqual(r.statements.filter((s) => s.kind === 'income').length, 0);
  });
});
