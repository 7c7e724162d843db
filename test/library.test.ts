import assert from 'assert';
import { readText } from '../src/read';
import { infer } from '../src/infer';
import { cardOf } from '../src/serve/card';
import { byCompany, type Entry } from '../src/serve/library';

// The team page's library: releases grouped by company, and the company model offered only for a
// group of one named company. Made-up releases, built through the same card the server stores.

const TABLE = '\n\n\tThree months ended September 30, 2023\tThree months ended September 30, 2024\nRevenue\t1,000\t1,234\nTotal revenue\t1,000\t1,234\n';

function entry(hash: string, text: string): Entry {
  const card = cardOf(infer(readText(text, `${hash}.txt`)));
  return { hash, name: `${hash}.txt`, file: `${hash}.txt`, stem: hash, size: text.length, added: '2026-12-07T00:00:00Z', status: 'done', stage: null, error: null, card, outputs: [], seq: 1 };
}

describe('the library of the team page', () => {
  const named = entry('a', `# Example Widgets Inc. Reports Third Quarter 2024 Results\n\nSPRINGFIELD, Nov. 12, 2024 -- Example Widgets Inc. (NASDAQ: EXWD; HKEX: 9999) today announced its results for the third quarter of 2024.${TABLE}`);
  const unnamedOne = entry('b', `# Third quarter 2024 results${TABLE}`);
  const unnamedTwo = entry('c', `# Quarterly results for the third quarter of 2024${TABLE}`);

  it('offers the company model for a named company, never for releases that name none', () => {
    assert.strictEqual(named.card!.named, true);
    assert.strictEqual(unnamedOne.card!.named, false);
    assert.strictEqual(unnamedOne.card!.company, 'Company not stated');
    const groups = byCompany([named, unnamedOne, unnamedTwo]);
    assert.deepStrictEqual(groups.map((g) => [g.company, g.built, g.releases.map((r) => r.hash).join('')]), [
      ['Example Widgets Inc.', true, 'a'],
      ['Company not stated', false, 'bc'],
    ]);
  });

  it('keeps each ticker on one line: it may wrap between tickers, never after the exchange', () => {
    assert.strictEqual(named.card!.tickers, 'NASDAQ:\u00a0EXWD \u00b7 HKEX:\u00a09999');
  });

  it('counts a card stored before it said whether the company is named as named', () => {
    const { named: _, ...stored } = named.card!;
    const old = { ...named, hash: 'd', card: stored } as unknown as Entry;
    assert.deepStrictEqual(byCompany([old]).map((g) => g.built), [true]);
  });
});
