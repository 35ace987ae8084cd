// A run told to wait (the tenant's rate limit is used up, or Defender answered 429/503 with
// Retry-After) is not failing: its job goes back to BullMQ's delayed set until then, without
// using up one of its attempts (job.moveToDelayed skips the attempt count). Succeeded steps
// stay recorded, so the later execution resumes after them.
import type { Job } from 'bullmq';

/** Waiting is free for this long after the job was enqueued; then waits count as attempts again. */
export const MAX_FREE_WAITING_MS = 24 * 3600 * 1000;

/** Whether a run whose job was added at `enqueuedAt` may still wait without using attempts. */
export function mayWaitFreely(enqueuedAt: number, nowMs: number): boolean {
  return nowMs - enqueuedAt < MAX_FREE_WAITING_MS;
}

/**
 * A little later than asked (never earlier), spread so runs told the same time do not all wake
 * at once: up to 10% of the wait, at most 2 s.
 */
export function delayFor(retryAfterMs: number, random: () => number = Math.random): number {
  return Math.ceil(retryAfterMs + random() * Math.min(2000, retryAfterMs * 0.1));
}

export async function deferJob(job: Job<{ runId: string; cleanStarts?: number }>, token: string, retryAfterMs: number): Promise<void> {
  // This start ended cleanly (the step was refused or never sent): the next one is not a resume.
  await job.updateData({ ...job.data, cleanStarts: job.attemptsStarted });
  await job.moveToDelayed(Date.now() + delayFor(retryAfterMs), token);
}
