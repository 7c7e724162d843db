import { readFileSync } from 'fs';

// File names are bytes. A name that is not UTF-8 (an old Latin-1 "café.txt") is still a file the
// system opens, so it is carried through as a string in which each byte that is not UTF-8 stands as
// a lone low surrogate U+DC80–U+DCFF ("surrogate escapes"): no UTF-8 name decodes to one, so the
// string gives back the exact bytes when the file is opened, and survives being passed to a worker
// thread. Shown to a person, each such byte is written as an escape (`caf\xe9.txt`).

const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPED_BYTES = new RegExp(ESCAPED_BYTE.source, 'g');

/** The length of the well-formed UTF-8 sequence at `i`, or 0 where the byte there starts none. */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) return cont(1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(2) ? 3 : 0;
  if (c >= 0xf0 && c <= 0xf4) return cont(1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** A name as the system gives it (bytes) → the string tieout carries, bytes that are not UTF-8 escaped. */
export function nameFromBytes(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (!text.includes('\ufffd')) return text;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const n = sequenceAt(bytes, i);
    if (n === 0) { out += String.fromCharCode(0xdc00 + bytes[i]); i++; continue; }
    out += Buffer.from(bytes.buffer, bytes.byteOffset + i, n).toString('utf8');
    i += n;
  }
  return out;
}

/** The path to give the file system: the name itself, or its exact bytes where it holds escaped ones. */
export function fsPath(name: string): string | Buffer {
  if (!ESCAPED_BYTE.test(name)) return name;
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const lone = code >= 0xdc80 && code <= 0xdcff && !(i > 0 && name.charCodeAt(i - 1) >= 0xd800 && name.charCodeAt(i - 1) <= 0xdbff);
    if (!lone) { run += name[i]; continue; }
    parts.push(Buffer.from(run, 'utf8'), Buffer.from([code - 0xdc00]));
    run = '';
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** A name for a person to read: each byte that is not UTF-8 as `\xNN`. */
export function shownName(name: string): string {
  return name.replace(ESCAPED_BYTES, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`);
}

/**
 * The command line's arguments with their exact bytes, where the system can tell them (Linux's
 * /proc): Node hands a program its arguments decoded as UTF-8, every byte that is not UTF-8 turned
 * into U+FFFD, and that name opens no file. Arguments that are UTF-8 are returned as they are.
 */
export function argvNames(argv: string[]): string[] {
  if (!argv.some((a) => a.includes('\ufffd'))) return argv;
  let raw: Buffer;
  try {
    raw = readFileSync('/proc/self/cmdline');
  } catch {
    return argv;
  }
  const all: Buffer[] = [];
  for (let start = 0; start < raw.length;) {
    const end = raw.indexOf(0, start);
    all.push(raw.subarray(start, end < 0 ? raw.length : end));
    start = end < 0 ? raw.length : end + 1;
  }
  // The program's own arguments are the last ones; each is taken only where it decodes to what Node gave.
  const tail = all.slice(all.length - argv.length);
  if (tail.length !== argv.length) return argv;
  return argv.map((a, i) => (tail[i].toString('utf8') === a ? nameFromBytes(tail[i]) : a));
}
