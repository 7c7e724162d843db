import { parseFigure } from '../number';

// One line of a fixed-width table: a label at the left, figures right-aligned in columns. Chunks
// are runs of text between gaps of two or more spaces; figures are read from the right end of the
// line, so a label with words and single spaces never splits.

export interface Chunk {
  text: string;
  start: number;
  end: number;
}

export interface LineLayout {
  label: string;
  indent: number;
  /** Figures (with their "$", "%" or ")") in order, with their character span. */
  values: Chunk[];
  /** True when every figure is a bare year: the line is a column header. */
  years: boolean;
}

const CURRENCY = /^(US\$|NT\$|C\$|A\$|HK\$|\$|€|£|¥)$/;
const YEAR = /^(19|20)\d{2}$/;
const VALUE_WORD = /^(nm|n\/m|n\/a|n\.a\.?|n\.m\.?|nil|--?|—|–)$/i;

/**
 * Chunks of a line split at two or more spaces. A no-break space binds the words beside it, with at
 * most one ordinary space next to it ("December 31,\u00a0 2024" is one heading, not a caption and a year).
 */
export function chunks(line: string): Chunk[] {
  const out: Chunk[] = [];
  const re = /\S+(?:(?: |\u00a0+ ?| \u00a0+)\S+)*/g;
  for (const m of line.matchAll(re)) out.push({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return out;
}

function isValue(text: string): boolean {
  return parseFigure(text) !== null || VALUE_WORD.test(text);
}

/**
 * Splits a line into label and figures, or returns null when its right end holds no figure
 * apart from the label by two spaces (running text, a title, a label alone).
 */
export function layoutOf(line: string): LineLayout | null {
  // Single spaces inside "$ 8,851" and "53 %" belong to the figure: split those words apart first.
  const words = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const values: Chunk[] = [];
  let i = words.length - 1;
  while (i >= 0) {
    const w = words[i];
    let text = w.text;
    let start = w.start;
    if (text === '%' || text === ')' || text === '%)') {
      const prev = words[i - 1];
      if (!prev || !isValue(prev.text + text)) break;
      text = prev.text + text;
      start = prev.start;
      i--;
    }
    if (!isValue(text)) break;
    const cur = words[i - 1];
    if (cur && CURRENCY.test(cur.text) && cur.end < start) { text = `${cur.text} ${text}`; start = cur.start; i--; }
    values.unshift({ text: text.replace(/\s+/g, ' '), start, end: w.end });
    i--;
  }
  if (values.length === 0) return null;
  const labelEnd = i >= 0 ? words[i].end : 0;
  // The label and the first figure stand apart by two spaces or more (or a dotted leader).
  const gap = line.slice(labelEnd, values[0].start);
  if (i >= 0 && !/^\s{2,}$|\.{2,}/.test(gap)) return null;
  const rawLabel = line.slice(0, labelEnd);
  const label = rawLabel.replace(/[\s.]*\.{2,}[\s.]*$/, '').trim();
  return {
    label,
    indent: /^ */.exec(rawLabel)?.[0].length ?? 0,
    values,
    years: values.every((v) => YEAR.test(v.text)),
  };
}

/** A dashed or double underline row, or a row of them under each column. */
export function isRule(line: string): boolean {
  return /[-=_]{3,}/.test(line) && /^[\s\-=_+|]+$/.test(line);
}

/**
 * Columns from right edges: figures are right-aligned, so the figures of one column end at (about)
 * the same character; a closing parenthesis may hang one or two characters past the others.
 */
export function columnEdges(ends: number[]): number[][] {
  const sorted = [...new Set(ends)].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const e of sorted) {
    const g = groups[groups.length - 1];
    if (g && e - g[g.length - 1] <= 2) g.push(e);
    else groups.push([e]);
  }
  return groups;
}
