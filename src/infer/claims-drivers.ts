import type { Claim, Release } from '../model/types';
import { findMentions } from './facts-mentions';
import { isMeasure } from './claims-highlights';
import { daysBetween } from './facts-tie';

// What moved the results, as the release names it: the one-off items of its non-GAAP
// reconciliation (impairments, restructuring, litigation, tax one-offs …) in the reported period,
// and the sentences that explain a change ("primarily due to …"), each with its amount.

const RECONCILIATION = /reconcil|non-?gaap|adjusted|non-?ifrs|underlying|special\s+items/i;
const ONE_OFF = /impairment|restructur|litigation|legal\s+(?:settlement|matter|charge)|settlement|severance|write-?(?:down|off)|(?:gain|loss)\s+on\s+(?:the\s+)?(?:sale|disposal|disposition|extinguishment|divestiture)|acquisition[-\s]related|transaction[-\s](?:related|costs)|integration|discrete\s+tax|tax\s+(?:reform|settlement|one-?time)|one-?time|special\s+charge|divestiture|pension\s+settlement|mark-?to-?market|unrealized\s+(?:gain|loss)/i;
const BECAUSE = /\b(?:primarily|mainly|largely|partially|partly|principally)?\s*(?:due\s+to|driven\s+by|as\s+a\s+result\s+of|because\s+of)\b/i;
// A measure's name: no verbs, periods or pronouns ("Q4 2024 revenues registered" is not one).
const NOT_A_MEASURE = /\b(?:was|were|is|are|registered|reached|to|we|our|it|its|by|than|more|less|Q[1-4]|QoQ|YoY|quarter|year|(?:19|20)\d{2})\b|[\u2019']s\b|^[^A-Za-z]/;
const QUOTE = /[\u201c"]/;

function reconciliationItems(release: Release): Claim[] {
  const out: Claim[] = [];
  const end = release.meta.periodEnd;
  if (!end) return out;
  const seen = new Set<string>();
  for (const st of release.statements) {
    for (const t of st.tables) {
      if (!RECONCILIATION.test(`${st.title} ${t.caption}`)) continue;
      // The reported period's column: ends at the period end, the shortest such span.
      const current = t.columns
        .filter((c) => !c.convenience && c.period?.end && !c.period.instant && daysBetween(c.period.end, end) <= 7)
        .sort((a, b) => (a.period?.months ?? 99) - (b.period?.months ?? 99))[0];
      if (!current) continue;
      for (const row of t.rows) {
        const fig = row.cells[current.index];
        if (!fig || fig.value === null || fig.value.isZero() || fig.kind !== 'amount' || !ONE_OFF.test(row.label)) continue;
        const key = row.label.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          id: '', kind: 'driver', subject: row.label.replace(/\s*\(\d\)\s*$/, ''), period: release.meta.fiscalPeriod,
          low: fig.value, high: fig.value, approximate: false, unit: 'amount', currency: fig.currency ?? current.currency, scale: fig.scale, decimals: fig.decimals,
          change: false, comparison: null, base: null, note: 'one-off in the non-GAAP reconciliation', sentence: -1, place: row.place,
        });
      }
    }
  }
  return out.sort((a, b) => b.low!.abs().times(10 ** b.scale).cmp(a.low!.abs().times(10 ** a.scale)));
}

function explainedChanges(release: Release): Claim[] {
  const out: Claim[] = [];
  const facts = release.facts;
  // Facts come in sentence order: each sentence is read once, however many figures it states.
  for (let i = 0; i < facts.length; ) {
    const si = facts[i].sentence;
    let j = i;
    while (j < facts.length && facts[j].sentence === si) j++;
    const group = facts.slice(i, j);
    i = j;
    const s = release.sentences?.[si];
    if (!s || QUOTE.test(s.text)) continue;
    const because = BECAUSE.exec(s.text);
    if (!because) continue;
    // The figure the reason explains stands before the reason, in the same clause.
    let from = 0;
    const f = group.find((x) => {
      const at = s.text.indexOf(x.text, from);
      if (at >= 0) from = at + x.text.length;
      return (x.role === 'current' || x.role === 'other') && at >= 0 && at < because.index && !/;/.test(s.text.slice(at, because.index));
    });
    if (!f) continue;
    // The reason runs to the end of its clause ("U.S." does not end it) or an aside it closes.
    let reason = s.text.slice(because.index + because[0].length).split(/;\s|(?<![A-Z])\.\s|,\s(?:partially|partly|offset)/)[0].trim().replace(/[.,;]+$/, '');
    const close = reason.indexOf(')');
    if (close >= 0 && !reason.slice(0, close).includes('(')) reason = reason.slice(0, close).trim();
    if (!reason || findMentions(reason, null).length > 3) continue;
    const named = f.subject.replace(/\s*\(change\)$/, '');
    const subject = named && named[0].toUpperCase() + named.slice(1);
    if (!subject || NOT_A_MEASURE.test(subject) || !isMeasure(subject) || subject.split(' ').length > 6) continue;
    out.push({
      id: '', kind: 'driver', subject, period: release.meta.fiscalPeriod,
      low: f.value, high: f.value, approximate: false, unit: f.kind, currency: f.currency, scale: f.scale, decimals: f.decimals,
      change: f.subject.endsWith('(change)'), comparison: null, base: null, note: `${because[0].trim()} ${reason.length > 140 ? `${reason.slice(0, 137)}…` : reason}`, sentence: si, place: f.place,
    });
    if (out.length >= 2) break;
  }
  return out;
}

/** Up to five drivers: the reconciliation's one-offs first, then the explained changes. */
export function drivers(release: Release, max = 5): Claim[] {
  const items = reconciliationItems(release).slice(0, 3);
  return [...items, ...explainedChanges(release).slice(0, 2)].slice(0, max);
}
