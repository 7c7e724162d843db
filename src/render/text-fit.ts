// Fitting a label into a given width where the browser cannot do it for us (SVG text does not wrap)
// or would cut mid-word (CSS text-overflow). Widths are estimated from the advance widths of a
// neo-grotesque sans in 1/1000 em, a few per cent wider than the briefing's face so the estimate errs
// on the side of room.

const WIDTHS: Record<string, number> = {};
const SETS: [string, number][] = [
  ['ijl|', 240], ['.,:;\'!', 290], [' ', 290], ['frt()[]-/', 350], ['"*', 400],
  ['cksvxyz', 520], ['abdeghnopqu$0123456789#?_+=<>~^', 580], ['FTZL', 620], ['ABEKPSVXY&', 690],
  ['CDHNRU', 740], ['GOQ', 800], ['mM', 860], ['w%', 900], ['W@', 960],
];
for (const [chars, w] of SETS) for (const c of chars) WIDTHS[c] = w;

/** Estimated width in px of `text` set at `fontPx`. */
export function textWidth(text: string, fontPx: number): number {
  let units = 0;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    // Wide scripts (CJK, Hangul, fullwidth forms) take a full em; other letters an average capital.
    units += WIDTHS[c] ?? (code >= 0x1100 && (code <= 0x115f || code >= 0x2e80) ? 1000 : /[A-Z]/.test(c) ? 690 : 600);
  }
  return (units * fontPx * 1.06) / 1000;
}

const ELLIPSIS = '\u2026';

/**
 * The label broken at words into at most `lines` lines of `width` px. Only a label that cannot fit is
 * shortened: at the last word that fits, with an ellipsis (a single word longer than a line is the
 * one case cut inside a word).
 */
export function fitLines(label: string, width: number, fontPx: number, lines: number): string[] {
  const words = label.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const fits = (t: string) => textWidth(t, fontPx) <= width;
  const out: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && out.length < lines) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (fits(next)) { line = next; i++; continue; }
    // A word wider than a whole line takes the line by itself (and is shortened below).
    if (!line) { line = words[i]; i++; }
    out.push(line);
    line = '';
  }
  if (line) out.push(line);
  const cut = (t: string) => {
    let tail = t;
    // Whole words first; inside a word only when it is the line's only word.
    while (tail.includes(' ') && !fits(`${tail}${ELLIPSIS}`)) tail = tail.slice(0, tail.lastIndexOf(' '));
    while (tail.length > 1 && !fits(`${tail}${ELLIPSIS}`)) tail = tail.slice(0, -1);
    return `${tail.replace(/[\s,;:(&/-]+$/, '')}${ELLIPSIS}`;
  };
  return out.map((t, k) => (!fits(t) || (k === out.length - 1 && i < words.length) ? cut(t) : t));
}

/** A long label shortened to at most `max` characters at a word, with an ellipsis; short ones as they are. */
export function clipAtWord(label: string, max: number): string {
  const s = label.replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\s,;:(&/-]+$/, '')}${ELLIPSIS}`;
}
