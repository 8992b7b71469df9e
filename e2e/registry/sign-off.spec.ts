import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { adminApi, createUser, type Role } from '../fixtures/auth';
import { apiPost, pageAs, suffix, tokenApi } from '../fixtures/people';

/** A run with params and metrics, then a version registered from it. */
async function registerVersion(api: APIRequestContext, model: string, experimentId: string, params: Record<string, string>, metrics: Record<string, number>) {
  const run = await apiPost<{ id: string }>(api, '/runs', { experimentId, name: `train-${suffix()}` });
  await apiPost(api, `/runs/${run.id}/batch`, { params: Object.entries(params).map(([key, value]) => ({ key, value })), metrics: Object.entries(metrics).map(([key, value]) => ({ key, value })) }, 200);
  return apiPost<{ id: string; version: number }>(api, `/models/${encodeURIComponent(model)}/versions`, { runId: run.id, intendedUse: 'Scoring churn risk weekly', owners: ['ml-team'] });
}

/**
 * The sidebar's Sign-offs count on the page as loaded (0 when the badge is absent). Other specs share the
 * database and may leave requests pending, so tests compare it with the count before their own request.
 */
async function signOffBadge(page: Page): Promise<number> {
  const badge = page.getByRole('list', { name: 'Sections' }).getByTestId('nav-badge-sign-offs');
  // The badge reads "<n> waiting" to a screen reader.
  return (await badge.count()) === 0 ? 0 : Number.parseInt(await badge.innerText(), 10);
}

/** Expects the sidebar's Sign-offs count to read `n` (no badge at all when 0). */
async function expectSignOffBadge(page: Page, n: number) {
  const badge = page.getByRole('list', { name: 'Sections' }).getByTestId('nav-badge-sign-offs');
  if (n === 0) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(new RegExp(`^${n}\\b`));
}

test.describe('[REGISTRY] sign-off', () => {
  test('a scientist asks for Production, cannot approve it, an approver signs it off, and an admin’s emergency rollback needs a reason', async ({ browser }) => {
    const admin = await adminApi();
    const people = {} as Record<Role, { email: string; password: string; id: string; name: string }>;
    for (const role of ['scientist', 'approver', 'admin'] as const) people[role] = await createUser(admin, role, `E2E ${role} ${suffix()}`);
    await admin.dispose();

    // Setup through /api/v1 with the scientist's token: v1 already in Production (asked and approved), v2 a better candidate.
    const sci = await tokenApi(people.scientist);
    const appr = await tokenApi(people.approver);
    const model = `churn-${suffix()}`;
    const experiment = await apiPost<{ id: string }>(sci, '/experiments', { name: `churn-exp-${suffix()}` });
    await apiPost(sci, '/models', { name: model, description: 'Weekly churn risk' });
    const v1 = await registerVersion(sci, model, experiment.id, { max_depth: '6', lr: '0.1' }, { auc: 0.81, logloss: 0.42 });
    await registerVersion(sci, model, experiment.id, { max_depth: '8', lr: '0.1' }, { auc: 0.86, logloss: 0.37 });
    const first = await apiPost<{ request: { id: string } }>(sci, `/model-versions/${v1.id}/transition-requests`, { target: 'Production', comment: 'baseline' });
    await apiPost(appr, `/transition-requests/${first.request.id}/decisions`, { decision: 'approve' }, 200);

    // What the approver's badge counts before this test asks for anything (other specs may leave requests pending).
    const approver = await pageAs(browser, people.approver);
    await approver.goto('/sign-offs');
    await expect(approver.getByRole('heading', { name: 'Sign-offs', level: 1 })).toBeVisible();
    const pendingBefore = await signOffBadge(approver);

    // The scientist asks for Production for v2 from the version page.
    const scientist = await pageAs(browser, people.scientist);
    await scientist.goto(`/models/${model}/versions/2`);
    await expect(scientist.getByRole('heading', { name: `${model} v2` })).toBeVisible();
    await expect(scientist.getByRole('link', { name: /^train-/ })).toBeVisible();
    const form = scientist.getByRole('form', { name: 'Request transition' });
    await form.getByLabel('Target stage').selectOption('Production');
    await expect(form.getByLabel('Archive the versions now in Production')).toBeChecked();
    await form.getByLabel(/Comment/).fill('AUC +0.05 on the March holdout');
    await form.getByRole('button', { name: 'Request transition' }).click();
    await expect(form.getByRole('status')).toHaveText('Requested; it waits for an approver in Sign-offs.');
    await expect(form.getByLabel('Target stage'), 'the form starts over after a success').toHaveValue('Staging');
    await expect(form.getByLabel('Archive the versions now in Staging')).not.toBeChecked();
    await expect(scientist.getByRole('list', { name: 'Pending requests for this version' })).toContainText('→ Production');
    await scientist.screenshot({ path: 'e2e/screenshots/model-version.png', fullPage: true });

    // Their own request shows in the inbox, without approve or reject, with the reason.
    await scientist.goto('/sign-offs');
    const own = scientist.getByTestId('review-card').filter({ hasText: `${model}` });
    await expect(own).toHaveCount(1);
    await expect(own.getByTestId('decision-refusal')).toContainText('another approver must sign it off (four-eyes)');
    await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(own.getByRole('button', { name: 'Reject' })).toHaveCount(0);

    // The approver sees it in the inbox (the sidebar badge counts one more), the candidate beside the holder, and signs off.
    await approver.goto('/sign-offs');
    await expectSignOffBadge(approver, pendingBefore + 1);
    const card = approver.getByTestId('review-card').filter({ hasText: model });
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('region', { name: 'Metrics' })).toContainText('+0.0500');
    await expect(card.getByRole('region', { name: 'Params' })).toContainText('1 of 2 differ');
    await expect(card).toContainText('AUC +0.05 on the March holdout');
    await approver.screenshot({ path: 'e2e/screenshots/sign-offs-inbox.png', fullPage: true });
    await approver.emulateMedia({ colorScheme: 'dark' });
    await approver.screenshot({ path: 'e2e/screenshots/sign-offs-inbox-dark.png', fullPage: true });
    await card.getByLabel(/^Comment/).fill('Checked the holdout report');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect(card, 'the approved request leaves the inbox').toHaveCount(0);
    await approver.reload();
    await expect(approver.getByTestId('review-card').filter({ hasText: model })).toHaveCount(0);
    await expectSignOffBadge(approver, pendingBefore);

    // The model page shows the new Production holder and the timeline.
    await approver.goto(`/models/${model}`);
    await expect(approver.getByTestId('production-holder')).toHaveText('v2');
    const timeline = approver.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toContainText(`${people.approver.name} approved v2 → Production`);
    await expect(timeline).toContainText('Checked the holdout report');
    await expect(timeline).toContainText(`${people.scientist.name} requested v2 → Production`);
    await expect(timeline).toContainText('applied on approval');
    await expect(approver.getByRole('button', { name: 'Emergency rollback' })).toHaveCount(0);

    // Which version was in Production now: v2.
    await approver.getByLabel('Time (UTC)').fill(new Date(Date.now() + 60_000).toISOString().slice(0, 19));
    await approver.getByRole('button', { name: 'Look up' }).click();
    await expect(approver.getByTestId('holder-at-result')).toContainText('v2 was in Production');
    await approver.screenshot({ path: 'e2e/screenshots/model-page.png', fullPage: true });

    // An admin's emergency rollback asks for a reason, then puts the previous holder back at once.
    const adminPage = await pageAs(browser, people.admin);
    await adminPage.goto(`/models/${model}`);
    await adminPage.getByRole('button', { name: 'Emergency rollback' }).click();
    const dialog = adminPage.getByRole('dialog', { name: 'Emergency rollback' });
    await expect(dialog.getByLabel('Version to restore')).toHaveValue('1');
    await dialog.getByRole('button', { name: 'Roll back now' }).click();
    await expect(dialog.getByText('reason is required')).toBeVisible();
    await dialog.getByLabel('Reason').fill('v2 returns empty scores since 09:40 (INC-123)');
    await dialog.getByRole('button', { name: 'Roll back now' }).click();
    await expect(dialog).toBeHidden();
    await expect(adminPage.getByTestId('production-holder')).toHaveText('v1');
    const adminTimeline = adminPage.getByRole('list', { name: 'Timeline' });
    await expect(adminTimeline).toContainText('emergency rollback');
    await expect(adminTimeline).toContainText('Reason: v2 returns empty scores since 09:40 (INC-123)');
    await adminPage.screenshot({ path: 'e2e/screenshots/model-page-after-rollback.png', fullPage: true });

    await sci.dispose();
    await appr.dispose();
  });

  test('the models list searches by name and says what to do when nothing matches', async ({ browser }) => {
    const admin = await adminApi();
    const viewer = await createUser(admin, 'viewer');
    const name = `fraud-${suffix()}`;
    await apiPost(admin, '/models', { name });
    await admin.dispose();
    const page = await pageAs(browser, viewer);
    await page.goto(`/models?q=${name}`);
    await expect(page.getByRole('table', { name: 'Registered models' }).getByRole('link', { name })).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/models-list.png' });
    await page.getByLabel('Search models').fill('no-such-model-xyz');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { name: 'No models match “no-such-model-xyz”' })).toBeVisible();
  });
});
