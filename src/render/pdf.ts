import type { CDPSession, Page } from 'puppeteer-core';
import type { Release } from '../model/types';
import { Pool } from '../pool';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { stablePdf } from './pdf-stable';
import { renderView } from './html';
import type { Growth, Place } from './view-expand';
import { briefingView, DROP_ORDER, growthSteps, type BriefingOptions, type BriefingView, type Paper, type Section } from './view';

// HTML → PDF, always one page. The page is printed with every request aborted and JavaScript off;
// it is measured at the paper's printable width and shrunk, then stripped of its lowest-priority
// sections, until it fits.

const MM = 96 / 25.4;
/** Printable area in CSS px: the paper less the @page margins (9 mm top and bottom, 10 mm sides). */
const AREA: Record<Paper, { width: number; height: number }> = {
  a4: { width: (210 - 20) * MM, height: (297 - 18) * MM },
  letter: { width: (215.9 - 20) * MM, height: (279.4 - 18) * MM },
};
const SCALES = [1, 0.96, 0.92, 0.88, 0.84, 0.8];

export interface Printed {
  html: string;
  pdf: Buffer;
  scale: number;
  dropped: Section[];
}

/** Pages in a PDF as Chromium writes it (one /Type /Page object per page). */
export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function lockDown(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  // The page is our own self-contained HTML: anything it asks for is refused, data: URLs included.
  page.on('request', (req) => {
    req.abort('blockedbyclient').catch(() => undefined);
  });
}

/** One DevTools session per page, kept with it: measuring and rescaling talk to the page directly. */
const sessions = new WeakMap<Page, Promise<CDPSession>>();
function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) { s = page.createCDPSession(); sessions.set(page, s); }
  return s;
}

async function contentHeight(page: Page): Promise<number> {
  const m = (await (await session(page)).send('Page.getLayoutMetrics')) as { cssContentSize?: { height: number }; contentSize: { height: number } };
  return (m.cssContentSize ?? m.contentSize).height;
}

/**
 * Sets the loaded briefing's font scale in place: the template puts it in one attribute, so the
 * page becomes the one the rendered HTML at that scale would load, without parsing it (and its
 * fonts) again. While measuring, the page is also let shrink to its content (--page-h: 0), since
 * printed it stretches to the paper to put the footer at the foot. Through DevTools, since the
 * page's JavaScript is off.
 */
async function setStyle(page: Page, scale: number, measuring: boolean): Promise<void> {
  const cdp = await session(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'body' });
  await cdp.send('DOM.setAttributeValue', { nodeId, name: 'style', value: `--s: ${String(scale)}${measuring ? '; --page-h: 0px' : ''}` });
}

/** Heights in px of the two columns under the statements (0 where a column is missing). */
async function columnHeights(page: Page): Promise<[number, number]> {
  const cdp = await session(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.grid > .col' });
  const heights = await Promise.all(nodeIds.map(async (nodeId) => {
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    return model.height;
  }));
  return [heights[0] ?? 0, heights[1] ?? 0];
}

/** One rendering of the briefing to try: a font scale, the sections left out and what is added. */
interface Try {
  scale: number;
  drop: Section[];
  grow?: Growth;
}

/** Every way to lay the briefing out when it is too full, best first: smaller type, then fewer sections. */
const TRIES: Try[] = [
  ...SCALES.map((scale) => ({ scale, drop: [] as Section[] })),
  ...DROP_ORDER.map((_, i) => ({ scale: SCALES[SCALES.length - 1], drop: DROP_ORDER.slice(0, i + 1) as Section[] })),
];

/** A column is worth filling when the other one runs at least this much (px) further down. */
const SIDE_ROOM = 60;

type Measure = (t: Try) => Promise<{ fits: boolean; height: number }>;

/**
 * The base page grown by the release's further content, step by step in the view's order, while it
 * fits: each step whole if it fits, a table cut to the lines the room left holds if not. A narrow
 * table goes beside the shorter column when that column leaves a hole, else across the page.
 */
async function growToFit(release: Release, base: Try, baseHeight: number, limit: number, measure: Measure, columns: (t: Try) => Promise<[number, number]>): Promise<Try> {
  let current = base;
  let height = baseHeight;
  for (const step of growthSteps(release)) {
    // With less room than a title and two lines only a hole beside the shorter column can take more.
    const full = limit - height < 40;
    const g: Growth = current.grow ?? {};
    if (full && !(step.kind === 'table' && step.narrow)) continue;
    if (step.kind === 'balance') {
      const t: Try = { ...current, grow: { ...g, balance: true } };
      const m = await measure(t);
      if (m.fits) { current = t; height = m.height; }
      continue;
    }
    if (step.kind === 'income') {
      for (const level of step.levels) {
        const t: Try = { ...current, grow: { ...g, income: level } };
        const m = await measure(t);
        if (m.fits) { current = t; height = m.height; break; }
      }
      continue;
    }
    const [left, right] = step.narrow ? await columns(current) : [0, 0];
    const place: Place = !step.narrow || Math.abs(left - right) < SIDE_ROOM ? 'wide' : left < right ? 'left' : 'right';
    if (full && place === 'wide') continue;
    const withRows = (rows: number, at: Place = place): Try => ({ ...current, grow: { ...g, tables: [...(g.tables ?? []), { id: step.id, rows, place: at }] } });
    const whole = withRows(step.rows);
    const m = await measure(whole);
    // A whole table beside a column can overshoot its hole by more than it would take across the page.
    if (m.fits && place !== 'wide' && !full) {
      const across = withRows(step.rows, 'wide');
      const w = await measure(across);
      if (w.fits && w.height < m.height) { current = across; height = w.height; continue; }
    }
    if (m.fits) { current = whole; height = m.height; continue; }
    // Too long: as many of its lines as the room holds, from its height per line (title and heads count as two).
    const grew = place === 'left' ? (await columns(whole))[0] - left : place === 'right' ? (await columns(whole))[1] - right : m.height - height;
    const perLine = Math.max(10, grew / (step.rows + 2));
    let rows = step.rows - Math.ceil((m.height - limit) / perLine);
    for (let tries = 0; rows >= 3 && tries < 4; tries++, rows--) {
      const t = withRows(rows);
      const cut = await measure(t);
      if (cut.fits) { current = t; height = cut.height; break; }
    }
  }
  return current;
}

export interface PrinterOptions {
  /** Pages kept open for printing at once (a batch prints `--jobs` briefings side by side). */
  pages?: number;
}

/**
 * One browser for a whole run: launched on first use (or earlier, by warm()), reused for every
 * release, closed at the end. Its pages are locked down once and reused, up to `pages` at a time.
 */
export class Printer {
  private launched: Promise<LaunchedBrowser> | null = null;
  private readonly pages: Pool<Page>;

  constructor(opts: PrinterOptions = {}) {
    this.pages = new Pool(Math.max(1, opts.pages ?? 1), () => this.newPage());
  }

  private browser(): Promise<LaunchedBrowser> {
    if (!this.launched) this.launched = launchBrowser();
    return this.launched;
  }

  /**
   * Starts the browser and opens its first page without waiting for either, so both are ready by
   * the time the release has been inferred and its workbook written.
   */
  warm(): void {
    // A failed launch is reported by the print that needs it, not here.
    this.pages.prepare();
  }

  private async newPage(): Promise<Page> {
    const { browser } = await this.browser();
    const page = await browser.newPage();
    await lockDown(page);
    await page.emulateMediaType('print');
    return page;
  }

  private async acquire(width: number): Promise<Page> {
    const page = await this.pages.acquire();
    // A short viewport, so the measured height is the content's and not the window's.
    const vp = page.viewport();
    if (!vp || vp.width !== width || vp.height !== 200) await page.setViewport({ width, height: 200 });
    return page;
  }

  /** Prints the briefing; `signal` stops it by closing its page (the next print gets a new one). */
  async print(release: Release, opts: BriefingOptions = {}, signal?: AbortSignal): Promise<Printed> {
    const paper = opts.paper ?? 'a4';
    const area = AREA[paper];
    const page = await this.acquire(Math.floor(area.width));
    let healthy = false;
    const stop = () => { void page.close().catch(() => undefined); };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      signal?.throwIfAborted();
      // Tries that differ only in font scale share one view-model (the scale is one attribute of it):
      // the view is the costly part of a rendering.
      const views = new Map<string, BriefingView>();
      const render = (t: Try) => {
        const layout = JSON.stringify([t.drop, t.grow ?? {}]);
        let view = views.get(layout);
        if (!view) views.set(layout, (view = briefingView(release, { ...opts, paper, drop: t.drop, grow: t.grow })));
        return renderView({ ...view, scale: String(t.scale) });
      };
      const limit = area.height - 6;
      let loaded: { html: string; at: Try } | null = null;
      const sameLayout = (a: Try, b: Try) => a.drop.join() === b.drop.join() && JSON.stringify(a.grow ?? {}) === JSON.stringify(b.grow ?? {});
      // The page shows a try, let shrink to its content for measuring or stretched to the paper for
      // printing; a try that differs from the loaded one only in scale is rescaled in place.
      const show = async (t: Try, html: string, measuring: boolean) => {
        if (loaded?.html !== html) {
          if (!loaded || !sameLayout(loaded.at, t)) await page.setContent(html, { waitUntil: 'load' });
          loaded = { html, at: t };
        }
        await setStyle(page, t.scale, measuring);
      };
      const measured = new Map<string, { html: string; fits: boolean; height: number }>();
      const measure = async (t: Try) => {
        const id = JSON.stringify(t);
        const got = measured.get(id);
        if (got) return got;
        const html = render(t);
        await show(t, html, true);
        const height = await contentHeight(page);
        if (process.env.TIEOUT_DEBUG_FIT) process.stderr.write(`fit ${t.scale} [${t.drop.join(',')}] ${JSON.stringify(t.grow ?? {})} ${Math.round(height)} / ${Math.round(area.height)}\n`);
        // A few px of slack for rounding between screen layout and print layout.
        const m = { html, fits: height <= limit, height };
        measured.set(id, m);
        return m;
      };
      // Printing is the proof: a try that prints to more than one page gives way to the next one.
      const printed = async (t: Try): Promise<Printed | null> => {
        const m = await measure(t);
        if (!m.fits) return null;
        await show(t, m.html, false);
        const pdf = stablePdf(Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
        return pageCount(pdf) === 1 ? { html: m.html, pdf, scale: t.scale, dropped: t.drop } : null;
      };
      // The first try that fits is the one printed. Height falls as the type shrinks and sections go,
      // so the full-size height tells roughly how far down the list to look; from that guess the
      // search walks up while the try above also fits and down while this one does not.
      let i = 0;
      const full = await measure(TRIES[0]);
      if (!full.fits) {
        const need = limit / full.height;
        const guess = SCALES.findIndex((s) => s <= need);
        i = guess < 0 ? SCALES.length - 1 : Math.max(1, guess);
        while (i > 1 && (await measure(TRIES[i - 1])).fits) i--;
        while (i < TRIES.length && !(await measure(TRIES[i])).fits) i++;
      }
      // Room left on a page that dropped nothing: it grows by the release's further content while it fits.
      if (i < TRIES.length && !TRIES[i].drop.length) {
        const columns = async (t: Try) => {
          await show(t, (await measure(t)).html, true);
          return columnHeights(page);
        };
        const grown = await growToFit(release, TRIES[i], (await measure(TRIES[i])).height, limit, measure, columns);
        const out = grown !== TRIES[i] ? await printed(grown) : null;
        if (out) { healthy = true; return out; }
      }
      for (; i < TRIES.length; i++) {
        const out = await printed(TRIES[i]);
        if (out) { healthy = true; return out; }
      }
      healthy = true;
      throw new Error(`the briefing for ${release.source.file} does not fit one page even with every optional section dropped`);
    } finally {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) healthy = false;
      // A page that failed part-way is closed rather than reused in an unknown state.
      if (healthy) this.pages.release(page);
      else {
        await page.close().catch(() => undefined);
        this.pages.release(null);
      }
    }
  }

  /**
   * Prints a page that has no optional sections (the company model's trend page): the first font
   * scale whose rendering fits, proved by printing it to one page.
   */
  async printPage(render: (scale: number) => string, paper: Paper = 'a4', what = 'the page'): Promise<Printed> {
    const area = AREA[paper];
    const printed = await this.withPage(paper, async (page) => {
      for (const scale of SCALES) {
        const html = render(scale);
        await page.setContent(html, { waitUntil: 'load' });
        await setStyle(page, scale, true);
        if ((await contentHeight(page)) > area.height - 6) continue;
        await setStyle(page, scale, false);
        const pdf = stablePdf(Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
        if (pageCount(pdf) === 1) return { html, pdf, scale, dropped: [] };
      }
      return null;
    });
    if (!printed) throw new Error(`${what} does not fit one page even at the smallest type`);
    return printed;
  }

  /** Prints a page of our own (the pack's cover): self-contained HTML, as the briefing is. */
  printHtml(html: string, paper: Paper = 'a4'): Promise<Buffer> {
    return this.withPage(paper, async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return stablePdf(Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
    });
  }

  /** A page of the paper's width for `use`: back to the pool after it, closed if `use` failed on it. */
  private async withPage<T>(paper: Paper, use: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire(Math.floor(AREA[paper].width));
    try {
      const out = await use(page);
      this.pages.release(page);
      return out;
    } catch (err) {
      await page.close().catch(() => undefined);
      this.pages.release(null);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.pages.clear();
    if (!this.launched) return;
    const l = this.launched;
    this.launched = null;
    await (await l.catch(() => null))?.close();
  }
}

/** Prints one release's briefing with a browser of its own (a run of many uses one Printer). */
export async function toPdf(release: Release, opts: BriefingOptions = {}): Promise<Printed> {
  const printer = new Printer();
  try {
    return await printer.print(release, opts);
  } finally {
    await printer.close();
  }
}
