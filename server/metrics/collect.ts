// Prometheus metrics (issue 8), computed at scrape time. Web and worker are separate processes,
// so nothing is kept in this process's memory: each scrape reads the shared truth. Runs and step
// durations come from Postgres (Run, StepRun), the source of truth that survives a Redis loss and
// needs no write on the hot path; queue figures come from BullMQ; poll lag from AlertCursor.
// Because finished runs are pruned (RIPOSTE_RUN_RETENTION_DAYS), run and step figures are gauges
// of what the database holds, and step durations cover a recent window (STEP_WINDOW_HOURS).
import type { Redis } from 'ioredis';
import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import { db, Prisma } from '@/server/db/client';
import type { Queues } from '@/server/queue/queues';
import { env } from '@/server/env';
import { COUNTER_HASHES, counterKey, type CounterHash } from './counters';

/** Step durations older than this are left out: bounded work per scrape. */
export const STEP_WINDOW_HOURS = 24;
/** Upper bounds (seconds) of the step duration histogram's buckets. */
export const STEP_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

/** A histogram whose buckets are read from Postgres, shaped as prom-client's Histogram output. */
function stepDurationHistogram(): Metric {
  const name = 'riposte_step_duration_seconds';
  const metric = {
    name,
    help: `Duration of finished steps by node type, over the last ${STEP_WINDOW_HOURS} h (from StepRun startedAt/finishedAt).`,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const rows = await db().$queryRaw<{ type: string; le: number; n: bigint }[]>(Prisma.sql`
        SELECT s.type, b.le, count(*) FILTER (WHERE extract(epoch FROM s."finishedAt" - s."startedAt") <= b.le) AS n
        FROM "StepRun" s CROSS JOIN unnest(${[...STEP_BUCKETS]}::float8[]) AS b(le)
        WHERE s."finishedAt" IS NOT NULL AND s."startedAt" IS NOT NULL AND s."finishedAt" > now() - make_interval(hours => ${STEP_WINDOW_HOURS})
        GROUP BY s.type, b.le`);
      const totals = await db().$queryRaw<{ type: string; n: bigint; sum: number }[]>(Prisma.sql`
        SELECT type, count(*) AS n, coalesce(sum(extract(epoch FROM "finishedAt" - "startedAt")), 0)::float8 AS sum
        FROM "StepRun" WHERE "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL AND "finishedAt" > now() - make_interval(hours => ${STEP_WINDOW_HOURS})
        GROUP BY type`);
      const values: Sample[] = [];
      for (const t of totals) {
        for (const le of STEP_BUCKETS) {
          const row = rows.find((r) => r.type === t.type && Number(r.le) === le);
          values.push({ labels: { node_type: t.type, le }, value: Number(row?.n ?? 0), metricName: `${name}_bucket` });
        }
        values.push({ labels: { node_type: t.type, le: '+Inf' }, value: Number(t.n), metricName: `${name}_bucket` });
        values.push({ labels: { node_type: t.type }, value: Number(t.sum), metricName: `${name}_sum` });
        values.push({ labels: { node_type: t.type }, value: Number(t.n), metricName: `${name}_count` });
      }
      return { name, help: metric.help, type: 'histogram', aggregator: 'sum', values };
    },
  };
  // prom-client's registry takes any object with name and get(); its Metric type is a class.
  return metric as unknown as Metric;
}

/** A fresh registry whose collectors read Postgres and the queues at each scrape. */
export function metricsRegistry(queues: Queues, redis: Redis): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'riposte_runs',
    help: 'Runs in the database by flow and status (queued and running are started, the rest finished).',
    labelNames: ['flow_id', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await db().run.groupBy({ by: ['flowId', 'status'], _count: { _all: true } });
      for (const g of groups) this.set({ flow_id: g.flowId, status: g.status }, g._count._all);
    },
  });
  registry.registerMetric(stepDurationHistogram());
  const named = { runs: queues.runs, poll: queues.poll, maintenance: queues.maintenance, schedule: queues.schedule };
  new Gauge({
    name: 'riposte_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed, prioritized).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, q] of Object.entries(named)) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      }
    },
  });
  new Gauge({
    name: 'riposte_queue_oldest_waiting_seconds',
    help: 'Age of the oldest waiting job per BullMQ queue; 0 when none waits.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, q] of Object.entries(named)) {
        const [oldest] = await q.getWaiting(-1, -1);
        this.set({ queue }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
      }
    },
  });
  new Gauge({
    name: 'riposte_poll_lag_seconds',
    help: 'Now minus the alert watermark per Defender connection: how far behind alert polling is.',
    labelNames: ['connection_id'],
    registers: [registry],
    async collect() {
      this.reset();
      const cursors = await db().alertCursor.findMany({ select: { connectionId: true, watermark: true } });
      for (const c of cursors) this.set({ connection_id: c.connectionId }, Math.max(0, (Date.now() - c.watermark.getTime()) / 1000));
    },
  });
  // Worker-side counters kept in Redis (counters.ts).
  const fromRedis = (name: string, help: string, hash: CounterHash, labels: [string, string]) =>
    new Counter({
      name,
      help,
      labelNames: labels,
      registers: [registry],
      async collect() {
        this.reset();
        const raw = await redis.hgetall(counterKey(env().RIPOSTE_QUEUE_PREFIX, hash));
        for (const [field, n] of Object.entries(raw)) {
          const [a = '', b = ''] = field.split('|');
          this.inc({ [labels[0]]: a, [labels[1]]: b }, Number(n));
        }
      },
    });
  fromRedis('riposte_mde_calls_total', `Defender (MDE/Graph) responses by API family and HTTP status; 429 is Defender throttling (Redis hash ${COUNTER_HASHES.mdeCalls}).`, 'mdeCalls', ['api', 'status']);
  fromRedis('riposte_rate_limiter_total', `Riposte's own rate limiter by API family and outcome: waited (slept for a slot) or refused (run delayed) (Redis hash ${COUNTER_HASHES.rateLimiter}).`, 'rateLimiter', ['api', 'outcome']);
  return registry;
}
