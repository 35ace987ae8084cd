// The figures behind /api/metrics, as plain data. The Prometheus collectors (collect.ts) and the
// admin System page (system-overview.ts) both read through these, so the page shows exactly what
// a scrape would, from the same queries.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { db, Prisma } from '@/server/db/client';
import type { Queues } from '@/server/queue/queues';
import { env } from '@/server/env';
import { readCounters, type CounterHash } from './counters';
import { QUEUE_NAMES, QUEUE_STATES, type QueueName, type QueueState } from '@/core/system/overview';

/** Step durations older than this are left out: bounded work per scrape. */
export const STEP_WINDOW_HOURS = 24;
/** Upper bounds (seconds) of the step duration histogram's buckets. */
export const STEP_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

export { QUEUE_NAMES, QUEUE_STATES, type QueueName, type QueueState };

export interface RunCount {
  flowId: string;
  status: string;
  count: number;
}

export async function readRunCounts(): Promise<RunCount[]> {
  const groups = await db().run.groupBy({ by: ['flowId', 'status'], _count: { _all: true } });
  return groups.map((g) => ({ flowId: g.flowId, status: g.status, count: g._count._all }));
}

export interface StepDurations {
  nodeType: string;
  /** Cumulative: steps no longer than `le` seconds, one entry per STEP_BUCKETS bound. */
  buckets: { le: number; count: number }[];
  count: number;
  sumSeconds: number;
}

export async function readStepDurations(): Promise<StepDurations[]> {
  const rows = await db().$queryRaw<{ type: string; le: number; n: bigint }[]>(Prisma.sql`
    SELECT s.type, b.le, count(*) FILTER (WHERE extract(epoch FROM s."finishedAt" - s."startedAt") <= b.le) AS n
    FROM "StepRun" s CROSS JOIN unnest(${[...STEP_BUCKETS]}::float8[]) AS b(le)
    WHERE s."finishedAt" IS NOT NULL AND s."startedAt" IS NOT NULL AND s."finishedAt" > now() - make_interval(hours => ${STEP_WINDOW_HOURS})
    GROUP BY s.type, b.le`);
  const totals = await db().$queryRaw<{ type: string; n: bigint; sum: number }[]>(Prisma.sql`
    SELECT type, count(*) AS n, coalesce(sum(extract(epoch FROM "finishedAt" - "startedAt")), 0)::float8 AS sum
    FROM "StepRun" WHERE "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL AND "finishedAt" > now() - make_interval(hours => ${STEP_WINDOW_HOURS})
    GROUP BY type ORDER BY type`);
  return totals.map((t) => ({
    nodeType: t.type,
    buckets: STEP_BUCKETS.map((le) => ({ le, count: Number(rows.find((r) => r.type === t.type && Number(r.le) === le)?.n ?? 0) })),
    count: Number(t.n),
    sumSeconds: Number(t.sum),
  }));
}

const byName = (queues: Queues): Record<QueueName, Queue> => ({ runs: queues.runs, poll: queues.poll, maintenance: queues.maintenance, schedule: queues.schedule });

export async function readQueueCounts(queues: Queues): Promise<{ queue: QueueName; counts: Record<QueueState, number> }[]> {
  const named = byName(queues);
  return Promise.all(
    QUEUE_NAMES.map(async (queue) => {
      const raw = await named[queue].getJobCounts(...QUEUE_STATES);
      return { queue, counts: Object.fromEntries(QUEUE_STATES.map((s) => [s, raw[s] ?? 0])) as Record<QueueState, number> };
    }),
  );
}

/** Age of the oldest waiting job per queue; 0 when none waits. */
export async function readOldestWaiting(queues: Queues, now = Date.now()): Promise<{ queue: QueueName; seconds: number }[]> {
  const named = byName(queues);
  return Promise.all(
    QUEUE_NAMES.map(async (queue) => {
      // BullMQ adds at the head of the wait list: its last entry is the oldest.
      const [oldest] = await named[queue].getWaiting(-1, -1);
      return { queue, seconds: oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0 };
    }),
  );
}

export interface PollLag {
  connectionId: string;
  /** Creation time of the newest alert polling has seen. */
  watermark: Date;
  /** When the cursor was last written: every completed poll writes it, alerts or not. */
  polledAt: Date;
  /** Now minus the alert watermark. */
  lagSeconds: number;
}

export async function readPollLag(now = Date.now()): Promise<PollLag[]> {
  const cursors = await db().alertCursor.findMany({ select: { connectionId: true, watermark: true, updatedAt: true }, orderBy: { connectionId: 'asc' } });
  return cursors.map((c) => ({ connectionId: c.connectionId, watermark: c.watermark, polledAt: c.updatedAt, lagSeconds: Math.max(0, (now - c.watermark.getTime()) / 1000) }));
}

export interface CounterValue {
  /** The two label values of the field (`a|b`). */
  labels: [string, string];
  value: number;
}

/** One worker-side counter hash (counters.ts), sorted by its labels. */
export async function readCounterHash(redis: Redis, hash: CounterHash): Promise<CounterValue[]> {
  const raw = await readCounters(redis, env().RIPOSTE_QUEUE_PREFIX, hash);
  return Object.entries(raw)
    .map(([field, value]): CounterValue => {
      const [a = '', b = ''] = field.split('|');
      return { labels: [a, b], value };
    })
    .sort((x, y) => x.labels.join('|').localeCompare(y.labels.join('|')));
}
