// One poll job scheduler per Defender connection: BullMQ produces one job per interval however
// many worker processes run. Upserting is idempotent, so every worker re-asserts it periodically
// (which also restores the schedulers after Redis lost them).
import type { Queue } from 'bullmq';
import { db } from '@/server/db/client';
import { JOBS } from '@/server/queue/queues';

export const pollSchedulerId = (connectionId: string) => `poll-${connectionId}`;

export async function syncPollSchedulers(pollQueue: Queue, intervalSeconds: number): Promise<string[]> {
  const connections = await db().connection.findMany({ where: { kind: 'defender' }, select: { id: true } });
  const wanted = new Set(connections.map((c) => pollSchedulerId(c.id)));
  for (const c of connections) {
    await pollQueue.upsertJobScheduler(
      pollSchedulerId(c.id),
      { every: intervalSeconds * 1000 },
      { name: JOBS.pollAlerts, data: { connectionId: c.id }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
  for (const s of await pollQueue.getJobSchedulers()) {
    if (s.key && !wanted.has(s.key)) await pollQueue.removeJobScheduler(s.key);
  }
  return [...wanted];
}
