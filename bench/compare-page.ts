/**
 * Time to the first chart on /compare with 100 runs, in Chromium, against a running production server.
 * A script, not a test: it prints figures and asserts nothing.
 *
 *   NEXT_DIST_DIR=.next-bench-page npx next build
 *   NEXT_DIST_DIR=.next-bench-page MODELKEEP_DEMO=1 DATABASE_URL=postgres://…/scratch npx next start -p 3300
 *   BASE_URL=http://127.0.0.1:3300 npx tsx bench/compare-page.ts      (demo data: about 2,000 runs in four experiments)
 *
 * Options (environment): BASE_URL; EMAIL / PASSWORD (default: the demo scientist); EXPERIMENT (id; default:
 * the experiment with the most runs); RUNS (100); ROUNDS (7). It signs in through Auth.js, takes the
 * newest RUNS runs of the experiment through POST /api/v1/compare, then opens /compare?runs=… ROUNDS times
 * in a fresh page (after one round that is not counted, to warm the server and the browser's caches) and
 * measures, from navigation start, two moments of the first curve chart:
 * - on the screen: its frame drawn by the server (`[data-server-frame] svg`, see curve-frame.tsx) is
 *   in the visible document, or, where the server drew none, its canvas has drawn. Target: ≤ 1.5 s.
 * - interactive: its canvas finished a frame with its lines (`[data-testid=curve-chart][data-drawn]`), so
 *   the cursor, tooltip and zoom answer.
 *
 * Each round prints the phases (document, DOMContentLoaded, the page's own `compare:*` marks: view
 * hydrated, first chart drawn on its canvas), the JavaScript fetched before the canvas drew and the long
 * tasks (> 50 ms) before it. The machine's load average is printed beside the figures: on 2 cores a build running beside
 * the bench doubles them.
 *
 * TRACE=<file.json> records TRACE_ROUNDS (3) more rounds under a Chromium performance trace, saves the
 * last (open it in the browser's Performance panel) and prints where the renderer's main thread spent its
 * time before the first chart was on the screen, in wall and CPU time (CPU time hardly grows when other processes hold the
 * cores, so it compares builds on a busy machine): script evaluation per file, callbacks (React's
 * scheduler: hydration, effects, chart drawing), HTML parsing, style, layout, paint, garbage collection.
 * SCREENSHOT=<file.png> also saves the first chart.
 */
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { chromium, request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3300';
const EMAIL = process.env.EMAIL ?? 'scientist@modelkeep.local';
const PASSWORD = process.env.PASSWORD ?? 'modelkeep-scientist';
const RUNS = Number(process.env.RUNS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const FIRST_CHART = '[data-testid="curve-chart"][data-drawn]';
const SERVER_FRAME = '[data-testid="curve-chart"] [data-server-frame] svg';

/*
 * Set up before the page's first script: long tasks are only reported to observers, and the moment the
 * first chart's attribute lands is taken by a mutation observer (a check from the bench would only run
 * once the page's busy main thread lets it, and so read late).
 */
const OBSERVE = `
  window.__longTasks = [];
  window.__firstChart = null;
  window.__firstFrame = null;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  // A server-drawn frame counts once it is in the visible document (streamed parts of a page arrive in a
  // hidden element first, and are moved into place).
  const visibleFrame = () => [...document.querySelectorAll(${JSON.stringify(SERVER_FRAME)})].some((el) => !el.closest('[hidden]'));
  const seen = new MutationObserver(() => {
    if (window.__firstFrame === null && (visibleFrame() || document.querySelector(${JSON.stringify(FIRST_CHART)}))) window.__firstFrame = performance.now();
    if (window.__firstChart === null && document.querySelector(${JSON.stringify(FIRST_CHART)})) {
      window.__firstChart = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
`;

interface Round {
  /** When the first chart was on the screen, drawn by the server or the canvas, from navigation start. */
  visible: number;
  /** When the first chart's canvas had drawn (data-drawn): the chart answers the pointer and keys. */
  ms: number;
  /** When the bench saw it (after whatever task the page was busy with). */
  seen: number;
  lines: number;
  html: number;
  htmlKiB: number;
  dcl: number;
  /** First contentful paint. */
  fcp: number;
  marks: [string, number][];
  jsKiB: number;
  jsFiles: number;
  curves: string;
  longTasks: [number, number][];
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(page: Page, url: string): Promise<Round> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(FIRST_CHART).first().waitFor({ state: 'attached', timeout: 60_000 });
  const seen = await page.evaluate(() => performance.now());
  const lines = Number(await page.locator(FIRST_CHART).first().getAttribute('data-drawn'));
  return page.evaluate(
    ({ seen, lines }) => {
      const marks0 = window as unknown as { __firstChart: number | null; __firstFrame: number | null };
      const ms = marks0.__firstChart ?? seen;
      const visible = Math.min(marks0.__firstFrame ?? ms, ms);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const scripts = resources.filter((e) => e.initiatorType === 'script' || /\.js(\?|$)/.test(e.name)).filter((e) => e.startTime < ms);
      const curves = resources.find((e) => e.name.includes('/api/v1/compare/curves'));
      const marks = performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('compare:'))
        .map((m): [string, number] => [m.name.slice('compare:'.length), m.startTime]);
      const longTasks = ((window as unknown as { __longTasks?: [number, number][] }).__longTasks ?? []).filter(([start]) => start < ms);
      return {
        visible,
        ms,
        seen,
        lines,
        html: nav.responseEnd,
        htmlKiB: nav.encodedBodySize / 1024,
        dcl: nav.domContentLoadedEventEnd,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        marks,
        jsKiB: scripts.reduce((n, e) => n + e.encodedBodySize, 0) / 1024,
        jsFiles: scripts.length,
        curves: curves ? `curves request ${curves.startTime.toFixed(0)}–${curves.responseEnd.toFixed(0)} ms (${(curves.encodedBodySize / 1024).toFixed(0)} KiB)` : 'curves came with the page',
        longTasks,
      };
    },
    { seen, lines },
  );
}

function describe(r: Round, n: number): string {
  const marks = r.marks.map(([name, t]) => `${name} ${t.toFixed(0)}`).join(', ');
  const tasks = r.longTasks.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(' ');
  const busy = r.longTasks.reduce((t, [, d]) => t + d, 0);
  return [
    `round ${n}: first chart on the screen after ${r.visible.toFixed(0)} ms${r.visible < r.ms ? ' (drawn by the server)' : ''}, drawn on its canvas after ${r.ms.toFixed(0)} ms (${r.lines} lines in it; the bench saw it at ${r.seen.toFixed(0)} ms)`,
    `  document ${r.html.toFixed(0)} ms (${r.htmlKiB.toFixed(0)} KiB), first paint ${r.fcp.toFixed(0)} ms, DOMContentLoaded ${r.dcl.toFixed(0)} ms${marks ? `, ${marks} ms` : ''}; ${r.curves}`,
    `  ${r.jsFiles} scripts, ${r.jsKiB.toFixed(0)} KiB (compressed) fetched before it; long tasks (start+duration ms): ${tasks || 'none'} = ${busy.toFixed(0)} ms`,
  ].join('\n');
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event: unlike dur, it does not grow while other processes hold the cores. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Where the main thread's time went before the first chart, in µs of wall and CPU time, by kind of work. */
interface Breakdown {
  wall: Map<string, number>;
  cpu: Map<string, number>;
  scripts: Map<string, number>;
  tasks: [number, number][];
}

// Each task's time goes to the outermost known event inside it, so nothing is counted twice.
const KINDS: Record<string, string> = {
  EvaluateScript: 'script evaluation (module code)',
  'v8.compile': 'script evaluation (module code)',
  'v8.compileModule': 'script evaluation (module code)',
  FunctionCall: 'callbacks (React: hydration, effects, chart drawing)',
  TimerFire: 'callbacks (React: hydration, effects, chart drawing)',
  FireAnimationFrame: 'animation frames',
  ParseHTML: 'HTML parsing (and the inline data scripts in it)',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  MajorGC: 'garbage collection',
  MinorGC: 'garbage collection',
  EventDispatch: 'DOM events',
};

function traceBreakdown(events: TraceEvent[], untilMs: number): Breakdown | null {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const start = events.filter((e) => e.name === 'navigationStart' && e.pid === main?.pid).at(-1);
  if (!main || !start) return null;
  const t0 = start.ts;
  const end = t0 + untilMs * 1000;
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= t0 && e.ts < end)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: Breakdown = { wall: new Map(), cpu: new Map(), scripts: new Map(), tasks: [] };
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  // Tasks nest (RunTask around ThreadControllerImpl::RunTask): only the outermost ones count.
  let i = 0;
  while (i < onMain.length) {
    const task = onMain[i];
    const taskEnd = task.ts + task.dur!;
    let j = i + 1;
    if (task.name !== 'RunTask' && task.name !== 'ThreadControllerImpl::RunTask') {
      i = j;
      continue;
    }
    let wall = 0;
    let cpu = 0;
    let until = -1;
    for (; j < onMain.length && onMain[j].ts < taskEnd; j++) {
      const e = onMain[j];
      const kind = KINDS[e.name];
      if (!kind || e.ts < until) continue;
      until = e.ts + e.dur!;
      add(out.wall, kind, e.dur!);
      add(out.cpu, kind, e.tdur ?? e.dur!);
      wall += e.dur!;
      cpu += e.tdur ?? e.dur!;
      if (kind.startsWith('script')) add(out.scripts, (e.args?.data?.url ?? '').replace(/^.*\/_next\/static\/chunks\//, '') || '(inline)', e.tdur ?? e.dur!);
    }
    add(out.wall, 'other work in tasks', task.dur! - wall);
    add(out.cpu, 'other work in tasks', (task.tdur ?? task.dur!) - cpu);
    out.tasks.push([(task.ts - t0) / 1000, task.dur! / 1000]);
    i = j;
  }
  return out;
}

function printBreakdowns(all: Breakdown[], firstChart: number[]) {
  const n = all.length;
  const ms = (us: number) => `${(us / 1000 / n).toFixed(0)} ms`;
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const merged = { wall: new Map<string, number>(), cpu: new Map<string, number>(), scripts: new Map<string, number>() };
  for (const b of all) for (const key of ['wall', 'cpu', 'scripts'] as const) for (const [k, v] of b[key]) merged[key].set(k, (merged[key].get(k) ?? 0) + v);
  console.log(`main thread before the first chart is on the screen (mean of ${n} traced rounds, on the screen at ${firstChart.map((t) => t.toFixed(0)).join(', ')} ms): ${ms(total(merged.wall))} wall, ${ms(total(merged.cpu))} CPU`);
  for (const [k, us] of [...merged.cpu].sort((a, b) => b[1] - a[1])) if (us / n >= 5000) console.log(`  ${k.padEnd(54)} ${ms(merged.wall.get(k) ?? 0).padStart(7)} wall ${ms(us).padStart(7)} CPU`);
  console.log('  script evaluation by file (CPU):');
  for (const [url, us] of [...merged.scripts].sort((a, b) => b[1] - a[1]).slice(0, 6)) if (us / n >= 3000) console.log(`    ${url.padEnd(52)} ${ms(us).padStart(7)}`);
  const last = all[n - 1];
  console.log(`  tasks ≥ 50 ms in the last traced round (start+duration ms): ${last.tasks.filter(([, d]) => d >= 50).map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(' ') || 'none'}`);
}

/** TRACE_ROUNDS more rounds under a Chromium trace: the breakdown, and the last trace saved to `file`. */
async function trace(browser: Browser, context: BrowserContext, url: string, file: string, rounds: number) {
  const all: Breakdown[] = [];
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel', '__metadata'] });
    const r = await measure(page, url);
    const buffer = await browser.stopTracing();
    if (round === rounds - 1) writeFileSync(file, buffer);
    const parsed = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const b = traceBreakdown(Array.isArray(parsed) ? parsed : parsed.traceEvents, r.visible);
    if (b) all.push(b);
    times.push(r.visible);
    await page.close();
  }
  if (all.length) printBreakdowns(all, times);
  console.log(`trace of the last round (open it in the browser's Performance panel): ${file}; tracing slows the page down`);
}

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

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ storageState: await api.storageState(), viewport: { width: 1440, height: 900 } });
  await context.addInitScript(OBSERVE);
  // One round to warm the server (its first render of the route) and the browser's cache of scripts, not counted.
  const warm = await context.newPage();
  await measure(warm, url);
  await warm.close();

  console.log(`load average before: ${load()}`);
  const visible: number[] = [];
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const page = await context.newPage();
    const r = await measure(page, url);
    visible.push(r.visible);
    times.push(r.ms);
    console.log(describe(r, round + 1));
    await page.close();
  }
  const figures = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return `p50 ${pct(sorted, 50).toFixed(0)} ms, p95 ${pct(sorted, 95).toFixed(0)} ms`;
  };
  console.log(`${ids.length} runs of experiment ${experimentId} over ${ROUNDS} rounds; load average after: ${load()}`);
  console.log(`  first chart on the screen:  ${figures(visible)} (target ≤ 1500 ms)`);
  console.log(`  first chart interactive:    ${figures(times)} (its canvas drawn, pointer and keys answered)`);
  if (process.env.TRACE) await trace(browser, context, url, process.env.TRACE, Number(process.env.TRACE_ROUNDS ?? 3));
  if (process.env.SCREENSHOT) {
    // The first chart's canvas once every line is in, for looking at long downsampled histories.
    const page = await context.newPage();
    await page.goto(url);
    const chart = page.locator(FIRST_CHART).first();
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
