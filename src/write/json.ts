import type { Release } from '../model/types';

/** The model as JSON: Decimals become strings (decimal.js's toJSON), so no figure passes through a float. */
export function toJson(release: Release): string {
  return `${JSON.stringify(release, null, 2)}\n`;
}
