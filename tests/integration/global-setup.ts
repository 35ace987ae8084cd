// Integration (and fault) tests run against dedicated databases. TEST_DATABASE_URL (default
// riposte_test) is created and migrated once and then serves as a template: the project gets one
// copy per vitest worker, `<name>_<project>_<n>` (CREATE DATABASE … TEMPLATE, well under a
// second), so test files can run in parallel without truncating each other's rows. setup-env.ts
// leases a free copy to each test file's process; Redis keys are kept apart by the queue prefix it
// sets. The copies are made afresh on every run, so they always match the schema.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The project's copies of the test database, one per worker (setup-env.ts leases them). */
    riposteTestDatabases: string[];
  }
}

const root = path.resolve(import.meta.dirname, '../..');
const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/riposte_test';

function withDatabase(url: URL, name: string): URL {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u;
}

/** How many workers vitest runs this project with (its own resolution, cli-api resolveMaxWorkers). */
function workerCount(project: TestProject): number {
  const configured = project.config.maxWorkers || project.vitest.config.maxWorkers;
  if (configured) return configured;
  return project.vitest.config.watch ? Math.max(Math.floor(availableParallelism() / 2), 1) : Math.max(availableParallelism() - 1, 1);
}

/**
 * True when every migration folder is applied, finished and unchanged (Prisma's checksum is the
 * SHA-256 of migration.sql), so `prisma migrate deploy` (10–60 s with the wasm engine) can be
 * skipped. Anything else, including a missing table, runs it.
 */
async function migrationsCurrent(url: URL): Promise<boolean> {
  const dir = path.join(root, 'prisma/migrations');
  const folders = readdirSync(dir).filter((f) => existsSync(path.join(dir, f, 'migration.sql')));
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    return (
      applied.size === folders.length &&
      folders.every((f) => applied.get(f) === createHash('sha256').update(readFileSync(path.join(dir, f, 'migration.sql'))).digest('hex'))
    );
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE … TEMPLATE fails while anyone else is connected to the template: retry briefly. */
async function cloneDatabase(admin: pg.Client, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 40) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const base = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_URL);
  const template = base.pathname.slice(1);
  const suffix = project.name.replace(/[^A-Za-z0-9]/g, '_') || 'tests';
  if (!/^[A-Za-z0-9_]+$/.test(template) || template.length + suffix.length + 4 > 63) throw new Error(`Unsupported test database name: ${template}`);

  const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres').toString() });
  await admin.connect();
  try {
    // The integration and faults projects' setups may run at once: one migrates or clones at a time.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [`riposte-test-template:${template}`]);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${template}"`);
    if (!(await migrationsCurrent(base))) {
      execSync('npx prisma migrate deploy', { cwd: root, env: { ...process.env, DATABASE_URL: base.toString() }, stdio: 'ignore' });
    }
    const urls: string[] = [];
    for (let poolId = 1; poolId <= workerCount(project); poolId++) {
      const name = `${template}_${suffix}_${poolId}`;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cloneDatabase(admin, template, name);
      urls.push(withDatabase(base, name).toString());
    }
    project.provide('riposteTestDatabases', urls);
  } finally {
    await admin.end();
  }
}
