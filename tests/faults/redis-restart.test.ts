// Redis restarted EMPTY mid-load (issue 9): a private redis-server (never the shared one) is
// killed while runs execute and a fresh one with no keys takes its place. The queues, job locks,
// the poll scheduler and the rate limiter's state are gone; Postgres still holds every run, and
// the reconciler must enqueue again whatever was queued or running. Zero runs lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import { resetEnvCache } from '@/server/env';
import { closeMailTransports } from '@/server/mail/mailer';
import { allTerminal, isolationsPerRun, report, runsOf, sized, startFaultStack, tally, until, workerPool, type FaultStack } from './lib/faults-stack';
import { startPrivateRedis, type PrivateRedis } from './lib/faults-services';

const RUNS = sized(100, 1000);
const RESTARTS = sized(1, 3);
let stack: FaultStack;
let redis: PrivateRedis;
const pool = workerPool();

beforeAll(async () => {
  redis = await startPrivateRedis();
  // This file's processes (and the workers, which inherit the environment) use only that server.
  process.env.REDIS_URL = redis.url;
  resetEnvCache();
  stack = await startFaultStack({ machines: RUNS, actionResponseDelayMs: 200 });
});

afterAll(async () => {
  await pool.killAll();
  closeMailTransports();
  await stack?.close();
  await redis?.stop();
  await db().$disconnect();
});

describe('Redis restarted empty while runs execute', () => {
  it('loses no run: the reconciler enqueues again from Postgres', async () => {
    await Promise.all([pool.spawn(), pool.spawn()]);
    const alertIds: string[] = [];
    const slice = Math.ceil(RUNS / (RESTARTS + 1));
    let inFlightAtRestart = 0;
    let restartedAt = 0;
    for (let r = 0; r < RESTARTS; r++) {
      alertIds.push(...(await stack.raise(r * slice, (r + 1) * slice)));
      // Mid-load: some runs of this slice done, others queued or running.
      await until('runs both finished and unfinished', async () => {
        const rs = await runsOf([stack.flowId]);
        return rs.some((x) => x.status === 'succeeded') && rs.filter((x) => x.status === 'queued' || x.status === 'running').length >= 5;
      }, 60_000, 50);
      inFlightAtRestart += (await runsOf([stack.flowId])).filter((x) => x.status === 'queued' || x.status === 'running').length;
      await redis.restartEmpty();
      restartedAt = Date.now();
    }
    alertIds.push(...(await stack.raise(RESTARTS * slice, RUNS)));

    const runs = await allTerminal([stack.flowId], RUNS, 180_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${pool.tail()}`);
    });
    const toTerminalMs = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? Date.now())) - restartedAt;
    const t = await tally(stack, [stack.flowId], alertIds);
    const isolations = await isolationsPerRun(stack, runs.map((r) => r.id));
    report('redis-restart', { runs: t.runs, restarts: RESTARTS, unfinishedAtRestarts: inFlightAtRestart, lost: t.lost, doubleRuns: t.doubleRuns, duplicateIsolations: t.duplicateIsolations, byStatus: t.byStatus, msToTerminalAfterLastRestart: toTerminalMs });

    expect(alertIds).toHaveLength(RUNS);
    expect(t.lost).toBe(0);
    expect(t.doubleRuns).toBe(0);
    expect(t.byStatus).toEqual({ succeeded: RUNS });
    expect([...isolations.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(inFlightAtRestart).toBeGreaterThanOrEqual(5 * RESTARTS);
    // Both workers survived the outage (they reconnect; no manual restart).
    expect(pool.alive()).toHaveLength(2);
  });
});
