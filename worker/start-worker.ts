// The worker process's parts, startable in-process for tests: BullMQ workers for runs and polls,
// and a maintenance tick (scheduler sync + reconciler) that one worker at a time performs.
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '@/server/env';
import { createQueues, enqueueRuns, JOBS, QUEUES } from '@/server/queue/queues';
import { workerConnection, producerConnection, pipelinedConnection } from '@/server/queue/connection';
import { createRunJobProcessor, RetryLaterError, type ExecuteRunJobData } from './execute-run';
import { startCancelListener } from './cancel-listener';
import { startConnectionCache, stopConnectionCache } from '@/server/services/connection-cache';
import { createFlowSlots } from '@/server/queue/flow-slots';
import { createRunAnnouncer } from './run-announcer';
import { createPollJobProcessor } from './poll-job';
import { reconcileRuns, timeOutOverdueRuns } from './reconcile';
import { syncPollSchedulers } from './schedules';
import { expireApprovals, settleDecidedApprovals } from '@/server/services/approvals';
import { pruneDedupKeys } from '@/server/services/dedup';
import { pruneOldRuns } from '@/server/services/retention';
import { syncScheduleSchedulers, tickTimeOf, type ScheduleTickJobData } from '@/server/schedules/schedulers';
import { createScheduledRun } from './schedule-tick';
import { closeMdeClients } from './mde-clients';
import { sweepFailureNotifications } from '@/server/notifications/failure-notify';
import { startHeartbeat } from './heartbeat';
import { withLease, type Lease } from './maintenance-lease';
import { redactingLog } from '@/server/secrets/redact';
import { logFn, logger } from '@/server/log/logger';
import { refreshKnownSecrets } from '@/server/secrets/load-known-secrets';

export interface WorkerHandle {
  close(): Promise<void>;
  maintenanceTick(): Promise<void>;
}

export interface WorkerOptions {
  concurrency?: number;
  pollIntervalSeconds?: number;
  maintenanceEveryMs?: number;
  /** How often this process writes its WorkerHeartbeat row (default 10 s). */
  heartbeatEveryMs?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** The maintenance lease without renewal: also the least time between two ticks of any workers. */
const MAINTENANCE_LEASE_MS = 4000;

/** Backoff: exponential from 1 s, capped at 60 s, never sooner than the service's Retry-After. */
export function runBackoff(attemptsMade: number, err?: Error): number {
  const exp = Math.min(60_000, 1000 * 2 ** Math.max(0, attemptsMade - 1));
  const retryAfter = err instanceof RetryLaterError ? (err.retryAfterMs ?? 0) : 0;
  return Math.max(exp, retryAfter);
}

export async function startWorker(opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const e = env();
  // Every line this worker logs passes the redactor, whichever sink the caller gave (issue 7).
  const log = redactingLog(opts.log ?? logFn(logger.child({ part: 'worker' })));
  // The redactor knows every connection's secrets before the first run, not only those it opened.
  await refreshKnownSecrets().catch((err: Error) => log('loading secrets for redaction failed', { error: err.message }));
  const prefix = e.RIPOSTE_QUEUE_PREFIX;
  const pollInterval = opts.pollIntervalSeconds ?? e.POLL_INTERVAL_SECONDS;
  const producer: Redis = producerConnection();
  const queues = createQueues(producer);
  const connections: Redis[] = [producer];
  const conn = () => {
    const c = workerConnection();
    connections.push(c);
    return c;
  };

  const cancels = await startCancelListener(conn());
  // Connections are read once per change, not once per step (server/services/connection-cache.ts).
  await startConnectionCache(conn());
  const announcements: Redis = pipelinedConnection();
  announcements.on('error', () => undefined);
  connections.push(announcements);
  const announcer = createRunAnnouncer(announcements);
  const runWorker = new Worker<ExecuteRunJobData>(QUEUES.runs, createRunJobProcessor(cancels.isCancelled, createFlowSlots(producer, prefix), announcer.announce), {
    connection: conn(),
    prefix,
    concurrency: opts.concurrency ?? e.WORKER_CONCURRENCY,
    // A worker killed mid-run holds its jobs' locks until they expire: 15 s locks checked every
    // 5 s hand them to another worker within ~20 s. A job may stall a few times (each restart of
    // a crashing worker); past that BullMQ fails it and the reconciler/reaper take over.
    lockDuration: 15_000,
    stalledInterval: 5_000,
    maxStalledCount: 5,
    settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => runBackoff(attemptsMade, err) },
  });
  runWorker.on('failed', (job: Job | undefined, err: Error) => log('run attempt failed', { runId: job?.id, error: err.message }));
  runWorker.on('error', (err) => log('run worker error', { error: err.message }));

  const pollJob = createPollJobProcessor({ redis: producer, prefix, runs: queues.runs, overlapSeconds: e.POLL_OVERLAP_SECONDS, log });
  const pollWorker = new Worker<{ connectionId: string }>(
    QUEUES.poll,
    async (job) => pollJob(job.data.connectionId),
    { connection: conn(), prefix, concurrency: 4 },
  );
  pollWorker.on('failed', (job, err) => log('poll failed', { connectionId: job?.data.connectionId, error: err.message }));
  pollWorker.on('error', (err) => log('poll worker error', { error: err.message }));

  const scheduleWorker = new Worker<ScheduleTickJobData>(
    QUEUES.schedule,
    async (job) => {
      const scheduledFor = tickTimeOf(job.id, job.opts.prevMillis);
      if (!scheduledFor) throw new Error(`Schedule job ${job.id} has no tick time`);
      const runId = await createScheduledRun(job.data.flowId, scheduledFor, new Date());
      if (runId) await enqueueRuns(queues.runs, [runId]).catch((err: Error) => log('enqueue failed', { error: err.message }));
      return { runId };
    },
    { connection: conn(), prefix, concurrency: 4 },
  );
  scheduleWorker.on('failed', (job, err) => log('schedule tick failed', { flowId: job?.data.flowId, error: err.message }));
  scheduleWorker.on('error', (err) => log('schedule worker error', { error: err.message }));

  const maintenanceWork = async (lease: Lease) => {
    // Every step is idempotent, but two workers doing them at once would double the load (and
    // race on failure notifications): each step starts only while the lease is still ours.
    const next = () => {
      if (!lease.held) throw new Error('maintenance lease lost; the rest of this tick is left to the next one');
    };
    await syncPollSchedulers(queues.poll, pollInterval);
    next();
    // New or edited connections (saved by the web process) join the redactor's set.
    await refreshKnownSecrets();
    next();
    await syncScheduleSchedulers(queues.schedule);
    next();
    const r = await reconcileRuns(queues.runs, { olderThanMs: 5000 });
    if (r.requeued.length > 0) log('reconciler re-enqueued runs', { count: r.requeued.length });
    if (r.reaped.length > 0) log('reaper ended abandoned runs', { count: r.reaped.length, runIds: r.reaped.slice(0, 20) });
    next();
    const expired = await expireApprovals();
    if (expired.length > 0) log('approvals timed out', { count: expired.length });
    next();
    await pruneDedupKeys();
    next();
    const overdue = await timeOutOverdueRuns(queues.runs);
    if (overdue.length > 0) log('runs timed out', { count: overdue.length, runIds: overdue.slice(0, 20) });
    next();
    const settled = await settleDecidedApprovals();
    if (settled.length > 0) log('approval decisions applied to paused runs', { count: settled.length });
    next();
    // After the reaper and the timeouts above, which end runs without notifying.
    const notified = await sweepFailureNotifications({ log });
    if (notified.length > 0) log('failure notifications sent', { count: notified.length });
    next();
    // Last, so it never delays the work above: a few small batches per tick; a backlog (say, a
    // lowered retention) drains over later ticks.
    const pruned = await pruneOldRuns({ retentionDays: env().RIPOSTE_RUN_RETENTION_DAYS, mayContinue: () => lease.held });
    if (pruned.deleted > 0) log('old runs pruned', { count: pruned.deleted, retentionDays: env().RIPOSTE_RUN_RETENTION_DAYS });
  };
  // One worker per tick: the lease is renewed while the tick runs and expires on its own if that
  // worker dies.
  const maintenanceTick = async () => {
    await withLease(producer, `${prefix}:maintenance-lock`, { leaseMs: MAINTENANCE_LEASE_MS }, maintenanceWork);
  };
  // One tick at a time, and close() waits for the one in flight: a tick that outlived its worker
  // would still claim runs (failure notifications, timeouts) after the worker said it stopped.
  let ticking: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    ticking ??= maintenanceTick()
      .catch((err: Error) => log('maintenance failed', { error: err.message }))
      .finally(() => {
        ticking = null;
      });
    return ticking;
  };
  const timer = setInterval(() => void tick(), opts.maintenanceEveryMs ?? 5000);
  await tick();
  const heartbeat = await startHeartbeat({ everyMs: opts.heartbeatEveryMs, log });

  return {
    maintenanceTick,
    async close() {
      clearInterval(timer);
      await ticking;
      await heartbeat.stop();
      // Let running jobs finish; their runs stay consistent either way (design.md §5).
      await Promise.all([runWorker.close(), pollWorker.close(), scheduleWorker.close()]);
      await announcer.flush();
      await cancels.close();
      await stopConnectionCache();
      await queues.close();
      await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
      await closeMdeClients();
    },
  };
}

export { JOBS };
