import { afterAll, beforeAll } from 'vitest';
import { setDbHandle } from '@/db/client';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Each integration test file gets its own database on the driver named by TEST_DB_DRIVER. */
export let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  setDbHandle(testDb.handle);
});

afterAll(async () => {
  await testDb?.drop();
});
