// The SOC dashboard's figures on real Postgres and Redis, from seeded runs with known times:
// exact median and p95 time to containment, runs per bucket by status, alerts handled, top
// failing flows with their most common error, quota usage read from the limiter, approvals.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { flushQueues, resetDatabase } from './harness';
import { db, type Prisma } from '@/server/db/client';
import { env } from '@/server/env';
import { createFlow, publishFlow } from '@/server/services/flows';
import { createConnection } from '@/server/services/connections';
import { buildSeedFlow } from '@/core/testing/builders';
import { containmentTimes, pendingApprovals, rangeSpec, runsOverTime, runTotals, topFailingFlows } from '@/server/services/dashboard';
import { defenderQuota } from '@/server/services/defender-quota';
import { createSlidingWindowLimiter, familyWindows, rateLimitKey } from '@/server/defender/rate-limit';

const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface F {
  id: string;
  versionId: string;
}

async function flow(name: string): Promise<F> {
  const f = await createFlow(null, { name, graph: buildSeedFlow() });
  await publishFlow(null, f.id);
  const row = await db().flow.findUniqueOrThrow({ where: { id: f.id } });
  return { id: f.id, versionId: row.publishedVersionId as string };
}

interface StepSpec {
  type: string;
  status?: 'succeeded' | 'failed';
  /** The machine action's creationDateTimeUtc, or none. */
  actionAt?: Date;
  finishedAt?: Date;
  error?: Prisma.InputJsonValue;
}

async function run(
  f: F,
  opts: { alertId?: string; alertCreatedAt?: Date; kind?: string; createdAt?: Date; status?: Prisma.RunCreateInput['status']; error?: Prisma.InputJsonValue; steps?: StepSpec[] },
): Promise<string> {
  const id = randomUUID();
  const kind = opts.kind ?? 'alert';
  await db().run.create({
    data: {
      id,
      flowId: f.id,
      flowVersionId: f.versionId,
      status: opts.status ?? 'succeeded',
      triggerKind: kind,
      alertId: kind === 'alert' ? (opts.alertId ?? null) : null,
      triggerKey: kind === 'alertUpdated' ? `${opts.alertId}@${randomUUID()}` : null,
      triggerData: { id: opts.alertId ?? null, alertCreationTime: opts.alertCreatedAt?.toISOString() ?? null },
      createdAt: opts.createdAt ?? opts.alertCreatedAt ?? ago(HOUR),
      ...(opts.error !== undefined ? { error: opts.error } : {}),
      steps: {
        create: (opts.steps ?? []).map((s, i) => ({
          nodeId: `s${i}`,
          type: s.type,
          status: s.status ?? 'succeeded',
          seq: i,
          output: s.actionAt ? { id: randomUUID(), type: 'Isolate', creationDateTimeUtc: s.actionAt.toISOString() } : {},
          finishedAt: s.finishedAt ?? s.actionAt ?? null,
          ...(s.error !== undefined ? { error: s.error } : {}),
        })),
      },
    },
  });
  return id;
}

beforeEach(async () => {
  await resetDatabase();
});
afterAll(async () => {
  await flushQueues();
  await db().$disconnect();
});

describe('time from alert to first containment', () => {
  it('is the exact median and p95 over alerts, from the first successful containment of any run', async () => {
    const a = await flow('Isolate');
    const b = await flow('Quarantine');
    const t0 = ago(2 * DAY);
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    // Five alerts contained after 60, 120, 180, 240 and 600 s.
    await run(a, { alertId: 'A1', alertCreatedAt: t0, steps: [{ type: 'defender.isolateMachine', actionAt: at(60) }, { type: 'defender.restrictAppExecution', actionAt: at(90) }] });
    await run(a, { alertId: 'A2', alertCreatedAt: t0, steps: [{ type: 'defender.isolateMachine', actionAt: at(300) }] });
    await run(b, { alertId: 'A2', alertCreatedAt: t0, steps: [{ type: 'defender.stopAndQuarantineFile', actionAt: at(120) }] });
    // No machine action in the output: the step's finish time counts.
    await run(a, { alertId: 'A3', alertCreatedAt: t0, steps: [{ type: 'defender.isolateMachine', finishedAt: at(180) }] });
    // A failed isolation does not contain anything.
    await run(a, {
      alertId: 'A4', alertCreatedAt: t0,
      steps: [{ type: 'defender.isolateMachine', status: 'failed', finishedAt: at(10) }, { type: 'defender.restrictAppExecution', actionAt: at(240) }],
    });
    // An "alert updated" run for the fifth alert.
    await run(b, { alertId: 'A5', alertCreatedAt: t0, kind: 'alertUpdated', steps: [{ type: 'defender.isolateMachine', actionAt: at(600) }] });
    // Left out: a manual test run, a run with no containment step, a containment older than the
    // alert, a run before the range, and a trigger time that is not a time.
    await run(a, { alertId: 'A6', alertCreatedAt: t0, kind: 'manual', steps: [{ type: 'defender.isolateMachine', actionAt: at(5) }] });
    await run(a, { alertId: 'A7', alertCreatedAt: t0, steps: [{ type: 'defender.getAlert', actionAt: at(1) }] });
    await run(a, { alertId: 'A8', alertCreatedAt: t0, steps: [{ type: 'defender.isolateMachine', actionAt: at(-30) }] });
    await run(a, { alertId: 'A9', alertCreatedAt: ago(40 * DAY), steps: [{ type: 'defender.isolateMachine', actionAt: new Date(now.getTime() - 40 * DAY + 1000) }] });
    const odd = await run(a, { alertId: 'A10', alertCreatedAt: t0, steps: [{ type: 'defender.isolateMachine', actionAt: at(2) }] });
    await db().run.update({ where: { id: odd }, data: { triggerData: { id: 'A10', alertCreationTime: 'yesterday' } } });

    const stats = await containmentTimes(rangeSpec('30d', now));
    // percentile_cont: median = 180 s; p95 = 240 + 0.8 × (600 − 240) = 528 s.
    expect(stats).toEqual({ alerts: 5, medianMs: 180_000, p95Ms: 528_000 });
    // The 24 h range holds none of these runs.
    expect(await containmentTimes(rangeSpec('24h', now))).toEqual({ alerts: 0, medianMs: null, p95Ms: null });
  });
});

describe('runs over time and totals', () => {
  it('groups runs by UTC day and status, empty days included, and counts distinct alerts', async () => {
    const a = await flow('Isolate');
    const spec = rangeSpec('7d', now);
    expect(spec.buckets).toHaveLength(7);
    const inBucket = (i: number) => new Date(Math.min(now.getTime() - 1000, spec.buckets[i].getTime() + MIN));
    await run(a, { alertId: 'X1', createdAt: inBucket(6), status: 'succeeded' });
    await run(a, { alertId: 'X2', createdAt: inBucket(6), status: 'failed' });
    await run(a, { alertId: 'X2', createdAt: inBucket(6), status: 'timed_out', kind: 'alertUpdated' });
    await run(a, { alertId: 'X3', createdAt: inBucket(2), status: 'succeeded' });
    await run(a, { createdAt: inBucket(0), status: 'cancelled', kind: 'manual' });
    await run(a, { alertId: 'OLD', createdAt: new Date(spec.since.getTime() - 1000), status: 'failed' });

    const buckets = await runsOverTime(spec);
    expect(buckets.map((b) => b.at)).toEqual(spec.buckets.map((d) => d.toISOString()));
    expect(buckets.map((b) => b.total)).toEqual([1, 0, 1, 0, 0, 0, 3]);
    expect(buckets[6]).toMatchObject({ succeeded: 1, failed: 1, timed_out: 1, running: 0 });
    expect(buckets[0]).toMatchObject({ cancelled: 1, total: 1 });

    const totals = await runTotals(spec);
    expect(totals).toMatchObject({ total: 5, succeeded: 2, failed: 1, timed_out: 1, cancelled: 1, alertsHandled: 3 });
  });

  it('buckets the last 24 hours by hour', async () => {
    const a = await flow('Isolate');
    const spec = rangeSpec('24h', now);
    expect(spec.buckets).toHaveLength(24);
    await run(a, { alertId: 'H1', createdAt: ago(2 * HOUR), status: 'succeeded' });
    await run(a, { alertId: 'H2', createdAt: ago(25 * HOUR), status: 'succeeded' });
    const buckets = await runsOverTime(spec);
    expect(buckets.reduce((n, b) => n + b.total, 0)).toBe(1);
    expect(buckets[21].succeeded).toBe(1);
  });
});

describe('top failing flows', () => {
  it('ranks flows by failures and names their most common error with its latest message', async () => {
    const x = await flow('Isolate');
    const y = await flow('Email');
    const z = await flow('Healthy');
    await run(x, { status: 'failed', createdAt: ago(5 * HOUR), error: { code: 'Forbidden', message: 'old message' } });
    await run(x, { status: 'failed', createdAt: ago(3 * HOUR), error: { code: 'Forbidden', message: 'Missing Machine.Isolate' } });
    await run(x, { status: 'timed_out', createdAt: ago(1 * HOUR), error: { code: 'RunTimedOut', message: 'time limit' } });
    await run(x, { status: 'succeeded', createdAt: ago(HOUR) });
    // No run-level error: the last failed step's error is used.
    await run(y, { status: 'failed', createdAt: ago(2 * HOUR), steps: [{ type: 'email.send', status: 'failed', error: { code: 'SmtpRejected', message: '550 no such user' } }] });
    await run(z, { status: 'succeeded', createdAt: ago(HOUR) });

    const top = await topFailingFlows(rangeSpec('7d', now));
    expect(top).toEqual([
      { flowId: x.id, flowName: 'Isolate', failures: 3, runs: 4, topError: { code: 'Forbidden', message: 'Missing Machine.Isolate', count: 2 }, lastFailureAt: ago(HOUR).toISOString() },
      { flowId: y.id, flowName: 'Email', failures: 1, runs: 1, topError: { code: 'SmtpRejected', message: '550 no such user', count: 1 }, lastFailureAt: ago(2 * HOUR).toISOString() },
    ]);
    expect(await topFailingFlows(rangeSpec('7d', now), 1)).toHaveLength(1);
  });
});

describe('Defender quota and approvals', () => {
  it('reads used/limit per family per tenant from the limiter, and a hold-off', async () => {
    const tenantId = 'c0ffee00-0000-4000-8000-0000000000aa';
    const conn = await createConnection(null, { kind: 'defender', name: 'Contoso', tenantId, clientId: 'c', clientSecret: 's', rateLimits: { hunting: { perMinute: 10 } } });
    await createConnection(null, { kind: 'defender', name: 'Contoso (second app)', tenantId, clientId: 'c2', clientSecret: 's' });
    const redis = new Redis(env().REDIS_URL);
    try {
      const limiter = createSlidingWindowLimiter(redis);
      const windows = familyWindows({ hunting: { perMinute: 10 } });
      const key = (f: 'machines' | 'hunting') => rateLimitKey(env().RIPOSTE_QUEUE_PREFIX, tenantId, f);
      for (let i = 0; i < 3; i++) await limiter.reserve(key('machines'), windows.machines, 0);
      await limiter.reserve(key('hunting'), windows.hunting, 0);
      await limiter.holdOff(key('hunting'), 30_000);

      const quota = await defenderQuota(redis);
      if (!quota.ok) throw new Error(quota.error);
      expect(quota.tenants).toHaveLength(1);
      const [t] = quota.tenants;
      expect(t.tenantId).toBe(tenantId);
      expect(t.connections.map((c) => c.name)).toEqual(['Contoso', 'Contoso (second app)']);
      expect(t.connections[0].id).toBe(conn.id);
      const fam = Object.fromEntries(t.families.map((f) => [f.family, f]));
      expect(fam.machines).toMatchObject({ minute: { used: 3, limit: 100 }, hour: { used: 3, limit: 1500 }, heldUntil: null });
      expect(fam.hunting).toMatchObject({ minute: { used: 1, limit: 10 }, hour: { used: 1, limit: 1500 } });
      expect(Date.parse(fam.hunting.heldUntil ?? '')).toBeGreaterThan(Date.now() + 20_000);
      expect(fam.alerts).toMatchObject({ minute: { used: 0, limit: 100 } });
    } finally {
      await redis.quit();
    }
    // Redis unreachable: the panel says so instead of failing the page.
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    down.on('error', () => undefined);
    const result = await defenderQuota(down);
    expect(result.ok).toBe(false);
    down.disconnect();
  });

  it('counts pending approvals and lists the oldest first', async () => {
    const a = await flow('Isolate');
    const r1 = await run(a, { status: 'waiting' });
    const r2 = await run(a, { status: 'waiting' });
    const mk = (runId: string, title: string, minutesAgo: number, status: 'pending' | 'approved' = 'pending') =>
      db().approval.create({ data: { runId, nodeId: 'approve', title, approvers: ['lead@test.local'], status, requestedAt: ago(minutesAgo * MIN), expiresAt: ago(-HOUR), timeoutOutcome: 'rejected' } });
    await mk(r1, 'Isolate LAPTOP-1?', 10);
    await mk(r2, 'Isolate LAPTOP-2?', 30);
    await db().approval.create({ data: { runId: r2, nodeId: 'other', title: 'done', approvers: [], status: 'approved', expiresAt: ago(-HOUR), timeoutOutcome: 'rejected' } });
    const p = await pendingApprovals();
    expect(p.count).toBe(2);
    expect(p.oldest.map((x) => [x.title, x.flowName, x.runId])).toEqual([
      ['Isolate LAPTOP-2?', 'Isolate', r2],
      ['Isolate LAPTOP-1?', 'Isolate', r1],
    ]);
  });
});
