import assert from 'assert';
import { classifyTitle } from '../src/read/classify';

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
});
