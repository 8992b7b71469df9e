import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { adminApi, createUser, signInAs, signInViaApi } from '../fixtures/auth';

/** Enough CSV for the export's own output: quoted cells with doubled quotes, CRLF rows, no newlines inside cells. */
function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cell += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cell += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          cells.push(cell);
          cell = '';
        }
        else cell += ch;
      }
      cells.push(cell);
      return cells;
    });
}

async function applyFilter(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Apply filter' }).click();
}

test.describe('[AUDIT] audit log', () => {
  test('an auditor filters by action and actor, reads a change, downloads the filtered CSV and verifies the chain', async ({ page }) => {
    const admin = await adminApi();
    const auditor = await createUser(admin, 'auditor', 'Ada Auditor');
    const subject = await createUser(admin, 'scientist', 'Sam Subject');
    const patched = await admin.patch(`/api/v1/users/${subject.id}`, { data: { role: 'approver' } });
    expect(patched.status(), await patched.text()).toBe(200);
    await admin.dispose();
    await signInViaApi(page.request, auditor.email, auditor.password);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByTestId('audit-event').first()).toBeVisible();

    // By actor: only the auditor's own sign-in.
    await applyFilter(page, { 'Actor email': auditor.email });
    await expect(page).toHaveURL(new RegExp(`actor=${encodeURIComponent(auditor.email).replace(/\./g, '\\.')}`));
    const mine = page.getByTestId('audit-event');
    await expect(mine).toHaveCount(1);
    await expect(mine.first()).toContainText(auditor.email);
    await expect(mine.first().getByTestId('audit-action')).toHaveText('auth.sign_in');

    // By action: the role change made above, with its before and after.
    await page.goto('/audit');
    await applyFilter(page, { 'Action': 'user.change_role' });
    const rows = page.getByTestId('audit-event');
    await expect(rows.first()).toBeVisible();
    const actions = await rows.getByTestId('audit-action').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['user.change_role']));
    const row = rows.filter({ hasText: subject.id });
    await expect(row).toHaveCount(1);
    // Listing seals what has committed, so the row shows its place in the chain rather than "sealing…".
    await expect(row.getByTestId('audit-chain')).toHaveText(/^#\d+ [0-9a-f]{8}$/);
    await page.screenshot({ path: 'e2e/screenshots/audit-light-collapsed.png', fullPage: true });

    await row.locator('summary').click();
    const before = row.getByRole('region', { name: 'Before' });
    const after = row.getByRole('region', { name: 'After' });
    await expect(before).toContainText('"role": "scientist"');
    await expect(after).toContainText('"role": "approver"');
    await expect(row).toContainText('Changed: role');
    await expect(row.getByText('Previous hash')).toBeVisible();
    await expect(row.getByText('Chain position')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/audit-light-expanded.png', fullPage: true });

    // The CSV holds the filtered events only, under a header line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^modelkeep-audit-[\dT-]+Z\.csv$/);
    const csv = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(csv[0].join(',')).toBe('seq,id,occurredAt,actorEmail,actorKind,actorId,tokenId,action,resourceType,resourceId,before,after,requestId,ip,userAgent,position,prevHash,hash');
    const data = csv.slice(1);
    expect(data).toHaveLength(actions.length);
    expect(new Set(data.map((r) => r[7]))).toEqual(new Set(['user.change_role']));
    const exported = data.find((r) => r[9] === subject.id);
    expect(JSON.parse(exported![10])).toMatchObject({ role: 'scientist' });
    expect(JSON.parse(exported![11])).toMatchObject({ role: 'approver' });
    expect(exported!.slice(15)).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect(page.getByRole('status')).toContainText(/Chain OK — [\d,]+ events verified in \d+ ms/);
    await page.screenshot({ path: 'e2e/screenshots/audit-light-verified.png' });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.screenshot({ path: 'e2e/screenshots/audit-dark-collapsed.png', fullPage: true });
    await page.getByTestId('audit-event').filter({ hasText: subject.id }).locator('summary').click();
    await expect(page.getByRole('region', { name: 'After' }).first()).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/audit-dark-expanded.png', fullPage: true });
  });

  test('a filter that matches nothing says so, and an unreadable date is reported, not a crash', async ({ page }) => {
    await signInAs(page, 'auditor');
    await page.goto('/audit?action=no.such.action');
    await expect(page.getByRole('heading', { name: 'No event matches this filter' })).toBeVisible();

    await page.goto('/audit?from=yesterday-ish');
    await expect(page.getByRole('alert').filter({ hasText: 'could not be applied' })).toContainText('From (UTC) is not a date and time');
    await expect(page.getByLabel('From (UTC)')).toHaveAttribute('aria-invalid', 'true');

    await page.goto('/audit?from=2026-05-02T10:00&to=2026-05-01T10:00');
    await expect(page.getByText('must be after from').first()).toBeVisible();
  });

  test('a scientist is refused the audit log with a 403 page', async ({ page }) => {
    await signInAs(page, 'scientist');
    const response = await page.goto('/audit');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '403 — not allowed' })).toBeVisible();
  });
});
