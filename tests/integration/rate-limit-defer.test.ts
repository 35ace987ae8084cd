// Waiting is not failing: a 429 with Retry-After from Defender, or the shared limiter's own long
// wait, moves the run's job to BullMQ's delayed set until then without using up an attempt, and
// the run resumes after its succeeded steps.
import { afterEach, beforeEach, afterAll, describe, expect, it } from 'vitest';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { eventually, flushQueues, startHarness, type Harness, type HarnessOptions } from './harness';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { QUEUES } from '@/server/queue/queues';
import { closeMailTransports } from '@/server/mail/mailer';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';

let h: Harness;
let worker: WorkerHandle | null = null;
let redis: Redis;
let queue: Queue;

async function setUp(opts: HarnessOptions = {}) {
  await flushQueues();
  h = await startHarness(opts);
  redis = new Redis(env().REDIS_URL);
  queue = new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX });
}

beforeEach(() => {
  worker = null;
});

afterEach(async () => {
  await worker?.close();
  closeMailTransports();
  await queue.close();
  await redis.quit();
  await h.close();
});

afterAll(async () => {
  await flushQueues();
  await db().$disconnect();
});

const succeededRuns = (n: number) =>
  eventually(async () => {
    const runs = await db().run.findMany({ where: { flowId: h.flowId }, include: { steps: true } });
    return runs.length === n && runs.every((r) => r.status === 'succeeded') ? runs : null;
  }, 40_000);

const job = async (runId: string): Promise<Job> => {
  const j = await queue.getJob(runId);
  if (!j) throw new Error(`no job for run ${runId}`);
  return j;
};

describe('Retry-After from Defender', () => {
  it('delays the job until then without consuming an attempt', async () => {
    await setUp();
    await h.raise('Low');
    await fetch(`${h.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/alerts/', method: 'GET', status: 429, code: 'TooManyRequests', retryAfterSeconds: 3, times: 1 }),
    });
    worker = await startWorker({ pollIntervalSeconds: 60, maintenanceEveryMs: 1000, log: () => undefined });
    const [run] = await succeededRuns(1);

    const gets = (await h.calls('/api/alerts/', 'GET')).filter((c) => !c.path.endsWith('/api/alerts'));
    expect(gets.map((c) => c.status)).toEqual([429, 200]);
    // Honoured: not sooner than Retry-After (3 s; longer than the worker sleeps in-process).
    expect(Date.parse(gets[1]!.at) - Date.parse(gets[0]!.at)).toBeGreaterThanOrEqual(3000);
    const j = await job(run!.id);
    expect(j.attemptsStarted).toBe(2);
    // The completion is the only attempt BullMQ counted; the wait was not a failed attempt.
    expect(j.attemptsMade).toBe(1);
    expect(j.failedReason).toBeFalsy();
    // Nor does the run count it: the next execution is attempt 1 again, not a resume to reconcile.
    expect(run!.attempts).toBe(1);
    expect(run!.steps.find((s) => s.nodeId === 'get_alert')?.attempt).toBe(1);
  });

  it('still fails a permanent 4xx at once, with no retry', async () => {
    await setUp();
    await h.raise('Low');
    await fetch(`${h.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/alerts/', method: 'GET', status: 403, code: 'Forbidden', times: 5 }),
    });
    worker = await startWorker({ pollIntervalSeconds: 60, maintenanceEveryMs: 1000, log: () => undefined });
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId: h.flowId } });
      return r && r.status === 'failed' ? r : null;
    });
    expect(run.error).toMatchObject({ nodeId: 'get_alert', code: 'Forbidden' });
    expect(run.attempts).toBe(1);
    expect((await h.calls('/api/alerts/', 'GET')).filter((c) => !c.path.endsWith('/api/alerts'))).toHaveLength(1);
  });
});

describe('the shared limiter', () => {
  it('delays a run whose wait is long, without an attempt, and never redoes its succeeded steps', async () => {
    // Machine actions: 2 calls per (scaled) 5 s "minute", enforced by the simulator and known to the connection.
    const windows = { minuteMs: 5000, hourMs: 600_000 };
    await setUp({
      rateLimitPerMinute: 100,
      simRateLimits: { rateLimits: { machines: { perMinute: 2 } }, rateLimitWindows: windows },
      connectionRateLimits: { rateLimits: { machines: { perMinute: 2 } }, rateLimitWindows: { ...windows, marginMs: 200 } },
    });
    const machines = (await (await fetch(`${h.sim.url}/_sim/machines`)).json()) as { id: string }[];
    const alerts = [];
    for (const m of machines.slice(0, 3)) {
      const res = await fetch(`${h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High', machineId: m.id }) });
      alerts.push((await res.json()) as { id: string });
    }
    worker = await startWorker({ pollIntervalSeconds: 60, maintenanceEveryMs: 1000, log: () => undefined });
    const runs = await succeededRuns(3);

    // Three isolations on a budget of two: one run waited for the next window (a delayed job)…
    const jobs = await Promise.all(runs.map((r) => job(r.id)));
    expect(jobs.filter((j) => j.attemptsStarted > 1).length).toBeGreaterThanOrEqual(1);
    expect(jobs.map((j) => [j.attemptsMade, j.failedReason ?? null])).toEqual([[1, null], [1, null], [1, null]]);
    // …Defender never refused a call…
    const view = (await (await fetch(`${h.sim.url}/_sim/rate-limits`)).json()) as { throttled: { total: number } };
    expect(view.throttled.total).toBe(0);
    // …and the waiting run did not read its alert again or isolate twice.
    const gets = (await h.calls('/api/alerts/', 'GET')).filter((c) => !c.path.endsWith('/api/alerts'));
    expect(gets.map((c) => c.path).sort()).toEqual(alerts.map((a) => `/api/alerts/${a.id}`).sort());
    expect(await h.calls('/isolate', 'POST')).toHaveLength(3);
    // The delayed isolate was never sent, so its run did not look for an earlier isolation first.
    expect(await h.calls('/api/machineactions', 'GET')).toHaveLength(0);
    expect(runs.map((r) => r.attempts)).toEqual([1, 1, 1]);
    expect(runs.every((r) => r.steps.find((s) => s.nodeId === 'notify_soc')?.status === 'succeeded')).toBe(true);
  });
});
