// Two prints of one briefing by Chromium differ in two ways that say nothing about the page: the
// moment of printing (/CreationDate and /ModDate of the Info dictionary) and the ids of the tagged
// structure's elements (/ID (node00000689), and the keys of its ID tree), which count the DOM nodes the renderer made before
// this page, so they depend on what the browser printed earlier. Both are made stable here, in
// place and at the same length (every byte offset in the cross-reference table stays right), so the
// briefing, like the workbook and the JSON, is a function of the input bytes: outputs can be
// compared, cached and shared by content.

const STAMP = /\/(?:CreationDate|ModDate)\s*\(D:[0-9+\-Z']*\)/g;
const NODE_ID = /\(node(\d+)\)/g;

/** The PDF without its print-time stamps and with its structure ids numbered from zero; the same buffer, changed in place. */
export function stablePdf(pdf: Buffer): Buffer {
  // latin1 keeps one character per byte, so a match's index is its offset.
  const text = pdf.toString('latin1');
  // The stamps are overwritten with spaces (whitespace between a dictionary's entries).
  for (const m of text.matchAll(STAMP)) pdf.fill(0x20, m.index, m.index + m[0].length);
  // The ids are renumbered by rank, so their order (the ID tree's keys are sorted) is kept.
  const ids = [...new Set([...text.matchAll(NODE_ID)].map((m) => m[1]))].sort((a, b) => Number(a) - Number(b));
  const rank = new Map(ids.map((id, i) => [id, String(i).padStart(id.length, '0')]));
  for (const m of text.matchAll(NODE_ID)) {
    const to = rank.get(m[1]) as string;
    if (to.length === m[1].length) pdf.write(to, m.index + m[0].length - 1 - to.length, 'latin1');
  }
  return pdf;
}
