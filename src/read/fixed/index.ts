import type { Reader } from '../reader';
import { countLines } from '../markdown/sniff';
import { layoutOf } from './layout';
import { tokenizeFixed } from './tokenize';

/**
 * True when an HTML block tag opens somewhere and is closed by a ">" later on. Only the first opening
 * need be looked at (a ">" after a later one is after the first too), which keeps this linear.
 */
function hasHtmlTag(text: string): boolean {
  const open = /<(html|body|table|tr|td|div|p)\b/i.exec(text);
  return open !== null && text.indexOf('>', open.index) >= 0;
}

/**
 * Fixed-width text tables: old EDGAR .txt exhibits and fenced wire copies. Pipe tables, tab
 * tables and HTML are other readers' formats; a document with many of those lines is not ours.
 */
export const fixedReader: Reader = {
  name: 'fixed',
  description: 'fixed-width text tables (EDGAR .txt exhibits, fenced wire copies)',
  sniff(text) {
    // EDGAR's SGML table tags mark fixed-width tables even where tabs align them.
    const sgml = /^<TABLE>\s*$/m.test(text) && /^<S>\s+<C>/m.test(text);
    // Without them, pipe tables, tab tables and HTML say no before any line is laid out.
    if (!sgml) {
      if (hasHtmlTag(text.slice(0, 300000))) return 0;
      const { pipes, tabbed } = countLines(text);
      if (pipes >= 5 || tabbed >= 5) return 0;
    }
    const { counted: figures } = countLines(text, (l) => {
      if (l.length >= 400 || l.includes('|') || l.includes('\t')) return false;
      const layout = layoutOf(l.trimEnd());
      return !!layout && !layout.years && layout.values.length >= 2;
    });
    if (sgml) return figures >= 3 ? 0.97 : 0;
    return figures < 8 ? 0 : 0.8;
  },
  tokenize: tokenizeFixed,
};
