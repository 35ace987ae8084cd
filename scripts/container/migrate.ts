// `scripts/container/migrate.sh`: bring the database up to this build's migrations, safely when
// several replicas start at once. Prisma's own advisory lock (migrate deploy) gives up after 10 s,
// and a deploy here takes longer than that, so a second replica would fail with P1002. Instead
// every replica queues on Riposte's own session-level advisory lock (released by Postgres if the
// holder dies), then checks what is still pending: the first applies the migrations, the others
// find none and start at once. Then the first admin from the environment, if no user exists.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { env } from '@/server/env';
import { db } from '@/server/db/client';
import { ensureAdminFromEnv } from '@/server/services/users';
import { APPLIED_MIGRATIONS_SQL, isMissingTable, migrationFolders, pendingMigrations, type AppliedMigration } from '@/server/health/migrations';

/** Riposte's migration lock; must differ from Prisma's (72707369), which the child takes itself. */
const MIGRATION_LOCK_KEY = 5_249_505_307;
const CONNECT_FOR_MS = 120_000;
const root = path.resolve(import.meta.dirname, '../..');
// migrationFolders() reads prisma/migrations under the working directory.
process.chdir(root);

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ at: new Date().toISOString(), part: 'migrate', pid: process.pid, msg, ...extra }));

/** Postgres may still be starting (compose, a fresh cluster): retry the connection for a while. */
async function connect(url: string): Promise<pg.Client> {
  const deadline = Date.now() + CONNECT_FOR_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw err;
      log('database not reachable yet, retrying', { code: (err as { code?: string }).code });
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function pending(client: pg.Client): Promise<string[]> {
  let applied: AppliedMigration[] = [];
  try {
    applied = (await client.query<AppliedMigration>(APPLIED_MIGRATIONS_SQL)).rows;
  } catch (err) {
    if (!isMissingTable(err)) throw err;
  }
  return pendingMigrations(migrationFolders(), applied);
}

function prismaMigrateDeploy(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const url = env().DATABASE_URL;
  const client = await connect(url);
  try {
    const free = (await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [MIGRATION_LOCK_KEY])).rows[0].got;
    if (!free) {
      log('another replica is migrating; waiting for it');
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    const todo = await pending(client);
    if (todo.length === 0) {
      log('no pending migrations');
    } else {
      log('applying migrations', { pending: todo });
      const code = await prismaMigrateDeploy();
      if (code !== 0) {
        log('prisma migrate deploy failed', { code });
        return code;
      }
      const left = await pending(client);
      if (left.length > 0) {
        log('migrations still pending after migrate deploy', { pending: left });
        return 1;
      }
      log('migrations applied', { count: todo.length });
    }
    // Still under the lock, so two replicas never both see "no user yet": the first admin from
    // RIPOSTE_ADMIN_EMAIL/PASSWORD (server/services/users.ts; nothing when unset or users exist).
    await ensureAdminFromEnv();
    await db().$disconnect();
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    log('migration failed', { error: err.message });
    process.exit(1);
  },
);
