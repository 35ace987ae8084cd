// A burst of 2,000 alerts against a simulator that enforces (scaled) MDE rate limits: the shared
// limiter queues the calls, every run succeeds, no attempt is used up and Defender never has to
// answer 429. Time is scaled: a "minute" of 2 s holding 200 calls, so the burst is 10× the budget.
// The connection's margin (1 s) absorbs the delay between booking a slot and the request
// reaching the simulator, which runs in this same, busy process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { runsAlone } from './runs-alone';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { QUEUES } from '@/server/queue/queues';
import { closeMailTransports } from '@/server/mail/mailer';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';

const BURST = 2000;
const limits = { alerts: { perMinute: 200, perHour: 100_000 } };
let h: Harness;
let worker: WorkerHandle | null = null;

runsAlone();

beforeAll(async () => {
  await flushQueues();
  h = await startHarness({
    rateLimitPerMinute: 100,
    simRateLimits: { rateLimits: limits, rateLimitWindows: { minuteMs: 2000, hourMs: 600_000 } },
    connectionRateLimits: { rateLimits: limits, rateLimitWindows: { minuteMs: 2000, hourMs: 600_000, marginMs: 1000 } },
  });
});

afterAll(async () => {
  await worker?.close();
  closeMailTransports();
  await h.close();
  await flushQueues();
  await db().$disconnect();
});

interface RateLimitView {
  throttled: { total: number; byFamily: Record<string, number> };
}

describe('a burst of alerts', () => {
  // The limiter's pace is 200 calls per 3 s (≈ 30 s for the burst); the generous timeout only
  // keeps a heavily loaded machine, where the worker itself is slower, from failing it.
  it('queues and drains without a single run failing and without a 429', { timeout: 100_000 }, async () => {
    // Low severity: the seed flow reads each alert (one alerts-API call per run) and stops.
    const res = await fetch(`${h.sim.url}/_sim/alerts/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: BURST, severity: 'Low' }) });
    const { ids } = (await res.json()) as { ids: string[] };
    expect(ids).toHaveLength(BURST);

    worker = await startWorker({ pollIntervalSeconds: 60, maintenanceEveryMs: 1000, log: () => undefined });
    await eventually(async () => (await db().run.count({ where: { flowId: h.flowId, status: { in: ['succeeded', 'failed'] } } })) === BURST, 90_000, 250);

    expect(await db().run.count({ where: { flowId: h.flowId } })).toBe(BURST);
    expect(await db().run.count({ where: { flowId: h.flowId, status: 'failed' } })).toBe(0);
    expect(await db().run.count({ where: { flowId: h.flowId, status: 'succeeded' } })).toBe(BURST);

    // Defender never had to refuse a call: the limiter kept every call inside the budget.
    const view = (await (await fetch(`${h.sim.url}/_sim/rate-limits`)).json()) as RateLimitView;
    expect(view.throttled.total).toBe(0);
    const gets = (await h.calls('/api/alerts/', 'GET')).filter((c) => !c.path.endsWith('/api/alerts'));
    expect(gets).toHaveLength(BURST);
    expect(new Set(gets.map((c) => c.path)).size).toBe(BURST);
    expect(gets.every((c) => c.status === 200)).toBe(true);

    // No job used up an attempt.
    const redis = new Redis(env().REDIS_URL);
    const queue = new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX });
    const jobs = await queue.getJobs(['completed'], 0, BURST);
    expect(jobs).toHaveLength(BURST);
    // BullMQ counts the completion itself as the one attempt made; a failed attempt would add one.
    expect(jobs.filter((j) => j.attemptsMade !== 1 || j.failedReason).map((j) => j.id)).toEqual([]);
    await queue.close();
    await redis.quit();
  });
});
