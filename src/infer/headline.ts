import type { Column, Headline, HeadlineFigure, Table, Release, Row, RowRef, Sector, StatementKind } from '../model/types';
import type { Pass } from './index';
import { remembered } from '../read/recent';
import { printedChanges } from './printed-change';
import { columnsFor, find, firstRow, oneSpaced, periodsOf, ratioDenominator, rowsOf, totalOver, triple, units, WORDS, type Located, type Periods } from './locate';

// The headline set, chosen once: which statement rows lead the briefing and the Summary sheet, and
// which cells of them (the quarter first, then the longer span; a year earlier beside each). Rows
// are found by what they are — the top line others are ratios of, the bottom line above the
// per-share rows, the per-share line under it — and by general reporting words, never by one
// company's. The sector the line items show decides which figures lead.

/** Normalized label: no footnote markers, slashes or parentheses, one space (asked of the same labels by every search: remembered). */
export const plain = remembered(plainLabel);

function plainLabel(label: string): string {
  // A unit in the label ("(in millions)", "(in 000's)") says how the row is printed, not what it is.
  // Footnote numbers glued to a label's last word ("realizations2,3") are no part of it.
  return label.replace(/(?<=[a-z])\d{1,2}(?:,\d{1,2})*$/, '').replace(/\((?:\$|us\$|c\$|€)?\s*in\s+(?:thousands|millions|billions|000'?s)[^)]*\)?/gi, ' ').replace(/["“”]/g, '').replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]|\(\d\)|\((?:see )?notes?\b[^)]*\)|(?:\s\d{1,2})+$/gi, ' ').replace(/[/()]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

const NET = /^(?:gaap |reported |consolidated )?(?:net )?(?:income|earnings|profit|loss)(?: (?:income|earnings|profit|loss))*(?: (?:for|of) the (?:period|quarter|year)| as reported)?(?: (?:attributable|applicable|available) to .*| group share)?$/;
const MINORITY = /non-?controlling|minority/;
const ATTRIBUTABLE = /(?:attributable|applicable|available) to (?!non-?controlling|minority)|\bgroup share\b/;
const ADJUSTED = /^(?:non-gaap|adjusted|underlying|core|comparable|recurring|recurrent)\b/;
const RENTS = /^(?:total |gross |net )?(?:rental|property|rent) (?:revenues?|income)$|^gross rents?$|^rentals? (?:revenues? )?from (?:investment )?propert(?:y|ies)$/;
/** "per unit", "per basic and diluted Unit", "per WA units", "per diluted share": a per-unit measure's tail. */
const PER_UNIT = String.raw`(?: per (?:[\w-]+ ){0,4}?(?:units?|shares?))`;
const ADJUSTED_ANY = /\b(?:non-gaap|adjusted|underlying|recurrent|recurring|epra)\b|\bexcluding (?:one-time|special|non-recurring|unusual|certain) items\b/;
const NOT_EARNINGS = /^(?:a?ffo|funds from operations|adjusted funds from operations|(?!(?:earnings|income|net)\b)(?:[\w']+ ){0,3}?(?:distributions?|dividends?) (?:declared |paid )?per|nav|net asset value|book value|(?:[\w']+ )?equity per|epra n[tdr][av])\b/;
const NOT_NET_DETAIL = /before|continuing|discontinued|excluding|comprehensive|per share|per ads|margin/;

/** Sector evidence from the statements' own line items. */
export function sectorOf(release: Release): Sector {
  // Each label once: no word below spans two lines, and a release may print the same labels thousands of times.
  const distinct = new Set<string>();
  // Indexed loops: a for-of loop that runs once per release is not optimized and makes an iterator result per step.
  for (let si = 0; si < release.statements.length; si++) {
    const tables = release.statements[si].tables;
    for (let ti = 0; ti < tables.length; ti++) for (let ri = 0; ri < tables[ti].rows.length; ri++) distinct.add(tables[ti].rows[ri].label);
  }
  const labels = [...distinct].map(plain).join('\n');
  const has = (re: RegExp) => re.test(labels);
  if (has(/\bpremiums? (?:earned|written)|earned premiums|written premiums/) && has(/\blosses\b|loss adjustment|claims/)) return 'insurer';
  if (has(/\binterest income\b/) && has(/\bdeposits\b/) && has(/\bloans?\b/)) return 'bank';
  if (has(/\bffo\b|funds from operations|\bepra\b/) || (has(/\bnoi\b|net operating income/) && has(/\brent(?:al|s)?\b/))) return 'reit';
  if (has(/\brental (?:income|revenues?)\b|^rentals? from/m) && has(/investment propert|occupancy|loan[- ]to[- ]value|\bltv\b/)) return 'reit';
  if (has(/\brasm\b|\bcasm\b|load factor|available seat/)) return 'airline';
  if (has(/distributable earnings|fee[- ]related earnings/)) return 'asset-manager';
  return 'general';
}

type Finder = (release: Release, p: Periods, span: number | null) => Located | null;

/** The first row, in the given kinds of statement, whose plain label passes `test` and has a figure for the span. */
function byWords(kinds: StatementKind[], test: RegExp, wantKind?: Row['kind'], not?: RegExp): Finder {
  return (release, p, span) => firstRow(release, kinds, (row) => {
    const label = plain(row.label);
    return test.test(label) && !(not && not.test(label)) && !(wantKind && row.kind !== wantKind);
  }, (loc) => !!triple(loc, p, span));
}

const SUPPORT: StatementKind[] = ['income', 'non-gaap', 'other'];

/** The top line: what the ratios divide by, else a revenue row of the income statement. */
function revenue(release: Release, p: Periods, span: number | null): Located | null {
  const denominator = ratioDenominator(release);
  // What the margins divide by is the top line when it is named as one ("Ownership days" is divided by too).
  if (denominator && denominator.kind === 'income' && denominator.row.kind === 'amount' && /\b(?:revenues?|sales|turnover|premiums?|interest income)\b/i.test(denominator.row.label) && triple(denominator, p, span)) return denominator;
  return find(release, p, ['income'], WORDS.revenue, span, WORDS.notRevenue)
    // A landlord's top line is its rents ("Gross rental income").
    ?? byWords(['income'], RENTS, 'amount')(release, p, span)
    // A release without an income statement leads with its highlights table's revenue (a landlord's rents).
    ?? (release.statements.some((s) => s.kind === 'income') ? null : find(release, p, ['other', 'non-gaap'], WORDS.revenue, span, WORDS.notRevenue)
      ?? byWords(['other', 'non-gaap'], RENTS, 'amount')(release, p, span))
    // A loose match must be a total or the statement's first figure row: "Net realized gains on sales of investments" is neither.
    ?? rowsOf(release, ['income']).find((l) => WORDS.revenueLoose.test(l.row.label) && !WORDS.notRevenue.test(l.row.label) && l.row.kind === 'amount'
      && (l.row.emphasis === 'total' || l.row.emphasis === 'subtotal' || l.table.rows.findIndex((r) => r.kind === 'amount' && r.cells.some((c) => c?.value)) === l.rowIndex)
      && !!triple(l, p, span)) ?? null;
}

/** Where the GAAP lines are: the income statement, else the highlights and reconciliation tables. */
function gaapKinds(release: Release): StatementKind[] {
  return release.statements.some((s) => s.kind === 'income') ? ['income'] : ['other', 'non-gaap'];
}

/** The kinds of table that report a GAAP line the income statement lacks for a span (a quarterly reconciliation beside annual statements). */
const BESIDE: StatementKind[] = ['non-gaap', 'other'];

/** The bottom line: the company's share of net income where stated, else the last net row above the per-share rows. */
function netIncome(release: Release, p: Periods, span: number | null, top: Located | null, kinds = gaapKinds(release)): Located | null {
  const rows = [...(top ? rowsOf(release, [top.kind]).filter((l) => l.table === top.table) : []), ...rowsOf(release, kinds)];
  // The statement of the top line first: its bottom line is the company's, not a subsidiary's or a segment's.
  const tables = [...new Set(rows.map((l) => l.table))];
  for (const table of tables) {
    const inTable = rows.filter((l) => l.table === table);
    const cands = inTable.filter((l) => l.row.kind === 'amount' && NET.test(plain(l.row.label)) && !MINORITY.test(plain(l.row.label)) && !NOT_NET_DETAIL.test(plain(l.row.label)) && triple(l, p, span));
    if (!cands.length) continue;
    const attributable = cands.find((l) => ATTRIBUTABLE.test(plain(l.row.label)));
    if (attributable) return attributable;
    const firstPerShare = table.rows.findIndex((r) => r.kind === 'per-share');
    const above = cands.filter((l) => firstPerShare < 0 || l.rowIndex < firstPerShare);
    return above[above.length - 1] ?? cands[cands.length - 1];
  }
  return null;
}

/** The consolidated net line above the company's share of it, in the same table, where both are reported. */
function consolidatedNet(net: Located, p: Periods, span: number | null): Located | null {
  if (!ATTRIBUTABLE.test(plain(net.row.label))) return null;
  const rowIndex = net.table.rows.findIndex((r, i) => i < net.rowIndex && r.kind === 'amount' && WORDS.net.test(oneSpaced(r.label)));
  const loc = rowIndex < 0 ? null : { ...net, row: net.table.rows[rowIndex], rowIndex };
  return loc && triple(loc, p, span) ? loc : null;
}

/** Diluted earnings per ADS where reported, else per share: the line for net income, not a "before …" one. */
function dilutedEps(release: Release, p: Periods, span: number | null, adjusted: boolean, gaap = gaapKinds(release)): Located | null {
  const found: { loc: Located; ads: boolean; detail: boolean; borrowed: boolean; foreign: boolean; undiluted: boolean }[] = [];
  let header = '';
  let table: unknown = null;
  for (const loc of rowsOf(release, adjusted ? SUPPORT : gaap)) {
    if (loc.table !== table) [table, header] = [loc.table, ''];
    if (loc.row.emphasis === 'header') header = loc.row.label;
    const text = plain(`${header} ${loc.row.label}`);
    // Funds from operations, distributions and net assets per unit are other measures than earnings.
    if (loc.row.kind !== 'per-share' || NOT_EARNINGS.test(plain(loc.row.label)) || !triple(loc, p, span)) continue;
    // Under an adjusted heading, the reconciliation's first line is the reported figure it starts from.
    const ownAdjusted = ADJUSTED_ANY.test(plain(loc.row.label));
    const adjustedRow = (ownAdjusted || ADJUSTED.test(plain(header))) && !/^(?:gaap|reported|as reported)\b/.test(plain(loc.row.label));
    // A release that prints basic earnings per share only (its dilution immaterial) leads with that.
    const undiluted = !WORDS.diluted.test(text);
    if (adjusted !== adjustedRow || (!adjusted && undiluted && !/\b(?:earnings|income|profit|loss|eps)\b/.test(text))) continue;
    // A whole number in the thousands is a share count under a per-share label, whatever the row's words.
    const now = triple(loc, p, span)?.now;
    if (now?.value && now.decimals === 0 && now.value.abs().gte(1000)) continue;
    const foreign = !!now?.currency && !!p.home && now.currency !== p.home;
    found.push({ loc, ads: WORDS.perAds.test(text), detail: /before|continuing|discontinued|cumulative effect/.test(plain(loc.row.label)) || (adjusted && undiluted), borrowed: adjusted && !ownAdjusted, foreign, undiluted: !adjusted && undiluted });
  }
  // Diluted before basic; in the statements' currency before a translation (NT$ per share before
  // US$ per ADS), per ADS before per share, the line for net income before a "before …" one; an
  // adjusted figure named so by its own label before one named so by its heading only.
  const rank = (f: (typeof found)[number]) => (f.undiluted ? 16 : 0) + (f.foreign ? 8 : 0) + (f.borrowed ? 4 : 0) + (f.ads ? 0 : 2) + (f.detail ? 1 : 0);
  return found.sort((a, b) => rank(a) - rank(b))[0]?.loc ?? null;
}

const adjustedEbitda = byWords(SUPPORT, /^(?:total |consolidated )?(?:adjusted|underlying) ebitda\b(?!.*\b(?:margin|percentage|ratio|per)\b)/, 'amount');

/** The per-share line printed right under an amount line ("Distributable earnings" then "– Per share"). */
function perShareUnder(loc: Located): Located | null {
  const next = loc.table.rows[loc.rowIndex + 1];
  if (!next || next.kind !== 'per-share' || !/^[\s\u2013\u2014-]*per\b/i.test(next.label)) return null;
  return { ...loc, row: next, rowIndex: loc.rowIndex + 1 };
}

const adjustedNet = byWords(SUPPORT, /^(?:non-gaap|adjusted|underlying|core|comparable|recurrent|recurring) (?:net )?(?:income|earnings|profit)(?: (?:income|earnings|profit|loss))*(?: group share| attributable to (?!non-?controlling).*)?$|^earnings available for distribution$|^net (?:income|earnings|profit) excluding (?:one-time|special|non-recurring|unusual) items$/, 'amount');

/** A column of adjusted figures beside the reported ones ("2014 Non-GAAP" after "2014 GAAP" and "Adj."). */
export const ADJUSTED_COLUMN = (c: Column): boolean => /\b(?:non-gaap|adjusted|underlying)\b/i.test(c.header.join(' '));

/**
 * The adjusted figure of a reported line, where a reconciliation prints it as a column beside the
 * reported one: the table's net income or diluted EPS line, read in its adjusted columns.
 */
function inAdjustedColumns(release: Release, p: Periods, span: number | null, role: 'net' | 'eps'): Located | null {
  for (const loc of rowsOf(release, SUPPORT)) {
    if (!loc.table.columns.some(ADJUSTED_COLUMN) || !triple(loc, p, span, ADJUSTED_COLUMN)) continue;
    const label = plain(loc.row.label);
    if (ADJUSTED_ANY.test(label)) continue;
    if (role === 'net' ? loc.row.kind === 'amount' && NET.test(label) && !MINORITY.test(label) && !NOT_NET_DETAIL.test(label)
      : loc.row.kind === 'per-share' && WORDS.diluted.test(label) && !NOT_EARNINGS.test(label) && !/before|continuing|discontinued/.test(label)) return loc;
  }
  return null;
}

/** Block headers that are the whole company, not a segment. */
const NOT_SEGMENT = /^(?:consolidated|total|corporate|eliminations?|other|segment|unallocated|reconciling)/i;

/**
 * The lead segment's top line, where a table reports segments as blocks (a header naming each, its
 * sales and operating income under it): the segment earning the most operating income, else selling
 * the most. Its caption is the segment's name and the line's ("AWS net sales").
 */
function leadSegment(release: Release, p: Periods, span: number | null): { loc: Located; caption: string } | null {
  const tables = new Map<Table, Located[]>();
  for (const l of rowsOf(release, ['income', 'other', 'non-gaap'])) tables.set(l.table, [...(tables.get(l.table) ?? []), l]);
  for (const locs of tables.values()) {
    const blocks: { name: string; top: Located; operating: Located | null }[] = [];
    let name: string | null = null;
    for (const l of locs) {
      if (l.row.emphasis === 'header') { name = l.row.label.replace(/\s*segment:?$/i, '').replace(/:$/, '').trim(); continue; }
      if (!name || NOT_SEGMENT.test(name)) continue;
      const block = blocks.find((b) => b.name === name);
      if (!block && WORDS.revenue.test(l.row.label.trim()) && l.row.kind === 'amount' && triple(l, p, span)) blocks.push({ name, top: l, operating: null });
      else if (block && !block.operating && WORDS.operating.test(l.row.label.trim()) && l.row.kind === 'amount' && triple(l, p, span)) block.operating = l;
    }
    if (blocks.length < 2) continue;
    const size = (l: Located | null) => (l ? triple(l, p, span)?.now?.value ?? null : null);
    const by = blocks.every((b) => size(b.operating)) ? (b: (typeof blocks)[number]) => size(b.operating)! : (b: (typeof blocks)[number]) => size(b.top)!;
    const lead = blocks.reduce((a, b) => (by(b).gt(by(a)) ? b : a));
    return { loc: lead.top, caption: `${lead.name} ${lead.top.row.label.trim().replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}` };
  }
  return null;
}

/** Sector figures: words of general reporting vocabulary for what each kind of company leads with. */
const SECTOR: Record<Exclude<Sector, 'general'>, { role: string; find: Finder; instant?: boolean }[]> = {
  bank: [
    { role: 'nii', find: byWords(['income', 'other', 'non-gaap'], /^net interest income(?: after.*)?$/, 'amount', /after/) },
    { role: 'nim', find: byWords(['other', 'non-gaap', 'income'], /net interest margin/, 'percent') },
    { role: 'provision', find: byWords(['income', 'other'], /^provision for (?:credit|loan)(?: and lease)? losses/, 'amount') },
    { role: 'bvps', find: byWords(['other', 'non-gaap', 'balance-sheet'], /^book value per (?:common )?share/, 'per-share'), instant: true },
  ],
  insurer: [
    { role: 'premiums', find: byWords(['income', 'other', 'non-gaap'], /^gross (?:premiums )?written(?: premiums)?$/, 'amount') },
    { role: 'combined-ratio', find: byWords(['other', 'non-gaap', 'income'], /combined ratio/, 'percent', /adjusted|excluding|ex-/) },
  ],
  reit: [
    { role: 'noi', find: byWords(['other', 'non-gaap', 'income'], /^(?:same[- ]property |total )?(?:noi|net operating income)$/, 'amount') },
    { role: 'ffo', find: byWords(['other', 'non-gaap', 'income'], new RegExp(`^(?:ffo|funds from operations)(?: ffo)?${PER_UNIT}$`), 'per-share') },
    { role: 'affo', find: byWords(['other', 'non-gaap', 'income'], new RegExp(`^(?:affo|adjusted funds from operations)(?: affo)?${PER_UNIT}$`), 'per-share') },
    { role: 'occupancy', find: byWords(['other', 'non-gaap'], /occupancy/, 'percent'), instant: true },
    { role: 'nav', find: byWords(['other', 'non-gaap', 'balance-sheet'], new RegExp(`^(?:net asset value(?: nav)?|nav|epra (?:nta|net tangible assets))(?: in [a-z]{3})?${PER_UNIT}$`), 'per-share'), instant: true },
  ],
  airline: [
    { role: 'rasm', find: byWords(['other', 'non-gaap', 'income'], /\brasm\b|revenue per available seat/) },
    { role: 'casm', find: byWords(['other', 'non-gaap', 'income'], /\bcasm\b.*(?:ex|excluding).*fuel|cost per available seat.*excluding fuel/) },
    { role: 'load-factor', find: byWords(['other', 'non-gaap', 'income'], /load factor/, 'percent') },
  ],
  'asset-manager': [
    { role: 'distributable', find: byWords(['other', 'non-gaap', 'income'], /^distributable earnings(?: before realizations)?$/, 'amount') },
    { role: 'fre', find: byWords(['other', 'non-gaap', 'income'], /^fee[- ]related earnings$/, 'amount') },
  ],
};

const FALLBACK: Record<string, string> = {
  revenue: 'Revenue', nii: 'Net interest income', operating: 'Operating income', net: 'Net income', 'adjusted-net': 'Adjusted net income',
  eps: 'Diluted EPS', 'adjusted-eps': 'Adjusted diluted EPS', nim: 'Net interest margin', provision: 'Provision for credit losses',
  bvps: 'Book value per share', premiums: 'Gross written premiums', 'combined-ratio': 'Combined ratio', noi: 'NOI', ffo: 'FFO per unit',
  affo: 'AFFO per unit', occupancy: 'Occupancy', nav: 'NAV per unit', rasm: 'RASM', casm: 'CASM ex fuel', 'load-factor': 'Load factor',
  distributable: 'Distributable earnings', fre: 'Fee-related earnings', 'adjusted-ebitda': 'Adjusted EBITDA',
};

/** Short names of amount measures for their per-share tiles, as releases abbreviate them. */
const PER_SHARE_NAME: Record<string, string> = { distributable: 'DE', fre: 'FRE', noi: 'NOI' };

function refOf(loc: Located): RowRef {
  return { statement: loc.statement, table: loc.tableIndex, row: loc.rowIndex };
}

/** The word a release names its adjusted measure by: "Non-GAAP", "Recurrent", "Underlying" …, else "Adjusted". */
function adjustedWord(text: string): string {
  const w = /\b(non-gaap|underlying|recurrent|recurring|core|epra)\b/i.exec(text)?.[1]?.toLowerCase();
  return !w ? 'Adjusted' : w === 'non-gaap' ? 'Non-GAAP' : w === 'epra' ? 'EPRA' : w[0].toUpperCase() + w.slice(1);
}

/** The row's own label when it is short enough for a tile, else the role's name. */
function captionOf(loc: Located, role: string): string {
  let label = loc.row.label.replace(/\s*\(\d\)|[¹²³⁴⁵⁶⁷⁸⁹*†‡]|(?:\s\d{1,2})+$|(?<=[a-z])\d{1,2}(?:,\d{1,2})*$/g, '').replace(/\s+/g, ' ').trim();
  // "Distributable earnings before realizations" is "DE before realizations", as releases abbreviate it.
  if (role === 'distributable' && label.length > 30) return label.replace(/^distributable earnings/i, 'DE');
  if (role === 'net' && label.length > 30 && ATTRIBUTABLE.test(plain(label))) return 'Net income attributable';
  if (role === 'eps' || role === 'adjusted-eps') {
    const header = [...loc.table.rows.slice(0, loc.rowIndex)].reverse().find((r) => r.emphasis === 'header');
    const ads = WORDS.perAds.test(`${header?.label ?? ''} ${label}`) ? ' per ADS' : '';
    const diluted = WORDS.diluted.test(`${header?.label ?? ''} ${label}`) ? 'Diluted EPS' : /\bbasic\b/i.test(`${header?.label ?? ''} ${label}`) ? 'Basic EPS' : 'EPS';
    return role === 'eps' ? `${diluted}${ads}` : `${adjustedWord(`${label} ${header?.label ?? ''}`)} EPS${ads}`;
  }
  // "EPRA NTA in EUR per share": the currency is printed with the figure.
  if (role === 'nav') label = label.replace(/\s+in [A-Z]{3}\b/, '');
  if (label.length <= 30) return label;
  // "Recurrent net income (Group share)" is "Recurrent net income" on a tile.
  // An alternative joined by a slash ("Net profit/(loss)") is part of the name: it is kept, never cut
  // to a dangling "Net profit/".
  const bare = label.replace(/(?<!\/)\s*\([^)]*\)/g, '').trim();
  if (bare.length >= 3 && (bare.length <= 30 || (bare.includes('/(') && bare.length <= 36))) return bare;
  return FALLBACK[role] ?? label.slice(0, 30);
}

/** The same line in another table of the statement's kind that reports the span (a separate year-to-date statement). */
function sameLine(release: Release, loc: Located, p: Periods, span: number | null, only?: (c: Column) => boolean): Located | null {
  const label = plain(loc.row.label);
  return firstRow(release, [loc.kind], (row) => row.kind === loc.row.kind && plain(row.label) === label, (l) => l.table !== loc.table && !!triple(l, p, span, only));
}

/** One figure: its row and, for each span, the columns that hold it (in the same line of another table where its own has none). */
export function figureOf(loc: Located, p: Periods, role: string, spans: (number | null)[], caption?: string, release?: Release, only?: (c: Column) => boolean): HeadlineFigure | null {
  const cols = spans.map((span, i) => {
    const at = columnsFor(loc.table, p, span, only);
    if (at && loc.row.cells[at.now]?.value != null) return { span, now: at.now, prior: at.prior >= 0 ? at.prior : null, usd: at.usd >= 0 ? at.usd : null };
    const other = i > 0 && release ? sameLine(release, loc, p, span, only) : null;
    const there = other ? columnsFor(other.table, p, span, only) : null;
    if (!other || !there) return null;
    return { span, now: there.now, prior: there.prior >= 0 ? there.prior : null, usd: there.usd >= 0 ? there.usd : null, row: refOf(other) };
  });
  if (!cols.some(Boolean)) return null;
  return { role, caption: caption ?? captionOf(loc, role), row: refOf(loc), cols };
}

/** Revenue lines that add up to revenue: the footing's terms, or the subtotals right above it. */
function revenueParts(release: Release, rev: Located): Located[] {
  const footing = release.relations.find((r) => r.type === 'footing' && r.total.statement === rev.statement && r.total.table === rev.tableIndex && r.total.row === rev.rowIndex);
  const rows = rev.table.rows;
  if (footing && footing.type === 'footing' && footing.terms.length <= 5 && footing.terms.length > 1) {
    return footing.terms.map((t) => ({ ...rev, row: rows[t.ref.row], rowIndex: t.ref.row }));
  }
  const parts = rows.slice(0, rev.rowIndex).map((row, rowIndex) => ({ ...rev, row, rowIndex })).filter((l) => l.row.emphasis === 'subtotal' && l.row.kind === 'amount');
  return parts.length > 1 && parts.length <= 5 ? parts : [];
}

/** A span as a tile names it: "FY2024" for the fiscal year, else "9M". */
export function spanName(release: Release, span: number | null): string {
  return span === 12 && release.meta.fiscalYear ? `FY${release.meta.fiscalYear}` : `${span}M`;
}

/** At most this many tiles: two rows on the page. Optional ones (a sector's operating income, the lead segment) only while there are fewer than FEW. */
const TILES = 8;
const FEW = 6;

export function chooseHeadline(release: Release): Headline {
  const p = periodsOf(release);
  const sector = sectorOf(release);
  const span = p.spans[0] ?? null;
  const spans: (number | null)[] = p.spans;
  const figures: HeadlineFigure[] = [];
  const seen = new Set<string>();
  const add = (loc: Located | null, role: string, instant = false, beside?: string, only?: (c: Column) => boolean, caption?: string): HeadlineFigure | null => {
    if (!loc) return null;
    const key = `${loc.statement}/${loc.tableIndex}/${loc.rowIndex}${only ? '/adjusted' : ''}`;
    if (seen.has(key)) return null;
    const fig = figureOf(loc, p, role, instant ? [null] : spans, caption, release, only);
    if (!fig) return null;
    seen.add(key);
    if (beside) fig.beside = beside;
    figures.push(fig);
    return fig;
  };
  // A line the quarter's columns lack is taken for the longer span (its tile then says so).
  const longer = p.spans[1] ?? null;
  const either = (f: (s: number | null) => Located | null): Located | null => f(span) ?? (longer ? f(longer) : null);
  const hasIncome = release.statements.some((s) => s.kind === 'income');
  const top = either((s) => revenue(release, p, s));
  // A measure at a date (NAV, occupancy) is read at the balance-sheet date, else in the period's own
  // column of a highlights table (a year's "2024" column states the NAV at its end).
  const sectorRows = sector === 'general' ? [] : SECTOR[sector].map((s) => {
    const atDate = s.instant ? s.find(release, p, null) : null;
    return { ...s, atDate: !!atDate, loc: atDate ?? either((x) => s.find(release, p, x)) };
  });
  // A bank's top line is its net interest income where it reports no revenue total.
  const nii = sectorRows.find((s) => s.role === 'nii')?.loc ?? (top ? null : either((s) => SECTOR.bank[0].find(release, p, s)));
  add(top ?? nii, top ? 'revenue' : 'nii');
  // Per-unit and balance measures (occupancy, NAV) follow the period's results.
  const flowRows = sectorRows.filter((r) => (r.role !== 'nii' || top) && !r.instant);
  for (const s of flowRows) {
    add(s.loc, s.role);
    // An amount measure's per-share line printed right under it ("– Per Brookfield share").
    const perShare = s.loc ? perShareUnder(s.loc) : null;
    if (perShare) add(perShare, `${s.role}-per-share`, false, s.role, undefined, `${PER_SHARE_NAME[s.role] ?? FALLBACK[s.role]} per share`);
  }
  if (sector === 'general') add(either((s) => find(release, p, ['income'], WORDS.operating, s)), 'operating');
  // The adjusted EBITDA a reconciliation ends with, where the release reports one.
  add(either((s) => adjustedEbitda(release, p, s)), 'adjusted-ebitda');
  // The quarter's bottom line from a table beside the statements where the statements report only the year.
  const beside = <T>(f: (kinds: StatementKind[]) => T | null): T | null => f(gaapKinds(release)) ?? (hasIncome ? f(BESIDE) : null);
  const net = beside((k) => netIncome(release, p, span, top, k)) ?? (longer ? netIncome(release, p, longer, top) : null);
  add(net, 'net');
  // The adjusted figure a release leads with: its own line, else the reported line's adjusted column.
  const adjustedCaption = (loc: Located | null, what: string) => {
    const col = loc?.table.columns.find(ADJUSTED_COLUMN);
    return `${/non-gaap/i.test(col?.header.join(' ') ?? '') ? 'Non-GAAP' : 'Adjusted'} ${what}`;
  };
  const byColumn = (role: 'net' | 'eps', what: string, as: string) => {
    const loc = either((s) => inAdjustedColumns(release, p, s, role));
    return add(loc, as, false, role, ADJUSTED_COLUMN, adjustedCaption(loc, what));
  };
  if (!add(either((s) => adjustedNet(release, p, s)), 'adjusted-net', false, 'net')) byColumn('net', 'net income', 'adjusted-net');
  add(beside((k) => dilutedEps(release, p, span, false, k)) ?? (longer ? dilutedEps(release, p, longer, false) : null), 'eps');
  if (!add(either((s) => dilutedEps(release, p, s, true)), 'adjusted-eps', false, 'eps')) byColumn('eps', 'EPS', 'adjusted-eps');
  if (sector !== 'general' && !figures.some((f) => f.role === 'operating') && figures.length < FEW) add(either((s) => find(release, p, ['income'], WORDS.operating, s)), 'operating');
  for (const s of sectorRows.filter((r) => r.instant)) add(s.loc, s.role, s.atDate);
  // The lead segment, where the release reports segments, after the company's own figures.
  const segment = figures.length < FEW ? leadSegment(release, p, span) : null;
  if (segment) add(segment.loc, 'segment', false, undefined, undefined, segment.caption);
  // An adjusted figure equal to the GAAP one beside it says nothing more.
  for (const f of [...figures]) {
    const gaap = f.beside ? figures.find((g) => g.role === f.beside) : null;
    if (gaap && sameNow(release, f, gaap)) figures.splice(figures.indexOf(f), 1);
  }
  // Past one row of tiles, adjusted net income gives way to the adjusted EPS the release leads with.
  if (figures.length > TILES && figures.some((f) => f.role === 'adjusted-eps')) figures.splice(figures.findIndex((f) => f.role === 'adjusted-net'), 1);
  // The quarter's figures lead; one the quarter's columns lack follows, captioned with its period.
  const later = span !== null ? figures.filter((f) => !f.cols[0]) : [];
  for (const f of later) {
    figures.splice(figures.indexOf(f), 1);
    // The period goes first: a caption cut to the tile's width still says it.
    f.caption = `${spanName(release, f.cols.find(Boolean)!.span)} ${f.caption.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}`;
  }
  figures.push(...later);

  const line = (loc: Located | null, role: string) => (loc ? figureOf(loc, p, role, spans, undefined, release) : null);
  const parts = top ? revenueParts(release, top).map((l) => line(l, 'part')).filter((f): f is HeadlineFigure => !!f) : [];
  // The condensed statement's lines are the statement's own, for whichever span it reports.
  const incomeNet = hasIncome ? either((s) => netIncome(release, p, s, top)) : net;
  const incomeLine = (test: RegExp, not?: RegExp) => either((s) => find(release, p, ['income'], test, s, not));
  const income = [
    ...parts,
    line(top ?? nii, top ? 'revenue' : 'nii'),
    line(incomeLine(/^gross (?:profit|margin)$/i), 'gross-profit'),
    line(incomeLine(WORDS.costs), 'costs'),
    line(incomeLine(WORDS.operating), 'operating'),
    line(incomeLine(WORDS.pretax), 'pretax'),
    line(incomeLine(WORDS.tax, /deferred|payable/i), 'tax'),
    // The consolidated net line above the company's share of it, where both are reported.
    line(incomeNet ? either((s) => consolidatedNet(incomeNet, p, s)) : null, 'net-consolidated'),
    line(incomeNet, 'net'),
    line(either((s) => dilutedEps(release, p, s, false)), 'eps'),
  ].filter((f): f is HeadlineFigure => !!f && f.role !== 'gross-profit' || !!f && isAmountRow(release, f));
  // A balance-sheet line is an amount: a total read as per-share is no balance figure.
  const instant = (loc: Located | null, role: string) => (loc && loc.row.kind === 'amount' ? figureOf(loc, p, role, [null]) : null);
  const balance = [
    instant(find(release, p, ['balance-sheet'], WORDS.cash, null), 'cash'),
    instant(find(release, p, ['balance-sheet'], WORDS.totalAssets, null), 'assets'),
    ...liabilitiesLines(release, p).map(([loc, role]) => instant(loc, role)),
    instant(find(release, p, ['balance-sheet'], WORDS.equity, null) ?? find(release, p, ['balance-sheet'], WORDS.equityLoose, null, WORDS.notLiabEquity)
      ?? find(release, p, ['balance-sheet'], /^(?:share|stock)holders['’]? equity$/i, null), 'equity'),
  ];
  const cashflow: HeadlineFigure[] = [];
  for (const activity of ['Operating', 'Investing', 'Financing']) {
    // The net line of the activity ("Net cash provided by …", "Cash used in …") before any other line
    // that names it; never an "Other … activities" item.
    const search = (re: RegExp) => { const at = find(release, p, ['cash-flow'], re, p.spans[0] ?? null, /^other\b/i) ?? find(release, p, ['cash-flow'], re, p.spans[1] ?? null, /^other\b/i); return at && totalOver(at, re); };
    // "Net cash … activities" first: "Cash generated from …" may be a subtotal before interest and tax.
    // Operating activities are also printed as "Cash provided by operations".
    const netLine = search(new RegExp(`^net cash\\b.*\\b${activity} activities\\b`, 'i')) ?? search(new RegExp(`^cash\\b.*\\b${activity} activities\\b`, 'i')) ??
      (activity === 'Operating' ? search(/^(?:net )?cash (?:provided by|used in|from|generated (?:by|from))\b.*\boperations$/i) : null);
    const loc = netLine ?? search(new RegExp(`\\b${activity} activities\\b`, 'i'));
    const f = loc ? figureOf(loc, p, activity.toLowerCase(), spans, netLine ? `${activity} activities` : loc.row.label, release) : null;
    if (f) cashflow.push(f);
  }
  return {
    sector, end: p.end, spans: p.spans,
    ...(top && evidentTop(release, top) ? { topEvident: true } : {}),
    display: displayPower(release, top ?? nii, p, span ?? longer),
    figures: figures.slice(0, TILES),
    parts,
    income: dedupe(income),
    balance: balance.filter((f): f is HeadlineFigure => !!f && f.cols.some(Boolean)),
    cashflow,
  };
}

/**
 * The balance sheet's liabilities as printed: their total, or where the row labelled so closes the
 * liabilities-and-equity side (Row.closes), the non-current and current liabilities it is made of.
 */
function liabilitiesLines(release: Release, p: Periods): [Located | null, string][] {
  const line = (re: RegExp) => firstRow(release, ['balance-sheet'], (row) => row.kind === 'amount' && !row.closes && re.test(oneSpaced(row.label)), (l) => !!triple(l, p, null));
  const total = line(WORDS.totalLiabilities);
  if (total) return [[total, 'liabilities']];
  return [[line(/^(?:total\s+)?non-?current liabilities$/i), 'liabilities-non-current'], [line(/^(?:total\s+)?current liabilities$/i), 'liabilities-current']];
}

/**
 * The top line is its table's first figure row and a footing below it takes costs off it (gross
 * profit = revenue − cost of revenue): the total a term of which it is, and no larger than it in any
 * column. A first line that other income outweighs is no top line, however it is labelled.
 */
function evidentTop(release: Release, top: Located): boolean {
  const first = top.table.rows.findIndex((r) => r.kind === 'amount' && r.cells.some((c) => c?.value));
  if (first !== top.rowIndex) return false;
  return release.relations.some((r) => r.type === 'footing' && r.total.statement === top.statement && r.total.table === top.tableIndex && r.total.row > top.rowIndex
    && r.terms.some((t) => t.ref.statement === top.statement && t.ref.table === top.tableIndex && t.ref.row === top.rowIndex)
    && r.columns.every((c) => { const total = top.table.rows[r.total.row]?.cells[c]?.value; const own = top.row.cells[c]?.value; return !!total && !!own && total.lte(own); }));
}

/**
 * The page's unit for amounts: millions (or the release's own coarser unit), but thousands where the
 * release prints thousands or finer and its top line is under ten million, so "$138 thousand" does not
 * read "$0.1 million".
 */
function displayPower(release: Release, top: Located | null, p: Periods, span: number | null): number {
  const scale = release.meta.amountScale ?? 3;
  if (scale >= 6) return scale;
  const now = top ? triple(top, p, span)?.now : null;
  return now?.value && now.kind === 'amount' && units(now).abs().lt(10_000_000) ? 3 : 6;
}

function sameNow(release: Release, a: HeadlineFigure, b: HeadlineFigure): boolean {
  const cell = (f: HeadlineFigure) => {
    const at = f.cols[0];
    return at ? release.statements.find((s) => s.id === f.row.statement)?.tables[f.row.table]?.rows[f.row.row]?.cells[at.now] ?? null : null;
  };
  const x = cell(a)?.value;
  const y = cell(b)?.value;
  return !!x && !!y && x.eq(y);
}

/** "Gross margin" printed without % is an amount; printed with one it is a ratio and no line of the condensed statement. */
function isAmountRow(release: Release, f: HeadlineFigure): boolean {
  const row = release.statements.find((s) => s.id === f.row.statement)?.tables[f.row.table]?.rows[f.row.row];
  return row?.kind === 'amount';
}

function dedupe(lines: HeadlineFigure[]): HeadlineFigure[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    const k = `${l.row.statement}/${l.row.table}/${l.row.row}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const headlinePass: Pass = {
  name: 'headline',
  run(release) {
    release.headline = chooseHeadline(release);
    release.headline.changes = printedChanges(release);
  },
};
