import { isPipeLine, isSeparatorLine } from './pipes';

/** What the plain-text readers' sniffs weigh: pipe-table lines, tab-table lines, and lines a caller counts. */
export interface LineCounts {
  pipes: number;
  separators: number;
  tabbed: number;
  counted: number;
}

// A module constant: a literal in the loop would be a new RegExp object for each line.
const DIGIT = /\d/;

/** Counts the table-like lines of a text (the first 20,000 lines are plenty to tell a format). */
export function countLines(text: string, count: (line: string) => boolean = () => false): LineCounts {
  const c: LineCounts = { pipes: 0, separators: 0, tabbed: 0, counted: 0 };
  for (const l of text.split('\n', 20000)) {
    if (isPipeLine(l)) { c.pipes++; if (isSeparatorLine(l)) c.separators++; }
    if (l.includes('\t') && DIGIT.test(l)) c.tabbed++;
    if (count(l)) c.counted++;
  }
  return c;
}
