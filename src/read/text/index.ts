import type { Reader } from '../reader';
import { tokenizeTabText } from './tokenize';

/** The bundled sample's format: markdown prose with tab-separated tables. */
export const textReader: Reader = {
  name: 'text',
  description: 'markdown prose with tab-separated tables (the bundled sample)',
  sniff(text) {
    const lines = text.split('\n', 5000);
    const tabbed = lines.filter((l) => /\t/.test(l) && /\d/.test(l)).length;
    return tabbed >= 5 ? 0.9 : tabbed > 0 ? 0.3 : 0;
  },
  tokenize: tokenizeTabText,
};
