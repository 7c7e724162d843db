import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';

// Opens a workbook in LibreOffice, forced to recalculate every formula on load, and returns each
// sheet as rows of raw cell values (not as formatted), so tests compare what LibreOffice computed.

const SOFFICE = process.env.SOFFICE ?? 'soffice';

// OOXMLRecalcMode 0 = "always recalculate" for files from Excel 2007 and newer.
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

// CSV filter: comma, double quote, UTF-8, from line 1, language default, raw values
// (token 9 false: not "as shown"), no formulas, every sheet to its own file (token 12 = -1).
const FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1';

export interface Recalculated {
  /** Sheet name → rows → cells, as LibreOffice computed them. */
  sheets: Map<string, string[][]>;
  ms: number;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(SOFFICE, args, { timeout: 180_000 }, (err, _stdout, stderr) => (err ? reject(new Error(`${SOFFICE} failed: ${err.message}\n${stderr}`)) : resolve()));
  });
}

/** Recalculates `xlsx` in a throwaway LibreOffice profile and reads back every sheet. */
export async function recalculate(xlsx: string, sheetNames: string[]): Promise<Recalculated> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tieout-lo-'));
  try {
    const profile = path.join(dir, 'profile');
    await fs.mkdir(path.join(profile, 'user'), { recursive: true });
    await fs.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
    const input = path.join(dir, 'book.xlsx');
    await fs.copyFile(xlsx, input);
    const out = path.join(dir, 'out');
    const t0 = performance.now();
    await run([`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', FILTER, '--outdir', out, input]);
    const ms = performance.now() - t0;
    const sheets = new Map<string, string[][]>();
    for (const name of sheetNames) {
      const file = path.join(out, `book-${name}.csv`);
      sheets.set(name, parseCsv(await fs.readFile(file, 'utf8')));
    }
    return { sheets, ms };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A1 address → [row, col] indexes into a sheet's CSV rows (0-based). */
export function a1Index(a1: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not an A1 address: ${a1}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, col - 1];
}
