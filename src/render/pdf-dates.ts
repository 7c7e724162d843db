// Chromium stamps every PDF with the moment it was printed (/CreationDate and /ModDate in the Info
// dictionary), so two prints of one release differed in those bytes alone. Blanking both entries
// makes the briefing, like the workbook and the JSON, a function of the input bytes: outputs can be
// compared, cached and shared by content. The entries are overwritten with spaces of the same length
// (whitespace between a dictionary's entries), so every byte offset in the cross-reference table
// stays right.

const STAMP = /\/(?:CreationDate|ModDate)\s*\(D:[0-9+\-Z']*\)/g;

/** The PDF without its print-time stamps; the same buffer, changed in place. */
export function withoutDates(pdf: Buffer): Buffer {
  // Skia writes the Info dictionary first (object 1); other writers put it last. latin1 keeps one
  // character per byte, so a match's index is its offset.
  const ends = pdf.length > 8192 ? [[0, 4096], [pdf.length - 4096, pdf.length]] : [[0, pdf.length]];
  for (const [from, to] of ends) {
    for (const m of pdf.toString('latin1', from, to).matchAll(STAMP)) pdf.fill(0x20, from + m.index, from + m.index + m[0].length);
  }
  return pdf;
}
