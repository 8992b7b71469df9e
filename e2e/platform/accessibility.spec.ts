import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, signInViaApi } from '../fixtures/auth';
import { apiPost, suffix } from '../fixtures/people';

/*
 * The console's main pages, as an admin sees them (every section), checked against WCAG 2 A and AA with
 * axe in both themes: contrast of text and badges, names of controls, structure of lists and tables.
 * The data is made here: an experiment with a finished and a failed run, a model with a version.
 */

test('the main pages pass WCAG 2 A and AA checks in light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
  const name = `a11y-${suffix()}`;
  const experiment = await apiPost<{ id: string }>(page.request, '/experiments', { name });
  const runs: string[] = [];
  for (const [i, status] of (['FINISHED', 'FAILED'] as const).entries()) {
    const run = await apiPost<{ id: string }>(page.request, '/runs', { experimentId: experiment.id, name: `${name}-run-${i}` });
    await apiPost(page.request, `/runs/${run.id}/batch`, { params: [{ key: 'lr', value: String(0.1 / (i + 1)) }], metrics: [{ key: 'loss', value: 0.5 - i / 10, step: 0, timestamp: Date.now() }] }, 200);
    const ended = await page.request.patch(`/api/v1/runs/${run.id}`, { data: { status, endTime: Date.now() } });
    expect(ended.status()).toBe(200);
    runs.push(run.id);
  }
  await apiPost(page.request, '/models', { name });
  await apiPost(page.request, `/models/${name}/versions`, { runId: runs[0] });

  const pages = [
    '/experiments',
    `/experiments/${experiment.id}`,
    `/experiments/${experiment.id}/runs/${runs[0]}`,
    `/compare?runs=${runs.join(',')}`,
    '/models',
    `/models/${name}`,
    `/models/${name}/versions/1`,
    '/sign-offs',
    '/audit',
    '/admin/users',
    '/settings/tokens',
  ];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const found = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      expect(found, `${scheme} ${path}`).toEqual([]);
    }
  }
});
