// The admin System page's data (and GET /api/v1/system): worker heartbeats, queue depths, poll lag
// per Defender connection, the version, and every /api/metrics figure, read through the same
// readers as the scrape (readers.ts). Each section is read on its own and may fail on its own (Redis
// down leaves the database sections readable); a failure carries a safe message, never a host or a
// connection string (publicError), and a slow dependency is cut off rather than hanging the page.
import type { Redis } from 'ioredis';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import type { Queues } from '@/server/queue/queues';
import { WORKER_SEEN_WITHIN_MS } from '@/server/health/readiness';
import { publicError } from '@/server/health/public-error';
import { REDIS_COUNTERS } from './collect';
import {
  readCounterHash,
  readOldestWaiting,
  readPollLag,
  readQueueCounts,
  readRunCounts,
  readStepDurations,
  STEP_WINDOW_HOURS,
} from './readers';
import { APP_VERSION } from './version';
import type { CounterRow, PollLagRow, QueueRow, RunRow, Section, StepRow, SystemOverview, WorkerRow } from '@/core/system/overview';

export type { CounterRow, PollLagRow, QueueRow, RunRow, Section, StepRow, SystemOverview, WorkerRow };

/** A section waits this long for its dependency before it is shown as failed. */
export const SECTION_TIMEOUT_MS = 3_000;

/** Polls this many intervals overdue mean polling has stopped for that connection. */
export const POLL_STALE_INTERVALS = 3;

async function section<T>(read: () => Promise<T>, timeoutMs: number): Promise<Section<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    return { ok: true, data: await Promise.race([read(), timeout]) };
  } catch (err) {
    return { ok: false, error: publicError(err) };
  } finally {
    clearTimeout(timer);
  }
}

async function workers(now: number): Promise<WorkerRow[]> {
  const rows = await db().workerHeartbeat.findMany({ orderBy: [{ lastBeatAt: 'desc' }, { startedAt: 'asc' }] });
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: r.pid,
    startedAt: r.startedAt.toISOString(),
    lastBeatAt: r.lastBeatAt.toISOString(),
    stale: now - r.lastBeatAt.getTime() > WORKER_SEEN_WITHIN_MS,
  }));
}

async function queueRows(queues: Queues, now: number): Promise<QueueRow[]> {
  const [counts, oldest] = await Promise.all([readQueueCounts(queues), readOldestWaiting(queues, now)]);
  return counts.map((c) => ({ ...c, oldestWaitingSeconds: oldest.find((o) => o.queue === c.queue)?.seconds ?? 0 }));
}

/** Every Defender connection, polled or not, with the lag the metric reports for it. */
async function pollLagRows(now: number): Promise<PollLagRow[]> {
  const stalledAfterMs = Math.max(60_000, POLL_STALE_INTERVALS * env().POLL_INTERVAL_SECONDS * 1000);
  const [lags, connections] = await Promise.all([
    readPollLag(now),
    db().connection.findMany({ where: { kind: 'defender' }, select: { id: true, name: true, config: true }, orderBy: { name: 'asc' } }),
  ]);
  return connections.map((c) => {
    const lag = lags.find((l) => l.connectionId === c.id);
    const tenantId = (c.config as { tenantId?: unknown } | null)?.tenantId;
    return {
      connectionId: c.id,
      name: c.name,
      tenantId: typeof tenantId === 'string' ? tenantId : null,
      watermark: lag?.watermark.toISOString() ?? null,
      lagSeconds: lag?.lagSeconds ?? null,
      polledAt: lag?.polledAt.toISOString() ?? null,
      pollingStalled: lag !== undefined && now - lag.polledAt.getTime() > stalledAfterMs,
    };
  });
}

async function runRows(): Promise<RunRow[]> {
  const counts = await readRunCounts();
  const flowIds = [...new Set(counts.map((c) => c.flowId))];
  const flows = flowIds.length === 0 ? [] : await db().flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } });
  const rows = flowIds.map((flowId): RunRow => {
    const mine = counts.filter((c) => c.flowId === flowId);
    return {
      flowId,
      flowName: flows.find((f) => f.id === flowId)?.name ?? null,
      counts: Object.fromEntries(mine.map((c) => [c.status, c.count])),
      total: mine.reduce((n, c) => n + c.count, 0),
    };
  });
  return rows.sort((a, b) => b.total - a.total || (a.flowName ?? '').localeCompare(b.flowName ?? ''));
}

async function stepRows(): Promise<StepRow[]> {
  return (await readStepDurations()).map((s) => ({
    nodeType: s.nodeType,
    count: s.count,
    averageSeconds: s.count === 0 ? 0 : s.sumSeconds / s.count,
    p95AtMostSeconds: s.buckets.find((b) => b.count >= s.count * 0.95)?.le ?? null,
  }));
}

async function counterRows(redis: Redis): Promise<CounterRow[]> {
  return Promise.all(
    REDIS_COUNTERS.map(async (c) => ({ metric: c.name, help: c.help, labelNames: c.labels, values: await readCounterHash(redis, c.hash) })),
  );
}

export async function systemOverview(deps: { queues: Queues; redis: Redis; now?: Date; timeoutMs?: number }): Promise<SystemOverview> {
  const now = (deps.now ?? new Date()).getTime();
  const ms = deps.timeoutMs ?? SECTION_TIMEOUT_MS;
  const [w, q, p, r, s, c] = await Promise.all([
    section(() => workers(now), ms),
    section(() => queueRows(deps.queues, now), ms),
    section(() => pollLagRows(now), ms),
    section(runRows, ms),
    section(stepRows, ms),
    section(() => counterRows(deps.redis), ms),
  ]);
  return {
    generatedAt: new Date(now).toISOString(),
    version: APP_VERSION,
    nodeVersion: process.version,
    workerSeenWithinSeconds: WORKER_SEEN_WITHIN_MS / 1000,
    stepWindowHours: STEP_WINDOW_HOURS,
    pollIntervalSeconds: env().POLL_INTERVAL_SECONDS,
    workers: w,
    queues: q,
    pollLag: p,
    runs: r,
    steps: s,
    counters: c,
  };
}
