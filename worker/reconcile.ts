// Postgres is the source of truth: a run it holds as queued or running must have a job in Redis.
// After a Redis flush or restart, or an enqueue that failed after commit, this puts it back.
import type { Queue } from 'bullmq';
import { db } from '@/server/db/client';
import { enqueueRuns } from '@/server/queue/queues';

export async function reconcileRuns(runsQueue: Queue, opts: { olderThanMs: number; limit?: number }): Promise<{ checked: number; requeued: string[] }> {
  const cutoff = new Date(Date.now() - opts.olderThanMs);
  const candidates = await db().run.findMany({
    where: { status: { in: ['queued', 'running'] }, createdAt: { lt: cutoff } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 1000,
  });
  if (candidates.length === 0) return { checked: 0, requeued: [] };
  const states = await Promise.all(candidates.map((r) => runsQueue.getJobState(r.id)));
  const missing: string[] = [];
  const exhausted: string[] = [];
  candidates.forEach((r, i) => {
    if (states[i] === 'unknown') missing.push(r.id);
    else if (states[i] === 'failed') exhausted.push(r.id);
  });
  // A job that failed for good but left the run non-terminal (e.g. the database was down at the
  // end): remove it and enqueue afresh, the executor resumes from the recorded steps.
  for (const id of exhausted) {
    const job = await runsQueue.getJob(id);
    await job?.remove().catch(() => undefined);
  }
  const requeue = [...missing, ...exhausted];
  await enqueueRuns(runsQueue, requeue);
  return { checked: candidates.length, requeued: requeue };
}
