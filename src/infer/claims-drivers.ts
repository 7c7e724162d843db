import { Decimal } from '../model/decimal';
import type { Claim, Column, ProseFact, Release } from '../model/types';
import { findMentions } from './facts-mentions';
import { sentencesOf } from './facts';
import { isMeasure } from './claims-highlights';
import { daysBetween, yearBefore } from './facts-tie';
import { periodIn, reportedMonths, reportedOrdinal } from './claims-period';

// What moved the results, as the release names it: the adjustments of its non-GAAP reconciliation
// (impairments, restructuring, litigation, gains on sales …) in the reported period, and the
// sentences about the reported period that explain a change ("primarily due to …"), each with its
// amount. An adjustment is called one-off only where the release's own words say so: most recur.

const RECONCILIATION = /reconcil|non-?gaap|adjusted|non-?ifrs|underlying|special\s+items/i;
const ONE_OFF = /impairment|restructur|litigation|legal\s+(?:settlement|matter|charge)|settlement|severance|write-?(?:down|off)|(?:gain|loss)\s+on\s+(?:the\s+)?(?:sale|disposal|disposition|extinguishment|divestiture)|acquisition[-\s]related|transaction[-\s](?:related|costs)|integration|discrete\s+tax|tax\s+(?:reform|settlement|one-?time)|one-?time|special\s+charge|divestiture|pension\s+settlement/i;
// Fair-value swings ("unrealized gains", "mark-to-market") recur each period: how a measure is defined, not a one-off.
// An adjustment under this share of its column's largest figure is a minor reconciling line.
const MINOR = new Decimal('0.03');
const BECAUSE = /\b(?:primarily|mainly|largely|partially|partly|principally)?\s*(?:due\s+to|driven\s+by|as\s+a\s+result\s+of|because\s+of)\b/i;
// A measure's name: no verbs, periods or pronouns ("Q4 2024 revenues registered" is not one).
const NOT_A_MEASURE = /\b(?:was|were|is|are|registered|reached|to|we|our|it|its|by|than|more|less|Q[1-4]|QoQ|YoY|quarter|year|(?:19|20)\d{2})\b|[\u2019']s\b|^[^A-Za-z]/;
const QUOTE = /[\u201c"]/;
// The release's own words for an item that does not recur.
const SAID_ONE_OFF = /one-?time|non-?recurring|special/i;
// The measure a reconciliation reaches: "… to Adjusted EBITDA", "… to non-GAAP net income".
const REACHES = /\bto\s+((?:adjusted|non-?gaap|non-?ifrs|underlying)\s+(?:net\s+|operating\s+)?(?:EBITDA|EBIT|income|earnings|profit|loss|EPS)\b)/i;
// A figure stated as a change, not a level: "increased by $160,947", "a $5.5 million decrease".
const CHANGE_BEFORE = /\b(?:(increased|rose|grew|climbed|improved)|(decreased|fell|declined|dropped))\s+(?:by\s+)?(?:approximately\s+|about\s+)?$|\b(?:an?\s+)?(?:(increase|incremental)|(decrease|reduction))\s+(?:of\s+)?$/i;
const CHANGE_AFTER = /^\s*(?:(increase|higher|more)|(decrease|lower|less))\b/i;
// The notes under a reconciliation table are no results paragraph.
const TABLE_NOTES = /reconcil|unaudited|footnote/i;
// Between a figure and its reason, a further predicate or a comparison with expectations: the
// reason belongs to that ("which was slightly below our expectation due to …").
const OTHER_PREDICATE = /\b(?:which|that|who)\b|\b(?:was|were|is|are|been|remained)\b|\bexpect\w*|\bguidance\b|\bforecast\w*|\bplan(?:ned)?\b|\btarget\w*|\bestimate\w*/i;

/** The direction of a figure stated as a change: +1 up, −1 down, 0 when it is stated as a level. */
function changeDirection(text: string, at: number, figure: string): number {
  const before = CHANGE_BEFORE.exec(text.slice(Math.max(0, at - 40), at));
  if (before) return before[2] || before[4] ? -1 : 1;
  const after = CHANGE_AFTER.exec(text.slice(at + figure.length).replace(/^\s*(?:thousand|million|billion)\b/i, ''));
  if (after) return after[2] ? -1 : 1;
  return 0;
}

/** What a reconciliation row does: its sign is the adjustment's direction, not the item's. */
function adjustmentNote(label: string, negative: boolean, heading: string): string {
  const reaches = REACHES.exec(heading)?.[1];
  const how = negative ? 'deducted' : 'added back';
  const where = reaches ? `in reaching ${reaches}` : 'in the non-GAAP reconciliation';
  return `${SAID_ONE_OFF.test(label) ? 'one-off item, ' : ''}${how} ${where}`;
}

function reconciliationItems(release: Release): Claim[] {
  const out: Claim[] = [];
  const end = release.meta.periodEnd;
  if (!end) return out;
  const months = reportedMonths(release.meta);
  const seen = new Set<string>();
  for (const st of release.statements) {
    for (const t of st.tables) {
      if (!RECONCILIATION.test(`${st.title} ${t.caption}`)) continue;
      // The reported period's column: ends at the period end and spans the reported period. A
      // year's column on a quarter's page is another period's adjustment, not what moved the quarter.
      const span = (c: Column) => !c.convenience && !!c.period?.end && !c.period.instant && c.period.months === months;
      const current = t.columns.find((c) => span(c) && daysBetween(c.period!.end!, end) <= 7);
      if (!current) continue;
      const prior = t.columns.find((c) => span(c) && daysBetween(c.period!.end!, yearBefore(end)) <= 7) ?? null;
      // An adjustment under 3% of the largest figure of its column (the measure it
      // reconciles) is a minor reconciling line, not what moved the period.
      const largest = t.rows.reduce((m, r) => {
        const x = r.cells[current.index];
        return x && x.value !== null && x.kind === 'amount' ? Decimal.max(m, x.value.abs().times(new Decimal(10).pow(x.scale))) : m;
      }, new Decimal(0));
      for (const row of t.rows) {
        const fig = row.cells[current.index];
        if (!fig || fig.value === null || fig.value.isZero() || fig.kind !== 'amount' || !ONE_OFF.test(row.label)) continue;
        if (fig.value.abs().times(new Decimal(10).pow(fig.scale)).lt(largest.times(MINOR))) continue;
        // A table that states no unit of its own in a release whose amounts are scaled: the unit is unknown.
        if (!st.units && fig.scale !== (release.meta.amountScale ?? fig.scale)) continue;
        // A line repeated under each expense it adjusts is one item, judged by its first row.
        const key = row.label.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const was = prior ? row.cells[prior.index] : null;
        const before = was && was.value !== null && !was.value.isZero() && was.scale === fig.scale ? was.value : null;
        // An adjustment made a year ago in the same direction and of a like size recurs: it is how
        // the measure is defined, not what moved the period.
        if (before && recurs(fig.value, before)) continue;
        out.push({
          id: '', kind: 'driver', subject: row.label.replace(/\s*\(\w\)\s*$/, ''), period: release.meta.fiscalPeriod,
          low: fig.value.abs(), high: fig.value.abs(), approximate: false, unit: 'amount', currency: fig.currency ?? current.currency, scale: fig.scale, decimals: fig.decimals,
          change: false, comparison: null, base: before ? { value: before, text: 'a year earlier', growthLow: null, growthHigh: null } : null,
          note: `${adjustmentNote(row.label, fig.value.isNegative(), `${st.title} ${t.caption}`)}${prior && !before ? '; none a year earlier' : ''}`, sentence: -1, place: row.place,
        });
      }
    }
  }
  return out.sort((a, b) => b.low!.abs().times(10 ** b.scale).cmp(a.low!.abs().times(10 ** a.scale)));
}

/** Two years' adjustments of one line are the same recurring item: same sign, within a factor of two. */
function recurs(now: Decimal, before: Decimal): boolean {
  if (before.isZero() || now.isNegative() !== before.isNegative()) return false;
  const ratio = now.abs().div(before.abs());
  return ratio.gte(0.5) && ratio.lte(2);
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
    if (!s || QUOTE.test(s.text) || TABLE_NOTES.test(s.section)) continue;
    // Only the reported period's results: a sentence that names another period explains something else.
    const named = periodIn(s.text, release.meta);
    if (named && named.ordinal !== reportedOrdinal(release.meta)) continue;
    // A year's figure on a quarter's page (the year ends with the quarter) says it is the year's.
    const period = named && /^FY/.test(named.label) && !/^FY/.test(release.meta.fiscalPeriod ?? 'FY') ? named.label : release.meta.fiscalPeriod;
    // "… increased by 61.3% to $11.3 million … . The increase was primarily due to …": the next
    // sentence gives the reason of the change this one states.
    const next = BECAUSE.test(s.text) ? null : nextSentence(release, s);
    const said = next ? THE_CHANGE.exec(next) : null;
    const because = said ? { index: s.text.length, 0: said[1], reasonText: next!.slice(said.index + said[0].length) } : withReason(s.text);
    if (!because) continue;
    // The figure the reason explains stands right before the reason, in the same clause: the last
    // figure of the period before it ("was $261 million, a decrease of $126 million, due to …"
    // explains the decrease). A comparison's baseline ("compared with $507 million") is not it.
    // Where it states both a change and the level reached ("increased by $5.5 million to $45.6
    // million"), the reason explains the change.
    let from = 0;
    let found: { f: ProseFact; direction: number } | null = null;
    let lastEnd = 0;
    for (const x of group) {
      const at = s.text.indexOf(x.text, from);
      if (at < 0) continue;
      from = at + x.text.length;
      if (at >= because.index) break;
      if (x.role !== 'current' && x.role !== 'other') continue;
      lastEnd = from;
      const direction = changeDirection(s.text, at, x.text);
      if (!found || direction !== 0 || found.direction === 0) found = { f: x, direction };
    }
    if (!found) continue;
    const { f, direction } = found;
    const gap = s.text.slice(lastEnd, because.index);
    // A reason given for something said after the figure ("increased 30%, which was below our
    // expectation due to …") explains that, not the figure; so does one past a clause's end.
    if (/;/.test(gap) || (OTHER_PREDICATE.test(gap) && !/^[\s,]*(?:which|that)\s+(?:was|were|is|are)\s*$/i.test(gap))) continue;
    // A figure stated as a change takes the name of the level it changes ("a decrease of $126 million").
    const level = direction !== 0 && !isMeasure(f.subject.replace(/\s*\(change\)$/, '')) ? group.find((x) => x !== f && x.role === 'current' && isMeasure(x.subject)) : undefined;
    // The reason runs to the end of its clause ("U.S." does not end it) or an aside it closes.
    // What partly offset it stays with it ("…, partially offset by higher Canadian activity").
    let reason = because.reasonText.split(/;\s|(?<![A-Z])\.\s/)[0].trim().replace(/[.,;]+$/, '');
    const close = reason.indexOf(')');
    if (close >= 0 && !reason.slice(0, close).includes('(')) reason = reason.slice(0, close).trim();
    if (!reason || findMentions(reason, null).length > 3) continue;
    const name = (level ?? f).subject.replace(/\s*\(change\)$/, '');
    // "Operating revenues of our drybulk vessels segment added …": the segment's, not the company's.
    const segment = /\bsegment|\bdivision/i.test(name) ? null : /\b(?:of|in|for|from)\s+(?:our|its|the)\s+((?:[\w-]+\s+){1,3}(?:segment|division))\b/i.exec(s.text.slice(0, because.index));
    const subject = name && `${name[0].toUpperCase()}${name.slice(1)}${segment ? ` (${segment[1]})` : ''}`;
    if (!subject || NOT_A_MEASURE.test(name) || !isMeasure(name) || name.split(' ').length > 6) continue;
    out.push({
      id: '', kind: 'driver', subject, period,
      low: direction < 0 ? f.value.abs().negated() : f.value, high: direction < 0 ? f.value.abs().negated() : f.value, approximate: false, unit: f.kind, currency: f.currency, scale: f.scale, decimals: f.decimals,
      change: f.subject.endsWith('(change)') || direction !== 0, comparison: null, note: `${because[0].trim()} ${reason.length > 200 ? `${reason.slice(0, reason.lastIndexOf(' ', 197)).replace(/[\s,;:]+$/, '')}…` : reason}`, sentence: si, place: f.place,
      // The level a change arrives at, as the sentence states it ("$261 million, a decrease of $126 million").
      base: level && direction !== 0 ? { value: level.value, text: level.text, growthLow: null, growthHigh: null } : null,
    });
    if (out.length >= 2) break;
  }
  return out;
}

// "The increase was primarily due to", "This decrease was driven by": a reason for the change just stated.
const THE_CHANGE = /^(?:the|this)\s+(?:increase|decrease|decline|improvement|rise|growth|reduction|change)\s+(?:was|is)\s+((?:primarily|mainly|largely|partially|partly|principally)?\s*(?:due\s+to|driven\s+by|as\s+a\s+result\s+of|attributable\s+to))\s+/i;

/** The reason words of a sentence: where they start, their words, and what follows them. */
function withReason(text: string): { index: number; 0: string; reasonText: string } | null {
  const m = BECAUSE.exec(text);
  return m ? { index: m.index, 0: m[0], reasonText: text.slice(m.index + m[0].length) } : null;
}

/** The sentence after this one in its paragraph (with or without figures), or null. */
function nextSentence(release: Release, s: { text: string; paragraph?: number }): string | null {
  const p = s.paragraph !== undefined ? release.prose?.[s.paragraph] : undefined;
  if (!p) return null;
  const items = sentencesOf(p.text);
  const k = items.findIndex((x) => x.text === s.text);
  return k >= 0 && k + 1 < items.length ? items[k + 1].text : null;
}

/** Up to five drivers: the reconciliation's one-offs first, then the explained changes. */
export function drivers(release: Release, max = 5): Claim[] {
  const items = reconciliationItems(release).slice(0, 3);
  return [...items, ...explainedChanges(release).slice(0, 2)].slice(0, max);
}
