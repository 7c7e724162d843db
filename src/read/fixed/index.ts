import type { Reader } from '../reader';
import { countLines } from '../markdown/sniff';
import { layoutOf } from './layout';
import { tokenizeFixed } from './tokenize';

/**
 * Fixed-width text tables: old EDGAR .txt exhibits and fenced wire copies. Pipe tables, tab
 * tables and HTML are other readers' formats; a document with many of those lines is not ours.
 */
export const fixedReader: Reader = {
  name: 'fixed',
  description: 'fixed-width text tables (EDGAR .txt exhibits, fenced wire copies)',
  sniff(text) {
    const { pipes, tabbed, counted: figures } = countLines(text, (l) => {
      if (l.length >= 400 || l.includes('|') || l.includes('\t')) return false;
      const layout = layoutOf(l.replace(/\s+$/, ''));
      return !!layout && !layout.years && layout.values.length >= 2;
    });
    // EDGAR's SGML table tags mark fixed-width tables even where tabs align them.
    const sgml = /^<TABLE>\s*$/m.test(text) && /^<S>\s+<C>/m.test(text);
    if (sgml && figures >= 3) return 0.97;
    if (figures < 8 || pipes >= 5 || tabbed >= 5) return 0;
    if (/<(html|body|table|tr|td|div|p)\b[^>]*>/i.test(text.slice(0, 300000))) return 0;
    return 0.8;
  },
  tokenize: tokenizeFixed,
};
