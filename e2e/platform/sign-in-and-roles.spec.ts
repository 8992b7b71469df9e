import { expect, test } from '@playwright/test';
import { createUser, E2E_ADMIN, signInAs, signInViaApi, adminApi, type Role } from '../fixtures/auth';

// Sign-offs may carry a count of pending requests after its label.
const SIDEBAR: Record<Role, (string | RegExp)[]> = {
  viewer: ['Experiments', 'Models', 'Monitoring', 'Governance', 'Reports'],
  scientist: ['Experiments', 'Models', 'Monitoring', 'Governance', 'Reports'],
  approver: ['Experiments', 'Models', /^Sign-offs/, 'Monitoring', 'Governance', 'Reports'],
  auditor: ['Experiments', 'Models', 'Monitoring', 'Governance', 'Audit', 'Reports'],
  admin: ['Experiments', 'Models', /^Sign-offs/, 'Monitoring', 'Governance', 'Audit', 'Reports', 'Admin'],
};

test.describe('[PLATFORM] sign-in', () => {
  test('a person signs in with the form, sees who they are and their role, and signs out', async ({ page }) => {
    const admin = await adminApi();
    const user = await createUser(admin, 'scientist', 'Grace Hopper');
    await admin.dispose();

    await page.goto('/experiments');
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/experiments/);
    await expect(page.getByTestId('current-user')).toHaveText('Grace Hopper');
    await expect(page.getByTestId('current-role')).toHaveText('scientist');
    await page.screenshot({ path: 'e2e/screenshots/experiments-empty.png' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/experiments');
    await expect(page).toHaveURL(/\/login/);
  });

  test('a wrong password gets one message that does not reveal whether the email exists', async ({ page }) => {
    await page.goto('/login');
    const error = page.locator('#login-error');
    for (const email of [E2E_ADMIN.email, 'nobody-here@e2e.test']) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('wrong-password-123');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
      await expect(error).toHaveText('Invalid email or password.');
    }
    await page.screenshot({ path: 'e2e/screenshots/login-error.png' });
  });

  test('repeated failures are throttled, even with the right password afterwards', async ({ page }) => {
    const admin = await adminApi();
    const user = await createUser(admin, 'viewer');
    await admin.dispose();
    const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    for (let i = 0; i < 5; i++) {
      await page.request.post('/api/auth/callback/credentials', { form: { email: user.email, password: `wrong-${i}-password`, csrfToken: csrf.csrfToken }, maxRedirects: 0 });
    }
    await page.goto('/login');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#login-error')).toContainText('Too many failed sign-in attempts');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('[PLATFORM] roles', () => {
  for (const role of Object.keys(SIDEBAR) as Role[]) {
    test(`a ${role} sees exactly their sidebar entries`, async ({ page }) => {
      await signInAs(page, role);
      await page.goto('/experiments');
      const nav = page.getByRole('list', { name: 'Sections' });
      await expect(nav.getByRole('link')).toHaveText(SIDEBAR[role]);
    });
  }

  test('on a narrow window the sections are behind a menu button, and following one closes it', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, 'scientist');
    await page.goto('/models');
    // The sidebar takes no room: its sections are not shown until the menu opens.
    await expect(page.getByRole('list', { name: 'Sections' })).toBeHidden();
    const main = (await page.locator('main').boundingBox())!;
    expect(main.x).toBe(0);
    expect(main.width).toBe(390);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const sheet = page.getByRole('dialog', { name: 'Navigation' });
    await expect(sheet.getByRole('list', { name: 'Sections' }).getByRole('link')).toHaveText(SIDEBAR.scientist);
    await expect(sheet.getByRole('link', { name: 'Models' })).toHaveAttribute('aria-current', 'page');
    await page.screenshot({ path: 'e2e/screenshots/narrow-navigation.png' });
    await sheet.getByRole('link', { name: 'Experiments' }).click();
    await expect(page).toHaveURL(/\/experiments$/);
    await expect(sheet).toBeHidden();
    await expect(page.getByRole('button', { name: 'Open navigation' })).toBeVisible();
  });

  test('a viewer is refused the admin page with a readable 403', async ({ page }) => {
    await signInAs(page, 'viewer');
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '403 — not allowed' })).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/forbidden.png' });
  });

  test('the theme toggle switches between light and dark', async ({ page }) => {
    await signInViaApi(page.request, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/models');
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.screenshot({ path: 'e2e/screenshots/models-dark.png' });
  });
});
