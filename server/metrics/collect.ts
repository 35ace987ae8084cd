// Prometheus metrics (issue 8), computed at scrape time. Web and worker are separate processes,
// so nothing is kept in this process's memory: each scrape reads the shared truth. Runs and step
// durations come from Postgres (Run, StepRun), the source of truth that survives a Redis loss and
// needs no write on the hot path; queue figures come from BullMQ; poll lag from AlertCursor.
// Because finished runs are pruned (RIPOSTE_RUN_RETENTION_DAYS), run and step figures are gauges
// of what the database holds, and step durations cover a recent window (STEP_WINDOW_HOURS).
// The queries live in readers.ts, shared with the System page.
import type { Redis } from 'ioredis';
import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { Queues } from '@/server/queue/queues';
import { COUNTER_HASHES, type CounterHash } from './counters';
import { readCounterHash, readPollLag, readOldestWaiting, readQueueCounts, readRunCounts, readStepDurations, STEP_WINDOW_HOURS } from './readers';
import { APP_VERSION } from './version';

export { STEP_BUCKETS, STEP_WINDOW_HOURS } from './readers';

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
      const values: Sample[] = [];
      for (const t of await readStepDurations()) {
        for (const b of t.buckets) values.push({ labels: { node_type: t.nodeType, le: b.le }, value: b.count, metricName: `${name}_bucket` });
        values.push({ labels: { node_type: t.nodeType, le: '+Inf' }, value: t.count, metricName: `${name}_bucket` });
        values.push({ labels: { node_type: t.nodeType }, value: t.sumSeconds, metricName: `${name}_sum` });
        values.push({ labels: { node_type: t.nodeType }, value: t.count, metricName: `${name}_count` });
      }
      return { name, help: metric.help, type: 'histogram', aggregator: 'sum', values };
    },
  };
  // prom-client's registry takes any object with name and get(); its Metric type is a class.
  return metric as unknown as Metric;
}

/** Worker-side counters kept in Redis (counters.ts), each field `a|b` → two labels. */
export const REDIS_COUNTERS: readonly { name: string; help: string; hash: CounterHash; labels: [string, string] }[] = [
  {
    name: 'riposte_mde_calls_total',
    help: `Defender (MDE/Graph) responses by API family and HTTP status; 429 is Defender throttling (Redis hash ${COUNTER_HASHES.mdeCalls}).`,
    hash: 'mdeCalls',
    labels: ['api', 'status'],
  },
  {
    name: 'riposte_rate_limiter_total',
    help: `Riposte's own rate limiter by API family and outcome: waited (slept for a slot) or refused (run delayed) (Redis hash ${COUNTER_HASHES.rateLimiter}).`,
    hash: 'rateLimiter',
    labels: ['api', 'outcome'],
  },
  {
    name: 'riposte_reconciler_runs_total',
    help: `Runs the reconciler re-enqueued, by reason: job_missing (Redis lost the job), job_finished (the job ended but the run did not), wait_lost (a Delay's job was lost) (Redis hash ${COUNTER_HASHES.reconciler}).`,
    hash: 'reconciler',
    labels: ['action', 'reason'],
  },
  {
    name: 'riposte_reaper_runs_total',
    help: `Runs the reaper ended: abandoned (started too often without finishing, reason max_starts) or timed_out (past the run timeout, reason deadline) (Redis hash ${COUNTER_HASHES.reaper}).`,
    hash: 'reaper',
    labels: ['action', 'reason'],
  },
];

/** A fresh registry whose collectors read Postgres and the queues at each scrape. */
export function metricsRegistry(queues: Queues, redis: Redis): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'riposte_build_info',
    help: 'Always 1; the version label is the Riposte version serving the scrape.',
    labelNames: ['version'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: APP_VERSION }, 1);
    },
  });
  new Gauge({
    name: 'riposte_runs',
    help: 'Runs in the database by flow and status (queued and running are started, the rest finished).',
    labelNames: ['flow_id', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await readRunCounts()) this.set({ flow_id: r.flowId, status: r.status }, r.count);
    },
  });
  registry.registerMetric(stepDurationHistogram());
  new Gauge({
    name: 'riposte_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed, prioritized).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of await readQueueCounts(queues)) for (const [state, n] of Object.entries(q.counts)) this.set({ queue: q.queue, state }, n);
    },
  });
  new Gauge({
    name: 'riposte_queue_oldest_waiting_seconds',
    help: 'Age of the oldest waiting job per BullMQ queue; 0 when none waits.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of await readOldestWaiting(queues)) this.set({ queue: q.queue }, q.seconds);
    },
  });
  new Gauge({
    name: 'riposte_poll_lag_seconds',
    help: 'Now minus the alert watermark per Defender connection: how far behind alert polling is.',
    labelNames: ['connection_id'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of await readPollLag()) this.set({ connection_id: c.connectionId }, c.lagSeconds);
    },
  });
  for (const c of REDIS_COUNTERS) {
    new Counter({
      name: c.name,
      help: c.help,
      labelNames: c.labels,
      registers: [registry],
      async collect() {
        this.reset();
        for (const v of await readCounterHash(redis, c.hash)) this.inc({ [c.labels[0]]: v.labels[0], [c.labels[1]]: v.labels[1] }, v.value);
      },
    });
  }
  return registry;
}
