// Run before every integration test file (the project's setupFiles; test files import it too):
// points the code at a copy of the test database that no other test file is using right now
// (global-setup.ts makes one per vitest worker), so files running in parallel never share rows,
// and gives the file its own BullMQ key prefix so files never see each other's jobs. Worker
// processes a test spawns inherit both.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';

const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/riposte_test';

/**
 * Takes one of the copies for this process's lifetime: a session advisory lock per copy, held on
 * a connection that closes only when the process ends. VITEST_POOL_ID cannot be used for this:
 * vitest 4.1 gives two concurrent workers the same id once a group of unit tests ran before, and
 * frees an id before the previous file's process has exited.
 */
async function leaseDatabase(databases: string[]): Promise<string> {
  const admin = new URL(databases[0] ?? DEFAULT_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  // The lock lives as long as this connection; the socket must not keep the process alive.
  (client as unknown as { connection: { stream: Socket } }).connection.stream.unref();
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (const url of databases) {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`riposte-test-db:${new URL(url).pathname}`]);
      if (rows[0]?.ok) return url;
    }
    if (Date.now() > deadline) throw new Error(`No free test database among ${databases.length} within 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Once per process, however often this module is evaluated.
if (process.env.RIPOSTE_TEST_DB_LEASED !== '1') {
  const databases = inject('riposteTestDatabases');
  // A project without global-setup.ts: the template database itself, as before.
  process.env.DATABASE_URL = databases === undefined ? (process.env.TEST_DATABASE_URL ?? DEFAULT_URL) : await leaseDatabase(databases);
  process.env.RIPOSTE_TEST_DB_LEASED = '1';
  process.env.RIPOSTE_QUEUE_PREFIX = `rtest-${randomBytes(4).toString('hex')}`;
}
process.env.RIPOSTE_SECRET_KEY ??= randomBytes(32).toString('base64');
process.env.POLL_OVERLAP_SECONDS = '120';
