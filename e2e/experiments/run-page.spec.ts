import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { adminApi, signInAs } from '../fixtures/auth';

/*
 * The run page and logging from the console, as a data scientist uses them. Experiments and long metric
 * histories are made through /api/v1 with the signed-in user's session, so each test owns its data.
 */

const suffix = () => randomBytes(3).toString('hex');

async function createExperiment(request: APIRequestContext, name = `run-page-${suffix()}`): Promise<string> {
  const res = await request.post('/api/v1/experiments', { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function createRun(request: APIRequestContext, experimentId: string, data: Record<string, unknown> = {}): Promise<string> {
  const res = await request.post('/api/v1/runs', { data: { experimentId, ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A noisy training curve of `steps` points with a few spikes, logged 1,000 points per batch. */
async function logNoisyHistory(request: APIRequestContext, runId: string, startTime: number, steps: number): Promise<void> {
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.12;
  const points = Array.from({ length: steps }, (_, step) => {
    const spike = step % 997 === 500 ? 1.5 : 0;
    return [
      { key: 'loss', value: Math.exp(-step / 700) + 0.05 + Math.abs(noise()) + spike, step, timestamp: startTime + step * 250 },
      { key: 'accuracy', value: Math.min(0.99, 0.5 + 0.45 * (1 - Math.exp(-step / 900)) + noise() / 3), step, timestamp: startTime + step * 250 },
    ];
  }).flat();
  for (let i = 0; i < points.length; i += 1000) {
    const res = await request.post(`/api/v1/runs/${runId}/batch`, { data: { metrics: points.slice(i, i + 1000) } });
    expect(res.status(), await res.text()).toBe(200);
  }
}

const runUrl = (experimentId: string, runId: string, query = '') => `/experiments/${experimentId}/runs/${runId}${query}`;

async function submit(page: Page, form: string, fields: Record<string, string>, button: string): Promise<void> {
  const f = page.getByRole('form', { name: form });
  for (const [label, value] of Object.entries(fields)) await f.getByLabel(label, { exact: true }).fill(value);
  await f.getByRole('button', { name: button }).click();
}

test.describe('[EXPERIMENTS] run page', () => {
  test('a scientist creates a run from the form, logs params, metrics and a tag, is refused a changed param, and ends the run', async ({ page }) => {
    await signInAs(page, 'scientist');
    const experimentId = await createExperiment(page.request);
    const name = `baseline-${suffix()}`;

    await page.goto(`/experiments/${experimentId}/runs/new`);
    await page.getByRole('button', { name: 'Create run' }).focus();
    await page.screenshot({ path: 'e2e/screenshots/run-new-light.png' });
    await page.getByLabel('Name').fill(name);
    await page.getByLabel(/Description/).fill('First try with the **default** settings.');
    await page.getByRole('button', { name: 'Create run' }).click();
    await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/runs/[0-9a-f]{32}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('running');
    await expect(page.locator('strong', { hasText: 'default' })).toBeVisible();

    const paramForm = page.getByRole('form', { name: 'Log a param' });
    await submit(page, 'Log a param', { Key: 'learning_rate', Value: '0.01' }, 'Log param');
    await expect(paramForm.getByRole('status')).toHaveText('Param logged');
    await submit(page, 'Log a param', { Key: 'learning_rate', Value: '0.02' }, 'Log param');
    await expect(paramForm.getByLabel('Value', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(paramForm.getByRole('alert')).toContainText('immutable');
    await expect(paramForm.getByLabel('Value', { exact: true })).toHaveValue('0.02');

    const metricForm = page.getByRole('form', { name: 'Log a metric' });
    for (const [step, value] of [['0', '0.9'], ['1', '0.5'], ['2', '0.31']]) {
      await submit(page, 'Log a metric', { Key: 'loss', Value: value, Step: step }, 'Log metric');
      await expect(metricForm.getByLabel('Key', { exact: true })).toHaveValue('');
    }
    await submit(page, 'Log a metric', { Key: 'grad_norm', Value: 'NaN', Step: '2' }, 'Log metric');
    await expect(metricForm.getByLabel('Key', { exact: true })).toHaveValue('');
    await submit(page, 'Log a metric', { Key: 'loss', Value: 'lots', Step: '3' }, 'Log metric');
    await expect(metricForm.getByLabel('Value', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await submit(page, 'Set a tag', { Key: 'team', Value: 'ranking' }, 'Set tag');
    await expect(page.getByRole('form', { name: 'Set a tag' }).getByRole('status')).toHaveText('Tag saved');

    const metrics = page.getByRole('table', { name: 'Metrics' });
    const lossRow = metrics.getByRole('row').filter({ hasText: 'loss' }).filter({ hasNotText: 'grad' });
    await expect(lossRow).toContainText('0.31');
    await expect(lossRow).toContainText('0.9');
    await expect(metrics.getByRole('row').filter({ hasText: 'grad_norm' })).toContainText('NaN');

    await page.getByLabel('Final status').selectOption('FINISHED');
    await page.getByRole('button', { name: 'End run' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('finished');
    await expect(page.getByRole('form', { name: 'Log a param' })).toHaveCount(0);
    await expect(page.getByText('This run is finished; params and metrics are logged while a run is running.')).toBeVisible();

    await page.getByRole('link', { name: /^Params/ }).click();
    await expect(page).toHaveURL(/tab=params/);
    await expect(page.getByRole('table', { name: 'Params' })).toContainText('0.01');
  });

  test('a scientist reads a long noisy history on charts, switches axis, log scale and smoothing, zooms, edits the description and tags', async ({ page }) => {
    await signInAs(page, 'scientist');
    const experimentId = await createExperiment(page.request);
    const parentId = await createRun(page.request, experimentId, { name: `sweep-${suffix()}` });
    const startTime = Date.now() - 3_600_000;
    const runId = await createRun(page.request, experimentId, { name: 'trial-7', parentRunId: parentId, startTime, tags: { team: 'ranking', owner: 'ml-platform' }, source: { name: 'train.py', type: 'LOCAL', version: 'a1b2c3d4e5f6a7b8' } });
    await logNoisyHistory(page.request, runId, startTime, 3000);
    await page.request.post(`/api/v1/runs/${runId}/params`, { data: { key: 'optimizer', value: 'adamw' } });

    await page.goto(runUrl(experimentId, runId, '?tab=charts'));
    const loss = page.getByRole('article', { name: 'loss' });
    await expect(loss.locator('svg .recharts-line-curve').first()).toBeVisible();
    await expect(loss.getByText(/of 3,000 points drawn/)).toBeVisible();
    await expect(loss.locator('svg .recharts-area-area').first()).toBeVisible();

    await page.getByRole('radio', { name: 'Relative time' }).click();
    await expect(page).toHaveURL(/x=relative/);
    await expect(page.getByRole('radio', { name: 'Relative time' })).toHaveAttribute('aria-checked', 'true');
    await expect(loss.getByText('Time since run start (h:min:s)')).toBeVisible();
    await page.getByRole('radio', { name: 'Step' }).click();
    await expect(page).not.toHaveURL(/x=relative/);

    await page.getByRole('switch', { name: 'Log scale (y)' }).check();
    await expect(page).toHaveURL(/log=1/);
    await expect(loss.getByText('loss (log)')).toBeVisible();
    await page.getByLabel('Smoothing').fill('0.8');
    await expect(page).toHaveURL(/smooth=0.8/);
    await expect(loss.locator('svg .recharts-line-curve')).toHaveCount(2);

    const plot = loss.locator('svg.recharts-surface');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(loss.getByRole('button', { name: 'Reset zoom of loss' })).toBeVisible();
    await expect(loss.getByText(/points in the zoomed range$/)).toBeVisible();
    await loss.screenshot({ path: 'e2e/screenshots/run-chart-zoomed-light.png' });
    await loss.getByRole('button', { name: 'Reset zoom of loss' }).click();
    await expect(loss.getByRole('button', { name: 'Reset zoom of loss' })).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole('switch', { name: 'Log scale (y)' })).toBeChecked();
    await expect(page.getByLabel('Smoothing')).toHaveValue('0.8');
    await page.getByRole('switch', { name: 'Log scale (y)' }).uncheck();
    await page.screenshot({ path: 'e2e/screenshots/run-charts-light.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.screenshot({ path: 'e2e/screenshots/run-charts-dark.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('link', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/smooth=0.8/);
    await expect(page).not.toHaveURL(/log=1/);
    await expect(page.getByRole('link', { name: /^sweep-/ })).toBeVisible();
    await page.getByRole('button', { name: 'Add description' }).click();
    await page.getByLabel('Description (Markdown)').fill('## Findings\n\nThe loss **spikes** every ~1k steps.\n\n- warmup 500\n- cosine decay');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
    await page.getByRole('button', { name: 'Save description' }).click();
    await expect(page.getByRole('button', { name: 'Edit description' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Edit description' })).toHaveCount(0);
    const description = page.getByRole('region', { name: 'Description' });
    await expect(description.getByRole('heading', { name: 'Findings' })).toBeVisible();
    await expect(description.locator('strong', { hasText: 'spikes' })).toBeVisible();
    await expect(description.getByRole('listitem')).toHaveCount(2);
    await page.screenshot({ path: 'e2e/screenshots/run-overview-light.png', fullPage: true });

    await page.getByRole('link', { name: /^Tags/ }).click();
    await page.getByRole('button', { name: 'Edit tag team' }).click();
    await page.getByLabel('Value of team').fill('search');
    await page.getByRole('form', { name: 'Edit tag team' }).getByRole('button', { name: 'Save' }).click();
    const tags = page.getByRole('table', { name: 'Tags', exact: true });
    await expect(tags.getByRole('row').filter({ hasText: 'team' })).toContainText('search');
    await page.getByRole('button', { name: 'Delete tag owner' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete tag' }).click();
    await expect(tags.getByRole('row').filter({ hasText: 'owner' })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'System tags' })).toContainText('mlflow.runName');
    await expect(page.getByRole('table', { name: 'System tags' }).getByRole('button')).toHaveCount(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'e2e/screenshots/run-tags-dark.png', fullPage: true });
  });

  test('a viewer sees a running run but no logging or editing controls, and is told why', async ({ page }) => {
    const admin = await adminApi();
    const experimentId = await createExperiment(admin);
    const runId = await createRun(admin, experimentId, { name: 'watched', tags: { team: 'ranking' } });
    await admin.post(`/api/v1/runs/${runId}/metrics`, { data: { key: 'loss', value: 0.5, step: 1 } });
    await admin.dispose();

    await signInAs(page, 'viewer');
    await page.goto(runUrl(experimentId, runId));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('watched');
    await expect(page.getByRole('table', { name: 'Metrics' })).toContainText('loss');
    await expect(page.getByRole('form', { name: 'Log a param' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Log a metric' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'End run' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Rename' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /description/ })).toHaveCount(0);
    await expect(page.getByText('Your role (viewer) can read runs; changing them needs the scientist or admin role.')).toBeVisible();

    await page.getByRole('link', { name: /^Tags/ }).click();
    await expect(page.getByRole('table', { name: 'Tags', exact: true })).toContainText('ranking');
    await expect(page.getByRole('button', { name: 'Edit tag team' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Set a tag' })).toHaveCount(0);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByText('Your role (viewer) can read runs; changing them needs the scientist or admin role.')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/run-viewer-dark.png', fullPage: true });

    await page.goto(`/experiments/${experimentId}/runs/new`);
    await expect(page.getByRole('form', { name: 'Create run' })).toHaveCount(0);
  });
});
