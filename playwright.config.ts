import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/modelkeep_e2e';

/**
 * End-to-end tests drive Debian's Chromium against a production build (`npm run test:e2e` builds it
 * into .next-e2e) served on PostgreSQL, in a database recreated for every run.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: `npx tsx scripts/e2e-reset-db.mts && npx next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_OPTIONS: '',
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-e2e',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: E2E_DATABASE_URL,
      // Uploaded artifacts go to a scratch folder, never into a developer's ./.data.
      ARTIFACTS_DIR: process.env.E2E_ARTIFACTS_DIR ?? path.join(os.tmpdir(), `modelkeep-e2e-artifacts-${PORT}`),
      AUTH_SECRET: 'e2e-only-secret-0123456789abcdef0123456789',
      // Specs make their own users and data; the demo seed (thousands of runs) would only slow the start.
      MODELKEEP_DEMO: '0',
      MODELKEEP_ADMIN_EMAIL: 'e2e-admin@modelkeep.local',
      MODELKEEP_ADMIN_PASSWORD: 'e2e-admin-password',
      LOG_LEVEL: 'warn',
    },
  },
});
