import { cellRef, rowKey } from '../model/refs';
import type { Row, RowRef, ValueKind } from '../model/types';
import { pow10, sheetDecimals, sheetScale, sheetValue } from '../write/workbook/values';
import { inUnits, sameFigure, splitFactor } from './compare';
import { keyText, modelTables, type ModelKind } from './periods';
import type { LineItem, SeriesRelease, Source } from './types';

// Rows of several releases made into line items by evidence. Releases are read newest first: the
// newest release gives the rows and their order; an earlier release's row joins the line item whose
// figures it agrees with on the periods both print (a prior-year column, a reprinted year end),
// whatever its label. A same label is evidence only where the figures do not contradict it: a row
// that shares its label with a line item but disagrees on every period they share is another line.

/** A label as evidence: case, footnote marks and punctuation aside. */
export function labelKey(label: string): string {
  return label.toLowerCase().replace(/\((?:[a-z]|\d{1,2})\)/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The names a label gives its line: itself, and where it offers alternatives by the sign of the
 * figure ("(Loss)/earnings from operations", "Net cash (used)/provided by"), each alternative.
 */
export function labelNames(label: string): string[] {
  const alt = /\(?([A-Za-z]+)\)?\s*\/\s*\(?([A-Za-z]+)\)?/.exec(label);
  const names = [labelKey(label)];
  if (alt) for (const w of [alt[1], alt[2]]) names.push(labelKey(label.slice(0, alt.index) + w + label.slice(alt.index + alt[0].length)));
  return names.filter(Boolean);
}

/** A footnote under a table: a note mark, then a sentence. */
const FOOTNOTE = /^(?:\(?[A-Za-z0-9]{1,2}\)|\*+)\s*\S.{30,}/;

/** A balance printed in a flow statement: cash at the beginning or end of the period. */
const BALANCE = /\b(beginning|end|ending)\b.*\b(period|year|balances?)\b|\bbalances?,? (at )?(beginning|end)/i;

interface Candidate { item: LineItem; agree: number; disagree: number; split: number | null; sameLabel: boolean; distance: number }

/** How well an earlier row fits a line item; null when the figures refuse it. */
function score(c: Candidate): number | null {
  if (c.disagree === 0 && c.agree > 0) return 1000 * c.agree + (c.sameLabel ? 500 : 0) - c.distance;
  if (!c.sameLabel) return null;
  if (c.split !== null) return 300 - c.distance;
  if (c.agree > 0) return 200 * c.agree - c.distance; // a restatement: some periods agree, some moved
  if (c.disagree === 0) return 100 - c.distance; // nothing to compare: the label carries it
  return null;
}

export interface Aligned {
  items: LineItem[];
  rowItem: Map<string, string>;
  notes: string[];
}

export function alignKind(kind: ModelKind, releases: SeriesRelease[]): Aligned {
  const items: LineItem[] = [];
  const rowItem = new Map<string, string>();
  const notes: string[] = [];
  let next = 1;
  for (let ri = releases.length - 1; ri >= 0; ri--) {
    const sr = releases[ri];
    const matched = new Set<LineItem>();
    let cursor = -1; // index in items of the line item the previous row landed on
    for (const { statement: st, table: ti, keys } of modelTables(sr.release, kind, sr.calendar, sr.closes)) {
      const table = st.tables[ti];
      // A reconciliation's footnotes ("(A) … are included in the following line items:") end its
      // body: the breakdowns under them repeat line names of their own.
      const end = kind === 'non-gaap' ? table.rows.findIndex((r) => FOOTNOTE.test(r.label) && r.cells.every((c) => c?.value == null)) : -1;
      table.rows.slice(0, end < 0 ? undefined : end).forEach((row, rIndex) => {
        const ref: RowRef = { statement: st.id, table: ti, row: rIndex };
        const sources = new Map<string, Source>();
        row.cells.forEach((fig, ci) => {
          const k = keys[ci];
          if (!fig || fig.value === null || !k || fig.kind === 'percent') return;
          const text = keyText(k);
          // A period printed twice in one table (the same quarter repeated) counts once.
          if (!sources.has(text)) sources.set(text, { release: ri, ref: cellRef(ref, ci), value: sheetValue(fig)!, scale: sheetScale(fig), decimals: sheetDecimals(fig) });
        });
        if (!sources.size && row.emphasis !== 'header') return;
        const item = match(row, sources, items, matched, cursor, kind === 'non-gaap' ? ri : null) ?? insert(row, kind, items, cursor, `${kind}-${next++}`);
        matched.add(item);
        cursor = items.indexOf(item);
        if (item.label !== row.label && !item.labels.includes(row.label)) item.labels.unshift(row.label);
        for (const [k, s] of sources) {
          const list = item.sources.get(k) ?? [];
          list.unshift(s); // releases are read newest first; the list stays oldest first
          item.sources.set(k, list);
        }
        rowItem.set(`${ri}|${rowKey(ref)}`, item.id);
      });
    }
  }
  if (kind === 'non-gaap') keepRecurring(items, rowItem);
  for (const item of items) {
    // The row is written in its newest figure's units.
    let newest: Source | null = null;
    for (const list of item.sources.values()) for (const s of list) if (!newest || s.release > newest.release) newest = s;
    if (newest) { item.scale = newest.scale; item.decimals = newest.decimals; }
  }
  return { items, rowItem, notes };
}

/**
 * The non-GAAP measures that recur: a line printed by two releases or more. A measure one release
 * printed once (a one-time adjustment's table) is that release's, on its own sheet. A heading stays
 * where a line under it stays.
 */
function keepRecurring(items: LineItem[], rowItem: Map<string, string>): void {
  const printers = (i: LineItem) => new Set([...i.sources.values()].flatMap((l) => l.map((s) => s.release))).size;
  const keep = new Set<LineItem>();
  let heading: LineItem | null = null;
  for (const item of items) {
    if (!item.sources.size) { heading = item; continue; }
    if (printers(item) < 2) continue;
    keep.add(item);
    if (heading) { keep.add(heading); heading = null; }
  }
  const dropped = new Set(items.filter((i) => !keep.has(i)).map((i) => i.id));
  for (let i = items.length - 1; i >= 0; i--) if (!keep.has(items[i])) items.splice(i, 1);
  for (const [k, id] of rowItem) if (dropped.has(id)) rowItem.delete(k);
}

/**
 * The line item a row joins, or null. `continues` (for reconciliation tables, which a release
 * prints as a quarter table and a year-to-date table) is the release reading: a row may join a line
 * that release already printed when the labels name one line and its periods are new to that line.
 */
function match(row: Row, sources: Map<string, Source>, items: LineItem[], matched: Set<LineItem>, cursor: number, continues: number | null = null): LineItem | null {
  const key = labelKey(row.label);
  const names = new Set(labelNames(row.label));
  let best: { item: LineItem; score: number } | null = null;
  const sameNames = (item: LineItem) => [item.label, ...item.labels].some((l) => labelNames(l).some((n) => names.has(n)));
  const continued = (item: LineItem) => continues !== null && sources.size > 0 && item.sources.size > 0 && sameNames(item) && [...sources.keys()].every((k) => !(item.sources.get(k) ?? []).some((s) => s.release === continues));
  items.forEach((item, i) => {
    if ((matched.has(item) && !continued(item)) || item.valueKind !== row.kind) return;
    if (!sources.size) {
      // A heading joins the heading of its name.
      if (item.sources.size === 0 && key && labelKey(item.label) === key) best ??= { item, score: 0 };
      return;
    }
    let agree = 0;
    let disagree = 0;
    let split: number | null = null;
    let splitSeen = true;
    for (const [k, s] of sources) {
      const theirs = item.sources.get(k);
      if (!theirs?.length) continue;
      const other = theirs[theirs.length - 1];
      if (sameFigure(s, other)) { if (!s.value.isZero()) agree++; continue; }
      disagree++;
      const perShare = row.kind === 'per-share';
      const f = row.kind === 'per-share' || row.kind === 'shares' ? splitFactor(s, other, perShare) : null;
      if (f === null || (split !== null && f !== split)) splitSeen = false;
      else split = f;
    }
    if (row.kind === 'amount') agree += impliedAgreements(sources, item.sources);
    const sameLabel = sameNames(item);
    const s = score({ item, agree, disagree, split: splitSeen && disagree > 0 && agree === 0 ? split : null, sameLabel, distance: Math.abs(i - (cursor + 1)) });
    if (s !== null && (!best || s > best.score)) best = { item, score: s };
  });
  return (best as { item: LineItem } | null)?.item ?? null;
}

const ytdKey = (year: number, n: number) => keyText({ year, quarters: n, quarter: n });
const qKey = (year: number, n: number) => keyText({ year, quarters: 1, quarter: n });

/**
 * Agreement across a year to date: one side's quarter and year to date less the other side's
 * year to date one quarter shorter (FY − 9M = Q4) — how a row printed by a Q3 release and a row
 * printed by the Q4 release prove to be one line when no period was printed by both. Within two
 * units of the last printed digit, as three rounded figures are involved.
 */
function impliedAgreements(row: Map<string, Source>, item: Map<string, Source[]>): number {
  const last = (k: string): Source | null => { const l = item.get(k); return l?.length ? l[l.length - 1] : null; };
  const years = new Set([...row.keys(), ...item.keys()].map((k) => Number(k.split(':')[0])));
  let n = 0;
  const fits = (ytd: Source, shorter: Source, q: Source) => {
    const p = Math.max(...[ytd, shorter, q].map((s) => s.scale - s.decimals));
    if (q.value.isZero()) return false;
    return inUnits(ytd).minus(inUnits(shorter)).minus(inUnits(q)).abs().lte(pow10(p).times(2));
  };
  for (const y of years) {
    for (let q = 2; q <= 4; q++) {
      const shorterKey = q - 1 === 1 ? qKey(y, 1) : ytdKey(y, q - 1);
      const [rY, rS, rQ] = [row.get(ytdKey(y, q)), row.get(shorterKey), row.get(qKey(y, q))];
      const [iY, iS, iQ] = [last(ytdKey(y, q)), last(shorterKey), last(qKey(y, q))];
      if (rS && !iS && iY && iQ && !rY && fits(iY, rS, iQ)) n++;
      if (iS && !rS && rY && rQ && !iY && fits(rY, iS, rQ)) n++;
    }
  }
  return n;
}

function insert(row: Row, kind: ModelKind, items: LineItem[], cursor: number, id: string): LineItem {
  const item: LineItem = {
    id,
    kind,
    label: row.label,
    labels: [],
    valueKind: row.kind as ValueKind,
    emphasis: row.emphasis,
    depth: row.depth,
    balance: kind !== 'balance-sheet' && BALANCE.test(row.label),
    sources: new Map(),
    scale: 0,
    decimals: 0,
  };
  // An item the newest release no longer prints stays where it was: after its predecessor's line.
  items.splice(cursor + 1, 0, item);
  return item;
}
