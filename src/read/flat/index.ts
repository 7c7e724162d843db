import { countLines } from '../markdown/sniff';
import type { Reader } from '../reader';
import { isRunTogether } from './pieces';
import { tokenizeFlat } from './tokenize';

// A figure alone on its line ("$13,217", "(675)", "-11,587", "15%"): a table's cell on a line of its own.
const LONE_FIGURE = /^\s*(?:\$\s*)?\(?[-\u2212]?\$?\d[\d,]*(?:\.\d+)?\)?%?\s*$/;

/**
 * Tables flattened out of their grid: one cell per line or paragraph, or a whole table on one line.
 * Less sure than any reader of real table markup, so a document with pipe tables, tab tables, HTML
 * or fixed-width columns goes to that reader.
 */
export const flatReader: Reader = {
  name: 'flat',
  description: 'tables flattened to one cell per line or one table per line (web scrapes, wire copies)',
  sniff(text) {
    if (/<(table|tr|td)\b/i.test(text.slice(0, 200000))) return 0;
    const { pipes, tabbed, counted } = countLines(text, (l) => l.length < 40 && LONE_FIGURE.test(l));
    if (pipes >= 5 || tabbed >= 5) return 0;
    if (counted >= 20) return 0.6;
    return text.split('\n', 20000).some(isRunTogether) ? 0.6 : 0;
  },
  tokenize: tokenizeFlat,
};
