// /api/metrics after a real run: poller → worker → simulator, then a scrape of the route handler.
import { describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { env, resetEnvCache } from '@/server/env';
import { QUEUES } from '@/server/queue/queues';
import { reconcileRuns, timeOutOverdueRuns } from '@/worker/reconcile';
import { GET } from '@/app/api/metrics/route';

const life = useHarness();
const TOKEN = 'metrics-token-for-the-test-0123';

function scrape(auth?: string): Promise<Response> {
  return GET(new Request('http://localhost/api/metrics', { headers: auth === undefined ? {} : { authorization: auth } }));
}

function withToken<T>(token: string | undefined, fn: () => Promise<T>): Promise<T> {
  const before = process.env.RIPOSTE_METRICS_TOKEN;
  if (token === undefined) delete process.env.RIPOSTE_METRICS_TOKEN;
  else process.env.RIPOSTE_METRICS_TOKEN = token;
  resetEnvCache();
  return fn().finally(() => {
    if (before === undefined) delete process.env.RIPOSTE_METRICS_TOKEN;
    else process.env.RIPOSTE_METRICS_TOKEN = before;
    resetEnvCache();
  });
}

/** A scrape's text with the test token set. */
function scrapeText(): Promise<string> {
  return withToken(TOKEN, async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    return res.text();
  });
}

/** The value of one sample line, e.g. `riposte_runs{flow_id="…",status="succeeded"}`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /api/metrics', () => {
  it('is 404 with a message while no token is configured, 401 for a wrong token', async () => {
    await withToken(undefined, async () => {
      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('RIPOSTE_METRICS_TOKEN');
    });
    await withToken(TOKEN, async () => {
      expect((await scrape()).status).toBe(401);
      expect((await scrape('Bearer wrong-token')).status).toBe(401);
    });
  });

  it('shows the run, its step durations, the queues and the poll lag after a real run', async () => {
    await life.startWorker();
    await life.h.raise('High');
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId: life.h.flowId, status: 'succeeded' }, include: { steps: true } });
      return r ?? null;
    });
    const text = await withToken(TOKEN, async () => {
      const res = await scrape(`Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      return res.text();
    });
    expect(sample(text, 'riposte_runs', { flow_id: life.h.flowId, status: 'succeeded' })).toBeGreaterThanOrEqual(1);
    const types = [...new Set(run.steps.filter((s) => s.finishedAt !== null && s.startedAt !== null).map((s) => s.type))];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      expect(sample(text, 'riposte_step_duration_seconds_count', { node_type: type })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'riposte_step_duration_seconds_bucket', { node_type: type, le: '+Inf' })).toBeGreaterThanOrEqual(1);
    }
    expect(sample(text, 'riposte_mde_calls_total', { status: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# HELP riposte_rate_limiter_total');
    expect(sample(text, 'riposte_queue_jobs', { queue: 'runs', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# HELP riposte_queue_oldest_waiting_seconds');
    expect(sample(text, 'riposte_poll_lag_seconds', { connection_id: life.h.defenderId })).toBeLessThan(600);
  });

  it('wakes a run asleep at a Delay whose job Redis lost, even when nothing else is queued or running', async () => {
    const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId }, select: { publishedVersionId: true } });
    const asleep = await db().run.create({
      data: { flowId: life.h.flowId, flowVersionId: flow.publishedVersionId ?? '', triggerKind: 'manual', triggerData: {}, status: 'waiting', createdAt: new Date(Date.now() - 60_000) },
      select: { id: true },
    });
    expect(await db().run.count({ where: { status: { in: ['queued', 'running'] } } })).toBe(0);
    const before = sample(await scrapeText(), 'riposte_reconciler_runs_total', { action: 'requeued', reason: 'wait_lost' }) ?? 0;
    const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX });
    try {
      const r = await reconcileRuns(queue, { olderThanMs: 5000 });
      expect(r.requeued).toEqual([asleep.id]);
      expect(await queue.getJobState(asleep.id)).not.toBe('unknown');
    } finally {
      await queue.close();
      await redis.quit();
    }
    expect((await db().run.findUniqueOrThrow({ where: { id: asleep.id } })).status).toBe('queued');
    expect(sample(await scrapeText(), 'riposte_reconciler_runs_total', { action: 'requeued', reason: 'wait_lost' })).toBe(before + 1);
  });

  it('counts the runs the reconciler re-enqueues and the reaper abandons or times out', async () => {
    const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId }, select: { publishedVersionId: true } });
    const old = new Date(Date.now() - 60_000);
    const run = (data: { status: 'queued' | 'running'; attempts?: number; deadlineAt?: Date }) =>
      db().run.create({ data: { flowId: life.h.flowId, flowVersionId: flow.publishedVersionId ?? '', triggerKind: 'manual', triggerData: {}, createdAt: old, ...data }, select: { id: true } });
    // No worker runs and Redis holds no job for these: a lost run, a poison run started 20 times,
    // and one past its deadline.
    const lost = await run({ status: 'queued' });
    const poison = await run({ status: 'running', attempts: 20 });
    const overdue = await run({ status: 'queued', deadlineAt: new Date(Date.now() - 1000) });
    const before = await scrapeText();
    const requeuedBefore = sample(before, 'riposte_reconciler_runs_total', { action: 'requeued', reason: 'job_missing' }) ?? 0;
    const abandonedBefore = sample(before, 'riposte_reaper_runs_total', { action: 'abandoned', reason: 'max_starts' }) ?? 0;
    const timedOutBefore = sample(before, 'riposte_reaper_runs_total', { action: 'timed_out', reason: 'deadline' }) ?? 0;
    expect(before).toContain('# HELP riposte_reconciler_runs_total');
    expect(before).toContain('# HELP riposte_reaper_runs_total');

    const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX });
    try {
      // The worker's maintenance tick: time-outs first would end `overdue` before the reconciler
      // sees it; here the reconciler re-enqueues it too, then the time-out ends it.
      const r = await reconcileRuns(queue, { olderThanMs: 5000 });
      expect(r.reaped).toEqual([poison.id]);
      expect(r.requeued.sort()).toEqual([lost.id, overdue.id].sort());
      expect(await timeOutOverdueRuns(queue)).toEqual([overdue.id]);
    } finally {
      await queue.close();
      await redis.quit();
    }

    const after = await scrapeText();
    expect(sample(after, 'riposte_reconciler_runs_total', { action: 'requeued', reason: 'job_missing' })).toBe(requeuedBefore + 2);
    expect(sample(after, 'riposte_reaper_runs_total', { action: 'abandoned', reason: 'max_starts' })).toBe(abandonedBefore + 1);
    expect(sample(after, 'riposte_reaper_runs_total', { action: 'timed_out', reason: 'deadline' })).toBe(timedOutBefore + 1);
    expect(sample(after, 'riposte_build_info', {})).toBe(1);

    // A second pass finds nothing lost (the jobs are back in Redis, the poison run ended): no move.
    const redis2 = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    const queue2 = new Queue(QUEUES.runs, { connection: redis2, prefix: env().RIPOSTE_QUEUE_PREFIX });
    try {
      expect(await reconcileRuns(queue2, { olderThanMs: 5000 })).toMatchObject({ requeued: [], reaped: [] });
    } finally {
      await queue2.close();
      await redis2.quit();
    }
    const again = await scrapeText();
    expect(sample(again, 'riposte_reconciler_runs_total', { action: 'requeued', reason: 'job_missing' })).toBe(requeuedBefore + 2);
    expect(sample(again, 'riposte_reaper_runs_total', { action: 'abandoned', reason: 'max_starts' })).toBe(abandonedBefore + 1);
  });
});
