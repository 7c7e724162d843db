import assert from 'assert';
import path from 'path';
import { cellOf } from '../src/infer/gate';
import { infer } from '../src/infer';
import type { Release } from '../src/model/types';
import { readFile } from '../src/read';
import { CORPUS, needCorpus } from './support/corpus';

// The headline figures of every readable corpus release and of the sample, as each source document
// prints them (read off the document, the line or row noted): the top line, operating income where
// reported, net income attributable to the company, diluted EPS and the adjusted figure the release
// leads with — the current figure and the one a year earlier, of the quarter the release reports.
// Values are as printed, in the release's own unit. `absent` names the roles the release has but the
// briefing does not yet show: it must show nothing there rather than a wrong figure.

type Pin = [role: string, now: string, prior: string | null];

interface Case {
  file: string;
  pins: Pin[];
  absent?: string[];
  /** Tiles of the longer span only (the quarter's columns lack the line): the year's figures. */
  year?: Pin[];
  /** The currency a tile's figure is printed in where it is not the release's. */
  currency?: [role: string, code: string][];
}

const CASES: Case[] = [
  // Sample lines 321, 331, 340, 403, 411, 412.
  { file: 'samples/qifu-q3-2024.txt', pins: [['revenue', '4370158', '4281026'], ['operating', '2289154', '1388873'], ['net', '1802862', '1142047'], ['adjusted-net', '1825136', '1180979'], ['eps', '12.18', '6.94'], ['adjusted-eps', '12.35', '7.20']] },
  // Three months ended April 28, 2024 vs April 30, 2023 (lines 207, 215, 220, 223); the non-GAAP EPS
  // reconciliation (lines 370–378) starts from GAAP $2.06 under its heading and ends at non-GAAP $2.09 vs $2.00.
  { file: 'amat_q2fy24_ex99-1_docling.md', pins: [['revenue', '6646', '6630'], ['operating', '1912', '1911'], ['net', '1722', '1575'], ['adjusted-net', '1744', '1692'], ['eps', '2.06', '1.86'], ['adjusted-eps', '2.09', '2.00']] },
  // Statements of operations, three months ended September 30.
  // Segment Information: AWS earns the most operating income (10,447 vs North America 5,663); its net sales 27,452 vs 23,059.
  { file: 'amazon_q3_2024_release.md', pins: [['revenue', '158877', '143083'], ['operating', '17411', '11188'], ['net', '15328', '9879'], ['eps', '1.43', '0.94'], ['segment', '27452', '23059']] },
  { file: 'apple_q1fy11_8k_ex99-1.htm', pins: [['revenue', '26741', '15683'], ['operating', '7827', '4725'], ['net', '6004', '3378'], ['eps', '6.43', '3.67']] },
  // The non-GAAP statement (net income 67, EPS 0.17) has no prior-year column.
  { file: 'apple_q3fy04_8k_ex99-1.htm', pins: [['revenue', '2014', '1545'], ['operating', '72', '9'], ['net', '61', '19'], ['eps', '0.16', '0.05']], absent: ['adjusted-net', 'adjusted-eps'] },
  { file: 'ascendis_pharma_q4_2024_globenewswire.md', pins: [['revenue', '173916', '137703'], ['operating', '383', '-36610'], ['net', '-38469', '-86878'], ['eps', '-0.64', '-1.54']] },
  // Diluted EPS NT$2.07 vs NT$2.13 (line 347: "-- Diluted NT$2.07 NT$2.18 NT$2.13 NT$7.23 NT$7.18") under a heading
  // wrapped over two lines ("Earnings per" / "share"); the US$ per-ADS line below it is a translation.
  { file: 'ase_technology_q4_2024_djn.md', pins: [['revenue', '162264', '160581'], ['operating', '11211', '11815'], ['net', '9312', '9392'], ['eps', '2.07', '2.13']], currency: [['eps', 'TWD']] },
  // Distributable earnings before realizations $1,498m vs $1,209m (line 48), the release's lead measure.
  // Its per-share line right under it (line 49: "– Per Brookfield share2,3 0.94 0.76").
  { file: 'brookfield_corp_q4_2024_globenewswire.md', pins: [['revenue', '19426', '24518'], ['distributable', '1498', '1209'], ['distributable-per-share', '0.94', '0.76'], ['net', '432', '699'], ['eps', '0.25', '0.42']] },
  { file: 'buckle_8k_ex99-1.html', pins: [['revenue', '293618', '303457'], ['operating', '54483', '64065'], ['net', '44172', '51762'], ['eps', '0.88', '1.04']] },
  // "Profit" is net income; Adjusted Profit Per Share $2.88 vs $2.87 sits in a table headed by years alone.
  { file: 'caterpillar_q1_2022_8k_ex99-1.htm', pins: [['revenue', '13589', '11887'], ['operating', '1855', '1814'], ['net', '1537', '1530'], ['eps', '2.86', '2.77']] },
  // A mortgage REIT whose statements are of full years: the quarter leads from the earnings-available-
  // for-distribution table (lines 183, 196, 198, 199: Q4 2024 vs Q4 2023); net interest income (line 103)
  // is reported for the years only and follows, captioned with its year.
  { file: 'chimera_investment_q4_2024_morningstar.md', pins: [['net', '-168275', '12104'], ['adjusted-net', '30448', '30735'], ['eps', '-2.04', '0.16'], ['adjusted-eps', '0.37', '0.40']], year: [['nii', '264676', '263363']] },
  // Diluted EPS NT$2.07 vs NT$2.13 (line 232); per ADS the table prints US$ (line 236: US$0.129 vs US$0.133), a
  // translation in a release reported in NT$: the per-share figure in the statements' currency leads.
  { file: 'ase_technology_q4_2024_morningstar.md', pins: [['revenue', '162264', '160581'], ['operating', '11211', '11815'], ['net', '9312', '9392'], ['eps', '2.07', '2.13']], currency: [['eps', 'TWD']] },
  // A Canadian REIT with no income statement: FINANCIAL HIGHLIGHTS (lines 113–150), three months ended
  // December 31, 2024 vs 2023, amounts in C$ millions as the row labels say; NAV per unit at the year ends.
  // Summary of Q4 2024 Results (lines 53–83): rental revenue, NOI, FFO and AFFO per WA unit, net income of the
  // three months, in US$ thousands; occupancy at December 31, 2024 vs 2023.
  { file: 'slate_grocery_reit_q4_2024_morningstar.md', pins: [['revenue', '53077', '51539'], ['noi', '41462', '40139'], ['ffo', '0.25', '0.27'], ['affo', '0.20', '0.22'], ['net', '15731', '5177'], ['occupancy', '94.8', '94.7']] },
  { file: 'hr_reit_q4_2024_djn.md', pins: [['revenue', '202.4', '205.9'], ['noi', '141.1', '147.4'], ['net', '130.9', '-11.3'], ['ffo', '0.298', '0.299'], ['affo', '0.220', '0.245'], ['nav', '20.92', '20.75']], currency: [['revenue', 'CAD'], ['ffo', 'CAD']] },
  // Adjusted net income $133,273 vs $135,965 is refused: its table is read in another unit than the statement.
  // Adjusted net income $133,273 vs $135,965 (thousands): "amounted to $133.3 million … compared to $136.0 million".
  // Adjusted EBITDA $189,727 vs $172,609 (line 60, the reconciliation's bottom line; line 622).
  { file: 'danaos_q4_2024_morningstar.md', pins: [['revenue', '258179', '249315'], ['operating', '128788', '131969'], ['adjusted-ebitda', '189727', '172609'], ['net', '90427', '149921'], ['adjusted-net', '133273', '135965'], ['eps', '4.70', '7.70'], ['adjusted-eps', '6.93', '6.99']] },
  { file: 'farmers_merchants_bancshares_fy2024_globenewswire.md', pins: [['nii', '5443617', '5301126'], ['net', '856080', '1415230'], ['eps', '0.27', '0.46']] },
  // Revenues: third parties 237,182 + related parties 41 = 237,223, printed on an unlabelled line.
  { file: 'himax_q4_2024_globenewswire.md', pins: [['revenue', '237223', '227678'], ['operating', '23079', '16681'], ['net', '24608', '23565'], ['eps', '0.140', '0.135']] },
  // Adjusted EPS $0.82 vs $0.93 (line 580) is printed on a row labelled "Adjusted net earnings" in a table whose
  // columns are each headed "Per Share"; Adjusted EBITDA $43.5 vs $32.5 (line 134).
  { file: 'kelly_services_q4_2024_globenewswire.md', pins: [['revenue', '1191.1', '1232.2'], ['operating', '-56.7', '7.3'], ['adjusted-ebitda', '43.5', '32.5'], ['net', '-31.8', '11.4'], ['adjusted-net', '29.1', '34.1'], ['eps', '-0.90', '0.31'], ['adjusted-eps', '0.82', '0.93']] },
  { file: 'nvidia_q3fy25_newsroom.html', pins: [['revenue', '35082', '18120'], ['operating', '21869', '10417'], ['net', '19309', '9243'], ['adjusted-net', '20010', '10020'], ['eps', '0.78', '0.37'], ['adjusted-eps', '0.81', '0.40']] },
  // The fourth quarter leads; non-GAAP net income $4,185 vs $4,114 and EPS $0.92 vs $0.87 are the
  // "Non-GAAP" columns of the reconciliation table, beside the GAAP and "Adj." columns.
  { file: 'oracle_q4fy14_8k_ex99-1.htm', pins: [['revenue', '11320', '10947'], ['operating', '4909', '5000'], ['net', '3646', '3807'], ['adjusted-net', '4185', '4114'], ['eps', '0.80', '0.80'], ['adjusted-eps', '0.92', '0.87']] },
  // Adjusted net income $41,292 vs $27,996 (line 179).
  { file: 'palomar_q4_2024_globenewswire.md', pins: [['revenue', '144890', '93748'], ['premiums', '373723', '303152'], ['combined-ratio', '75.9', '74.2'], ['net', '34965', '25894'], ['adjusted-net', '41292', '27996'], ['eps', '1.29', '1.02'], ['adjusted-eps', '1.52', '1.11']] },
  { file: 'sears_q2_2004_8k_ex99.txt', pins: [['revenue', '8781', '10196'], ['operating', '53', '489'], ['net', '53', '309'], ['eps', '0.24', '1.04']] },
  // Analysis of Consolidated Earnings: net income as reported and excluding one-time items. EPS is basic only
  // ("Diluted earnings per share are not more than 1 cent … not material"): EX-99.02 Financial Highlights,
  // "Basic Earnings Per Share": As Reported $0.27 vs $0.17, Excluding One-Time Items $0.24 vs $0.22.
  { file: 'southern_co_q4_2004_8k_full_submission.txt', pins: [['revenue', '2721', '2520'], ['operating', '396', '341'], ['net', '204', '125'], ['adjusted-net', '180', '162'], ['eps', '0.27', '0.17'], ['adjusted-eps', '0.24', '0.22']] },
  // Adjusted EBITDA 120,526 vs 151,231 (line 77, thousands of C$).
  { file: 'precision_drilling_q4_2024_globenewswire.md', pins: [['revenue', '468171', '506871'], ['adjusted-ebitda', '120526', '151231']] },
  // Adjusted EBITDA $185,916 vs $1,072,147 (lines 83–87, dollars).
  { file: 'forian_q3_2024_newmediawire.md', pins: [['adjusted-ebitda', '185916', '1072147']] },
  // A year's release (Key figures, lines 60–75, columns 2023 then 2024): recurrent net income (Group share)
  // 474.4 vs 444.2, per share 6.42 vs 6.01 ("ps, EUR"); EPRA NTA in EUR per share 142.8 vs 143.6.
  { file: 'gecina_fy2024_djn.md', pins: [['revenue', '694.5', '666.8'], ['net', '309.8', '-1787.2'], ['adjusted-net', '474.4', '444.2'], ['adjusted-eps', '6.42', '6.01'], ['nav', '142.8', '143.6']] },
];

function load(file: string): Promise<Release> {
  return readFile(file.startsWith('samples/') ? file : path.join(CORPUS, file)).then(infer);
}

describe('headline figures of the corpus and the sample, as the sources print them', function () {
  this.timeout(120_000);
  for (const c of CASES) {
    it(c.file, async function () {
      if (!c.file.startsWith('samples/')) needCorpus(this);
      const r = await load(c.file);
      const shown = (r.headline?.figures ?? []).map((f) => {
        const now = cellOf(r, f, 0, 'now');
        const prior = cellOf(r, f, 0, 'prior');
        return [f.role, now?.value?.toString() ?? null, prior?.value?.toString() ?? null];
      });
      for (const [role, now, prior] of c.pins) {
        const got = shown.find((s) => s[0] === role);
        assert.ok(got, `${role} is not shown (shown: ${shown.map((s) => s[0]).join(', ')})`);
        const norm = (v: string | null) => (v === null ? null : String(Number(v)));
        assert.deepStrictEqual([got[1], got[2]].map(norm), [norm(now), norm(prior)], `${role}`);
      }
      for (const role of c.absent ?? []) assert.ok(!shown.some((s) => s[0] === role), `${role} is shown but not of the source`);
      for (const [role, now, prior] of c.year ?? []) {
        const f = r.headline?.figures.find((x) => x.role === role);
        assert.ok(f && !f.cols[0] && f.cols[1]?.span === 12, `${role}: a tile of the year only`);
        assert.deepStrictEqual([cellOf(r, f, 1, 'now'), cellOf(r, f, 1, 'prior')].map((x) => x?.value?.toString() ?? null), [now, prior], role);
        assert.match(f.caption, /^FY\d{4} /);
      }
      for (const [role, code] of c.currency ?? []) {
        const f = r.headline?.figures.find((x) => x.role === role);
        assert.strictEqual(f && cellOf(r, f, 0, 'now')?.currency, code, `${role} currency`);
      }
    });
  }
});
