/**
 * Time to the first chart on /compare with 100 runs, in Chromium, against a running production server.
 * A script, not a test: it prints figures and asserts nothing.
 *
 *   npm run build && MODELKEEP_DEMO=1 npm start -- -p 3300        (demo data: about 2,000 runs in four experiments)
 *   BASE_URL=http://127.0.0.1:3300 npx tsx bench/compare-page.ts
 *
 * Options (environment): BASE_URL; EMAIL / PASSWORD (default: the demo scientist); EXPERIMENT (id; default:
 * the experiment with the most runs); RUNS (100); ROUNDS (5). It signs in through Auth.js, takes the
 * newest RUNS runs of the experiment through POST /api/v1/compare, then opens /compare?runs=… ROUNDS times
 * in a fresh page and measures, from navigation start, when the first curve's line is in the DOM
 * (`[data-testid=curve-chart][data-drawn]`: the canvas finished a frame with its lines). Target: ≤ 1.5 s. SCREENSHOT=<file.png> also saves the first chart.
 */
import { chromium, request as playwrightRequest } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3300';
const EMAIL = process.env.EMAIL ?? 'scientist@modelkeep.local';
const PASSWORD = process.env.PASSWORD ?? 'modelkeep-scientist';
const RUNS = Number(process.env.RUNS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

async function main() {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signIn = await api.post('/api/auth/callback/credentials', { form: { email: EMAIL, password: PASSWORD, csrfToken, callbackUrl: '/' }, maxRedirects: 0 });
  if (signIn.status() !== 302) throw new Error(`sign-in failed: ${signIn.status()}`);

  let experimentId = process.env.EXPERIMENT;
  if (!experimentId) {
    const list = (await (await api.get('/api/v1/experiments?pageSize=1000')).json()) as { experiments: { id: string; runCount?: number }[] };
    experimentId = [...list.experiments].sort((a, b) => (b.runCount ?? 0) - (a.runCount ?? 0))[0]?.id;
    if (!experimentId) throw new Error('no experiment to compare: start the server with MODELKEEP_DEMO=1');
  }
  const comparison = (await (await api.post('/api/v1/compare', { data: { experimentIds: [experimentId] } })).json()) as { runs: { id: string }[] };
  const ids = comparison.runs.slice(0, RUNS).map((r) => r.id);
  const url = `${BASE_URL}/compare?runs=${ids.join(',')}`;

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ storageState: await api.storageState(), viewport: { width: 1440, height: 900 } });
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('[data-testid="curve-chart"][data-drawn]').first().waitFor({ state: 'attached', timeout: 60_000 });
    const ms = await page.evaluate(() => performance.now());
    const lines = Number(await page.locator('[data-testid="curve-chart"][data-drawn]').first().getAttribute('data-drawn'));
    times.push(ms);
    // Where the time went: the document, and the curves request (start → end), from navigation start.
    const parts = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const curves = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/compare/curves')) as PerformanceResourceTiming | undefined;
      return { html: nav.responseEnd, htmlBytes: nav.encodedBodySize, dcl: nav.domContentLoadedEventEnd, curvesStart: curves?.startTime ?? NaN, curvesEnd: curves?.responseEnd ?? NaN, curvesBytes: curves?.encodedBodySize ?? NaN };
    });
    console.log(
      `round ${round + 1}: first chart after ${ms.toFixed(0)} ms (${lines} lines in it); document ${parts.html.toFixed(0)} ms (${(parts.htmlBytes / 1024).toFixed(0)} KiB), DOMContentLoaded ${parts.dcl.toFixed(0)} ms, ${Number.isNaN(parts.curvesStart) ? 'curves came with the page (no request)' : `curves request ${parts.curvesStart.toFixed(0)}–${parts.curvesEnd.toFixed(0)} ms (${(parts.curvesBytes / 1024).toFixed(0)} KiB)`}`,
    );
    await page.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${ids.length} runs of experiment ${experimentId}: first chart p50 ${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(0)} ms, worst ${sorted[sorted.length - 1].toFixed(0)} ms (target ≤ 1500 ms)`);
  if (process.env.SCREENSHOT) {
    // The first chart once every line is in, for looking at long downsampled histories.
    const page = await context.newPage();
    await page.goto(url);
    const chart = page.locator('[data-testid="curve-chart"][data-drawn]').first();
    await chart.waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(500);
    await chart.screenshot({ path: process.env.SCREENSHOT });
    console.log(`screenshot of the first chart: ${process.env.SCREENSHOT}`);
  }
  await browser.close();
  await api.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
