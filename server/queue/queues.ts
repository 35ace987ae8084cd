// Queue names, job payloads and enqueue helpers. Job data carries ids only: never secrets.
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { env } from '../env';
import { publishRunEvent } from './run-events';

export const QUEUES = { runs: 'runs', poll: 'poll', maintenance: 'maintenance', schedule: 'schedule' } as const;
export const JOBS = { executeRun: 'run.execute', pollAlerts: 'alerts.poll', reconcile: 'runs.reconcile', scheduleTick: 'schedule.tick' } as const;

export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: { age: 24 * 3600, count: 10000 },
};

export interface Queues {
  runs: Queue;
  poll: Queue;
  maintenance: Queue;
  schedule: Queue;
  close(): Promise<void>;
}

export function createQueues(connection: Redis): Queues {
  const prefix = env().RIPOSTE_QUEUE_PREFIX;
  const runs = new Queue(QUEUES.runs, { connection, prefix });
  const poll = new Queue(QUEUES.poll, { connection, prefix });
  const maintenance = new Queue(QUEUES.maintenance, { connection, prefix });
  const schedule = new Queue(QUEUES.schedule, { connection, prefix });
  return {
    runs,
    poll,
    maintenance,
    schedule,
    async close() {
      await Promise.all([runs.close(), poll.close(), maintenance.close(), schedule.close()]);
    },
  };
}

/** Enqueue runs by id. The job id is the run id, so a run already in Redis is not added twice. */
export async function enqueueRuns(queue: Queue, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await queue.addBulk(runIds.map((runId) => ({ name: JOBS.executeRun, data: { runId }, opts: { ...RUN_JOB_OPTIONS, jobId: runId } })));
  // Every new run passes here: live run lists learn of it at once.
  const connection = queue.opts.connection;
  if (connection instanceof Redis) await publishRunEvent(connection, { kind: 'queued', runIds });
}

/**
 * Enqueue runs that had a job before and must run again (a run resumed after an approval): the
 * old job may still sit in Redis as completed (kept for a while), and an add with its id would be
 * ignored, so a finished job is removed first; a waiting or delayed one is promoted to run now.
 */
export async function requeueRuns(queue: Queue, runIds: string[]): Promise<void> {
  const fresh: string[] = [];
  for (const runId of runIds) {
    const job = await queue.getJob(runId);
    if (job === undefined || job === null) {
      fresh.push(runId);
      continue;
    }
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') {
      await job.remove();
      fresh.push(runId);
    } else if (state === 'delayed') {
      await job.promote();
    }
    // active / waiting: it will run (or is running) already.
  }
  await enqueueRuns(queue, fresh);
}
