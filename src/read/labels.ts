// A row's label as the reader should see it out of its table: without the footnote marks glued to
// its words, and, where the label is a fragment that only means something under its heading
// ("– Corporate borrowings" under "Interest expense", "Operating" under "Expenses:"), qualified by it.

// Footnote marks glued to the last word ("Direct costs1", "Per Brookfield share2,3"): a word of three
// or more letters ending in lower case. A number set apart ("Class 1", "Tier 1") or after a hyphen
// ("COVID-19"), and a code in capitals ("Q4", "FY2024", "CO2"), is part of the label.
const GLUED_FOOTNOTE = /([A-Za-z]*[a-z]{3})\d{1,2}(?:,\s?\d{1,2})*$/;
// Words a number names a grade of, even written without a space ("Tier1", "Level3", "Phase2").
const NUMBERED = /^(?:tier|level|class|phase|stage|series|type|scope|grade|note|unit)$/i;

/** The label without the footnote marks glued to its last word. */
export function withoutFootnoteMarks(label: string): string {
  const glued = GLUED_FOOTNOTE.exec(label);
  if (!glued || NUMBERED.test(glued[1])) return label;
  return label.slice(0, glued.index) + glued[1];
}

// A line set under its heading with a leading dash: a part of the heading's item.
// A line of dashes ("- - As reported") marks its depth, not a part of a named item.
const DASH_LED = /^[\u2013\u2014-]\s+[A-Za-z]/;

/** A label led by a dash ("– Corporate borrowings"): a part of the item its heading names. */
export function isDashLed(label: string): boolean {
  return DASH_LED.test(label);
}

/** "Interest expense" and "– Corporate borrowings" → "Interest expense – Corporate borrowings". */
export function underHeading(heading: string, label: string): string {
  return `${stripColon(heading)} ${label}`;
}

// Words of the accounting vocabulary that qualify an item and never name one alone: "Operating"
// under "Expenses:" is operating expenses, "Current" under "Income taxes:" is current income taxes.
const LONE_MODIFIER = /^(?:non-?)?(?:operating|current|deferred|administrative|recurring)$/i;
// A heading short enough to be the noun its lines qualify ("Expenses:", "Income taxes"); one ending
// in a participle ("Allocated:", "Including:") names no item the lines are kinds of.
const NOUN_HEADING = /^[A-Za-z][A-Za-z&'-]*(?: [A-Za-z&'-]+){0,2}:?$/;
const PARTICIPLE = /(?:ed|ing|ly)\s*:?$/i;

/** A word that qualifies an item and names none alone: a heading of it alone goes on in the next line ("Operating" / "Segment:"). */
export function isLoneModifier(label: string): boolean {
  return LONE_MODIFIER.test(label);
}

/** "Operating" under "Expenses:" → "Operating expenses"; null where the label names an item alone. */
export function qualifiedModifier(heading: string, label: string): string | null {
  if (!LONE_MODIFIER.test(label) || !NOUN_HEADING.test(heading) || PARTICIPLE.test(heading)) return null;
  const noun = stripColon(heading);
  // "Expenses" reads "expenses" after the modifier; an acronym ("SG&A") keeps its capitals.
  const lowered = /^[A-Z][a-z]/.test(noun) ? noun[0].toLowerCase() + noun.slice(1) : noun;
  return `${label} ${lowered}`;
}

function stripColon(text: string): string {
  return text.replace(/\s*:\s*$/, '');
}
