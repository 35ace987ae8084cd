// Postgres is the source of truth: a run it holds as queued or running must have a job in Redis.
// After a Redis flush or restart, or an enqueue that failed after commit, this puts it back.
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { db } from '@/server/db/client';
import { enqueueRuns, requeueRuns } from '@/server/queue/queues';
import { signalRunCancelled } from '@/server/queue/run-signals';
import { cancelApprovalsOfRun } from '@/server/services/approvals';
import { env } from '@/server/env';
import { counterField, redisCounters, type Counters } from '@/server/metrics/counters';

/**
 * A run started this many times without finishing is a poison run (it crashes its worker, or the
 * job keeps failing for good): the reaper ends it instead of re-enqueueing it forever.
 */
export const MAX_RUN_STARTS = 20;

const NO_COUNTERS: Counters = { increment: () => undefined, add: async () => undefined };

/**
 * Counts what the reconciler and reaper do (riposte_reconciler_runs_total, riposte_reaper_runs_total
 * at /api/metrics) in the queue's own Redis, where the web process reads them. A queue built from
 * connection options (not an ioredis client) has none to share: nothing is counted then.
 */
function queueCounters(runsQueue: Queue): Counters {
  const connection = runsQueue.opts.connection;
  return connection instanceof Redis ? redisCounters(connection, env().RIPOSTE_QUEUE_PREFIX) : NO_COUNTERS;
}

export async function reconcileRuns(
  runsQueue: Queue,
  opts: { olderThanMs: number; limit?: number; maxStarts?: number; counters?: Counters },
): Promise<{ checked: number; requeued: string[]; reaped: string[] }> {
  const cutoff = new Date(Date.now() - opts.olderThanMs);
  const maxStarts = opts.maxStarts ?? MAX_RUN_STARTS;
  const candidates = await db().run.findMany({
    where: { status: { in: ['queued', 'running'] }, createdAt: { lt: cutoff } },
    select: { id: true, attempts: true },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 1000,
  });
  // No early return when nothing is queued or running: a run asleep at a Delay whose job Redis
  // lost must still be found below, even on an otherwise idle system.
  const counters = opts.counters ?? queueCounters(runsQueue);
  const states = await Promise.all(candidates.map((r) => runsQueue.getJobState(r.id)));
  const missing: string[] = [];
  const exhausted: string[] = [];
  const reaped: string[] = [];
  candidates.forEach((r, i) => {
    // A job that completed while its run is still queued or running finished before a resume
    // (e.g. an approval decided while the old job was kept in Redis): it must run again.
    const finished = states[i] === 'failed' || states[i] === 'completed';
    const lost = states[i] === 'unknown' || finished;
    if (lost && r.attempts >= maxStarts) reaped.push(r.id);
    else if (states[i] === 'unknown') missing.push(r.id);
    else if (finished) exhausted.push(r.id);
  });
  if (reaped.length > 0) await reapRuns(runsQueue, reaped, maxStarts, counters);
  // A job that failed for good but left the run non-terminal (e.g. the database was down at the
  // end): remove it and enqueue afresh, the executor resumes from the recorded steps.
  for (const id of exhausted) {
    const job = await runsQueue.getJob(id);
    await job?.remove().catch(() => undefined);
  }
  const requeue = [...missing, ...exhausted];
  await enqueueRuns(runsQueue, requeue);
  await counters.add('reconciler', counterField('requeued', 'job_missing'), missing.length);
  await counters.add('reconciler', counterField('requeued', 'job_finished'), exhausted.length);
  const resumed = await requeueLostWaits(runsQueue, cutoff, opts.limit ?? 1000, counters);
  return { checked: candidates.length, requeued: [...requeue, ...resumed], reaped };
}

/**
 * A run waiting at a Delay sleeps as a delayed job; if Redis lost it, nothing would wake the run.
 * Runs waiting with no open approval and no live job are queued again: the executor then waits
 * on (re-delaying the job) or continues if the delay is due. Runs waiting for a decision hold no
 * job on purpose and are left alone.
 */
async function requeueLostWaits(runsQueue: Queue, cutoff: Date, limit: number, counters: Counters): Promise<string[]> {
  const waiting = await db().run.findMany({
    where: { status: 'waiting', createdAt: { lt: cutoff }, approvals: { none: { status: 'pending' } } },
    select: { id: true },
    take: limit,
  });
  if (waiting.length === 0) return [];
  const states = await Promise.all(waiting.map((r) => runsQueue.getJobState(r.id)));
  const lost = waiting.filter((_, i) => states[i] === 'unknown' || states[i] === 'completed' || states[i] === 'failed').map((r) => r.id);
  if (lost.length === 0) return [];
  await db().run.updateMany({ where: { id: { in: lost }, status: 'waiting' }, data: { status: 'queued' } });
  await requeueRuns(runsQueue, lost);
  await counters.add('reconciler', counterField('requeued', 'wait_lost'), lost.length);
  return lost;
}

/**
 * Runs past their deadline (the trigger's run timeout, waits included) end `timed_out`: their
 * open approvals close, a worker still executing one stops before its next step (the same signal
 * as a cancel), and a sleeping delayed job is removed.
 */
export async function timeOutOverdueRuns(runsQueue: Queue, now = new Date(), limit = 500, counters?: Counters): Promise<string[]> {
  const error = JSON.stringify({ code: 'RunTimedOut', message: 'The run reached its time limit (the trigger\'s run timeout) and was stopped.' });
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE "Run" SET "status" = 'timed_out', "finishedAt" = ${now}, "error" = ${error}::jsonb
    WHERE "id" IN (SELECT "id" FROM "Run" WHERE "status" IN ('queued', 'running', 'waiting') AND "deadlineAt" < ${now} LIMIT ${limit})
    RETURNING "id"`;
  for (const { id } of rows) {
    await cancelApprovalsOfRun(id);
    await signalRunCancelled(id);
    await (await runsQueue.getJob(id))?.remove().catch(() => undefined);
  }
  if (rows.length > 0) await (counters ?? queueCounters(runsQueue)).add('reaper', counterField('timed_out', 'deadline'), rows.length);
  return rows.map((r) => r.id);
}

/** Ends poison runs as failed, saying why; conditional, so a run that just finished keeps its outcome. */
async function reapRuns(runsQueue: Queue, runIds: string[], maxStarts: number, counters: Counters): Promise<void> {
  const error = {
    code: 'Abandoned',
    message: `The run was started ${maxStarts} times without finishing (its worker stopped or the job failed each time), so Riposte stopped retrying it. Retry it from the failed step once the cause is fixed.`,
  };
  const ended = await db().run.updateMany({
    where: { id: { in: runIds }, status: { in: ['queued', 'running'] } },
    data: { status: 'failed', finishedAt: new Date(), error },
  });
  for (const id of runIds) await (await runsQueue.getJob(id))?.remove().catch(() => undefined);
  // Only the runs this update ended: one that finished meanwhile kept its outcome and is not counted.
  await counters.add('reaper', counterField('abandoned', 'max_starts'), ended.count);
}
