import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signInAs } from '../fixtures/auth';

/*
 * Run comparison as a data scientist reaches it: tick runs in the runs table, press Compare, read the
 * differing params, hide the identical ones, add a metric to the curves, brush a parallel axis, and
 * paste the address into a new page to find the same view. Data is logged through /api/v1 with the
 * signed-in user's session, so the test owns it. Screenshots of each chart in both themes.
 */

const SHOTS = 'e2e/screenshots';

async function logRun(request: APIRequestContext, experimentId: string, name: string, lr: string, offset: number, steps = 120): Promise<string> {
  const startTime = Date.now() - 3_600_000 + offset * 60_000;
  const created = await request.post('/api/v1/runs', { data: { experimentId, name, startTime } });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  const metrics = Array.from({ length: steps }, (_, s) => [
    { key: 'loss', value: (1.2 - offset * 0.15) * Math.exp(-s / 40) + 0.05 * Math.sin(s * (0.7 + offset)) + (s === 60 + offset * 7 ? 0.6 : 0), step: s, timestamp: startTime + s * 5000 },
    { key: 'accuracy', value: 0.5 + (0.4 - offset * 0.03) * (1 - Math.exp(-s / 30)), step: s, timestamp: startTime + s * 5000 },
  ]).flat();
  const params = [
    { key: 'lr', value: lr },
    { key: 'optimizer', value: 'adam' },
    { key: 'batch_size', value: String(32 * (offset + 1)) },
  ];
  for (let i = 0; i < metrics.length; i += 1000) {
    const res = await request.post(`/api/v1/runs/${id}/batch`, { data: { metrics: metrics.slice(i, i + 1000), params: i === 0 ? params : [] } });
    expect(res.status(), await res.text()).toBe(200);
  }
  const ended = await request.patch(`/api/v1/runs/${id}`, { data: { status: 'FINISHED', endTime: startTime + steps * 5000 } });
  expect(ended.status()).toBe(200);
  return id;
}

async function shoot(page: Page, testId: string, name: string) {
  const chart = page.getByTestId(testId).first();
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: `${SHOTS}/${name}.png` });
}

test.describe('[COMPARE] run comparison', () => {
  test('selects runs in the runs table, compares them, and a pasted link shows the same view', async ({ page, context }) => {
    await signInAs(page, 'scientist');
    const name = `compare-${randomBytes(3).toString('hex')}`;
    const exp = await page.request.post('/api/v1/experiments', { data: { name } });
    expect(exp.status()).toBe(201);
    const experimentId = ((await exp.json()) as { id: string }).id;
    const specs = [
      ['run-a', '0.1'],
      ['run-b', '0.01'],
      ['run-c', '0.001'],
      ['run-d', '0.0003'],
    ] as const;
    for (const [i, [run, lr]] of specs.entries()) await logRun(page.request, experimentId, run, lr, i);

    await page.goto(`/experiments/${experimentId}`);
    for (const [run] of specs) await page.getByRole('checkbox', { name: `Select run ${run}` }).check();
    await page.getByRole('link', { name: 'Compare (4)' }).click();
    await expect(page).toHaveURL(/\/compare\?runs=[0-9a-f]{32}(,[0-9a-f]{32}){3}$/);

    // Differing params are highlighted; identical ones can be hidden.
    const lrRow = page.getByTestId('param-row').filter({ hasText: 'lr' });
    await expect(lrRow).toHaveAttribute('data-differs', 'true');
    await expect(lrRow).toContainText('differs');
    const optimizerRow = page.getByTestId('param-row').filter({ hasText: 'optimizer' });
    await expect(optimizerRow).toHaveAttribute('data-differs', 'false');
    await page.getByLabel('Hide identical rows').check();
    await expect(optimizerRow).toBeHidden();
    await expect(page).toHaveURL(/diff=1/);
    // The best loss is marked.
    const lossRow = page.getByTestId('metric-row').filter({ hasText: 'loss' });
    await expect(lossRow.getByLabel('best', { exact: true })).toHaveCount(1);

    // Curves: loss and accuracy are drawn by default; take accuracy off, then add it back.
    await expect(page.getByTestId('curve-chart').and(page.locator('[data-metric="loss"]'))).toBeVisible();
    const accuracyToggle = page.getByRole('group', { name: 'Metrics to draw' }).getByRole('button', { name: 'accuracy' });
    const accuracy = page.locator('[data-testid="curve-chart"][data-metric="accuracy"]');
    await expect(accuracy).toBeVisible();
    await accuracyToggle.click();
    await expect(accuracy).toHaveCount(0);
    await expect(accuracyToggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page).toHaveURL(/m=loss(&|$)/);
    await accuracyToggle.click();
    await expect(accuracy).toBeVisible();
    // The canvas reports the run lines of the last frame it finished.
    await expect(accuracy).toHaveAttribute('data-drawn', '4');
    await expect(page).toHaveURL(/m=loss,accuracy/);

    // Hovering a chart shows run names and values.
    const plot = page.locator('[data-metric="loss"] [data-testid="curve-plot"]');
    await plot.hover({ position: { x: 120, y: 60 } });
    await expect(page.getByTestId('curve-tooltip')).toContainText('run-a');

    await page.emulateMedia({ colorScheme: 'light' });
    await shoot(page, 'curve-chart', 'compare-curves-light');
    await shoot(page, 'parallel-chart', 'compare-parallel-light');
    await shoot(page, 'scatter-chart', 'compare-scatter-light');

    // Brush the first parallel axis (params.batch_size, or whichever differs first) over its upper half.
    const parallel = page.getByTestId('parallel-chart');
    await parallel.scrollIntoViewIfNeeded();
    const box = (await parallel.boundingBox())!;
    const axisX = box.x + 70;
    await page.mouse.move(axisX, box.y + 45);
    await page.mouse.down();
    await page.mouse.move(axisX, box.y + 120, { steps: 8 });
    await page.mouse.move(axisX, box.y + 190, { steps: 8 });
    await page.mouse.up();
    await expect(page).toHaveURL(/brush=/);
    await expect(page.getByTestId('brush-count')).toContainText(/[1-3] of 4 runs in the brushed selection/);
    await expect(page).toHaveURL(/brush=/);
    const brushed = (await page.getByTestId('brush-count').textContent())!;
    await expect(page.getByRole('link', { name: /Show these \d runs in the runs table/ })).toHaveAttribute('href', /run_id\+IN|run_id%20IN/);
    await shoot(page, 'parallel-chart', 'compare-parallel-brushed-light');

    // The address carries the whole view into a new page.
    const url = page.url();
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByLabel('Hide identical rows')).toBeChecked();
    await expect(other.getByTestId('param-row').filter({ hasText: 'optimizer' })).toBeHidden();
    await expect(other.locator('[data-testid="curve-chart"][data-metric="accuracy"]')).toBeVisible();
    await expect(other.getByTestId('brush-count')).toHaveText(brushed);
    expect(other.url()).toBe(url);

    await other.emulateMedia({ colorScheme: 'dark' });
    await other.reload();
    // The curves follow the brush: only the brushed runs are drawn.
    await expect(other.locator('[data-testid="curve-chart"][data-metric="accuracy"]')).toHaveAttribute('data-drawn', /(\d) of 4/.exec(brushed)![1]);
    await shoot(other, 'curve-chart', 'compare-curves-dark');
    await shoot(other, 'parallel-chart', 'compare-parallel-dark');
    await shoot(other, 'scatter-chart', 'compare-scatter-dark');
    await other.getByRole('heading', { name: /Params and metrics/ }).scrollIntoViewIfNeeded();
    await other.screenshot({ path: `${SHOTS}/compare-page-dark.png` });
  });

  test('zooming a curve by dragging fetches that range and puts it in the address', async ({ page }) => {
    await signInAs(page, 'scientist');
    const exp = await page.request.post('/api/v1/experiments', { data: { name: `zoom-${randomBytes(3).toString('hex')}` } });
    const experimentId = ((await exp.json()) as { id: string }).id;
    const ids = [await logRun(page.request, experimentId, 'z1', '0.1', 0), await logRun(page.request, experimentId, 'z2', '0.2', 1)];
    // The first curves come with the page: the browser asks for curves only once the view changes.
    const curveRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/compare/curves')) curveRequests.push(r.postData() ?? '');
    });
    await page.goto(`/compare?runs=${ids.join(',')}`);
    const plot = page.locator('[data-metric="loss"] [data-testid="curve-plot"]');
    await expect(plot).toBeVisible();
    await expect(page.locator('[data-testid="curve-chart"][data-metric="loss"]')).toHaveAttribute('data-drawn', '2');
    expect(curveRequests).toEqual([]);
    // The parallel and scatter charts load after the first curves, without scrolling to them.
    await expect(page.getByTestId('parallel-chart')).toBeAttached();
    await expect(page.getByTestId('scatter-chart')).toBeAttached();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + 40, { steps: 6 });
    await page.mouse.up();
    await expect(page).toHaveURL(/zoom=\d+(\.\d+)?~\d+(\.\d+)?/);
    await expect(page.getByRole('button', { name: /Reset zoom/ })).toBeVisible();
    // The zoom fetches detail for its range, and the chart is redrawn from it.
    await expect.poll(() => curveRequests.length).toBeGreaterThan(0);
    expect(JSON.parse(curveRequests.at(-1)!)).toMatchObject({ range: { min: expect.any(Number), max: expect.any(Number) } });
    await expect(page.getByText('Loading detail…')).toHaveCount(0);
    await expect(page.locator('[data-testid="curve-chart"][data-metric="loss"]')).toHaveAttribute('data-drawn', '2');
    await page.emulateMedia({ colorScheme: 'light' });
    await shoot(page, 'curve-chart', 'compare-curves-zoomed-light');
    await page.getByRole('button', { name: /Reset zoom/ }).click();
    await expect(page).not.toHaveURL(/zoom=/);
  });

  test('a long history is drawn downsampled, with bands where buckets hide spread, in both themes', async ({ page }) => {
    await signInAs(page, 'scientist');
    const exp = await page.request.post('/api/v1/experiments', { data: { name: `long-${randomBytes(3).toString('hex')}` } });
    const experimentId = ((await exp.json()) as { id: string }).id;
    const ids = [await logRun(page.request, experimentId, 'long-1', '0.1', 0, 4000), await logRun(page.request, experimentId, 'long-2', '0.2', 1, 4000)];
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`/compare?runs=${ids.join(',')}&m=loss`);
    const chart = page.locator('[data-testid="curve-chart"][data-metric="loss"]');
    await expect(chart).toHaveAttribute('data-drawn', '2');
    await expect(chart).toContainText('min/max downsampled, shaded bands show hidden spread');
    await shoot(page, 'curve-chart', 'compare-curves-long-light');
    // The cursor stands on a logged step (a whole number), not between two.
    const tooltip = page.getByTestId('curve-tooltip');
    await chart.getByTestId('curve-plot').hover({ position: { x: 233, y: 40 } });
    await expect(tooltip.locator('p').first()).toHaveText(/^Step \d{1,3}(,\d{3})*$/);
    await shoot(page, 'curve-chart', 'compare-curves-long-cursor-light');
    await page.mouse.move(0, 0);
    // The keyboard reaches the chart: arrows move a cursor whose values the tooltip reads out.
    await chart.getByRole('img').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('curve-tooltip')).toContainText('long-1');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(chart).toHaveAttribute('data-drawn', '2');
    await shoot(page, 'curve-chart', 'compare-curves-long-dark');
    // On a log scale the negative values of a metric are left out, and the chart says so.
    await page.getByLabel('Log scale').check();
    await expect(chart).toContainText('not drawn on log scale');
  });

  test('the server draws the first charts into the page, and their canvases take over once the scripts run', async ({ page }) => {
    await signInAs(page, 'scientist');
    const exp = await page.request.post('/api/v1/experiments', { data: { name: `frame-${randomBytes(3).toString('hex')}` } });
    const experimentId = ((await exp.json()) as { id: string }).id;
    const ids = [await logRun(page.request, experimentId, 'f1', '0.1', 0), await logRun(page.request, experimentId, 'f2', '0.2', 1)];
    const url = `/compare?runs=${ids.join(',')}`;
    // Without the page's scripts (its inline ones still move the streamed parts into place) the charts
    // are there, as the server drew them: one line per run in its colour, axes named.
    const scripts = /\/_next\/static\/chunks\/.*\.js$/;
    await page.route(scripts, (route) => route.abort());
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(url);
    const chart = page.locator('[data-testid="curve-chart"][data-metric="loss"]');
    const frame = chart.locator('[data-server-frame] svg');
    await expect(frame).toBeVisible();
    await expect(frame.locator('polyline')).toHaveCount(2);
    await expect(frame.locator('polyline[stroke="#4e79a7"]')).toHaveCount(1);
    await expect(frame.locator('polyline[stroke="#f28e2b"]')).toHaveCount(1);
    await expect(frame.locator('text', { hasText: /^loss$/ })).toHaveCount(1);
    await expect(frame.locator('text', { hasText: /^Step$/ })).toHaveCount(1);
    await expect(page.locator('[data-testid="curve-chart"][data-metric="accuracy"] [data-server-frame] svg polyline')).toHaveCount(2);
    await expect(chart).not.toHaveAttribute('data-drawn');
    // A first visit: drawn at the default width, scaled to the box.
    await expect(frame).toHaveAttribute('viewBox', '0 0 560 288');
    await shoot(page, 'curve-chart', 'compare-curves-server-light');
    // In the dark theme its axis text takes the dark theme's colour.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(frame).toBeVisible();
    await expect(frame.locator('text', { hasText: /^Step$/ })).toHaveCSS('fill', 'rgb(156, 163, 175)');
    await shoot(page, 'curve-chart', 'compare-curves-server-dark');
    // With the scripts the canvas draws, and the server's frame gives way to it.
    await page.unroute(scripts);
    await page.reload();
    await expect(chart).toHaveAttribute('data-drawn', '2');
    await expect(page.locator('[data-server-frame]')).toHaveCount(0);
    // The canvas's width is remembered, and the next visit's frames are drawn at it.
    const width = await chart.getByRole('img').evaluate((el) => Math.round(el.clientWidth));
    await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === 'mk-curve-width')?.value).toBe(String(width));
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.route(scripts, (route) => route.abort());
    await page.reload();
    await expect(frame).toHaveAttribute('viewBox', `0 0 ${width} 288`);
  });

  test('downloads the runs compared, or those a runs-table filter matches, as CSV with their params and latest metrics', async ({ page }) => {
    await signInAs(page, 'scientist');
    const exp = await page.request.post('/api/v1/experiments', { data: { name: `csv-${randomBytes(3).toString('hex')}` } });
    const experimentId = ((await exp.json()) as { id: string }).id;
    const ids = [await logRun(page.request, experimentId, 'csv-1', '0.1', 0), await logRun(page.request, experimentId, 'csv-2', '0.02', 1)];
    await page.goto(`/compare?runs=${ids.join(',')}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^modelkeep-comparison-2-runs-.+\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 6)).toEqual(['run_id', 'run', 'experiment', 'status', 'start_time', 'end_time']);
    expect(header).toEqual(expect.arrayContaining(['params.lr', 'params.optimizer', 'metrics.loss', 'metrics.accuracy']));
    const byRun = new Map(lines.slice(1, 3).map((l) => [l.split(',')[1], l.split(',')]));
    expect(byRun.get('csv-1')![header.indexOf('params.lr')]).toBe('0.1');
    expect(byRun.get('csv-2')![header.indexOf('params.lr')]).toBe('0.02');
    expect(byRun.get('csv-2')![header.indexOf('status')]).toBe('FINISHED');
    expect(Number(byRun.get('csv-1')![header.indexOf('metrics.accuracy')])).toBeGreaterThan(0.8);

    // The runs table downloads the runs its filter matches.
    await page.goto(`/experiments/${experimentId}?filter=${encodeURIComponent("params.lr = '0.02'")}`);
    const [filtered] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(filtered.suggestedFilename()).toMatch(/^modelkeep-comparison-1-runs-.+\.csv$/);
    const rows = readFileSync((await filtered.path())!, 'utf8').split('\r\n').slice(1).filter(Boolean);
    expect(rows.map((l) => l.split(',')[1])).toEqual(['csv-2']);
  });

  test('without runs the page explains how to get here', async ({ page }) => {
    await signInAs(page, 'viewer');
    await page.goto('/compare');
    await expect(page.getByRole('heading', { name: 'Choose runs to compare' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Experiments' }).last()).toBeVisible();
  });
});
