import type { Release } from '../model/types';

// The model as JSON: Decimals become strings (decimal.js's toJSON), so no figure passes through a
// float. Compact, one line and a newline: indented, the file was 2.2 times larger and its encoding
// the costliest stage after reading (`jq .` shows it indented).

/** Encoded text is handed to the buffer in pieces of about this many characters. */
const PIECE = 16 * 1024;

/**
 * The bytes of `JSON.stringify(release)` and a newline. The release is stringified one array
 * element at a time and encoded in small pieces: V8 joins one large JSON text from parts, and
 * encoding it whole first copies it into a fresh string (two bytes a character as soon as a label
 * has a dash or curly quote), which cost more than the stringifying itself.
 */
export function toJsonBytes(release: Release): Buffer {
  const chunks: Buffer[] = [];
  let text = '{';
  let first = true;
  for (const [key, value] of Object.entries(release)) {
    if (Array.isArray(value)) {
      text += `${first ? '' : ','}${JSON.stringify(key)}:[`;
      value.forEach((item: unknown, i) => {
        // As in JSON.stringify, an element that has no JSON (undefined, a function) is null.
        text += `${i ? ',' : ''}${JSON.stringify(item) ?? 'null'}`;
        if (text.length > PIECE) {
          chunks.push(Buffer.from(text, 'utf8'));
          text = '';
        }
      });
      text += ']';
    } else {
      // A member that has no JSON (undefined, a function) is left out, as JSON.stringify leaves it.
      const json = JSON.stringify(value);
      if (json === undefined) continue;
      text += `${first ? '' : ','}${JSON.stringify(key)}:${json}`;
    }
    first = false;
  }
  chunks.push(Buffer.from(`${text}}\n`, 'utf8'));
  return Buffer.concat(chunks);
}

/** The same JSON as text. */
export function toJson(release: Release): string {
  return toJsonBytes(release).toString('utf8');
}
