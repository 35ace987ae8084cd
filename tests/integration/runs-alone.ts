// For the few files that load the machine hard and measure time (worker processes killed at
// random moments, a 2,000-alert burst): with files running in parallel, two of them at once fail
// on a 2-core machine. Call runsAlone() before the file's other hooks: it waits until no other
// such file of this run is going (a session advisory lock, released when the file ends).
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';

export function runsAlone(): void {
  let client: pg.Client | null = null;
  beforeAll(async () => {
    const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/riposte_test');
    const key = `riposte-test-alone:${url.pathname}`;
    url.pathname = '/postgres';
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
  }, 600_000);
  afterAll(async () => {
    await client?.end();
  });
}
