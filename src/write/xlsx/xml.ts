// Text and attribute values as XML. Characters XML 1.0 cannot carry are dropped rather than
// written as a file Excel refuses to open and LibreOffice reads only up to them: the controls below
// U+0020 but tab, line feed and carriage return; U+FFFE and U+FFFF; and a surrogate without its
// pair. DEL is dropped too (allowed, but never meant). Every text of the package passes through
// esc(), whichever reader it came from, so none of them reaches a part.

const SPECIAL = /["&'<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');

const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Escapes text for an element or a double-quoted attribute. */
export function esc(text: string): string {
  // Most cells hold nothing to escape: test once before building a new string.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITIES[c] ?? '') : text;
}

/**
 * Text of a string cell. SpreadsheetML reads `_xHHHH_` as an escaped character, so a literal one
 * has its underscore escaped the same way (`_x005F_`); otherwise "_x0041_" would read back as "A".
 */
export function cellText(text: string): string {
  const escaped = esc(text);
  return escaped.includes('_x') ? escaped.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : escaped;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
