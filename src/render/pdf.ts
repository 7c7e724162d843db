import type { CDPSession, Page } from 'puppeteer-core';
import type { Release } from '../model/types';
import { Pool } from '../pool';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { renderView } from './html';
import { briefingView, DROP_ORDER, type BriefingOptions, type Paper, type Section } from './view';

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
 * fonts) again. Through DevTools, since the page's JavaScript is off.
 */
async function setScale(page: Page, scale: number): Promise<void> {
  const cdp = await session(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'body' });
  await cdp.send('DOM.setAttributeValue', { nodeId, name: 'style', value: `--s: ${String(scale)}` });
}

/** One rendering of the briefing to try: a font scale and the sections left out. */
interface Try {
  scale: number;
  drop: Section[];
}

/** Every way to lay the briefing out, best first: full size, then smaller type, then fewer sections. */
const TRIES: Try[] = [
  ...SCALES.map((scale) => ({ scale, drop: [] as Section[] })),
  ...DROP_ORDER.map((_, i) => ({ scale: SCALES[SCALES.length - 1], drop: DROP_ORDER.slice(0, i + 1) as Section[] })),
];

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

  async print(release: Release, opts: BriefingOptions = {}): Promise<Printed> {
    const paper = opts.paper ?? 'a4';
    const area = AREA[paper];
    const page = await this.acquire(Math.floor(area.width));
    let healthy = false;
    try {
      const render = (t: Try) => renderView(briefingView(release, { ...opts, paper, scale: t.scale, drop: t.drop }));
      let loaded: { html: string; at: Try } | null = null;
      // The page shows try i: a try that differs from the loaded one only in scale is rescaled in place.
      const show = async (i: number, html: string) => {
        if (loaded?.html === html) return;
        if (loaded && loaded.at.drop.join() === TRIES[i].drop.join()) await setScale(page, TRIES[i].scale);
        else await page.setContent(html, { waitUntil: 'load' });
        loaded = { html, at: TRIES[i] };
      };
      const measured = new Map<number, { html: string; fits: boolean; height: number }>();
      const measure = async (i: number) => {
        const got = measured.get(i);
        if (got) return got;
        const html = render(TRIES[i]);
        await show(i, html);
        const height = await contentHeight(page);
        if (process.env.TIEOUT_DEBUG_FIT) process.stderr.write(`fit ${TRIES[i].scale} [${TRIES[i].drop.join(',')}] ${Math.round(height)} / ${Math.round(area.height)}\n`);
        // A few px of slack for rounding between screen layout and print layout.
        const m = { html, fits: height <= area.height - 6, height };
        measured.set(i, m);
        return m;
      };
      // The first try that fits is the one printed. Height falls as the type shrinks and sections go,
      // so the full-size height tells roughly how far down the list to look; from that guess the
      // search walks up while the try above also fits and down while this one does not.
      let i = 0;
      const full = await measure(0);
      if (!full.fits) {
        const need = (area.height - 6) / full.height;
        const guess = SCALES.findIndex((s) => s <= need);
        i = guess < 0 ? SCALES.length - 1 : Math.max(1, guess);
        while (i > 1 && (await measure(i - 1)).fits) i--;
        while (i < TRIES.length && !(await measure(i)).fits) i++;
      }
      // Printing is the proof: a try that prints to more than one page gives way to the next one.
      for (; i < TRIES.length; i++) {
        const m = await measure(i);
        if (!m.fits) continue;
        await show(i, m.html);
        const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        if (pageCount(pdf) === 1) {
          healthy = true;
          return { html: m.html, pdf, scale: TRIES[i].scale, dropped: TRIES[i].drop };
        }
      }
      healthy = true;
      throw new Error(`the briefing for ${release.source.file} does not fit one page even with every optional section dropped`);
    } finally {
      // A page that failed part-way is closed rather than reused in an unknown state.
      if (healthy) this.pages.release(page);
      else {
        await page.close().catch(() => undefined);
        this.pages.release(null);
      }
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
