import Decimal from 'decimal.js';
import type { Release } from './types';

// The JSON model back into the model: the one place that knows which fields are Decimals.
// toJson writes every Decimal as its exact string (decimal.js's toJSON); these keys hold them.

/** Keys whose values are Decimals in the model: Figure and ProseFact `value`, the FX `rate`,
 * FactTie `tableValue` and `diff`, a Claim's `low`, `high`, its base's growth and its tolerance's `mid` and `width`, the relations' and residuals' `diff`, Untied `gap`. */
const DECIMAL_KEYS = new Set(['value', 'rate', 'tableValue', 'diff', 'gap', 'low', 'high', 'growthLow', 'growthHigh', 'mid', 'width']);

/** Parses a model written by toJson; every figure comes back as the same Decimal. */
export function releaseFromJson(json: string): Release {
  return JSON.parse(json, (key, value: unknown) => (typeof value === 'string' && DECIMAL_KEYS.has(key) ? new Decimal(value) : value)) as Release;
}
