import type { Page } from 'puppeteer-core';
import type { Release } from '../model/types';
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

async function contentHeight(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    const m = (await cdp.send('Page.getLayoutMetrics')) as { cssContentSize?: { height: number }; contentSize: { height: number } };
    return (m.cssContentSize ?? m.contentSize).height;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** One browser for a whole run: launched on first use, reused for every release, closed at the end. */
export class Printer {
  private launched: Promise<LaunchedBrowser> | null = null;

  private browser(): Promise<LaunchedBrowser> {
    if (!this.launched) this.launched = launchBrowser();
    return this.launched;
  }

  async print(release: Release, opts: BriefingOptions = {}): Promise<Printed> {
    const paper = opts.paper ?? 'a4';
    const area = AREA[paper];
    const { browser } = await this.browser();
    const page = await browser.newPage();
    try {
      await lockDown(page);
      await page.emulateMediaType('print');
      // A short viewport, so the measured height is the content's and not the window's.
      await page.setViewport({ width: Math.floor(area.width), height: 200 });
      const tries: { scale: number; drop: Section[] }[] = [
        ...SCALES.map((scale) => ({ scale, drop: [] as Section[] })),
        ...DROP_ORDER.map((_, i) => ({ scale: SCALES[SCALES.length - 1], drop: DROP_ORDER.slice(0, i + 1) as Section[] })),
      ];
      let last: Printed | null = null;
      for (const t of tries) {
        const html = renderView(briefingView(release, { ...opts, paper, scale: t.scale, drop: t.drop }));
        await page.setContent(html, { waitUntil: 'load' });
        // A few px of slack for rounding between screen layout and print layout.
        const height = await contentHeight(page);
        if (process.env.TIEOUT_DEBUG_FIT) process.stderr.write(`fit ${t.scale} [${t.drop.join(",")}] ${Math.round(height)} / ${Math.round(area.height)}\n`);
        if (height > area.height - 6) continue;
        const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        last = { html, pdf, scale: t.scale, dropped: t.drop };
        if (pageCount(pdf) === 1) return last;
      }
      throw new Error(`the briefing for ${release.source.file} does not fit one page even with every optional section dropped`);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
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
