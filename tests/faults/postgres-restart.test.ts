// Postgres restarted mid-load (issue 9): a private cluster (initdb into a temp dir, its own port;
// never the shared 5432) is stopped with `-m immediate` (every backend killed, as in a crash or
// failover) while runs execute, more alerts arrive while it is down, and it comes back. The worker
// processes and the web server (the production standalone build) must recover on their own:
// nobody restarts them. Zero runs lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { closeMailTransports } from '@/server/mail/mailer';
import type { Readiness } from '@/server/health/readiness';
import { flushQueues } from '../integration/harness';
import { ensureStandaloneBuild, freePort, startScript, type Child } from '../integration/container-processes';
import { allTerminal, isolationsPerRun, report, root, runsOf, sized, sleep, startFaultStack, tally, until, workerPool, type FaultStack } from './lib/faults-stack';
import { startPrivatePostgres, type PrivatePostgres } from './lib/faults-services';

const RUNS = sized(60, 600);
const DOWN_MS = sized(5_000, 30_000);
let stack: FaultStack;
let pg: PrivatePostgres;
let web: Child | null = null;
let webPort = 0;
const pool = workerPool();

async function readiness(): Promise<{ status: number; body: Readiness } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${webPort}/api/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as Readiness };
  } catch {
    return null;
  }
}

beforeAll(async () => {
  pg = await startPrivatePostgres('riposte_faults_pg');
  process.env.DATABASE_URL = pg.url;
  resetEnvCache();
  const env = { ...process.env, DATABASE_URL: pg.url };
  execFileSync('npx', ['tsx', 'scripts/ensure-db.ts'], { cwd: root, env, stdio: 'ignore' });
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env, stdio: 'ignore' });
  await flushQueues();
  stack = await startFaultStack({ machines: RUNS, actionResponseDelayMs: 200 });
  // The web server as production runs it (npm test builds it first; built here if stale).
  ensureStandaloneBuild();
  webPort = await freePort();
  web = startScript('web', { DATABASE_URL: pg.url, REDIS_URL: process.env.REDIS_URL, RIPOSTE_QUEUE_PREFIX: process.env.RIPOSTE_QUEUE_PREFIX, RIPOSTE_DEMO: 'off', PORT: String(webPort) });
}, 900_000);

afterAll(async () => {
  await pool.killAll();
  await web?.stop();
  closeMailTransports();
  await stack?.close();
  await flushQueues();
  await db().$disconnect();
  await pg?.destroy();
});

describe('Postgres restarted while runs execute', () => {
  it('the workers and the web recover without manual action and no run is lost', async () => {
    await Promise.all([pool.spawn(), pool.spawn()]);
    await until('web ready (database, Redis, a worker)', async () => (await readiness())?.status === 200, 120_000);

    const half = Math.floor(RUNS / 2);
    const alertIds = await stack.raise(0, half);
    await until('runs both finished and unfinished', async () => {
      const rs = await runsOf([stack.flowId]);
      return rs.some((x) => x.status === 'succeeded') && rs.filter((x) => x.status === 'queued' || x.status === 'running').length >= 5;
    }, 60_000, 50);
    const unfinishedAtCrash = (await runsOf([stack.flowId])).filter((x) => x.status === 'queued' || x.status === 'running').length;

    await pg.crash();
    const crashedAt = Date.now();
    // The web notices and says so (503, database check failing) instead of hanging or dying.
    const down = await until('web reports the database down', async () => {
      const r = await readiness();
      return r && r.status === 503 && !r.body.checks.database.ok ? r : null;
    }, 20_000);
    // Alerts keep arriving while the database is down.
    alertIds.push(...(await stack.raise(half, RUNS)));
    await sleep(Math.max(0, DOWN_MS - (Date.now() - crashedAt)));
    await pg.start();
    const restartedAt = Date.now();

    await until('web ready again', async () => (await readiness())?.status === 200, 90_000);
    const webRecoveredMs = Date.now() - restartedAt;
    const runs = await allTerminal([stack.flowId], RUNS, 180_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${pool.tail()}`);
    });
    const toTerminalMs = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? Date.now())) - restartedAt;
    const t = await tally(stack, [stack.flowId], alertIds);
    const isolations = await isolationsPerRun(stack, runs.map((r) => r.id));
    report('postgres-restart', { runs: t.runs, downMs: restartedAt - crashedAt, unfinishedAtCrash, lost: t.lost, doubleRuns: t.doubleRuns, duplicateIsolations: t.duplicateIsolations, byStatus: t.byStatus, webRecoveredMs, msToTerminalAfterRestart: toTerminalMs });

    expect(down.body.checks.database.ok).toBe(false);
    expect(t.lost).toBe(0);
    expect(t.doubleRuns).toBe(0);
    expect(t.byStatus).toEqual({ succeeded: RUNS });
    expect([...isolations.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(unfinishedAtCrash).toBeGreaterThanOrEqual(5);
    // Nobody restarted anything: the same two workers and the same web process are still up.
    expect(pool.alive()).toHaveLength(2);
    expect(web?.process.exitCode).toBeNull();
  });
});
