// The poll queue's job: new alerts, then alert updates, for one Defender connection, under the
// connection's poll lease (poll-lease.ts) so two ticks never list the same alerts at once.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { enqueueRuns } from '@/server/queue/queues';
import { pollConnection } from './poll-alerts';
import { pollAlertUpdates } from './poll-alert-updates';
import { createSkippedAlertLog } from './skipped-alerts';
import { pollLeaseKey, withPollLease, type PollLeaseOptions } from './poll-lease';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface PollJobDeps {
  redis: Redis;
  prefix: string;
  runs: Queue;
  overlapSeconds: number;
  log: Log;
  lease?: PollLeaseOptions;
}

export type PollJobResult =
  | { skipped: true; reason: 'poll in progress' }
  | { skipped: false; polls: number; fetched: number; newAlerts: number; runs: number };

export function createPollJobProcessor(deps: PollJobDeps): (connectionId: string) => Promise<PollJobResult> {
  const logSkipped = createSkippedAlertLog(deps.log);
  // If Redis refuses an enqueue, the reconciler enqueues the committed runs later.
  const enqueue = (runIds: string[]) => enqueueRuns(deps.runs, runIds).catch((err: Error) => deps.log('enqueue failed', { error: err.message }));

  async function pollOnce(connectionId: string) {
    // Each transaction's runs are enqueued as soon as it commits (a burst is written in chunks).
    const result = await pollConnection(connectionId, { overlapSeconds: deps.overlapSeconds, onRunsCommitted: enqueue });
    logSkipped(connectionId, result.skipped);
    const updates = await pollAlertUpdates(connectionId, { overlapSeconds: deps.overlapSeconds });
    logSkipped(connectionId, updates.skipped);
    await enqueue(updates.runIds);
    if (updates.runIds.length > 0) deps.log('alert updates polled', { connectionId, fetched: updates.fetched, runIds: updates.runIds.length });
    if (result.runIds.length > 0) deps.log('alerts polled', { connectionId, fetched: result.fetched, newAlerts: result.newAlerts, runIds: result.runIds.length });
    return { fetched: result.fetched, newAlerts: result.newAlerts, runs: result.runIds.length + updates.runIds.length };
  }

  return async (connectionId) => {
    const leased = await withPollLease(deps.redis, pollLeaseKey(deps.prefix, connectionId), () => pollOnce(connectionId), deps.lease);
    if (!leased.ran) return { skipped: true, reason: 'poll in progress' };
    const sum = (k: 'fetched' | 'newAlerts' | 'runs') => leased.results.reduce((n, r) => n + r[k], 0);
    return { skipped: false, polls: leased.results.length, fetched: sum('fetched'), newAlerts: sum('newAlerts'), runs: sum('runs') };
  };
}
