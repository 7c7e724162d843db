import type { Release } from '../model/types';
import { triple, units, type Located, type Periods } from '../infer/locate';
import { yearBefore } from '../infer/facts-tie';
import { spanHead, weeksOf } from './heads';
import { labelText } from './labels';
import { fitLines } from './text-fit';
import { money } from './view-figures';

// Geometry of the briefing's inline SVG chart: revenue lines and net income, this year against
// last, one panel per span. Numbers become JS numbers here only to place shapes; every printed
// value still comes from the formatting helper.

export interface Bar { x: number; y: number; w: number; h: number; cls: string; text: string; tx: number; ty: number }
/** An item's label in at most two lines that end before the bars start. */
export interface ChartItem { label: string; lines: { text: string; y: number }[]; bars: Bar[] }
export interface ChartPanel { title: string; ty: number; items: ChartItem[] }
export interface Chart { width: number; height: number; labelWidth: number; panels: ChartPanel[]; legendY: number }

const WIDTH = 340;
const LABEL = 118;
const VALUE_ROOM = 54;
const BAR = 7;
const ITEM = 24;
const TITLE = 14;
/** The label's font size in the SVG's units (templates/briefing.css, .chart .ilabel) and its gap before the bars. */
const LABEL_PX = 7.5;
const LABEL_GAP = 4;

const SPAN_NAME: Record<number, string> = { 3: 'Three months', 6: 'Six months', 9: 'Nine months', 12: 'Twelve months' };

export function chart(release: Release, p: Periods, items: { loc: Located; label: string }[]): Chart | null {
  if (!items.length || !p.end) return null;
  const panels: ChartPanel[] = [];
  let y = 0;
  for (const span of p.spans) {
    const rows = items.map((it) => ({ it, t: triple(it.loc, p, span) })).filter((r) => r.t?.now?.value);
    if (!rows.length) continue;
    const max = Math.max(...rows.flatMap((r) => [r.t?.now, r.t?.prior].filter((f) => f?.value).map((f) => Math.abs(units(f!).toNumber()))));
    if (!(max > 0)) continue;
    // The years as the tables head them ("Q3 FY24 vs Q3 FY25", "FY23 vs FY24"), the length in words once.
    const weeks = weeksOf(release, span);
    const [before, now] = [spanHead(release, yearBefore(p.end), span), spanHead(release, p.end, span)].map((h) => h.replace(/^(?:\d+M|\d+ wks)\s+/, ''));
    const panel: ChartPanel = { title: `${weeks ? `${weeks} weeks` : SPAN_NAME[span] ?? `${span} months`} to ${p.end} \u00b7 ${before} vs ${now}`, ty: y + 10, items: [] };
    y += TITLE;
    for (const { it, t } of rows) {
      const bars: Bar[] = [];
      ([[t?.prior ?? null, 'prior'], [t?.now ?? null, 'now']] as const).forEach(([fig, cls], i) => {
        if (!fig?.value) return;
        const v = units(fig).toNumber();
        const w = Math.max(1, Math.round(((WIDTH - LABEL - VALUE_ROOM) * Math.abs(v)) / max));
        const by = y + 2 + i * (BAR + 2);
        bars.push({ x: LABEL, y: by, w, h: BAR, cls: `${cls}${v < 0 ? ' negative' : ''}`, text: money(release, fig, false) ?? '', tx: LABEL + w + 3, ty: by + BAR - 1 });
      });
      const label = labelText(release, it.label);
      const lines = fitLines(label, LABEL - LABEL_GAP, LABEL_PX, 2);
      const first = lines.length > 1 ? y + 8 : y + 10;
      panel.items.push({ label, lines: lines.map((text, k) => ({ text, y: first + k * 8.5 })), bars });
      y += ITEM;
    }
    panels.push(panel);
    y += 4;
  }
  if (!panels.length) return null;
  return { width: WIDTH, height: y + 12, labelWidth: LABEL, panels, legendY: y + 8 };
}
