import { parseDate } from './period';

// The day the release was issued, as the release states it: its dateline ("TAIPEI, Feb. 13, 2025
// /PRNewswire/", "CUPERTINO, California—January 18, 2011—", "PARIS--(BUSINESS WIRE)--February 13,
// 2025--"), a "For Immediate Release: November 22, 2024" line, a date standing alone at the top,
// and only failing those the filing date of an EDGAR header. A release is issued after its period
// ends, so a date on or before the period end (a period end, a balance-sheet date) is never taken.

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DATE = String.raw`${MONTH}\s+\d{1,2},?\s+(?:19|20)\d{2}|\d{1,2}\s+${MONTH},?\s+(?:19|20)\d{2}`;
// A city, then a state or country and the wire's name, all capitalised words, then the date.
// Words and marks alternate (neither class holds the other's characters), so a failed match costs
// one pass over the line however long its first word.
const SEP = String.raw`[\s,\-–—―()\/]+`;
const DATELINE = new RegExp(String.raw`^\s*[A-Z][\w.'’&]*(?:${SEP}[A-Z][\w.'’&]*){0,7}?${SEP}(${DATE}|${MONTH}\s+\d{1,2}\b)`);
const IMMEDIATE = new RegExp(String.raw`for\s+immediate\s+release\s*[:\-–—]?\s*(${DATE})`, 'i');
const ALONE = new RegExp(String.raw`^\s*(?:${DATE})\s*$`, 'i');
const WIRE = /wire\b|\/[A-Za-z-]+\//i;
const FILED = /FILED AS OF DATE:\s*((?:19|20)\d{2})(\d{2})(\d{2})/;

const DAY = 86_400_000;

function after(date: string | null, periodEnd: string | null): boolean {
  if (!date) return false;
  if (!periodEnd) return true;
  const gap = (Date.parse(date) - Date.parse(periodEnd)) / DAY;
  return gap > 0 && gap < 400;
}

/** "July 22" in a dateline that prints no year: the first July 22 after the period end. */
function withYear(monthDay: string, periodEnd: string | null): string | null {
  if (!periodEnd) return null;
  const y = Number(periodEnd.slice(0, 4));
  for (const year of [y, y + 1]) {
    const d = parseDate(`${monthDay.replace(/\.$/, '')}, ${year}`);
    if (after(d, periodEnd)) return d;
  }
  return null;
}

/** The release date stated in the first paragraphs (`lead`), or null. */
export function releaseDateOf(lead: string[], periodEnd: string | null, header: string | null, announces: (text: string) => boolean): string | null {
  for (const text of lead) {
    for (const full of text.split('\n').slice(0, 6)) {
      const line = full.slice(0, 240);
      const immediate = IMMEDIATE.exec(line);
      const dated = immediate ? null : DATELINE.exec(line);
      // A sentence that opens on a date ("On November 5, 2024, the Board …") is no dateline: a
      // dateline's city is in capitals, or a wire names itself, or the paragraph announces the results.
      if (dated && !/\b[A-Z]{3,}\b/.test(line.slice(0, dated.index + dated[0].length - dated[1].length)) && !WIRE.test(line) && !announces(text)) continue;
      const m = immediate ?? dated;
      if (!m) continue;
      const date = parseDate(m[1]) ?? withYear(m[1], periodEnd);
      if (after(date, periodEnd)) return date;
    }
  }
  for (const text of lead) {
    if (!ALONE.test(text)) continue;
    const date = parseDate(text);
    if (after(date, periodEnd)) return date;
  }
  const filed = header ? FILED.exec(header) : null;
  const date = filed ? `${filed[1]}-${filed[2]}-${filed[3]}` : null;
  return after(date, periodEnd) ? date : null;
}
