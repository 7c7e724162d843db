import fs from 'fs';
import path from 'path';

// The third-party releases of ../shared/corpus, beside the project and never part of it. Without
// them the tests that read them are skipped, except under CI, where their absence is a failure:
// CI always has them, and a silent skip there would hide every corpus test.

export const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

export const hasCorpus = (): boolean => fs.existsSync(path.join(CORPUS, 'MANIFEST.tsv'));

/** Skips the calling test or suite when the corpus is not there (fails under CI). */
export function needCorpus(ctx: Mocha.Context): void {
  if (hasCorpus()) return;
  if (process.env.CI) throw new Error(`the corpus is missing: ${CORPUS} (under CI every corpus test runs)`);
  ctx.skip();
}

/** The corpus's release files (text, markdown, HTML), sorted; none without the corpus. */
export function corpusReleases(): string[] {
  return hasCorpus() ? fs.readdirSync(CORPUS).filter((f) => /\.(htm|html|md|txt)$/i.test(f) && f !== 'README.md').sort() : [];
}

/** Consecutive releases of a few companies (../shared/series), one directory per company. */
export const SERIES = path.resolve(__dirname, '..', '..', '..', 'shared', 'series');

/** Skips the calling test or suite when the series are not there (fails under CI). */
export function needSeries(ctx: Mocha.Context): void {
  if (fs.existsSync(path.join(SERIES, 'MANIFEST.tsv'))) return;
  if (process.env.CI) throw new Error(`the series are missing: ${SERIES} (under CI every series test runs)`);
  ctx.skip();
}
