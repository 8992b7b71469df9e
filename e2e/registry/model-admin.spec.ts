import { expect, test } from '@playwright/test';
import { adminApi, createUser } from '../fixtures/auth';
import { apiPost, pageAs, suffix, tokenApi } from '../fixtures/people';

/*
 * The model page's administration: grants (an admin lets a scientist edit, then takes it back), the
 * approval policy, protected aliases (a move becomes a request in Sign-offs), description and tags, and a
 * model whose name holds a slash and a space. Screenshots of the page in light and dark.
 */

test.describe('[REGISTRY] model administration', () => {
  // Long flows on a shared machine: each step waits for a server action and a re-render.
  test.describe.configure({ timeout: 240_000 });

  test('grant and revoke EDIT, set the policy, protect an alias so a move becomes a request, for a model named with a slash', async ({ browser }) => {
    const adminCtx = await adminApi();
    const owner = await createUser(adminCtx, 'scientist', `E2E owner ${suffix()}`);
    const editor = await createUser(adminCtx, 'scientist', `E2E editor ${suffix()}`);
    const admin = await createUser(adminCtx, 'admin', `E2E admin ${suffix()}`);
    await adminCtx.dispose();

    // The owner registers `team/fraud model-…` with two versions through /api/v1 (the name is encoded in the path).
    const api = await tokenApi(owner);
    const model = `team/fraud model-${suffix()}`;
    const enc = encodeURIComponent(model);
    await apiPost(api, '/models', { name: model, description: 'Scores card payments for fraud.', tags: { team: 'risk' } });
    await apiPost(api, `/models/${enc}/versions`, { source: 's3://models/fraud/1' });
    await apiPost(api, `/models/${enc}/versions`, { source: 's3://models/fraud/2' });
    const got = await api.get(`/api/v1/models/${enc}`);
    expect(got.status(), await got.text()).toBe(200);
    expect(((await got.json()) as { name: string }).name).toBe(model);
    await api.dispose();

    // The editor, without a grant, sees no edit controls.
    const editorPage = await pageAs(browser, editor);
    await editorPage.goto(`/models/${enc}`);
    await expect(editorPage.getByRole('heading', { name: model, exact: true })).toBeVisible();
    await expect(editorPage.getByRole('button', { name: 'Edit description' })).toHaveCount(0);
    await expect(editorPage.getByRole('form', { name: 'Add a grant' })).toHaveCount(0);

    // The admin grants EDIT on the model to the editor.
    const adminPage = await pageAs(browser, admin);
    await adminPage.goto(`/models/${enc}`);
    const access = adminPage.getByRole('region', { name: 'Access' });
    const grantForm = access.getByRole('form', { name: 'Add a grant' });
    await grantForm.getByLabel('User email').fill('nobody-at-all@e2e.test');
    await grantForm.getByRole('button', { name: 'Grant' }).click();
    await expect(grantForm.getByText("no user has the email 'nobody-at-all@e2e.test'.")).toBeVisible();
    await grantForm.getByLabel('User email').fill(editor.email);
    await grantForm.getByLabel('Level').selectOption('EDIT');
    await grantForm.getByRole('button', { name: 'Grant' }).click();
    await expect(grantForm.getByRole('status')).toHaveText(`${editor.email} now holds EDIT.`);
    const row = access.getByTestId('grant-row').filter({ hasText: editor.email });
    await expect(row).toContainText(admin.email);
    await expect(row.getByLabel(`Level of ${editor.email}`, { exact: true })).toHaveValue('EDIT');

    // The editor now edits the description (Markdown) and a tag.
    await editorPage.reload();
    await editorPage.getByRole('button', { name: 'Edit description' }).click();
    await editorPage.getByLabel('Description (Markdown)').fill('## Fraud scoring\n\nOwned by **risk**; retrained weekly.');
    await editorPage.getByRole('button', { name: 'Save description' }).click();
    await expect(editorPage.getByTestId('model-description').getByRole('heading', { name: 'Fraud scoring' })).toBeVisible();
    await expect(editorPage.getByTestId('model-description').locator('strong')).toHaveText('risk');
    const tagForm = editorPage.getByRole('form', { name: 'Set a tag' });
    await tagForm.getByLabel('Key').fill('sla');
    await tagForm.getByLabel('Value').fill('99.9');
    await tagForm.getByRole('button', { name: 'Set tag' }).click();
    await expect(editorPage.getByRole('table', { name: 'Model tags' })).toContainText('99.9');
    // EDIT is not MANAGE: no access management for the editor.
    await expect(editorPage.getByRole('form', { name: 'Add a grant' })).toHaveCount(0);
    await expect(editorPage.getByRole('region', { name: 'Access' })).toContainText('You hold EDIT here.');

    // The admin revokes; the editor's controls are gone on the next load.
    await adminPage.reload();
    await adminPage.getByRole('button', { name: `Revoke access of ${editor.email}` }).click();
    await adminPage.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(adminPage.getByRole('region', { name: 'Access' }).getByTestId('grant-row')).toHaveCount(0);
    await editorPage.reload();
    await expect(editorPage.getByTestId('model-description')).toContainText('retrained weekly');
    await expect(editorPage.getByRole('button', { name: 'Edit description' })).toHaveCount(0);
    await expect(editorPage.getByRole('form', { name: 'Set a tag' })).toHaveCount(0);

    // The admin asks for 2 Production approvals on this model.
    const policy = adminPage.getByRole('region', { name: 'Approval policy' });
    await expect(policy.getByTestId('policy-Production')).toContainText('1 approval');
    await policy.getByText('Edit policy').click();
    await policy.getByLabel('Production').fill('2');
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await expect(policy.getByRole('status')).toHaveText('Policy of this model saved: Production 2.');
    await expect(policy.getByTestId('policy-Production')).toContainText('2 approvals');
    await expect(policy.getByTestId('policy-Production')).toContainText('this model');
    await expect(policy.getByTestId('policy-Staging')).toContainText('1 approval');

    // Aliases: set @champion → v1, protect it, then moving it to v2 becomes a request.
    const aliases = adminPage.getByRole('region', { name: 'Aliases' });
    const aliasForm = aliases.getByRole('form', { name: 'Set an alias' });
    await aliasForm.getByLabel('Alias').fill('champion');
    await aliasForm.getByLabel('Version').selectOption('1');
    await aliasForm.getByRole('button', { name: 'Set alias' }).click();
    await expect(aliasForm.getByRole('status')).toHaveText('@champion now points at v1.');
    const champion = aliases.getByTestId('alias-row').filter({ hasText: '@champion' });
    await expect(champion.getByRole('link', { name: 'v1' })).toBeVisible();
    await champion.getByRole('button', { name: 'Protect @champion' }).click();
    await adminPage.getByRole('alertdialog').getByRole('button', { name: 'Protect' }).click();
    await expect(champion).toContainText('protected');
    await aliasForm.getByLabel('Alias').fill('champion');
    await aliasForm.getByLabel('Version').selectOption('2');
    await aliasForm.getByLabel(/Comment/).fill('v2 catches more card testing');
    await aliasForm.getByRole('button', { name: 'Set alias' }).click();
    await expect(aliasForm.getByRole('status')).toContainText('@champion is protected: a request to point it at v2 was created and waits for an approver in Sign-offs.');
    await expect(champion.getByRole('link', { name: 'v1' }), 'the alias did not move').toBeVisible();

    // Light and dark screenshots of the page, with every card filled in.
    await adminPage.reload();
    await adminPage.screenshot({ path: 'e2e/screenshots/model-admin.png', fullPage: true });
    await adminPage.emulateMedia({ colorScheme: 'dark' });
    await adminPage.screenshot({ path: 'e2e/screenshots/model-admin-dark.png', fullPage: true });
    await adminPage.emulateMedia({ colorScheme: 'light' });

    // The request shows in Sign-offs, with a link back to the model that opens it.
    await adminPage.goto('/sign-offs');
    const card = adminPage.getByTestId('review-card').filter({ hasText: model });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('@champion');
    await expect(card).toContainText('v2 catches more card testing');
    await card.getByRole('link', { name: model }).first().click();
    await expect(adminPage).toHaveURL(new RegExp(`/models/${enc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await expect(adminPage.getByRole('heading', { name: model, exact: true })).toBeVisible();

    // Links of a slashed name: a version, the breadcrumb back, the holder-at form.
    await adminPage.getByRole('table').getByRole('link', { name: 'v2', exact: true }).first().click();
    await expect(adminPage).toHaveURL(new RegExp(`/models/${enc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/versions/2$`));
    await expect(adminPage.getByRole('heading', { name: `${model} v2` })).toBeVisible();
    await adminPage.goto(`/models/${enc}`);
    await adminPage.getByLabel('Time (UTC)').fill(new Date(Date.now() + 60_000).toISOString().slice(0, 19));
    await adminPage.getByRole('button', { name: 'Look up' }).click();
    await expect(adminPage.getByTestId('holder-at-result')).toContainText('No version was in Production');
    await adminPage.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Models' }).click();
    await adminPage.getByLabel('Search models').fill(model);
    await adminPage.getByRole('button', { name: 'Search' }).click();
    await adminPage.getByRole('table', { name: 'Registered models' }).getByRole('link', { name: model }).click();
    await expect(adminPage.getByRole('heading', { name: model, exact: true })).toBeVisible();

    // The admin withdraws the alias move from the inbox: nothing of this test stays pending for other specs.
    await adminPage.goto('/sign-offs');
    const own = adminPage.getByTestId('review-card').filter({ hasText: model });
    await own.getByRole('button', { name: /^Cancel request/ }).click();
    await adminPage.getByRole('alertdialog').getByRole('button', { name: 'Cancel request' }).click();
    await expect(own).toHaveCount(0);
    await adminPage.goto(`/models/${enc}`);
    await expect(adminPage.getByRole('list', { name: 'Timeline' })).toContainText('cancelled the request');

    // And drops the model's own policy: it follows the default again (whatever the default says now).
    const ownPolicy = adminPage.getByRole('region', { name: 'Approval policy' });
    await ownPolicy.getByRole('button', { name: 'Use the default' }).click();
    await adminPage.getByRole('alertdialog').getByRole('button', { name: 'Use the default' }).click();
    await expect(ownPolicy.getByRole('button', { name: 'Use the default' })).toHaveCount(0);
    await expect(ownPolicy.getByTestId('policy-Production')).not.toContainText('this model');
    await expect(ownPolicy.getByTestId('policy-Staging')).not.toContainText('this model');
  });

  test('the experiment page has an Access dialog where the owner grants and revokes', async ({ browser }) => {
    const adminCtx = await adminApi();
    const owner = await createUser(adminCtx, 'scientist', `E2E exp owner ${suffix()}`);
    const viewer = await createUser(adminCtx, 'viewer', `E2E viewer ${suffix()}`);
    await adminCtx.dispose();
    const api = await tokenApi(owner);
    const experiment = await apiPost<{ id: string }>(api, '/experiments', { name: `access-exp-${suffix()}` });
    await api.dispose();

    const page = await pageAs(browser, owner);
    await page.goto(`/experiments/${experiment.id}`);
    await expect(page.getByTestId('access-summary')).toContainText('No grants');
    await page.getByRole('button', { name: 'Manage access' }).click();
    const dialog = page.getByRole('dialog', { name: /^Access to/ });
    await dialog.getByLabel('User email').fill(viewer.email);
    await dialog.getByLabel('Level').selectOption('EDIT');
    await dialog.getByRole('button', { name: 'Grant' }).click();
    await expect(dialog.getByRole('status')).toHaveText(`${viewer.email} now holds EDIT.`);
    // A viewer's grant gives no more than reading: the table says so.
    await expect(dialog.getByTestId('grant-row').filter({ hasText: viewer.email })).toContainText('acts as READ (viewer role)');
    await page.screenshot({ path: 'e2e/screenshots/experiment-access.png' });
    await dialog.getByRole('button', { name: `Revoke access of ${viewer.email}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(dialog.getByTestId('grant-row')).toHaveCount(0);

    const viewerPage = await pageAs(browser, viewer);
    await viewerPage.goto(`/experiments/${experiment.id}`);
    await viewerPage.getByRole('button', { name: 'Access', exact: true }).click();
    await expect(viewerPage.getByRole('dialog')).toContainText('The owner, holders of MANAGE and admins change who has access.');
    await expect(viewerPage.getByRole('form', { name: 'Add a grant' })).toHaveCount(0);
  });

  test('a model whose name holds a percent sign, a slash and a question mark opens by its encoded name', async ({ browser }) => {
    const adminCtx = await adminApi();
    const owner = await createUser(adminCtx, 'scientist', `E2E odd ${suffix()}`);
    await adminCtx.dispose();
    const api = await tokenApi(owner);
    const model = `odd%20name/v?x=1 ${suffix()}`;
    const enc = encodeURIComponent(model);
    await apiPost(api, '/models', { name: model });
    await apiPost(api, `/models/${enc}/versions`, { source: 's3://models/odd/1' });
    const got = await api.get(`/api/v1/models/${enc}`);
    expect(got.status(), await got.text()).toBe(200);
    expect(((await got.json()) as { name: string }).name).toBe(model);
    await api.dispose();
    const page = await pageAs(browser, owner);
    await page.goto(`/models/${enc}`);
    await expect(page.getByRole('heading', { name: model, exact: true })).toBeVisible();
    await page.getByRole('table').getByRole('link', { name: 'v1', exact: true }).click();
    await expect(page.getByRole('heading', { name: `${model} v1` })).toBeVisible();
  });
});
