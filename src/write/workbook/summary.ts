import { companyText, NOT_STATED } from '../../model/meta-text';
import type { Sheet } from '../xlsx/sheet';
import { cellRef } from '../../model/refs';
import type { Release, RowRef } from '../../model/types';
import { CHECK_COUNT, CHECK_FAILING, CHECK_ROUNDING, CHECK_UNTIED, type CheckStatus } from './checks';
import type { FormulaPlan } from './formulas';
import { claimsLabel, findIdentities } from './identity';
import { addressOf, CHECKS, quoteSheet, refText, SUMMARY, type Layout } from './layout';
import { BOLD_FONT, BOTTOM_BORDER, figureFormat, figureStyle, font, look, TEXT_FONT, TITLE_FONT, printSetup } from './styles';
import { toNumber } from './values';

// The first sheet: who, what period, from which file, the headline figures the briefing shows and the
// key figures as links into the statements, and whether every check ties (a formula over the Checks sheet).

interface Block {
  title: string;
  rows: RowRef[];
  /**
   * For a row of another table than the first (the liabilities-and-equity side of a balance sheet
   * printed in parts): its column under each column of the first table's header.
   */
  columnsOf?: Map<number, number>[];
  /** The balance sheet's identity: its second row is named by what it closes. */
  identity?: boolean;
}

/** Key figures by structure: the income statement's bold rows, and the balance sheet's identity rows. */
function keyBlocks(release: Release): Block[] {
  const blocks: Block[] = [];
  const income = release.statements.find((s) => s.kind === 'income');
  if (income?.tables[0]) {
    const rows = income.tables[0].rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => (r.emphasis === 'subtotal' || r.emphasis === 'total') && r.cells.some((c) => c && c.value !== null))
      .map(({ i }) => ({ statement: income.id, table: 0, row: i }));
    if (rows.length) blocks.push({ title: income.title, rows });
  }
  for (const id of findIdentities(release)) {
    const st = release.statements.find((s) => s.id === id.assets.statement)!;
    const apart = id.claims.table !== id.assets.table;
    const columnsOf = apart ? [new Map(id.columns.map((c) => [c, c])), new Map(id.columns.map((c, k) => [c, id.claimColumns[k]]))] : undefined;
    blocks.push({ title: st.title, rows: [id.assets, id.claims], columnsOf, identity: true });
  }
  return blocks;
}

export function writeSummary(ws: Sheet, release: Release, layout: Layout, plan: FormulaPlan, status: CheckStatus): void {
  const m = release.meta;
  ws.set(1, 1, companyText(m), look({ font: TITLE_FONT }));
  const bold = look({ font: BOLD_FONT });
  const text = look({ font: TEXT_FONT });
  const facts: [string, string][] = [
    ['Tickers', m.tickers.map((t) => `${t.exchange}: ${t.symbol}`).join(', ')],
    ['Fiscal period', m.fiscalPeriod ?? NOT_STATED],
    ['Period end', m.periodEnd ?? NOT_STATED],
    ['Release date', m.releaseDate ?? NOT_STATED],
    ['Headline', m.headline ?? ''],
    ['Source file', release.source.file],
    ['Reporting currency', [m.currency ?? NOT_STATED, m.amountScale === 3 ? 'thousands' : m.amountScale === 6 ? 'millions' : ''].filter(Boolean).join(' ')],
  ];
  let y = 2;
  for (const [k, v] of facts) {
    ws.set(y, 1, k, bold);
    ws.set(y, 2, v, text);
    y++;
  }
  const checks = `${quoteSheet(CHECKS)}!${CHECK_COUNT}`;
  const failing = `${quoteSheet(CHECKS)}!${CHECK_FAILING}`;
  const untied = `${quoteSheet(CHECKS)}!${CHECK_UNTIED}`;
  const rounding = `${quoteSheet(CHECKS)}!${CHECK_ROUNDING}`;
  const summary = status.failing === 0 ? `All ${status.checks} checks tie` : `${status.failing} of ${status.checks} checks fail`;
  ws.set(y, 1, 'Check status', bold);
  ws.set(y, 2, {
    formula: `IF(${failing}=0,"All "&${checks}&" checks tie",${failing}&" of "&${checks}&" checks fail")&IF(${rounding}>0,"; "&${rounding}&" within rounding","")&IF(${untied}>0,"; "&${untied}&" totals untied","")`,
    result: `${summary}${status.rounding ? `; ${status.rounding} within rounding` : ''}${status.untied ? `; ${status.untied} totals untied` : ''}`,
  }, look({ font: font('link', true) }));
  y += 2;

  const header = look({ font: BOLD_FONT, alignment: { horizontal: 'center', wrapText: true }, border: BOTTOM_BORDER });
  // The headline figures as the briefing's tiles show them (release.headline): each a link to its cell.
  const figures = release.headline?.figures ?? [];
  if (figures.length) {
    ws.set(y, 1, 'Headline figures', bold);
    const spans = release.headline!.spans;
    const name = (s: number | undefined) => (s ? `${s}M` : '');
    ['Current', 'Prior year'].forEach((h, i) => ws.set(y, i + 2, `${name(spans[0])} ${h}`.trim(), header));
    y++;
    for (const f of figures) {
      ws.set(y, 1, f.caption, text);
      const at = f.cols.find(Boolean);
      const row = release.statements.find((st) => st.id === f.row.statement)?.tables[f.row.table]?.rows[f.row.row];
      [at?.now, at?.prior].forEach((col, i) => {
        const fig = col === null || col === undefined ? null : row?.cells[col];
        if (!fig || fig.value === null || col === null || col === undefined) return;
        const ref = cellRef(f.row, col);
        ws.set(y, i + 2, { formula: refText(addressOf(layout, ref)!, SUMMARY), result: toNumber(plan.valueOf(ref)!) }, figureStyle(figureFormat(fig), 'link'));
      });
      y++;
    }
    y++;
  }
  for (const block of keyBlocks(release)) {
    const first = block.rows[0];
    const table = release.statements.find((s) => s.id === first.statement)!.tables[first.table];
    ws.set(y, 1, block.title, bold);
    table.columns.forEach((col, ci) => ws.set(y, ci + 2, [col.period?.label, col.currency].filter(Boolean).join(' '), header));
    y++;
    block.rows.forEach((r, k) => {
      const row = release.statements.find((s) => s.id === r.statement)!.tables[r.table].rows[r.row];
      const columns = block.columnsOf?.[k];
      ws.set(y, 1, k && block.identity ? claimsLabel(row) : row.label, text);
      table.columns.forEach((_, ci) => {
        const at = columns ? columns.get(ci) : ci;
        const fig = at === undefined ? null : row.cells[at];
        if (!fig || fig.value === null) return;
        const ref = cellRef(r, at!);
        ws.set(y, ci + 2, { formula: refText(addressOf(layout, ref)!, SUMMARY), result: toNumber(plan.valueOf(ref)!) }, figureStyle(figureFormat(fig), 'link'));
      });
      y++;
    });
    y++;
  }
  ws.width(1, 50);
  for (let c = 2; c <= 8; c++) ws.width(c, 16);
  ws.page = printSetup();
}
