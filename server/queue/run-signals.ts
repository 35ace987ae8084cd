// What the web (and any other producer) tells the workers about runs: enqueue these run ids,
// and "this run was cancelled". Both are delivery only: Postgres already holds the truth, so a
// failure here is logged and left to the reconciler (enqueue) or to the worker's status checks
// (cancel), never surfaced as a lost action.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '../env';
import { producerConnection } from './connection';
import { enqueueRuns, QUEUES, requeueRuns } from './queues';
import { publishRunEvent } from './run-events';
import { logFor, logger } from '../log/logger';

/** Redis pub/sub channel on which cancelled run ids are announced to every worker. */
export const cancelChannel = () => `${env().RIPOSTE_QUEUE_PREFIX}:run-cancelled`;

let shared: { redis: Redis; runs: Queue } | null = null;

function producer(): { redis: Redis; runs: Queue } {
  if (shared === null) {
    const redis = producerConnection();
    // A producer that lost Redis keeps retrying in the background; callers fail fast meanwhile.
    redis.on('error', () => undefined);
    shared = { redis, runs: new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX }) };
  }
  return shared;
}

/** The shared fail-fast producer connection, for other delivery-only signals. */
export function signalProducer(): Redis {
  return producer().redis;
}

/** Enqueues runs already committed to Postgres; returns false when Redis refused (the reconciler will). */
export async function signalRunsQueued(runIds: string[]): Promise<boolean> {
  if (runIds.length === 0) return true;
  try {
    await enqueueRuns(producer().runs, runIds);
    return true;
  } catch (e) {
    logger.error({ runIds: runIds.slice(0, 20), count: runIds.length, error: (e as Error).message }, 'enqueue failed; the reconciler will enqueue');
    return false;
  }
}

/** Queues runs that ran before and must continue (an approval decided); see requeueRuns. */
export async function signalRunsResumed(runIds: string[]): Promise<boolean> {
  if (runIds.length === 0) return true;
  try {
    await requeueRuns(producer().runs, runIds);
    return true;
  } catch (e) {
    logger.error({ runIds: runIds.slice(0, 20), count: runIds.length, error: (e as Error).message }, 'resume enqueue failed; the reconciler will enqueue');
    return false;
  }
}

/**
 * Tells workers a run was cancelled (already written to Postgres): a waiting or delayed job is
 * removed, and a worker executing it stops before its next step.
 */
export async function signalRunCancelled(runId: string): Promise<void> {
  try {
    const { redis, runs } = producer();
    await redis.publish(cancelChannel(), runId);
    await publishRunEvent(redis, { kind: 'status', runIds: [runId], status: 'cancelled' });
    // Removing fails for a job a worker holds (locked); that worker got the message instead.
    await runs.remove(runId).catch(() => 0);
  } catch (e) {
    logFor({ runId }).error({ error: (e as Error).message }, 'cancel signal failed; workers will see the status');
  }
}

export async function closeRunSignals(): Promise<void> {
  if (shared === null) return;
  const s = shared;
  shared = null;
  await s.runs.close().catch(() => undefined);
  await s.redis.quit().catch(() => undefined);
}
