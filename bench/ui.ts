import { parseArgs } from 'node:util';
import type { Page, Response } from 'playwright-core';
import type { Size } from '../simulator/tenant/gen-spec.ts';
import { launchBrowser } from '../test/web/browser.ts';
import { connectAndScan } from '../test/web/overview-acme.ts';
import { startWebServer } from '../test/web/web-server.ts';

// The web UI against a generated tenant (xl by default): the server (`palisade serve`'s path, the
// built UI, a fresh SQLite database) with the simulator as Atlassian, the organization connected
// and scanned once through the API, then the Overview, Findings and Apps pages opened in Chromium,
// each as a fresh load. Prints each page's time to content (navigation start → its data on
// screen; the first load, then the median of --runs more) and the largest API response the pages
// fetched. Target: every page under 1.5 s. Ends with one JSON line.

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'xl' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
  },
});
const size = (values.size ?? 'xl') as Size;
const runs = Math.max(1, Number(values.runs ?? 3));
const TARGET_MS = 1500;

/** What shows a page's data: the Overview's cards, the first row of the Findings and Apps tables. */
const PAGES = [
  { name: 'Overview', path: '/', content: '[data-testid="overview-content"]' },
  { name: 'Findings', path: '/findings', content: 'main table tbody tr' },
  { name: 'Apps', path: '/apps', content: 'main table tbody tr' },
] as const;

const log = (line: string) => process.stderr.write(`${line}\n`);

const t0 = performance.now();
const web = await startWebServer({ tenant: { size, seed: Number(values.seed ?? 1) } });
const browser = await launchBrowser();
try {
  log(
    `simulator (${size}) and server up in ${((performance.now() - t0) / 1000).toFixed(1)} s; connecting and scanning…`,
  );
  const t1 = performance.now();
  const { page } = await connectAndScan(web, browser, 90 * 60_000);
  const scanSeconds = (performance.now() - t1) / 1000;
  log(`first scan done in ${scanSeconds.toFixed(1)} s`);

  let largest = { bytes: 0, url: '' };
  const sizes: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    // The event stream (SSE) never ends: its body is not a response size.
    if (!response.url().includes('/api/') || response.url().includes('/api/v1/events')) return;
    sizes.push(
      response
        .body()
        .then((body) => {
          if (body.length > largest.bytes)
            largest = {
              bytes: body.length,
              url: new URL(response.url()).pathname + new URL(response.url()).search,
            };
        })
        .catch(() => {}),
    );
  });

  const timeToContent = async (p: Page, path: string, content: string): Promise<number> => {
    await p.goto('about:blank');
    const start = performance.now();
    await p.goto(`${web.url}${path}`, { waitUntil: 'commit' });
    await p.locator(content).first().waitFor({ timeout: 120_000 });
    return Math.round(performance.now() - start);
  };

  const results: {
    page: string;
    firstMs: number | null;
    medianMs: number | null;
    underTarget: boolean;
    error?: string;
  }[] = [];
  for (const { name, path, content } of PAGES) {
    try {
      const first = await timeToContent(page, path, content);
      const more: number[] = [];
      for (let i = 0; i < runs; i++) more.push(await timeToContent(page, path, content));
      more.sort((a, b) => a - b);
      const median = more[Math.floor(more.length / 2)] ?? first;
      results.push({
        page: name,
        firstMs: first,
        medianMs: median,
        underTarget: Math.max(first, median) < TARGET_MS,
      });
      log(`${name}: first ${first} ms, median of ${runs} ${median} ms`);
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      results.push({ page: name, firstMs: null, medianMs: null, underTarget: false, error: message });
      log(`${name}: no content (${content}) — ${message}`);
    }
  }
  await Promise.all(sizes);
  log(`largest API response: ${largest.bytes} bytes (${largest.url})`);
  process.stdout.write(
    `${JSON.stringify({ size, scanSeconds: Math.round(scanSeconds * 10) / 10, targetMs: TARGET_MS, pages: results, largestApiResponse: largest })}\n`,
  );
} finally {
  await browser.close();
  await web.close();
}
