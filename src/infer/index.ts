import type { Release } from '../model/types';
import { acrossPass } from './across';
import { balanceSidesPass } from './balance-sides';
import { claimedTotalsPass } from './claimed-totals';
import { claimsPass } from './claims';
import { factsPass } from './facts';
import { conversionsPass } from './conversions';
import { unitsPass } from './units';
import { footingPass } from './footing';
import { columnFootingPass } from './footing-columns';
import { gatePass } from './gate';
import { headlinePass } from './headline';
import { linksPass } from './links';
import { ratiosPass } from './ratios';

/** A named pass over the model. Passes run in order; each may read what earlier ones added. */
export interface Pass {
  name: string;
  run(release: Release): void;
}

// A total's columns that links and across relations leave untied are footed again on their own.
// Which bold rows claim to be totals is judged once every relation that could recompute them is in;
// the headline set is chosen once the relations say which rows are totals and ratios of which, and
// the gate then checks it.
// Units the rows state themselves come first: every later pass compares figures in units.
const PASSES: Pass[] = [unitsPass, footingPass, linksPass, conversionsPass, acrossPass, columnFootingPass, ratiosPass, claimedTotalsPass, balanceSidesPass, headlinePass, gatePass];
// Prose facts come after every other pass: they tie to the statements the others have settled.
PASSES.push(factsPass);
// Claims read the sentences and facts the facts pass stored.
PASSES.push(claimsPass);

export function passes(): readonly Pass[] {
  return PASSES;
}

/** Runs every inference pass over a freshly read release, in place, and returns it. */
export function infer(release: Release, timings?: Record<string, number>): Release {
  for (const pass of PASSES) {
    const t0 = performance.now();
    pass.run(release);
    if (timings) timings[pass.name] = performance.now() - t0;
  }
  return release;
}
