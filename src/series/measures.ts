import type { LineItem } from './types';

// The company's main flow lines, by the general vocabulary of income statements: what the Analysis
// rows, the trend page and guided margins are of. Decided once, here.

export interface Measures { revenue: LineItem | null; operating: LineItem | null; net: LineItem | null }

const first = (items: LineItem[], ...tests: RegExp[]) => {
  for (const t of tests) { const hit = items.find((i) => t.test(i.label)); if (hit) return hit; }
  return null;
};

export function mainMeasures(all: LineItem[]): Measures {
  const items = all.filter((i) => i.kind === 'income' && i.valueKind === 'amount' && i.sources.size > 0);
  return {
    revenue: first(items, /^total (net )?(revenues?|sales)$/i, /^(net )?(revenues?|sales)$/i, /^total (net )?(revenues?|sales)\b/i, /^(net )?(revenues?|sales)\b/i),
    operating: first(items, /^(total )?operating (income|loss|profit)/i, /\bfrom operations$/i, /\boperating (income|loss|profit)\b/i),
    net: first(items, /^net (income|loss|earnings)$/i, /^net (income|loss|earnings)\b/i),
  };
}
