// A part's text is encoded a piece at a time into one buffer that the thread keeps and reuses. A
// sheet written as one string is a chain of thousands of joined pieces: encoding it whole first
// copies it into a flat string of a few hundred kilobytes, then into a fresh buffer, and both land
// in memory the process has not touched yet, each page of it a fault, for every part of every
// workbook. Pieces of a row each are small enough to be encoded where they are.

let scratch = Buffer.allocUnsafeSlow(256 * 1024);

/** The UTF-8 bytes of the pieces, joined: a view into the thread's buffer, valid until the next
 * call. Each piece is encoded on its own, so none may end inside a character (half a surrogate pair). */
export function utf8Pieces(pieces: string | readonly string[]): Buffer {
  const list = typeof pieces === 'string' ? [pieces] : pieces;
  let at = 0;
  for (const piece of list) {
    // A UTF-16 code unit never takes more than three bytes in UTF-8.
    const room = at + piece.length * 3;
    if (room > scratch.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(room, scratch.length * 2));
      scratch.copy(grown, 0, 0, at);
      scratch = grown;
    }
    at += scratch.write(piece, at, 'utf8');
  }
  return scratch.subarray(0, at);
}
