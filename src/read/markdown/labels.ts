import type { GridHeader, GridRow } from './grid';

// Labels as plain-text renderings print them: wrapped over several lines or table rows, and with
// words run together where a line break was dropped.

// A line that ends on one of these words goes on in the next line ("Cumulative effect of").
const OPEN_END = /(?:\b(?:of|and|or|for|in|to|the|from|on|by|with|before|after|net|per|less|at|into|under|over|including|excluding|a|an)|[,&\-–(])\s*$/i;

const COLON_END = /:\s*$/;
const TOTAL_ALONE = /^total$/i;
const LOWER_START = /^[a-z(]/;
const FIGURE_THEN_WORD = /^\d[\d,.]*\s+[a-z]/;
const SPACES = /\s+/g;

function continues(first: string, next: string): boolean {
  if (first === '' || next === '' || COLON_END.test(first)) return false;
  // "TOTAL" alone on its line heads nothing: it is the first word of the total below.
  if (TOTAL_ALONE.test(first)) return true;
  return OPEN_END.test(first) || LOWER_START.test(next);
}

/**
 * Joins a label printed alone on its line to the label of the row that carries its figures, when
 * the words say one runs on into the other ("Credit and financial products" / "revenues  81 ...").
 */
export function joinWrappedLabels(rows: (GridHeader | GridRow)[]): (GridHeader | GridRow)[] {
  // Most tables have no label alone on its row: nothing to join, the rows as they are (read only).
  if (!rows.some(labelOnly)) return rows;
  const out: (GridHeader | GridRow)[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!labelOnly(row)) { out.push(row); continue; }
    let label = row.label.text;
    let found = -1;
    // Gather the label-only lines of one wrapped label, then the line with the figures.
    for (let j = i + 1; j < rows.length; j++) {
      const next = rows[j];
      // Inside a label already wrapped, a line may go on with a figure of its words ("… issued and
      // outstanding" / "3,166,653 in 2024 and 3,116,966 shares in 2023").
      const wrapped = j > i + 1 && FIGURE_THEN_WORD.test(next.type === 'row' ? next.label.text : '');
      if (next.type !== 'row' || !(continues(label, next.label.text) || wrapped)) break;
      label = `${label} ${next.label.text}`.replace(SPACES, ' ');
      if (next.values.some((v) => v && v.text !== '')) { found = j; break; }
    }
    const last = rows[found];
    if (found > i && last.type === 'row') {
      out.push({ ...last, label: { ...row.label, text: label, bold: row.label.bold || last.label.bold }, indent: row.indent });
      i = found;
      continue;
    }
    out.push(row);
  }
  return out;
}

/** A row with a label and no figure. */
function labelOnly(row: GridHeader | GridRow): row is GridRow {
  return row.type === 'row' && !row.values.some((v) => v && v.text !== '');
}

const GLUE_CHANCE = /[a-z][A-Z]|[A-Z]\/?[A-Z]|[()]/;

/**
 * Puts back the space a dropped line break took out of a title or header ("Three Months
 * EndedDecember 31," and "A/SConsolidated Statements"), and before a parenthesis run on to a word.
 */
export function unglue(text: string): string {
  // Each rule needs a capital after a letter or a parenthesis; most headers and titles have neither.
  if (!GLUE_CHANCE.test(text)) return text;
  return text
    .replace(/([a-z]{3,})([A-Z][a-z])/g, '$1 $2')
    .replace(/(\b[A-Z]\/?[A-Z])([A-Z][a-z]{2,})/g, '$1 $2')
    .replace(/([a-z\d.,)])\((?=[A-Za-z])/g, '$1 (')
    .replace(/\)([A-Za-z])/g, ') $1');
}

const UNITS_CAPTION = /\((?:(?:amounts|expressed|stated|figures)\s+)?in\s[^()]*(?:\([^()]*\)[^()]*)*\)/i;

/** Splits a units caption in parentheses off a title it was run together with. */
export function splitUnitsCaption(text: string): string[] {
  const m = UNITS_CAPTION.exec(text);
  if (!m || m.index === 0 && m[0].length === text.length) return [text];
  return [text.slice(0, m.index), m[0], text.slice(m.index + m[0].length)].map((t) => t.trim()).filter((t) => t !== '');
}
