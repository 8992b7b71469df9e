import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signInAs } from '../fixtures/auth';

/*
 * The experiments list and the runs table, driven as a data scientist would. Experiments and runs are
 * logged through /api/v1 with the signed-in user's session (the same cookie the browser holds), so each
 * test owns its data.
 */

interface RunSpec {
  name: string;
  metrics?: Record<string, number | number[]>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  parent?: string;
  status?: 'FINISHED' | 'FAILED' | 'RUNNING' | 'KILLED';
  minutesAgo?: number;
  durationSec?: number;
  commit?: string;
}

const suffix = () => randomBytes(3).toString('hex');

async function createExperiment(request: APIRequestContext, name: string, description?: string): Promise<string> {
  const res = await request.post('/api/v1/experiments', { data: { name, ...(description ? { description } : {}) } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Logs runs in order; returns name → id. Metric arrays are histories (one point per step). */
async function logRuns(request: APIRequestContext, experimentId: string, specs: RunSpec[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const now = Date.now();
  for (const [i, spec] of specs.entries()) {
    const startTime = now - (spec.minutesAgo ?? specs.length - i) * 60_000;
    const created = await request.post('/api/v1/runs', {
      data: {
        experimentId,
        name: spec.name,
        startTime,
        ...(spec.parent ? { parentRunId: ids.get(spec.parent) } : {}),
        ...(spec.commit ? { source: { name: 'train.py', type: 'LOCAL', version: spec.commit } } : {}),
        ...(spec.tags ? { tags: spec.tags } : {}),
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    ids.set(spec.name, id);
    const metrics = Object.entries(spec.metrics ?? {}).flatMap(([key, v]) => (Array.isArray(v) ? v : [v]).map((value, step) => ({ key, value, step, timestamp: startTime + step * 1000 })));
    const params = Object.entries(spec.params ?? {}).map(([key, value]) => ({ key, value }));
    if (metrics.length || params.length) {
      const batch = await request.post(`/api/v1/runs/${id}/batch`, { data: { metrics, params } });
      expect(batch.status(), await batch.text()).toBe(200);
    }
    const status = spec.status ?? 'FINISHED';
    if (status !== 'RUNNING') {
      const ended = await request.patch(`/api/v1/runs/${id}`, { data: { status, endTime: startTime + (spec.durationSec ?? 90) * 1000 } });
      expect(ended.status(), await ended.text()).toBe(200);
    }
  }
  return ids;
}

const runNames = (page: Page) => page.getByTestId('run-row').getByRole('link');

test.describe('[EXPERIMENTS] experiments list', () => {
  test('a scientist creates an experiment in the UI, sees it listed, and is told when the name is taken', async ({ page }) => {
    await signInAs(page, 'scientist');
    const name = `churn-${suffix()}`;
    await page.goto('/experiments');
    await page.getByRole('button', { name: 'New experiment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New experiment' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel(/Description/).fill('Predicts **churn** from usage.');
    await dialog.getByRole('button', { name: 'Create experiment' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'New experiment' }).click();
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create experiment' }).click();
    await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('alert')).toContainText('already exists');
    await page.keyboard.press('Escape');

    await page.getByLabel('Search experiments by name').fill(name.slice(0, 8));
    await expect(page).toHaveURL(new RegExp(`q=${name.slice(0, 8)}`));
    await expect(page.getByTestId('experiment-row')).toHaveCount(1);
  });

  test('a scientist deletes an experiment to the trash, restores it, and deletes it permanently after typing its name', async ({ page }) => {
    await signInAs(page, 'scientist');
    const name = `trash-me-${suffix()}`;
    const id = await createExperiment(page.request, name);
    await logRuns(page.request, id, [
      { name: 'a', metrics: { loss: [0.9, 0.5, 0.2] } },
      { name: 'b', metrics: { loss: 0.4 } },
    ]);
    await page.goto(`/experiments?q=${name}`);
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click();
    await expect(page.getByText(`No experiments match “${name}”`)).toBeVisible();

    await page.getByRole('link', { name: 'Trash' }).click();
    await expect(page).toHaveURL(/view=deleted/);
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    await page.getByRole('button', { name: `Restore ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByText(`No deleted experiments match “${name}”`)).toBeVisible();
    await page.getByRole('link', { name: 'Active' }).click();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click();
    await expect(page.getByText(`No experiments match “${name}”`)).toBeVisible();
    await page.getByRole('link', { name: 'Trash' }).click();
    await page.getByRole('button', { name: `Delete ${name} permanently` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete “${name}” permanently?` });
    await expect(dialog.getByRole('list', { name: 'What will be removed' })).toContainText('2 runs');
    await expect(dialog.getByRole('list', { name: 'What will be removed' })).toContainText('4 metric points');
    const confirm = dialog.getByRole('button', { name: 'Delete permanently' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Type .* to confirm/).fill(name.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Type .* to confirm/).fill(name);
    await page.screenshot({ path: 'e2e/screenshots/experiments-purge-dialog.png' });
    await confirm.click();
    await expect(page.getByText(`No deleted experiments match “${name}”`)).toBeVisible();
    expect((await page.request.get(`/api/v1/experiments/${id}`)).status()).toBe(404);
  });

  test('a viewer sees experiments and runs but no create, edit or delete controls', async ({ page, browser }) => {
    const owner = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const ownerPage = await owner.newPage();
    await signInAs(ownerPage, 'scientist');
    const name = `read-only-${suffix()}`;
    const id = await createExperiment(ownerPage.request, name);
    await logRuns(ownerPage.request, id, [{ name: 'only-run', metrics: { acc: 0.5 } }]);
    await owner.close();

    await signInAs(page, 'viewer');
    await page.goto(`/experiments?q=${name}`);
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New experiment' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Delete|Rename) / })).toHaveCount(0);
    await page.getByRole('link', { name, exact: true }).click();
    await expect(runNames(page)).toHaveText(['only-run']);
    await expect(page.getByRole('link', { name: 'New run' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Edit|Delete)/ })).toHaveCount(0);
  });
});

test.describe('[EXPERIMENTS] runs table', () => {
  test('filters, points at a bad filter, sorts both ways, chooses columns, selects runs, and keeps it all in the URL', async ({ page }) => {
    await signInAs(page, 'scientist');
    const id = await createExperiment(page.request, `runs-table-${suffix()}`);
    const ids = await logRuns(page.request, id, [
      { name: 'r1', metrics: { acc: 0.95, val_loss: [0.5, 0.3, 0.4] }, params: { lr: '0.01' }, tags: { team: 'vision' } },
      { name: 'r1-fold-a', parent: 'r1', metrics: { acc: 0.99 }, params: { lr: '0.01' } },
      { name: 'r2', metrics: { acc: 0.92 }, params: { lr: '0.1' } },
      { name: 'r3', metrics: { acc: 0.85 }, params: { lr: '0.01' } },
      { name: 'r4', params: { lr: '0.01' }, status: 'FAILED' },
      { name: 'r5', metrics: { acc: 0.97 }, params: { lr: '0.01' }, tags: { team: 'nlp' } },
    ]);
    await page.goto(`/experiments/${id}`);
    // Newest first; the child run waits, collapsed, under its parent.
    await expect(runNames(page)).toHaveText(['r5', 'r4', 'r3', 'r2', 'r1']);
    await page.getByRole('button', { name: 'Expand 1 child runs of r1' }).click();
    await expect(runNames(page)).toHaveText(['r5', 'r4', 'r3', 'r2', 'r1', 'r1-fold-a']);
    await expect(page).toHaveURL(new RegExp(`open=${ids.get('r1')}`));

    const filter = page.getByRole('combobox', { name: 'Filter runs' });
    await filter.fill("metrics.acc > 0.9 and params.lr = '0.01'");
    await filter.press('Enter');
    await expect(page).toHaveURL(/filter=metrics\.acc/);
    await expect(runNames(page)).toHaveText(['r5', 'r1', 'r1-fold-a']);

    // A mistake is pointed at where it is, before and after asking the server.
    await filter.fill("metrics.acc > 0.9 and params.lr = 0.01");
    await filter.press('Enter');
    await expect(page.getByTestId('filter-error')).toContainText('Expected a quoted string for params.lr at position 35');
    await expect(page.getByTestId('filter-error-token')).toHaveText('0.01');
    await expect(filter).toHaveAttribute('aria-invalid', 'true');
    await page.goto(`/experiments/${id}?filter=${encodeURIComponent('metrics.acc ~ 0.9')}`);
    await expect(page.getByTestId('filter-error')).toContainText("Invalid comparator '~' at position 13");
    await expect(page.getByTestId('filter-error-token')).toHaveText('~');

    // Sorting by a metric: best first, then the other way; a run without the metric stays last both times.
    await page.goto(`/experiments/${id}`);
    await page.getByRole('button', { name: 'acc', exact: true }).click();
    await expect(page).toHaveURL(/order=metrics\.acc\+DESC/);
    await expect(runNames(page)).toHaveText(['r5', 'r1', 'r2', 'r3', 'r4']);
    await page.getByRole('button', { name: 'acc', exact: true }).click();
    await expect(page).toHaveURL(/order=metrics\.acc\+ASC/);
    await expect(runNames(page)).toHaveText(['r3', 'r2', 'r1', 'r5', 'r4']);
    await expect(page.getByRole('columnheader', { name: /acc/ })).toHaveAttribute('aria-sort', 'ascending');

    // Columns: add the team tag; show val_loss as its minimum over the history.
    await page.getByRole('button', { name: /^Columns/ }).click();
    await page.getByRole('checkbox', { name: 'team' }).check();
    await expect(page).toHaveURL(/cols=[^&]*t%3Ateam/);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('columnheader', { name: 'tag team' })).toBeVisible();
    const r1 = page.locator(`[data-run-id="${ids.get('r1')}"]`);
    await expect(r1.getByRole('cell', { name: '0.4000', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Showing last value of val_loss; switch to min' }).click();
    await expect(page).toHaveURL(/agg=val_loss%3Amin/);
    await expect(r1.getByRole('cell', { name: '0.3000', exact: true })).toBeVisible();

    // Two runs selected make a comparison link.
    await page.getByRole('checkbox', { name: 'Select run r3' }).check();
    await page.getByRole('checkbox', { name: 'Select run r5' }).check();
    const compare = page.getByRole('link', { name: 'Compare (2)' });
    await expect(compare).toBeVisible();
    await expect(compare).toHaveAttribute('href', new RegExp(`/compare\\?runs=(${ids.get('r3')},${ids.get('r5')}|${ids.get('r5')},${ids.get('r3')})$`));

    // The URL is the view: a reload shows the same order, columns and aggregation.
    await page.reload();
    await expect(runNames(page)).toHaveText(['r3', 'r2', 'r1', 'r5', 'r4']);
    await expect(page.getByRole('columnheader', { name: /acc/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByRole('columnheader', { name: 'tag team' })).toBeVisible();
    await expect(page.locator(`[data-run-id="${ids.get('r1')}"]`).getByRole('cell', { name: '0.3000', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Compare (0)' })).toBeVisible();
  });

  test('pages forwards and back with keyset tokens kept in the URL', async ({ page }) => {
    await signInAs(page, 'scientist');
    const id = await createExperiment(page.request, `paging-${suffix()}`);
    const specs = Array.from({ length: 53 }, (_, i) => ({ name: `run-${String(i).padStart(2, '0')}`, minutesAgo: 100 - i }));
    const res = await Promise.all(
      specs.map((s) => page.request.post('/api/v1/runs', { data: { experimentId: id, name: s.name, startTime: Date.now() - s.minutesAgo * 60_000 } })),
    );
    expect(res.every((r) => r.status() === 201)).toBe(true);
    expect(res).toHaveLength(53);
    await page.goto(`/experiments/${id}`);
    await expect(runNames(page)).toHaveCount(50);
    await expect(runNames(page).first()).toHaveText('run-52');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/pages=/);
    await expect(runNames(page)).toHaveText(['run-02', 'run-01', 'run-00']);
    await expect(page.getByRole('button', { name: 'Next' })).toBeDisabled();
    await page.reload();
    await expect(runNames(page)).toHaveText(['run-02', 'run-01', 'run-00']);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(runNames(page).first()).toHaveText('run-52');
    await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();
  });
});

test.describe('[EXPERIMENTS] screenshots', () => {
  test('experiments list and a runs table with demo-like data, light and dark', async ({ page }) => {
    await signInAs(page, 'scientist');
    const tag = suffix();
    await createExperiment(page.request, `fraud-detection-${tag}`, 'Gradient-boosted trees on card transactions.');
    await createExperiment(page.request, `demand-forecast-${tag}`, '## Weekly demand\nPer-store forecasts, 12 weeks ahead.');
    const id = await createExperiment(page.request, `churn-classifier-${tag}`, 'Predicts **30-day churn** from product usage. Owner: growth analytics.');
    const commits = ['3f9c2a1e7b', 'a1b2c3d4e5', '9e8d7c6b5a'];
    const specs: RunSpec[] = [];
    const lrs = ['0.1', '0.03', '0.01', '0.003'];
    for (let i = 0; i < 12; i++) {
      const acc = Number((0.82 + ((i * 37) % 15) / 100).toFixed(4));
      specs.push({
        name: `xgb-${['amber', 'brisk', 'calm', 'deft', 'eager', 'fond', 'glad', 'hale', 'ideal', 'jolly', 'keen', 'lucid'][i]}-${100 + i}`,
        metrics: { accuracy: acc, val_loss: [0.9 - i * 0.02, 0.6 - i * 0.015, 0.45 - i * 0.01], f1: Number((acc - 0.04).toFixed(4)), auc: Number((acc + 0.03).toFixed(4)) },
        params: { learning_rate: lrs[i % 4], max_depth: String(4 + (i % 5)), n_estimators: String(200 + 50 * (i % 3)), subsample: '0.8' },
        tags: { team: i % 2 ? 'growth' : 'risk' },
        status: i === 11 ? 'RUNNING' : i === 7 ? 'FAILED' : i === 9 ? 'KILLED' : 'FINISHED',
        minutesAgo: 60 * 24 * 3 - i * 300,
        durationSec: 60 + i * 47,
        commit: commits[i % 3],
      });
      if (i === 4) {
        const parent = specs[specs.length - 1].name;
        for (const fold of [1, 2, 3]) specs.push({ name: `cv-fold-${fold}`, parent, metrics: { accuracy: acc - fold / 100 }, params: { fold: String(fold) } });
      }
    }
    await logRuns(page.request, id, specs);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/experiments?q=${tag}`);
      await expect(page.getByTestId('experiment-row')).toHaveCount(3);
      await page.screenshot({ path: `e2e/screenshots/experiments-list-${scheme}.png`, fullPage: true });
      const fold = specs.find((x) => x.name.endsWith('-104'))!.name;
      await page.goto(`/experiments/${id}?order=${encodeURIComponent('metrics.accuracy DESC')}&agg=val_loss:min`);
      await expect(runNames(page)).toHaveCount(12);
      await page.getByRole('button', { name: `Expand 3 child runs of ${fold}` }).click();
      await expect(runNames(page)).toHaveCount(15);
      await page.getByRole('checkbox', { name: /^Select run xgb-amber/ }).check();
      await page.getByRole('checkbox', { name: /^Select run xgb-calm/ }).check();
      await page.screenshot({ path: `e2e/screenshots/runs-table-${scheme}.png`, fullPage: true });
      await page.getByRole('button', { name: 'Filter syntax help' }).click();
      await expect(page.getByRole('dialog', { name: 'Filter syntax' }).getByRole('heading', { name: 'Grammar' })).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/runs-filter-help-${scheme}.png` });
      await page.keyboard.press('Escape');
      await page.getByRole('combobox', { name: 'Filter runs' }).fill('metrics.accuracy > 0.9 and params.learning_rate = 0.01');
      await page.getByRole('combobox', { name: 'Filter runs' }).press('Enter');
      await expect(page.getByTestId('filter-error')).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/runs-filter-error-${scheme}.png` });
      await page.getByRole('combobox', { name: 'Filter runs' }).fill('metrics.accuracy > 0.9 and params.learning_rate = 0.01 and m');
      await expect(page.getByRole('listbox', { name: 'Suggestions' })).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/runs-filter-suggest-${scheme}.png` });
    }
  });
});
