// The period a release says it reports, in its own words: the quarter ("third quarter",
// "First-Quarter", "4TH QUARTER", "Q4", "4Q24") and the fiscal year it names ("fiscal 2024",
// "Fiscal 2025", "FY24", or a plain year), read from the headline and the first paragraphs.

export interface StatedPeriod {
  /** 1–4, or null when no quarter is named. */
  quarter: number | null;
  /** The year named with the quarter (or alone), null when none. */
  year: number | null;
  /** True when the year is named as a fiscal year ("fiscal 2024", "FY2024"). */
  fiscal: boolean;
}

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };
const QUARTER = /\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b|\b([1-4])Q(?:\s*'?(\d{2})(?!\d))?\b|\bQ([1-4])(?:\s*(?:FY)?\s*'?(\d{2})(?!\d))?\b/gi;
// A year as a fiscal year, a plain year, or a year inside a date (the weakest evidence).
const YEAR = /\b(?:(fiscal(?:\s+year)?\s+|FY\s*'?)((?:19|20)?\d{2})\b|((?:19|20)\d{2})\b)/gi;
const IN_DATE = /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+$/i;

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

interface YearHit { year: number; rank: number; distance: number }

/** The year that goes with a quarter phrase at [from, to): fiscal years first, then the nearest plain year. */
function yearNear(text: string, from: number, to: number): YearHit | null {
  const lo = Math.max(0, from - 30);
  const window = text.slice(lo, Math.min(text.length, to + 60));
  let best: YearHit | null = null;
  for (const m of window.matchAll(YEAR)) {
    const at = lo + (m.index ?? 0);
    // Another quarter phrase between this year and ours belongs to that phrase.
    const between = at < from ? text.slice(at, from) : text.slice(to, at);
    if (/\bquarter\b|\bQ[1-4]\b/i.test(between)) continue;
    if (/[.;]\s/.test(between)) continue;
    const inDate = !m[1] && IN_DATE.test(text.slice(Math.max(0, at - 16), at));
    const hit = { year: fullYear(m[2] ?? m[3]), rank: m[1] ? 0 : inDate ? 2 : 1, distance: Math.abs(at - from) };
    if (!best || hit.rank < best.rank || (hit.rank === best.rank && hit.distance < best.distance)) best = hit;
  }
  return best;
}

/** The quarter and fiscal year the texts name, the first text first (the headline, then the lead). */
export function statedPeriod(texts: string[], only: number | null = null): StatedPeriod {
  let quarter: number | null = only;
  let year: YearHit | null = null;
  for (const text of texts) {
    for (const m of text.matchAll(QUARTER)) {
      const q = m[1] ? ORDINALS[m[1].toLowerCase()] : Number(m[2] ?? m[4]);
      if (quarter === null) quarter = q;
      if (q !== quarter) continue;
      const from = m.index ?? 0;
      const short = m[3] ?? m[5];
      const hit: YearHit | null = short ? { year: fullYear(short), rank: 1, distance: 0 } : yearNear(text, from, from + m[0].length);
      // A prior year's same quarter is named too ("fourth quarter of fiscal 2023"): the later year is the release's.
      if (hit && (!year || hit.rank < year.rank || (hit.rank === year.rank && hit.year > year.year))) year = hit;
    }
    if (quarter !== null && year && year.rank === 0) break;
  }
  if (quarter === null) {
    // No quarter: a full year, "Fiscal 2024", "2024 Earnings", "year ended December 31, 2024".
    for (const text of texts) {
      for (const m of text.matchAll(YEAR)) {
        const at = m.index ?? 0;
        const inDate = !m[1] && IN_DATE.test(text.slice(Math.max(0, at - 16), at));
        const hit = { year: fullYear(m[2] ?? m[3]), rank: m[1] ? 0 : inDate ? 2 : 1, distance: at };
        if (!year || hit.rank < year.rank) year = hit;
      }
      if (year) break;
    }
  }
  return { quarter, year: year?.year ?? null, fiscal: year?.rank === 0 };
}
