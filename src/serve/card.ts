import type { Release } from '../model/types';
import type { Tile } from '../render/view-figures';
import { briefingView, type BriefingView } from '../render/view';

// What the library, a release's page and the pack's cover show of a release: the briefing's own
// header, headline tiles, tie-out stamp and DRAFT reasons, taken from its view-model so that every
// figure, change and status is the one the briefing prints (decided once, in the model).

export interface Card {
  company: string;
  /** False where the release names no company ("Company not stated"): it joins no company's group or model. */
  named: boolean;
  /** The briefing's tickers, each held on one line ("NASDAQ: QFIN" never wraps after its colon). */
  tickers: string;
  /** "Q3 2024" on the release's fiscal calendar, or null when it states none. */
  period: string | null;
  periodEnd: string | null;
  releaseDate: string | null;
  tiles: Tile[];
  stamp: { ok: boolean; mark: string; line: string; facts: string };
  /** The gate's reasons for the DRAFT banner; empty when the briefing is not a draft. */
  draft: string[];
  /** Content errors the build reported (the CLI's "(N content errors)"). */
  errors: number;
}

/** `view` is the release's briefing view-model at its defaults, when the caller has it already. */
export function cardOf(release: Release, view?: BriefingView): Card {
  const v = view ?? briefingView(release);
  return {
    company: v.header.company,
    named: release.meta.company !== null,
    tickers: v.header.tickers.replace(/: /g, ':\u00a0'),
    period: v.header.period,
    periodEnd: v.header.periodEnd,
    releaseDate: v.header.releaseDate,
    tiles: v.tiles,
    stamp: { ok: v.stamp.ok, mark: v.stamp.mark, line: v.stamp.line, facts: v.stamp.facts },
    draft: v.draft,
    errors: release.diagnostics.filter((d) => d.level === 'error').length,
  };
}
