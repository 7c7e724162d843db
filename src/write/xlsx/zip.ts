import { crc32, deflateRawSync } from 'zlib';
import { utf8Pieces } from './utf8';

// A zip archive, as an .xlsx package is: every part deflated by Node's native zlib, and every
// entry stamped with one given moment instead of the time it was written, so the same workbook
// always gives the same bytes.

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DEFLATED = 8;
/** zlib's level 4: a workbook's XML compresses within a few percent of the default level 6, in
 * half the time. */
const LEVEL = 4;
/** Version 2.0 of the format: what deflate needs to extract. */
const VERSION = 20;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;

/** A part: its name in the package and its text, whole or in pieces to be joined. */
export interface ZipEntry { name: string; text: string | readonly string[] }

function dosDateTime(date: Date): { date: number; time: number } {
  const y = Math.max(1980, date.getUTCFullYear());
  return {
    date: ((y - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

/** The entries, in order, as one zip archive whose every entry is dated `when`. */
export function zip(entries: ZipEntry[], when: Date): Buffer {
  const { date, time } = dosDateTime(when);
  const chunks: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, text } of entries) {
    const data = utf8Pieces(text);
    const nameBytes = Buffer.from(name, 'utf8');
    const body = deflateRawSync(data, { level: LEVEL });
    const crc = crc32(data);
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : UTF8_NAMES;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(DEFLATED, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    local.copy(central, 8, 6, 30);
    // Comment length, disk number, internal and external attributes stay 0.
    central.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
