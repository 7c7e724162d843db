import { PDFDocument } from 'pdf-lib';
import { InputError } from './model/errors';
import { fontFaces } from './render/html';
import type { Paper } from './render/view';
import type { Printer } from './render/pdf';
import type { Card } from './serve/card';
import { coverHtml } from './serve/pages';

// The pack: the day's briefings as one PDF to forward to a team. A cover with one line per release
// (company, headline figures with their change on a year earlier, tie-out status: each the card its
// briefing printed, never decided again) and then each one-page briefing, as built.

export interface PackItem {
  card: Card;
  /** The release's briefing PDF, as `tieout build` writes it. */
  pdf: Buffer;
}

/** The cover's HTML: self-contained, with the briefing's typeface. */
export function packCover(cards: Card[], day: string, paper: Paper = 'a4'): string {
  const companies = new Set(cards.map((c) => c.company)).size;
  return coverHtml({
    title: `Earnings briefings, ${day}`,
    subtitle: `${cards.length} release${cards.length === 1 ? '' : 's'} of ${companies} compan${companies === 1 ? 'y' : 'ies'} · each briefing follows on its own page`,
    cards,
    fonts: fontFaces(),
    pageSize: paper === 'letter' ? 'Letter' : 'A4',
  });
}

/** Joins PDFs page by page; no date or producer is stamped on the result. */
export async function joinPdfs(parts: Buffer[]): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    const doc = await PDFDocument.load(part, { updateMetadata: false });
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  }
  return Buffer.from(await out.save());
}

/** The pack of `items`: its cover printed by `printer`, then each briefing. */
export async function makePack(items: PackItem[], printer: Printer, opts: { day?: string; paper?: Paper } = {}): Promise<Buffer> {
  if (!items.length) throw new InputError({ file: 'pack', expected: 'at least one built release', found: 'none' });
  const day = opts.day ?? new Date().toISOString().slice(0, 10);
  const cover = await printer.printHtml(packCover(items.map((i) => i.card), day, opts.paper), opts.paper);
  return joinPdfs([cover, ...items.map((i) => i.pdf)]);
}

export interface PackRun {
  pdf: Buffer | null;
  releases: number;
  /** Inputs that could not be read as a release, with the reason (one line each). */
  refused: { input: string; message: string }[];
}

/** `tieout pack`: reads, infers and prints each input's briefing with one browser, then the pack. */
export async function packFiles(inputs: string[], opts: { from?: string; paper?: Paper } = {}): Promise<PackRun> {
  const { make } = await import('./stages');
  const { Printer } = await import('./render/pdf');
  const { cardOf } = await import('./serve/card');
  const printer = new Printer();
  const items: PackItem[] = [];
  const refused: PackRun['refused'] = [];
  try {
    for (const input of inputs) {
      try {
        const release = (await make(input, { from: opts.from }, () => printer.warm())).release();
        const printed = await printer.print(release, { paper: opts.paper });
        items.push({ card: cardOf(release), pdf: printed.pdf });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        refused.push({ input, message: err.message });
      }
    }
    return { pdf: items.length ? await makePack(items, printer, { paper: opts.paper }) : null, releases: items.length, refused };
  } finally {
    await printer.close();
  }
}
