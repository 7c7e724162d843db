import { promises as fs } from 'fs';
import { InputError } from '../model/errors';

/** Inputs above this size are refused before they are read: no release comes near it. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * Loads a release's text, refusing what cannot be a release: a missing path, a directory, an empty
 * or oversized file, binary content.
 */
export async function loadInput(file: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file, expected: 'a readable file', found: code === 'ENOENT' ? 'no such file' : `an error opening it (${code})` });
  }
  if (stat.isDirectory()) throw new InputError({ file, expected: 'a file', found: 'a directory' });
  if (!stat.isFile()) throw new InputError({ file, expected: 'a regular file', found: 'a special file' });
  if (stat.size === 0) throw new InputError({ file, expected: 'an earnings release', found: 'an empty file (0 bytes)' });
  if (stat.size > MAX_INPUT_BYTES) {
    throw new InputError({ file, expected: `a release of at most ${MAX_INPUT_BYTES / 1024 / 1024} MB`, found: `${(stat.size / 1024 / 1024).toFixed(1)} MB` });
  }
  const bytes = await fs.readFile(file);
  return decodeText(bytes, file);
}

/** Decodes UTF-8 (or Latin-1 for old filings), refusing binary content. */
export function decodeText(bytes: Buffer, file: string): string {
  const head = bytes.subarray(0, 64 * 1024);
  const nul = head.indexOf(0);
  if (nul >= 0) {
    const line = head.subarray(0, nul).toString('latin1').split('\n').length;
    throw new InputError({ file, line, expected: 'text', found: `binary content (a NUL byte at offset ${nul})` });
  }
  let text = bytes.toString('utf8');
  const bad = (text.match(/\ufffd/g) ?? []).length;
  // Old EDGAR text is often Latin-1: a few stray bytes are not binary, many control bytes are.
  if (bad > 0) text = bytes.toString('latin1');
  const controls = (head.toString('latin1').match(/[\x00-\x08\x0e-\x1a\x1c-\x1f]/g) ?? []).length;
  if (controls > head.length / 20) {
    throw new InputError({ file, expected: 'text', found: `binary content (${controls} control bytes in the first ${head.length})` });
  }
  if (text.trim() === '') throw new InputError({ file, expected: 'an earnings release', found: 'only white space' });
  return text.replace(/^\ufeff/, '');
}
