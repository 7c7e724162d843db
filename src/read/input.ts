import { promises as fs } from 'fs';
import { InputError } from '../model/errors';
import { fsPath } from '../names';
import type { Diagnostic } from '../model/types';

/** Inputs above this size are refused before they are read: no release comes near it. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * Loads a release's text, refusing what cannot be a release: a missing path, a directory, an empty
 * or oversized file, binary content.
 */
export async function loadInput(file: string, notes?: Diagnostic[]): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(fsPath(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A name whose bytes are not UTF-8 reaches a program as U+FFFD in place of them where the system
    // cannot give its bytes back (see argvNames), which names no file: say so, rather than that the
    // file is not there.
    const found = code !== 'ENOENT' ? `an error opening it (${code})` : file.includes('\ufffd') ? 'no such file: the name holds bytes that are not UTF-8 (shown as \ufffd), which cannot be passed on; rename the file' : 'no such file';
    throw new InputError({ file, expected: 'a readable file', found });
  }
  if (stat.isDirectory()) throw new InputError({ file, expected: 'a file', found: 'a directory' });
  if (!stat.isFile()) throw new InputError({ file, expected: 'a regular file', found: 'a special file' });
  if (stat.size === 0) throw new InputError({ file, expected: 'an earnings release', found: 'an empty file (0 bytes)' });
  if (stat.size > MAX_INPUT_BYTES) {
    throw new InputError({ file, expected: `a release of at most ${MAX_INPUT_BYTES / 1024 / 1024} MB`, found: `${(stat.size / 1024 / 1024).toFixed(1)} MB` });
  }
  const bytes = await fs.readFile(fsPath(file));
  return decodeText(bytes, file, notes);
}

/** Sequences of two to four bytes that are well-formed UTF-8 (a character beyond ASCII each). */
const UTF8_SEQUENCE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/g;

/**
 * Decodes UTF-8, refusing binary content. A file whose bytes beyond ASCII are mostly not UTF-8 is an
 * old filing in Latin-1 and read as such; in a UTF-8 file, a few bytes that are not (a stray byte
 * pasted from elsewhere) become U+FFFD, each counted in a warning pushed on `notes`, and the rest of
 * the file keeps its euro signs and accents.
 */
export function decodeText(bytes: Buffer, file: string, notes?: Diagnostic[]): string {
  const head = bytes.subarray(0, 64 * 1024);
  const nul = head.indexOf(0);
  if (nul >= 0) {
    const line = head.subarray(0, nul).toString('latin1').split('\n').length;
    throw new InputError({ file, line, expected: 'text', found: `binary content (a NUL byte at offset ${nul})` });
  }
  let text = bytes.toString('utf8');
  const replaced = (text.match(/\ufffd/g) ?? []).length;
  if (replaced > 0) {
    const latin1 = bytes.toString('latin1');
    const sequences = latin1.match(UTF8_SEQUENCE) ?? [];
    // U+FFFD written in the file itself is a sequence, not a bad byte.
    const written = sequences.filter((q) => q === '\xef\xbf\xbd').length;
    const bad = replaced - written;
    if (bad > 0 && sequences.length - written <= bad) text = latin1;
    else if (bad > 0) {
      const line = text.slice(0, text.search(/\ufffd/)).split('\n').length;
      notes?.push({
        level: 'warning',
        message: `${bad === 1 ? '1 byte that is' : `${bad} bytes that are`} not UTF-8 read as U+FFFD (the first on line ${line}); the rest of the file read as UTF-8`,
        place: { line },
      });
    }
  }
  // Old EDGAR text is often Latin-1: a few stray bytes are not binary, many control bytes are.
  const controls = (head.toString('latin1').match(/[\x00-\x08\x0e-\x1a\x1c-\x1f]/g) ?? []).length;
  if (controls > head.length / 20) {
    throw new InputError({ file, expected: 'text', found: `binary content (${controls} control bytes in the first ${head.length})` });
  }
  if (text.trim() === '') throw new InputError({ file, expected: 'an earnings release', found: 'only white space' });
  return text.replace(/^\ufeff/, '');
}
