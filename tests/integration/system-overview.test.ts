// The admin System page's data (systemOverview, also GET /api/v1/system) on real Postgres, Redis
// and the simulator: heartbeats with the stale one flagged, queue depths and the oldest job's
// age, poll lag per tenant before and after a poll, the worker counters, the same run and lag
// figures a /api/metrics scrape reports, and a Redis outage confined to the Redis sections.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { createQueues, enqueueRuns } from '@/server/queue/queues';
import { redisCounters } from '@/server/metrics/counters';
import { systemOverview, type Section, type SystemOverview } from '@/server/metrics/system-overview';
import { metricsRegistry } from '@/server/metrics/collect';
import { APP_VERSION } from '@/server/metrics/version';
import { webQueues, webRedis } from '@/server/queue/web-queues';
import { startHeartbeat } from '@/worker/heartbeat';
import { pollConnection } from '@/worker/poll-alerts';
import { GET } from '@/app/api/v1/system/route';
import { NextRequest } from 'next/server';

const life = useHarness();

function data<T>(s: Section<T>): T {
  if (!s.ok) throw new Error(`section failed: ${s.error}`);
  return s.data;
}

const overview = (now?: Date): Promise<SystemOverview> => systemOverview({ queues: webQueues(), redis: webRedis(), now });

async function queuedRun(): Promise<string> {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId }, select: { publishedVersionId: true } });
  const run = await db().run.create({ data: { flowId: life.h.flowId, flowVersionId: flow.publishedVersionId ?? '', triggerKind: 'manual', triggerData: {} }, select: { id: true } });
  return run.id;
}

describe('systemOverview (the System page)', () => {
  it('lists worker heartbeats, flagging the one that stopped beating', async () => {
    await db().workerHeartbeat.deleteMany();
    const beat = await startHeartbeat({ everyMs: 60_000 });
    const deadId = randomUUID();
    await db().workerHeartbeat.create({ data: { id: deadId, host: 'gone-host', pid: 4242, startedAt: new Date(Date.now() - 3_600_000), lastBeatAt: new Date(Date.now() - 5 * 60_000) } });
    try {
      const o = await overview();
      const workers = data(o.workers);
      expect(workers.map((w) => w.id)).toEqual([beat.id, deadId]);
      expect(workers[0]).toMatchObject({ pid: process.pid, stale: false });
      expect(workers[1]).toMatchObject({ host: 'gone-host', pid: 4242, stale: true });
      expect(o.workerSeenWithinSeconds).toBe(60);
      expect(o.version).toBe(APP_VERSION);
      expect(o.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await beat.stop();
      await db().workerHeartbeat.deleteMany();
    }
    expect(data((await overview()).workers)).toEqual([]);
  });

  it('shows queue depths and the oldest waiting job, and the runs the metrics count', async () => {
    const a = await queuedRun();
    const b = await queuedRun();
    await enqueueRuns(webQueues().runs, [a, b]);
    const o = await overview(new Date(Date.now() + 90_000));
    const queues = data(o.queues);
    expect(queues.map((q) => q.queue)).toEqual(['runs', 'poll', 'maintenance', 'schedule']);
    const runs = queues.find((q) => q.queue === 'runs');
    expect(runs?.counts).toMatchObject({ waiting: 2, active: 0, failed: 0 });
    // Read 90 s "later": the oldest job is about that old.
    expect(runs?.oldestWaitingSeconds).toBeGreaterThanOrEqual(89);
    expect(runs?.oldestWaitingSeconds).toBeLessThan(120);
    expect(queues.find((q) => q.queue === 'poll')?.oldestWaitingSeconds).toBe(0);

    const flowRow = data(o.runs).find((r) => r.flowId === life.h.flowId);
    expect(flowRow).toMatchObject({ flowName: expect.any(String), counts: { queued: 2 }, total: 2 });

    // The same figures as a scrape: one code path (server/metrics/readers.ts).
    const metrics = await metricsRegistry(webQueues(), webRedis()).getMetricsAsJSON();
    const runGauge = metrics.find((m) => m.name === 'riposte_runs');
    expect(runGauge?.values.find((v) => v.labels.flow_id === life.h.flowId && v.labels.status === 'queued')?.value).toBe(2);
    const jobs = metrics.find((m) => m.name === 'riposte_queue_jobs');
    expect(jobs?.values.find((v) => v.labels.queue === 'runs' && v.labels.state === 'waiting')?.value).toBe(runs?.counts.waiting);
  });

  it('shows poll lag per tenant: not polled, then the watermark the metric reports', async () => {
    const before = data((await overview()).pollLag);
    expect(before).toEqual([
      expect.objectContaining({ connectionId: life.h.defenderId, name: 'Sim', tenantId: 'c0ffee00-0000-4000-8000-000000000001', watermark: null, lagSeconds: null, polledAt: null, pollingStalled: false }),
    ]);

    await life.h.raise('Low');
    await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    const after = data((await overview()).pollLag);
    expect(after).toHaveLength(1);
    const row = after[0];
    expect(row.polledAt).not.toBeNull();
    expect(row.pollingStalled).toBe(false);
    expect(row.lagSeconds).not.toBeNull();
    expect(row.lagSeconds).toBeLessThan(600);
    const cursor = await db().alertCursor.findUniqueOrThrow({ where: { connectionId: life.h.defenderId } });
    expect(row.watermark).toBe(cursor.watermark.toISOString());

    const metrics = await metricsRegistry(webQueues(), webRedis()).getMetricsAsJSON();
    const lag = metrics.find((m) => m.name === 'riposte_poll_lag_seconds')?.values.find((v) => v.labels.connection_id === life.h.defenderId)?.value;
    expect(lag).toBeDefined();
    expect(Math.abs((lag ?? 0) - (row.lagSeconds ?? 0))).toBeLessThan(5);

    // Ten minutes on without a poll, it is flagged as stalled.
    const later = data((await overview(new Date(Date.now() + 10 * 60_000))).pollLag);
    expect(later[0].pollingStalled).toBe(true);
  });

  it('shows the worker counters, reconciler and reaper included', async () => {
    const counters = redisCounters(webRedis(), env().RIPOSTE_QUEUE_PREFIX);
    await counters.add('reconciler', 'requeued|job_missing', 3);
    await counters.add('reaper', 'abandoned|max_starts', 1);
    await counters.add('mdeCalls', 'alerts|429', 2);
    const rows = data((await overview()).counters);
    expect(rows.map((r) => r.metric)).toEqual(['riposte_mde_calls_total', 'riposte_rate_limiter_total', 'riposte_reconciler_runs_total', 'riposte_reaper_runs_total']);
    expect(rows.find((r) => r.metric === 'riposte_reconciler_runs_total')).toMatchObject({ labelNames: ['action', 'reason'], values: [{ labels: ['requeued', 'job_missing'], value: 3 }] });
    expect(rows.find((r) => r.metric === 'riposte_reaper_runs_total')?.values).toEqual([{ labels: ['abandoned', 'max_starts'], value: 1 }]);
    expect(rows.find((r) => r.metric === 'riposte_mde_calls_total')?.values).toContainEqual({ labels: ['alerts', '429'], value: 2 });
    expect(rows.find((r) => r.metric === 'riposte_rate_limiter_total')?.values).toEqual([]);
  });

  it('keeps the database sections when Redis is unreachable, and says why the others failed', async () => {
    // Nothing listens on port 1: connection refused, at once.
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true, enableOfflineQueue: true });
    dead.on('error', () => undefined);
    const queues = createQueues(dead);
    for (const q of [queues.runs, queues.poll, queues.maintenance, queues.schedule]) q.on('error', () => undefined);
    try {
      const o = await systemOverview({ queues, redis: dead, timeoutMs: 1500 });
      expect(o.queues.ok).toBe(false);
      expect(o.counters.ok).toBe(false);
      const errors = [o.queues, o.counters].map((s) => (s.ok ? '' : s.error));
      for (const e of errors) {
        expect(e).toMatch(/connection refused|timed out|closed/i);
        expect(e).not.toContain('127.0.0.1');
      }
      expect(o.workers.ok).toBe(true);
      expect(o.pollLag.ok).toBe(true);
      expect(o.runs.ok).toBe(true);
      expect(o.steps.ok).toBe(true);
    } finally {
      await queues.close().catch(() => undefined);
      dead.disconnect();
    }
  });

  it('is served at GET /api/v1/system to admins only', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const make = async (role: 'admin' | 'viewer') => {
      const user = await db().user.create({ data: { email: `${role}-${randomUUID()}@system.test`, passwordHash: 'not-a-hash', role } });
      const token = `rps_${randomBytes(32).toString('base64url')}`;
      await db().session.create({ data: { tokenHash: createHash('sha256').update(token).digest('hex'), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
      return token;
    };
    const call = (token: string) => GET(new NextRequest('http://localhost/api/v1/system', { headers: { cookie: `riposte_session=${token}` } }), { params: Promise.resolve({}) });
    const admin = await call(await make('admin'));
    expect(admin.status).toBe(200);
    const body = (await admin.json()) as SystemOverview;
    expect(body.version).toBe(APP_VERSION);
    expect(body.queues.ok).toBe(true);
    expect((await call(await make('viewer'))).status).toBe(403);
  });
});
