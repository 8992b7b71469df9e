import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { adminApi, createUser } from '../fixtures/auth';
import { pageAs, suffix, tokenApi } from '../fixtures/people';

/*
 * The other request paths of the registry, through the pages: a rejection with its comment, a requester
 * cancelling their own request, a stale request that cannot be approved, a protected alias moved by an
 * approved request, and the version page's description, tags, datasets and compare link.
 */

type Person = { email: string; password: string; id: string; name: string };

async function call<T>(api: APIRequestContext, method: 'post' | 'put', path: string, data: unknown, status: number): Promise<T> {
  const res = await api[method](`/api/v1${path}`, { data });
  expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/**
 * Requests a test leaves pending are cancelled after it (by their requester), so other specs that expect an
 * empty inbox or a pending count of 1 are not disturbed by this one.
 */
const opened: { api: APIRequestContext; id: string }[] = [];

interface World {
  scientist: Person;
  approver: Person;
  sci: APIRequestContext;
  appr: APIRequestContext;
  model: string;
  experimentId: string;
  versions: { id: string; version: number; runId: string; runName: string }[];
}

/** A scientist and an approver, a model with `n` versions each registered from its own run (params, metrics, a dataset). */
async function world(n: number, label: string): Promise<World> {
  const admin = await adminApi();
  const scientist = await createUser(admin, 'scientist', `E2E scientist ${suffix()}`);
  const approver = await createUser(admin, 'approver', `E2E approver ${suffix()}`);
  await admin.dispose();
  const sci = await tokenApi(scientist);
  const appr = await tokenApi(approver);
  const model = `${label}-${suffix()}`;
  const experiment = await call<{ id: string }>(sci, 'post', '/experiments', { name: `${model}-exp` }, 201);
  await call(sci, 'post', '/models', { name: model, description: `${label} model` }, 201);
  const versions: World['versions'] = [];
  for (let i = 1; i <= n; i++) {
    const runName = `train-${label}-${i}-${suffix()}`;
    const run = await call<{ id: string }>(sci, 'post', '/runs', { experimentId: experiment.id, name: runName }, 201);
    await call(sci, 'post', `/runs/${run.id}/batch`, { params: [{ key: 'max_depth', value: String(4 + i) }], metrics: [{ key: 'auc', value: 0.8 + i / 100 }] }, 200);
    await call(sci, 'post', `/runs/${run.id}/inputs`, { datasets: [{ dataset: { name: `events-2026q${i}`, digest: `d1g3st${i}abcdef`, sourceType: 's3', source: `s3://data/events/q${i}.parquet` }, context: 'training' }] }, 200);
    const v = await call<{ id: string; version: number }>(sci, 'post', `/models/${encodeURIComponent(model)}/versions`, { runId: run.id, intendedUse: 'Ranking things' }, 201);
    versions.push({ ...v, runId: run.id, runName });
  }
  return { scientist, approver, sci, appr, model, experimentId: experiment.id, versions };
}

async function ask(w: World, v: number, body: Record<string, unknown>): Promise<string> {
  const r = await call<{ request: { id: string } }>(w.sci, 'post', `/model-versions/${w.versions[v - 1].id}/transition-requests`, body, 201);
  opened.push({ api: w.sci, id: r.request.id });
  return r.request.id;
}

/** The inbox card of the request for this version (cards are labelled "Request: <model> v<n> to <target>"). */
const cardOf = (page: Page, model: string, version: number) => page.locator(`[data-testid="review-card"][aria-label^="Request: ${model} v${version} to "]`);

test.describe('[REGISTRY] request paths', () => {
  // Several people, pages and API setups per test: give a loaded machine room.
  test.describe.configure({ timeout: 120_000 });

  test.afterEach(async () => {
    for (const { api, id } of opened.splice(0)) {
      const res = await api.post(`/api/v1/transition-requests/${id}/cancel`);
      expect([200, 409], `cancel ${id}: ${await res.text()}`).toContain(res.status());
    }
  });

  test('an approver rejects with a comment, and the requester reads the rejection and the comment in the timeline and in the history', async ({ browser }) => {
    const w = await world(1, 'reject');
    await ask(w, 1, { target: 'Staging', comment: 'First candidate' });

    const approver = await pageAs(browser, w.approver);
    await approver.goto('/sign-offs');
    const card = cardOf(approver, w.model, 1);
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('move-summary')).toHaveText('Move v1 from None to Staging.');
    await card.getByLabel(/^Comment/).fill('The model card misses its limitations; add them and ask again.');
    await card.getByRole('button', { name: 'Reject' }).click();
    await expect(card).toHaveCount(0);

    // The requester: the version page's history and the model page's timeline carry the rejection and its comment.
    const scientist = await pageAs(browser, w.scientist);
    await scientist.goto(`/models/${w.model}/versions/1`);
    const history = scientist.getByRole('list', { name: 'Timeline' });
    await expect(history).toContainText(`${w.approver.name} rejected v1 → Staging`);
    await expect(history).toContainText('The model card misses its limitations; add them and ask again.');
    await expect(scientist.getByRole('list', { name: 'Pending requests for this version' })).toHaveCount(0);
    await scientist.goto(`/models/${w.model}`);
    await expect(scientist.getByRole('list', { name: 'Timeline' })).toContainText(`${w.approver.name} rejected v1 → Staging`);

    // The inbox's history, filtered to rejected requests, keeps it too.
    await scientist.goto('/sign-offs');
    await scientist.getByRole('navigation', { name: 'Request status' }).getByRole('link', { name: 'Rejected' }).click();
    await expect(scientist).toHaveURL(/status=rejected/);
    const item = scientist.getByTestId('history-item').filter({ hasText: w.model });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('rejected');
    await expect(item).toContainText('The model card misses its limitations');
    await expect(item).toContainText(w.approver.name);
    await scientist.screenshot({ path: 'e2e/screenshots/sign-offs-history.png', fullPage: true });
  });

  test('a requester cancels their own pending request from the version page', async ({ browser }) => {
    const w = await world(1, 'cancel');
    await ask(w, 1, { target: 'Production', comment: 'Please ship' });
    const scientist = await pageAs(browser, w.scientist);
    await scientist.goto(`/models/${w.model}/versions/1`);
    const pending = scientist.getByRole('list', { name: 'Pending requests for this version' });
    await expect(pending).toContainText('→ Production');
    await pending.getByRole('button', { name: 'Cancel request → Production' }).click();
    await scientist.getByRole('alertdialog').getByRole('button', { name: 'Cancel request' }).click();
    await expect(pending).toHaveCount(0);
    await expect(scientist.getByRole('list', { name: 'Timeline' })).toContainText(`${w.scientist.name} cancelled the request for v1 → Production`);

    // Nobody else sees a Cancel button on it: an approver looking at someone's pending request gets none.
    const other = await ask(w, 1, { target: 'Staging' });
    const approver = await pageAs(browser, w.approver);
    await approver.goto(`/models/${w.model}/versions/1`);
    await expect(approver.getByRole('list', { name: 'Pending requests for this version' })).toContainText('→ Staging');
    await expect(approver.getByRole('button', { name: /^Cancel request/ })).toHaveCount(0);

    // And the API refuses a cancel by someone else.
    const res = await w.appr.post(`/api/v1/transition-requests/${other}/cancel`);
    expect(res.status(), await res.text()).toBe(403);
  });

  test('a request made stale by another approval cannot be approved: the inbox says why and offers Reject only', async ({ browser }) => {
    const w = await world(2, 'stale');
    const first = await ask(w, 1, { target: 'Production', comment: 'v1 for launch' });
    const second = await ask(w, 2, { target: 'Production', comment: 'or v2 for launch' });

    const approver = await pageAs(browser, w.approver);
    await approver.goto('/sign-offs');
    await expect(cardOf(approver, w.model, 2).getByRole('button', { name: 'Approve' })).toBeEnabled();
    await cardOf(approver, w.model, 1).getByRole('button', { name: 'Approve' }).click();
    await expect(cardOf(approver, w.model, 1)).toHaveCount(0);

    const stale = cardOf(approver, w.model, 2);
    await expect(stale.getByText('stale', { exact: true })).toBeVisible();
    await expect(stale.getByTestId('stale-reason')).toContainText('Production was held by nobody when this was asked; v1 holds it now.');
    await expect(stale.getByTestId('move-summary')).toHaveText('Put v2 in Production; v1, there now, goes to Archived.');
    await expect(stale.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await expect(stale.getByRole('button', { name: 'Reject' })).toBeEnabled();
    await approver.screenshot({ path: 'e2e/screenshots/sign-offs-stale.png', fullPage: true });

    // The server refuses it too, whatever the page shows.
    const res = await w.appr.post(`/api/v1/transition-requests/${second}/decisions`, { data: { decision: 'approve' } });
    expect(res.status()).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('stale_request');
    expect(first).not.toBe(second);

    await stale.getByLabel(/^Comment/).fill('Superseded by v1; ask again against v1 if v2 is better.');
    await stale.getByRole('button', { name: 'Reject' }).click();
    await expect(stale).toHaveCount(0);
  });

  test('a protected alias moves through a request approved in the inbox', async ({ browser }) => {
    const w = await world(2, 'alias');
    const scientist = await pageAs(browser, w.scientist);

    // An unprotected alias is set at once from the version page.
    await scientist.goto(`/models/${w.model}/versions/1`);
    const form = scientist.getByRole('form', { name: 'Set alias' });
    await form.getByLabel('Alias').fill('champion');
    await form.getByRole('button', { name: 'Set alias' }).click();
    await expect(form.getByRole('status')).toHaveText('@champion now points at v1.');
    await expect(scientist.getByTestId('version-aliases')).toContainText('@champion');

    // Protected, it cannot be set directly; the form asks for the move instead.
    await call(w.sci, 'put', `/models/${encodeURIComponent(w.model)}/protected-aliases/champion`, {}, 200);
    await scientist.goto(`/models/${w.model}/versions/2`);
    await form.getByLabel('Alias').fill('champion');
    await expect(form.getByText('points at v1 now; it is protected, so moving it needs an approver.')).toBeVisible();
    await form.getByLabel(/^Comment/).fill('v2 wins the shadow test by 1.2 points');
    await form.getByRole('button', { name: 'Request alias move' }).click();
    await expect(form.getByRole('status')).toHaveText('Requested; the alias move waits for an approver in Sign-offs.');
    await expect(scientist.getByRole('list', { name: 'Pending requests for this version' })).toContainText('→ @champion');
    await expect(scientist.getByTestId('version-aliases')).toHaveCount(0);
    await scientist.screenshot({ path: 'e2e/screenshots/model-version-alias-request.png', fullPage: true });
    await scientist.emulateMedia({ colorScheme: 'dark' });
    await scientist.screenshot({ path: 'e2e/screenshots/model-version-alias-request-dark.png', fullPage: true });
    await scientist.emulateMedia({ colorScheme: 'light' });

    // The approver reads what moves where, the current holder beside the candidate, and approves.
    const approver = await pageAs(browser, w.approver);
    await approver.goto('/sign-offs');
    const card = cardOf(approver, w.model, 2);
    await expect(card.getByTestId('move-summary')).toHaveText('Move @champion from v1 to v2.');
    await expect(card.getByRole('group', { name: 'Candidate and current holder' })).toContainText('Now holds @champion');
    await expect(card).toContainText('v2 wins the shadow test by 1.2 points');
    await approver.screenshot({ path: 'e2e/screenshots/sign-offs-alias.png', fullPage: true });
    await approver.emulateMedia({ colorScheme: 'dark' });
    await approver.screenshot({ path: 'e2e/screenshots/sign-offs-alias-dark.png', fullPage: true });
    await approver.emulateMedia({ colorScheme: 'light' });
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect(card).toHaveCount(0);

    await scientist.reload();
    await expect(scientist.getByTestId('version-aliases')).toContainText('@champion');
    await expect(scientist.getByRole('list', { name: 'Timeline' })).toContainText('moved @champion to v2');
    const byAlias = await w.sci.get(`/api/v1/models/${encodeURIComponent(w.model)}/aliases/champion`);
    expect(((await byAlias.json()) as { version: number }).version).toBe(2);
  });

  test('the version page edits the description and tags, shows the run’s datasets and links to a comparison with Production', async ({ browser }) => {
    const w = await world(2, 'tags');
    const first = await ask(w, 1, { target: 'Production' });
    await call(w.appr, 'post', `/transition-requests/${first}/decisions`, { decision: 'approve' }, 200);
    await call(w.sci, 'post', `/model-versions/${w.versions[1].id}/tags`, { key: 'framework', value: 'xgboost' }, 200);

    const page = await pageAs(browser, w.scientist);
    await page.goto(`/models/${w.model}/versions/2`);

    // Description.
    const description = page.getByRole('form', { name: 'Version description' });
    await description.getByLabel('Description').fill('Retrained on Q2 events with deeper trees.');
    await description.getByRole('button', { name: 'Save description' }).click();
    await expect(description.getByRole('status')).toHaveText('Description saved.');
    await expect(page.getByText('Retrained on Q2 events with deeper trees.').first()).toBeVisible();

    // Tags: add, edit in place, delete.
    const add = page.getByRole('form', { name: 'Add tag' });
    await add.getByLabel('Key').fill('validated_by');
    await add.getByLabel('Value').fill('ml-review');
    await add.getByRole('button', { name: 'Add tag' }).click();
    const tags = page.getByRole('list', { name: 'Version tags' });
    await expect(tags.getByLabel('Value of validated_by')).toHaveValue('ml-review');
    await expect(add.getByLabel('Key'), 'the add form starts over').toHaveValue('');

    await tags.getByLabel('Value of framework').fill('lightgbm');
    await tags.getByRole('button', { name: 'Save tag framework' }).click();
    await expect(tags.getByLabel('Value of framework')).toHaveValue('lightgbm');
    await tags.getByRole('button', { name: 'Delete tag validated_by' }).click();
    await expect(tags.getByLabel('Value of validated_by')).toHaveCount(0);

    const stored = (await (await w.sci.get(`/api/v1/model-versions/${w.versions[1].id}`)).json()) as { tags: Record<string, string>; description: string };
    expect(stored.tags).toEqual({ framework: 'lightgbm' });
    expect(stored.description).toBe('Retrained on Q2 events with deeper trees.');

    // Lineage: params, metrics and datasets of the source run, and a comparison with v1 (in Production).
    await expect(page.getByRole('list', { name: 'Datasets' })).toContainText('events-2026q2');
    await expect(page.getByRole('list', { name: 'Datasets' })).toContainText('training');
    await page.screenshot({ path: 'e2e/screenshots/model-version-edit.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'e2e/screenshots/model-version-edit-dark.png', fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('link', { name: 'Compare with v1’s run (Production)' }).click();
    await expect(page).toHaveURL(new RegExp(`/compare\\?runs=${w.versions[1].runId},${w.versions[0].runId}`));
    await expect(page.getByText(w.versions[1].runName).first()).toBeVisible();
    await expect(page.getByText(w.versions[0].runName).first()).toBeVisible();

    // A viewer sees the tags but cannot edit them.
    const admin = await adminApi();
    const viewer = await createUser(admin, 'viewer');
    await admin.dispose();
    const viewerPage = await pageAs(browser, viewer);
    await viewerPage.goto(`/models/${w.model}/versions/2`);
    await expect(viewerPage.getByRole('definition').filter({ hasText: 'lightgbm' })).toBeVisible();
    await expect(viewerPage.getByRole('form', { name: 'Add tag' })).toHaveCount(0);
    await expect(viewerPage.getByRole('form', { name: 'Set alias' })).toHaveCount(0);
  });

  test('the inbox stays readable with many pending requests and long comments', async ({ browser }) => {
    const w = await world(3, 'busy');
    const long = `Retrained on the full 2026 event log after the schema change. ${'The holdout shows better calibration in every region, and the latency budget is met with room to spare. '.repeat(6)}`;
    await ask(w, 1, { target: 'Staging', comment: long });
    await ask(w, 2, { target: 'Staging', comment: 'short' });
    await ask(w, 3, { target: 'Production', comment: long });
    const approver = await pageAs(browser, w.approver);
    await approver.goto('/sign-offs');
    await expect(cardOf(approver, w.model, 1)).toContainText('latency budget');
    // The long comment does not widen the card past the page.
    const width = await approver.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(width).toBeLessThanOrEqual(0);
    await approver.screenshot({ path: 'e2e/screenshots/sign-offs-busy.png', fullPage: true });
  });
});
