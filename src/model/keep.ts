// A string that a long-lived cache may keep. V8 cuts a substring (a parsed attribute, a label, a
// trimmed line) as a view into the text it came from, so a cache holding one as a key holds the
// whole release it was cut from: over a batch of filings, a megabyte per filing. The copy is made
// by flattening a new concatenation, which V8 does into fresh memory of the string's own length.

/** A copy of `s` that holds on to nothing else. */
export function keep(s: string): string {
  return (' ' + s).slice(1);
}
