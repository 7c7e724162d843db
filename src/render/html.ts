import { readFileSync, readdirSync } from 'fs';
import type HandlebarsModule from 'handlebars';
import path from 'path';
import type { Release } from '../model/types';
import type { TrendView } from './trend-view';
import { briefingView, type BriefingOptions, type BriefingView } from './view';

// Model → briefing HTML. The template, partials, CSS and fonts live in templates/; the page is
// self-contained (fonts as data: URLs) so printing it loads nothing. Input text reaches the
// template only through {{ }}, which escapes it; the one {{{ }}} is our own stylesheet.

export const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

interface Compiled {
  render: (data: object) => string;
  /** The company model's trend page: the same partials and stylesheet, with its own additions. */
  trend: (data: object) => string;
  css: string;
  trendCss: string;
}

let compiled: Compiled | null = null;

/** The briefing's typeface as @font-face rules with data: URLs (the pack's cover uses it too). */
export function fontFaces(): string {
  const dir = path.join(TEMPLATES, 'fonts');
  const faces: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.woff2')).sort()) {
    const m = /^(.*)-(latin(?:-ext)?)-(\d{3})-normal\.woff2$/.exec(file);
    if (!m) continue;
    const data = readFileSync(path.join(dir, file)).toString('base64');
    const range = m[2] === 'latin-ext'
      ? 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1E00-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF'
      : 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
    faces.push(`@font-face{font-family:'Briefing Sans';font-style:normal;font-weight:${m[3]};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`);
  }
  return faces.join('\n');
}

function compile(): Compiled {
  if (compiled) return compiled;
  // Loaded on first render: a run without the briefing (--no-pdf, check) never pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hbs = (require('handlebars') as typeof HandlebarsModule).create();
  const partials = path.join(TEMPLATES, 'partials');
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partials, file), 'utf8'));
  }
  const template = hbs.compile(readFileSync(path.join(TEMPLATES, 'briefing.hbs'), 'utf8'), { strict: false, preventIndent: true });
  const trend = hbs.compile(readFileSync(path.join(TEMPLATES, 'trend.hbs'), 'utf8'), { strict: false, preventIndent: true });
  const css = `${fontFaces()}\n${readFileSync(path.join(TEMPLATES, 'briefing.css'), 'utf8')}`;
  const safe = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  compiled = { render: (data) => template(data, safe), trend: (data) => trend(data, safe), css, trendCss: `${css}\n${readFileSync(path.join(TEMPLATES, 'trend.css'), 'utf8')}` };
  return compiled;
}

/** Renders a prepared view-model. */
export function renderView(view: BriefingView): string {
  const c = compile();
  return c.render({ ...view, css: c.css });
}

/** The company model's trend page as one self-contained HTML page. */
export function renderTrend(view: TrendView): string {
  const c = compile();
  return c.trend({ ...view, css: c.trendCss });
}

/** The briefing as one self-contained HTML page. */
export function toBriefingHtml(release: Release, opts: BriefingOptions = {}): string {
  return renderView(briefingView(release, opts));
}
