import assert from 'assert';
import path from 'path';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile, readText } from '../src/read';
import { briefingView } from '../src/render/view';
import { amidPerShare } from '../src/render/view-footing';
import { CORPUS, needCorpus } from './support/corpus';

const build = (text: string): Release => infer(readText(text, 'made.txt'));
const load = (file: string): Promise<Release> => readFile(path.join(CORPUS, file)).then(infer);
const tile = (r: Release, caption: RegExp) => briefingView(r).tiles.find((t) => caption.test(t.caption));

describe('the briefing page: printed changes, captions and lines as the release prints them', function () {
  this.timeout(120_000);

  it('shows the change a key-figures table prints (with "na" and "+1.0pts" in its column) for the same figure everywhere', () => {
    const text = [
      '## Quaimont Foncière: 2024 Annual Results', '',
      'PARIS, February 13, 2025 -- Quaimont Foncière SA today reported its results for the year ended December 31, 2024.', '',
      '**Key figures**  ', '(In millions of euros)', '',
      '\t2023\t2024\tChange',
      'Gross rents\t666.8\t694.5\t+4.1%',
      'Consolidated net income (Group share)\t(1,787.2)\t309.8\tna',
      'Recurrent net income (Group share)\t444.2\t474.4\t+6.8%',
      'Recurrent net income per share (EUR)\t6.01\t6.42\t+6.7%',
      'LTV\t34.4%\t35.4%\t+1.0pts',
      'EPRA NTA per share (EUR)\t143.6\t142.8\t-0.5%', '',
      '**Condensed income statement**  ', '(In millions of euros)', '',
      '\tYear ended Dec 31, 2024\tYear ended Dec 31, 2023',
      'Gross rental income\t694.5\t666.8',
      'Net rental income\t638.7\t609.5',
      'EBITDA\t565.7\t535.0',
      'Recurrent net income (Group share)\t474.4\t444.2',
      'Recurrent net income per share (Group share)\t6.42\t6.01',
      'Consolidated net income (Group share)\t309.8\t(1,787.2)', '',
      '**EPRA net asset value**  ', '(In euros per share)', '',
      '\tDec 31, 2024\tDec 31, 2023',
      'EPRA NTA per share\t142.8\t143.6', '',
    ].join('\n');
    const r = build(text);
    // Recomputed: 6.42 ÷ 6.01 is +6.8%, 142.8 ÷ 143.6 −0.6%, 694.5 ÷ 666.8 +4.2%; the release prints +6.7%, −0.5%, +4.1%.
    assert.strictEqual(tile(r, /EPS/)?.change?.text, '+6.7%', briefingView(r).tiles.map((t) => `${t.caption} ${t.change?.text}`).join(' | '));
    assert.strictEqual(tile(r, /NTA/)?.change?.text, '\u22120.5%', briefingView(r).tiles.map((t) => `${t.caption} ${t.change?.text}`).join(' | '));
    assert.strictEqual(tile(r, /rent/i)?.change?.text, '+4.1%');
    const rents = briefingView(r).income?.lines.find((l) => /^Gross rental income/.test(l.label));
    assert.strictEqual(rents?.cells.at(-1)?.text, '+4.1%');
  });

  it('keeps an alternative joined by a slash in a tile caption: "Net profit/(loss) for the period"', () => {
    const text = [
      '## Nordhavn Bio A/S Reports Fourth Quarter 2024 Results', '',
      'COPENHAGEN, February 12, 2025 -- Nordhavn Bio A/S today reported its results for the quarter ended December 31, 2024.', '',
      '**Consolidated Statement of Profit or Loss**  ', '(In EUR thousands)', '',
      '\tThree months ended Dec 31, 2024\tThree months ended Dec 31, 2023',
      'Revenue\t173,912\t137,700',
      'Cost of sales\t(14,000)\t(19,500)',
      'Operating profit/(loss)\t400\t(36,600)',
      'Net profit/(loss) for the period\t(38,500)\t(86,900)', '',
    ].join('\n');
    const captions = briefingView(build(text)).tiles.map((t) => t.caption);
    assert.ok(captions.includes('Net profit/(loss) for the period'), captions.join(' | '));
    assert.ok(!captions.some((c) => /\/(?!\()/.test(c)), captions.join(' | '));
  });

  it('never shows a per-share line between two per-share lines as an amount line of the statement', () => {
    const text = [
      '## Halvard Stores Reports Second Quarter 2024 Results', '',
      'CHICAGO, July 22, 2024 -- Halvard Stores Co. today reported results for the quarter ended July 3, 2024.', '',
      '**Condensed statements of income**  ', '(In millions, except per share data)', '',
      '\tQ2 2024\tQ2 2023',
      'Revenues\t8,781\t10,196',
      'Costs and expenses\t8,728\t9,707',
      'Income before cumulative effect of change in accounting principle\t53\t489',
      'Cumulative effect of change in accounting principle\t(839)\t-',
      'NET INCOME/(LOSS)\t(786)\t489',
      'Earnings per share', 
      'Earnings per share before cumulative effect of change in accounting principle\t$ 0.15\t$ 1.63',
      'Cumulative effect of change in accounting principle\t$ (3.86)\t$ -',
      'Diluted earnings/(loss) per share\t$ (3.71)\t$ 1.63', '',
    ].join('\n');
    const lines = briefingView(build(text)).income?.lines ?? [];
    assert.ok(!lines.some((l) => l.cells.some((c) => /3\.86/.test(c.text))), lines.map((l) => l.label).join(' | '));
    // The line read as an amount between earnings per share before the effect and after it is per-share.
    const row = (label: string, kind: string, emphasis = 'item') => ({ label, kind, emphasis, cells: [] }) as unknown as Release['statements'][number]['tables'][number]['rows'][number];
    const rows = [row('Net income', 'amount'), row('Basic', 'amount', 'header'), row('EPS before effect', 'per-share'), row('Cumulative effect', 'amount'), row('EPS', 'per-share'), row('Shares', 'shares')];
    assert.deepStrictEqual(rows.map((_, i) => amidPerShare(rows, i)), [false, false, false, true, false, false]);
  });

  // Gecina: the key figures (lines 55–80) print recurrent net income per share 6.01 → 6.42 "+6.7%",
  // EPRA NTA in EUR per share 143.6 → 142.8 "-0.5%", gross rents 666.8 → 694.5 "+4.1%".
  it('gecina_fy2024_djn.md: the tiles and tables print the release\'s changes', async function () {
    needCorpus(this);
    const v = briefingView(await load('gecina_fy2024_djn.md'));
    const tiles = Object.fromEntries(v.tiles.map((t) => [t.caption, t.change?.text]));
    assert.strictEqual(tiles['Recurrent EPS'], '+6.7%');
    assert.strictEqual(tiles['EPRA NTA per share'], '\u22120.5%');
    const rows = [...(v.income?.lines ?? []), ...[...v.extrasLeft, ...v.extrasRight].flatMap((e) => e.table.lines)];
    assert.ok(rows.some((x) => /^Gross rent/.test(x.label)));
    for (const l of rows.filter((x) => /^Gross rent/.test(x.label))) assert.strictEqual(l.cells.at(-1)?.text, '+4.1%', l.label);
  });

  // Ascendis: "Net profit/(loss) for the period" (the statement of profit or loss).
  it('ascendis_pharma_q4_2024_globenewswire.md: the net tile reads "Net profit/(loss) for the period"', async function () {
    needCorpus(this);
    const v = briefingView(await load('ascendis_pharma_q4_2024_globenewswire.md'));
    assert.ok(v.tiles.some((t) => t.caption === 'Net profit/(loss) for the period'), v.tiles.map((t) => t.caption).join(' | '));
  });

  // Sears: the cumulative effect of the accounting change is $(839) million and $(3.86) per share,
  // basic and diluted (26 weeks, EPS section); the page's statement in millions shows (839) only.
  it('sears_q2_2004_8k_ex99.txt: no per-share (3.86) in the statement in millions', async function () {
    needCorpus(this);
    const lines = briefingView(await load('sears_q2_2004_8k_ex99.txt')).income?.lines ?? [];
    const effect = lines.filter((l) => /^Cumulative effect/.test(l.label));
    assert.deepStrictEqual(effect.map((l) => l.cells.some((c) => c.text === '(839)')), [true]);
    assert.ok(!lines.some((l) => l.cells.some((c) => c.text.includes('3.86'))));
  });

  // Palomar: income before income taxes 33,458 → 44,962 and income tax expense 7,564 → 9,997 (Q4),
  // printed once each in the statement of income.
  it('palomar_q4_2024_globenewswire.md: each line of the income statement once', async function () {
    needCorpus(this);
    const labels = (briefingView(await load('palomar_q4_2024_globenewswire.md')).income?.lines ?? []).map((l) => l.label);
    assert.deepStrictEqual(labels.filter((l) => /^Income (before income taxes|tax expense)/.test(l)), ['Income before income taxes', 'Income tax expense']);
    assert.strictEqual(new Set(labels).size, labels.length, labels.join(' | '));
  });
});
