import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInAs } from '../fixtures/auth';

/*
 * The tracking issue's whole path in one go, as a data scientist walks it: create an experiment, log a run
 * from the form, find it with the filter language, sort by a metric, open the run and read its chart.
 */
test('[EXPERIMENTS] a scientist creates an experiment, logs a run from the form, filters and sorts the table, and reads the run’s chart', async ({ page }) => {
  await signInAs(page, 'scientist');
  const name = `flow-${randomBytes(3).toString('hex')}`;

  await page.goto('/experiments');
  await page.getByRole('button', { name: 'New experiment' }).click();
  const dialog = page.getByRole('dialog', { name: 'New experiment' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create experiment' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(/\/experiments\/\d+$/);
  const experimentId = new URL(page.url()).pathname.split('/')[2];

  // Two runs that the filter must leave out, logged through the API as a training script would.
  for (const [runName, lr, acc] of [['other-lr', '0.1', 0.97], ['low-acc', '0.01', 0.5]] as const) {
    const run = await page.request.post('/api/v1/runs', { data: { experimentId, name: runName } });
    expect(run.status(), await run.text()).toBe(201);
    const { id } = (await run.json()) as { id: string };
    const batch = await page.request.post(`/api/v1/runs/${id}/batch`, { data: { params: [{ key: 'lr', value: lr }], metrics: [{ key: 'acc', value: acc, step: 0, timestamp: Date.now() }] } });
    expect(batch.status(), await batch.text()).toBe(200);
  }

  // The run the scientist logs by hand.
  await page.getByRole('link', { name: 'New run' }).click();
  await page.getByLabel('Name').fill('manual-eval');
  await page.getByRole('button', { name: 'Create run' }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/runs/[0-9a-f]{32}$`));
  const runUrl = new URL(page.url()).pathname;
  const params = page.getByRole('form', { name: 'Log a param' });
  await params.getByLabel('Key', { exact: true }).fill('lr');
  await params.getByLabel('Value', { exact: true }).fill('0.01');
  await params.getByRole('button', { name: 'Log param' }).click();
  await expect(params.getByRole('status')).toHaveText('Param logged');
  const metric = page.getByRole('form', { name: 'Log a metric' });
  for (const [step, value] of [['0', '0.81'], ['1', '0.9'], ['2', '0.93']]) {
    await metric.getByLabel('Key', { exact: true }).fill('acc');
    await metric.getByLabel('Value', { exact: true }).fill(value);
    await metric.getByLabel('Step', { exact: true }).fill(step);
    await metric.getByRole('button', { name: 'Log metric' }).click();
    await expect(metric.getByLabel('Key', { exact: true })).toHaveValue('');
  }
  await page.getByLabel('Final status').selectOption('FINISHED');
  await page.getByRole('button', { name: 'End run' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('finished');

  // Filter, then sort by the metric.
  await page.goto(`/experiments/${experimentId}`);
  const filter = page.getByRole('combobox', { name: 'Filter runs' });
  await filter.fill("metrics.acc > 0.9 and params.lr = '0.01'");
  await filter.press('Enter');
  await expect(page).toHaveURL(/filter=metrics\.acc/);
  const names = page.getByTestId('run-row').getByRole('link');
  await expect(names).toHaveText(['manual-eval']);

  await page.goto(`/experiments/${experimentId}`);
  await page.getByRole('button', { name: 'acc', exact: true }).click();
  await expect(page).toHaveURL(/order=metrics\.acc\+DESC/);
  await expect(names).toHaveText(['other-lr', 'manual-eval', 'low-acc']);

  // Open the run and see its metric chart.
  await page.getByRole('link', { name: 'manual-eval', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(runUrl));
  await page.getByRole('link', { name: /^Charts/ }).click();
  const chart = page.getByRole('article', { name: 'acc' });
  await expect(chart.locator('svg .recharts-line-curve').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/scientist-flow-chart.png' });
});
