import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { adminApi, createUser, E2E_ADMIN, signInAs, signInViaApi } from '../fixtures/auth';

const TOKEN_RE = /^mk_[0-9a-f]{8}_[0-9A-Za-z]{40}$/;

function bearer(token: string) {
  return { headers: { Authorization: `Bearer ${token}` } };
}

async function createTokenViaApi(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.post('/api/v1/tokens', { data: { name, scopes: ['read'] } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Confirms the dialog a row's button opens, e.g. "Disable user" or "Revoke token". */
async function confirm(page: Page, trigger: string, confirmLabel: string) {
  await page.getByRole('button', { name: trigger }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: confirmLabel }).click();
  await expect(dialog).toBeHidden();
}

test.describe('[ADMIN] users', () => {
  test('an admin creates a user through the form after fixing a bad email, changes their role, and disabling them ends their session and token at once', async ({ page, browser, request }) => {
    await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');

    const email = `formuser-${randomBytes(4).toString('hex')}@e2e.test`;
    const password = `initial-${randomBytes(6).toString('hex')}`;
    const form = page.getByRole('form', { name: 'Create user' });
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByLabel('Name').fill('Form Made');
    await form.getByLabel('Role').selectOption('scientist');
    await form.getByLabel('Initial password').fill(password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByLabel('Email')).toHaveAccessibleDescription('must be a valid email address');
    await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Name'), 'what was typed survives the refusal').toHaveValue('Form Made');

    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByText(`Created ${email} as scientist.`)).toBeVisible();
    await expect(form.getByLabel('Email'), 'the form is cleared after a success').toHaveValue('');

    await page.getByRole('searchbox', { name: 'Search users' }).fill(email);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(email)}`));
    const row = page.getByTestId('user-row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell', { name: 'Form Made' })).toBeVisible();
    await expect(row.getByText('enabled')).toBeVisible();

    // The new person signs in elsewhere and makes a token.
    const userContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const userPage = await userContext.newPage();
    await signInViaApi(userPage.request, email, password);
    const token = await createTokenViaApi(userPage.request, 'laptop');
    expect((await request.get('/api/v1/me', bearer(token))).status()).toBe(200);
    await userPage.goto('/experiments');
    await expect(userPage.getByTestId('current-role')).toHaveText('scientist');

    await row.getByRole('combobox', { name: `Role of ${email}` }).selectOption('approver');
    await row.getByRole('button', { name: `Save role of ${email}` }).click();
    await expect(row.getByRole('status')).toHaveText('Saved');
    await expect(row.getByRole('button', { name: `Save role of ${email}` }), 'nothing left to save').toBeDisabled();
    await userPage.reload();
    await expect(userPage.getByTestId('current-role')).toHaveText('approver');

    await confirm(page, `Disable ${email}`, 'Disable user');
    await expect(row.getByText('disabled')).toBeVisible();
    await expect(row.getByRole('button', { name: `Enable ${email}` })).toBeVisible();
    await expect(row.getByRole('combobox', { name: `Role of ${email}` })).toHaveValue('approver');
    await page.screenshot({ path: 'e2e/screenshots/admin-users.png', fullPage: true });

    await userPage.goto('/experiments');
    await expect(userPage).toHaveURL(/\/login/);
    expect((await request.get('/api/v1/me', bearer(token))).status()).toBe(401);
    await userContext.close();

    await page.goto('/admin/tokens');
    const tokenRow = page.getByTestId('token-row').filter({ hasText: email });
    await expect(tokenRow.getByText('user disabled')).toBeVisible();

    // Enabling them again brings back the token, which was never revoked.
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await confirm(page, `Enable ${email}`, 'Enable user');
    await expect(row.getByText('enabled')).toBeVisible();
    expect((await request.get('/api/v1/me', bearer(token))).status()).toBe(200);
  });

  test('the role filter and search narrow the list through the URL, and an empty result says how to get back', async ({ page }) => {
    const admin = await adminApi();
    const auditor = await createUser(admin, 'auditor', 'Filter Target');
    await admin.dispose();
    await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/admin/users');
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/admin-users-dark.png', fullPage: true });

    await page.getByRole('combobox', { name: 'Filter by role' }).selectOption('auditor');
    await expect(page).toHaveURL(/role=auditor/);
    const roles = page.getByTestId('user-row').getByRole('combobox', { name: /^Role of / });
    await expect(roles.first()).toHaveValue('auditor');
    for (const select of await roles.all()) await expect(select).toHaveValue('auditor');
    await expect(page.getByTestId('user-row').filter({ hasText: auditor.email })).toHaveCount(1);

    await page.getByRole('searchbox', { name: 'Search users' }).fill('no-such-person-anywhere');
    await expect(page.getByRole('heading', { name: 'No users match these filters' })).toBeVisible();
    await page.getByRole('link', { name: 'clear the filters' }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search users' })).toHaveValue('');
    await expect(page.getByRole('combobox', { name: 'Filter by role' })).toHaveValue('');
  });

  test('a viewer is refused the admin pages with the 403 page', async ({ page }) => {
    await signInAs(page, 'viewer');
    for (const path of ['/admin/users', '/admin/tokens']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: '403 — not allowed' })).toBeVisible();
    }
  });
});

test.describe('[ADMIN] API tokens', () => {
  test('a scientist creates a token in the UI, it works against /api/v1/me, and revoking it in the UI makes the same call 401', async ({ page, request }) => {
    const user = await signInAs(page, 'scientist');
    await page.goto('/settings/tokens');
    await expect(page.getByRole('heading', { name: 'You have no API tokens yet' })).toBeVisible();

    const form = page.getByRole('form', { name: 'Create token' });
    await form.getByLabel('Name').fill('e2e-cli');
    await form.getByRole('checkbox', { name: /^read/ }).uncheck();
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(form.getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription('choose at least one scope');

    await form.getByRole('checkbox', { name: /^read/ }).check();
    await form.getByLabel('Expires in (days)').fill('30');
    await form.getByRole('button', { name: 'Create token' }).click();
    const secretBox = page.getByRole('region', { name: 'Token “e2e-cli” created' });
    await expect(secretBox).toBeVisible();
    await expect(secretBox).toContainText('Copy it now — it will not be shown again');
    const token = (await page.getByTestId('new-token-secret').textContent())?.trim() ?? '';
    expect(token).toMatch(TOKEN_RE);
    await expect(secretBox).toContainText(`curl -H "Authorization: Bearer ${token}" ${new URL(page.url()).origin}/api/v1/me`);
    await page.screenshot({ path: 'e2e/screenshots/token-secret-shown.png', fullPage: true });

    const me = await request.get('/api/v1/me', bearer(token));
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: user.email, actorKind: 'token', scopes: ['read'] });

    await page.reload();
    await expect(page.getByTestId('new-token-secret'), 'the secret is shown once').toHaveCount(0);
    const row = page.getByTestId('token-row').filter({ hasText: 'e2e-cli' });
    await expect(row.getByText('active')).toBeVisible();
    await expect(row).toContainText(token.slice(0, 11));
    await expect(row.getByText('never'), 'it expires, and its use was recorded').toHaveCount(0);

    await confirm(page, 'Revoke token e2e-cli', 'Revoke token');
    await expect(row.getByText('revoked', { exact: true })).toBeVisible();
    expect((await request.get('/api/v1/me', bearer(token))).status()).toBe(401);
  });

  test('an admin sees every user’s tokens and revokes someone else’s', async ({ page, request, playwright }) => {
    const admin = await adminApi();
    const owner = await createUser(admin, 'approver');
    await admin.dispose();
    const ownerApi = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    await signInViaApi(ownerApi, owner.email, owner.password);
    const name = `pipeline-${randomBytes(3).toString('hex')}`;
    const token = await createTokenViaApi(ownerApi, name);
    await ownerApi.dispose();
    expect((await request.get('/api/v1/me', bearer(token))).status()).toBe(200);

    await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto('/admin/tokens');
    const row = page.getByTestId('token-row').filter({ hasText: name });
    await expect(row).toContainText(owner.email);
    await expect(row.getByText('active')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/admin-tokens.png', fullPage: true });

    await confirm(page, `Revoke token ${name}`, 'Revoke token');
    await expect(row.getByText('revoked', { exact: true })).toBeVisible();
    expect((await request.get('/api/v1/me', bearer(token))).status()).toBe(401);
  });
});
