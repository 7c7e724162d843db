import type { Reader } from '../reader';
import { countLines } from './sniff';
import { tokenizeMarkdown } from './tokenize';

/**
 * Newswire copies with markdown pipe tables. Tab-separated tables (the bundled sample's format)
 * and HTML belong to other readers, so a document with more of those than pipe rows is not ours.
 */
export const markdownReader: Reader = {
  name: 'markdown',
  description: 'markdown with pipe tables (newswire copies)',
  sniff(text) {
    const { pipes, separators, tabbed } = countLines(text);
    if (/<(html|table|tr|td)\b/i.test(text.slice(0, 200000)) && pipes < 20) return 0;
    if (pipes < 5 || separators === 0 || tabbed >= pipes) return 0;
    return 0.95;
  },
  tokenize: tokenizeMarkdown,
};
