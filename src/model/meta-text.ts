import type { ReleaseMeta } from './types';

// How the release's identity reads where it is printed (the workbook's Summary, the briefing's
// header): what the release does not state is said to be not stated, never filled in.

export const NOT_STATED = 'not stated';

export function companyText(meta: ReleaseMeta): string {
  return meta.company ?? 'Company not stated';
}

/** "Period ended 2024-09-30 · released 2024-11-19", each part said to be not stated when it is not. */
export function datesText(meta: ReleaseMeta): string {
  return `Period ended ${meta.periodEnd ?? NOT_STATED} \u00b7 ${meta.releaseDate ? `released ${meta.releaseDate}` : `release date ${NOT_STATED}`}`;
}
