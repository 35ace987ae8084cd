// The container image's start sequence, run here with the very scripts the Dockerfile and
// docker-compose.yml call: migrate.sh against a fresh database, then web.sh and worker.sh as
// child processes on free ports, until /api/health and /api/ready are green; then a clean stop.
// And two replicas starting at once: one migrates, the other waits, nothing is applied twice.
import './setup-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { migrationFolders } from '@/server/health/migrations';
import type { Readiness } from '@/server/health/readiness';
import path from 'node:path';
import { dropDatabase, ensureStandaloneBuild, freePort, freshDatabase, root, startChild, startScript, waitFor, type Child } from './container-processes';

const TIMEOUT = 240_000;

function roleEnv(databaseUrl: string, port?: number): Record<string, string | undefined> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    RIPOSTE_QUEUE_PREFIX: `rseq-${randomBytes(4).toString('hex')}`,
    RIPOSTE_SECRET_KEY: process.env.RIPOSTE_SECRET_KEY,
    RIPOSTE_DEMO: 'off',
    PORT: port ? String(port) : undefined,
  };
}

async function readiness(port: number): Promise<{ status: number; body: Readiness }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
  return { status: res.status, body: (await res.json()) as Readiness };
}

async function waitHealthy(port: number, web: Child): Promise<void> {
  await waitFor(`web on ${port}`, async () => {
    if (web.process.exitCode !== null) throw new Error(`web exited early:\n${web.output()}`);
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok ? true : undefined;
  });
}

async function migrationRows(url: string): Promise<{ migration_name: string; finished: boolean; rolled_back: boolean }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations ORDER BY migration_name',
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** scripts/container/healthcheck.mjs, as docker-compose.yml runs it; its exit code. */
async function healthcheck(role: 'web' | 'worker', env: Record<string, string | undefined>): Promise<number | null> {
  return exitOf(startChild(process.execPath, [path.join(root, 'scripts/container/healthcheck.mjs'), role], env));
}

async function exitOf(child: Child): Promise<number | null> {
  return (await child.exited).code;
}

describe('container start sequence (scripts/container)', () => {
  const children: Child[] = [];
  const databases: string[] = [];
  const start = (role: 'migrate' | 'web' | 'worker', env: Record<string, string | undefined>) => {
    const child = startScript(role, env);
    children.push(child);
    return child;
  };

  beforeAll(() => ensureStandaloneBuild(), 600_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    for (const url of databases) await dropDatabase(url);
  });

  it('migrate → web → worker on a fresh database: health, then readiness, go green; SIGTERM stops both cleanly', { timeout: TIMEOUT }, async () => {
    const url = await freshDatabase('ops_seq');
    databases.push(url);
    const port = await freePort();
    const env = roleEnv(url, port);

    const migrate = start('migrate', env);
    expect(await exitOf(migrate), migrate.output()).toBe(0);
    expect(migrate.output()).toContain('"msg":"migrations applied"');

    const web = start('web', env);
    await waitHealthy(port, web);
    // No worker yet: not ready, and only because of that.
    const early = await readiness(port);
    expect(early.status).toBe(503);
    expect(early.body.checks).toMatchObject({ database: { ok: true }, redis: { ok: true }, migrations: { ok: true, pending: [] }, worker: { ok: false, processes: 0 } });

    const worker = start('worker', env);
    const ready = await waitFor('readiness', async () => {
      if (worker.process.exitCode !== null) throw new Error(`worker exited early:\n${worker.output()}`);
      const r = await readiness(port);
      return r.status === 200 ? r : undefined;
    });
    expect(ready.body).toMatchObject({ status: 'ready', checks: { worker: { ok: true, processes: 1 } } });
    // docker-compose.yml's health checks say the same.
    expect(await healthcheck('web', env)).toBe(0);
    expect(await healthcheck('worker', env)).toBe(0);

    const [workerExit, webExit] = await Promise.all([worker.stop(), web.stop()]);
    expect(workerExit, worker.output()).toEqual({ code: 0, signal: null });
    // Next's server exits 143 (128 + SIGTERM) after closing its listener on SIGTERM.
    expect([0, 143], JSON.stringify(webExit)).toContain(webExit.code);
    expect(worker.output()).toContain('worker stopping');
    // A clean stop removes the worker's heartbeat row.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const beats = await client.query('SELECT 1 FROM "WorkerHeartbeat"');
    await client.end();
    expect(beats.rowCount).toBe(0);
    expect(await healthcheck('worker', env)).toBe(1);
    expect(await healthcheck('web', env)).toBe(1);
  });

  it('concurrent start of two web processes migrates once', { timeout: TIMEOUT }, async () => {
    const url = await freshDatabase('ops_race');
    databases.push(url);
    const ports = [await freePort(), await freePort()];
    // Two replicas, each running its own migrate → web sequence, at the same moment.
    const replicas = await Promise.all(
      ports.map(async (port) => {
        const env = roleEnv(url, port);
        const migrate = start('migrate', env);
        const code = await exitOf(migrate);
        const web = code === 0 ? start('web', env) : null;
        if (web) await waitHealthy(port, web);
        return { port, code, migrate, web };
      }),
    );
    for (const r of replicas) expect(r.code, r.migrate.output()).toBe(0);
    const logs = replicas.map((r) => r.migrate.output());
    for (const log of logs) expect(log).not.toMatch(/error|P1002|failed/i);
    // Exactly one applied the migrations; the other waited for its lock and found nothing to do.
    expect(logs.filter((l) => l.includes('"msg":"migrations applied"'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('"msg":"another replica is migrating; waiting for it"'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('"msg":"no pending migrations"'))).toHaveLength(1);

    // Each shipped migration applied once, finished, never rolled back.
    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationFolders());
    expect(rows.every((r) => r.finished && !r.rolled_back)).toBe(true);

    // Both web processes serve and see the schema complete.
    for (const r of replicas) {
      const ready = await readiness(r.port);
      expect(ready.body.checks.migrations).toEqual({ ok: true, pending: [] });
      expect(ready.body.checks.database.ok).toBe(true);
    }
    await Promise.all(replicas.map((r) => r.web?.stop()));
  });
});
