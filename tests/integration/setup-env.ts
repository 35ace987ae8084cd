// Run before every integration test file (the project's setupFiles; test files import it too):
// points the code at this vitest worker's own copy of the test database (global-setup.ts), so
// files running in parallel never share rows, and gives the file its own BullMQ key prefix so
// files never see each other's jobs. Worker processes a test spawns inherit both.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

function testDatabaseUrl(): string {
  const databases = inject('riposteTestDatabases');
  // A project without global-setup.ts: the template database itself, as before.
  if (databases === undefined) return process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_test';
  const poolId = Number(process.env.VITEST_POOL_ID ?? '1');
  const url = databases[poolId - 1];
  if (url === undefined) throw new Error(`No test database for vitest worker ${poolId} (global-setup made ${databases.length})`);
  return url;
}

process.env.DATABASE_URL = testDatabaseUrl();
process.env.RIPOSTE_QUEUE_PREFIX = `rtest-${randomBytes(4).toString('hex')}`;
process.env.RIPOSTE_SECRET_KEY ??= randomBytes(32).toString('base64');
process.env.POLL_OVERLAP_SECONDS = '120';
