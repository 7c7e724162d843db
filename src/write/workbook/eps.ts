import { oneSpaced, WORDS } from '../../infer/locate';
import type { Release, Row, RowRef, Table } from '../../model/types';

// Earnings per share against net income ÷ weighted average shares, found in one table of an
// income statement: the net income line (attributable or available to common holders where printed),
// each per-share line of basic or diluted earnings, and the weighted average share count of the
// same basis. General reporting vocabulary only; a per-ADS figure is compared with an ADS count,
// never with ordinary shares (the ratio between them is not a figure of the table). Per-share
// lines of a part of net income (continuing operations), of a non-GAAP measure, or of dividends
// are not net income per share and get no check.

export interface EpsCheck {
  eps: RowRef;
  income: RowRef;
  shares: RowRef;
  /** Columns all three rows report, the shares nonzero. */
  columns: number[];
}

/** Net income attributable to the company's common or ordinary holders, not to minority interests. */
const ATTRIBUTABLE = /^(?:net\s+)?(?:income|earnings|profit|loss|\(loss\))[^]*\b(?:attributable|available|applicable) to\b(?![^]*non-?\s?controlling|[^]*minority)/i;
const NOT_NET_EPS = /continuing|discontinued|adjusted|non-?gaap|dividend|distribution|book value|cash flow|pro forma/i;
const WEIGHTED = /weighted|shares\s+(?:used|outstanding)/i;

type Basis = 'basic' | 'diluted' | 'both';

function basisOf(text: string): Basis | null {
  const b = /\bbasic\b/i.test(text);
  const d = WORDS.diluted.test(text);
  return b && d ? 'both' : b ? 'basic' : d ? 'diluted' : null;
}

/** The row's label with the heading it sits under, where only rows of its kind lie between. */
function context(t: Table, i: number): string {
  const row = t.rows[i];
  for (let j = i - 1; j >= 0; j--) {
    const r = t.rows[j];
    if (r.emphasis === 'header') return `${oneSpaced(r.label)} ${oneSpaced(row.label)}`;
    if (r.kind !== row.kind) break;
  }
  return oneSpaced(row.label);
}

const hasValue = (row: Row, c: number) => row.cells[c]?.value != null;

export function findEpsChecks(release: Release): EpsCheck[] {
  const out: EpsCheck[] = [];
  for (const st of release.statements) {
    if (st.kind !== 'income') continue;
    st.tables.forEach((t, ti) => {
      const labels = t.rows.map((r) => oneSpaced(r.label));
      const amounts = t.rows.map((r, i) => (r.kind === 'amount' && r.emphasis !== 'header' ? i : -1)).filter((i) => i >= 0);
      const income = amounts.find((i) => ATTRIBUTABLE.test(labels[i])) ?? amounts.find((i) => WORDS.net.test(labels[i]));
      if (income === undefined) return;
      const shares = t.rows
        .map((r, i) => ({ i, text: context(t, i) }))
        .filter(({ i, text }) => i !== income && t.rows[i].emphasis !== 'header' && (t.rows[i].kind === 'shares' || WEIGHTED.test(labels[i])) && WEIGHTED.test(text))
        .map((s) => ({ ...s, basis: basisOf(s.text), ads: WORDS.perAds.test(s.text) }));
      t.rows.forEach((row, i) => {
        if (row.kind !== 'per-share' || row.emphasis === 'header') return;
        const text = context(t, i);
        if (NOT_NET_EPS.test(text)) return;
        const basis = basisOf(text);
        if (!basis) return;
        const ads = WORDS.perAds.test(text);
        const mates = shares.filter((s) => s.ads === ads && s.basis && (s.basis === basis || s.basis === 'both' || basis === 'both'));
        // The same basis first; a count for both bases serves either.
        const mate = mates.find((s) => s.basis === basis) ?? mates.find((s) => s.basis === 'both') ?? mates.find((s) => s.basis === 'basic') ?? mates[0];
        if (!mate) return;
        const columns = row.cells
          .map((_, c) => (hasValue(row, c) && hasValue(t.rows[income], c) && hasValue(t.rows[mate.i], c) && !t.rows[mate.i].cells[c]!.value!.isZero() ? c : -1))
          .filter((c) => c >= 0);
        if (!columns.length) return;
        out.push({ eps: { statement: st.id, table: ti, row: i }, income: { statement: st.id, table: ti, row: income }, shares: { statement: st.id, table: ti, row: mate.i }, columns });
      });
    });
  }
  return out;
}
