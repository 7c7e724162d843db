import { deflateRawSync } from 'zlib';

// exceljs zips with JSZip, which deflates in JavaScript (pako) and stamps every entry with the
// time it was written. The workbook is asked for stored (uncompressed) entries instead, and the
// zip is rebuilt here: each part deflated by Node's native zlib, several times faster, and every
// entry's DOS date and time set to one fixed moment, so the same workbook gives the same bytes.
// The CRC of each part is of its uncompressed bytes, so the one JSZip computed carries over.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** General purpose flag: sizes and CRC follow the data instead of sitting in the headers. */
const DATA_DESCRIPTOR = 0x0008;

function dosDateTime(date: Date): { date: number; time: number } {
  const y = Math.max(1980, date.getUTCFullYear());
  return {
    date: ((y - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

/**
 * A zip of stored entries rebuilt with every file entry deflated (folders stay stored, as JSZip
 * writes them) and every entry's modification time set to `when`. Entries keep their order,
 * names, CRCs and attributes.
 */
export function deflateStoredZip(stored: Buffer, when: Date): Buffer {
  let eocd = -1;
  for (let i = stored.length - 22; i >= Math.max(0, stored.length - 22 - 0xffff); i--) {
    if (stored.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const { date, time } = dosDateTime(when);
  const count = stored.readUInt16LE(eocd + 10);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let p = stored.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (stored.readUInt32LE(p) !== CENTRAL) throw new Error(`not a zip: bad central directory entry at ${p}`);
    const centralLength = 46 + stored.readUInt16LE(p + 28) + stored.readUInt16LE(p + 30) + stored.readUInt16LE(p + 32);
    const central = Buffer.from(stored.subarray(p, p + centralLength));
    const local = stored.readUInt32LE(p + 42);
    if (stored.readUInt32LE(local) !== LOCAL) throw new Error(`not a zip: bad local header at ${local}`);
    if (stored.readUInt16LE(p + 10) !== STORED || stored.readUInt16LE(p + 8) & DATA_DESCRIPTOR) throw new Error(`not a zip of stored entries with sizes in the headers: entry ${n}`);
    const headerLength = 30 + stored.readUInt16LE(local + 26) + stored.readUInt16LE(local + 28);
    const header = Buffer.from(stored.subarray(local, local + headerLength));
    const data = stored.subarray(local + headerLength, local + headerLength + stored.readUInt32LE(p + 20));
    const folder = stored.toString('utf8', p + 46, p + 46 + stored.readUInt16LE(p + 28)).endsWith('/');
    const body = folder ? data : deflateRawSync(data);
    for (const [h, at] of [[header, 8], [central, 10]] as const) {
      h.writeUInt16LE(folder ? STORED : DEFLATED, at);
      h.writeUInt16LE(time, at + 2);
      h.writeUInt16LE(date, at + 4);
      h.writeUInt32LE(body.length, at + 10);
    }
    central.writeUInt32LE(offset, 42);
    locals.push(header, body);
    centrals.push(central);
    offset += headerLength + body.length;
    p += centralLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.from(stored.subarray(eocd, eocd + 22));
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // The zip comment, if any, is dropped with the rest of the old end record: JSZip writes none.
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, directory, end]);
}
