// Hears "run cancelled" announcements (server/queue/run-signals.ts) so the executor can stop a
// running run before its next step without asking Postgres before every step (design.md §11).
// A missed message loses nothing: the cancel is in Postgres, and the worker's status updates are
// conditional on the run still being active.
import type { Redis } from 'ioredis';
import { cancelChannel } from '@/server/queue/run-signals';

/** Remembered long enough to cover any step of a run that was running when it was cancelled. */
const REMEMBER_MS = 60 * 60 * 1000;
const MAX_REMEMBERED = 100_000;

export interface CancelListener {
  isCancelled(runId: string): boolean;
  close(): Promise<void>;
}

export async function startCancelListener(subscriber: Redis): Promise<CancelListener> {
  const cancelled = new Map<string, number>();
  const channel = cancelChannel();
  subscriber.on('message', (ch: string, runId: string) => {
    if (ch !== channel) return;
    cancelled.set(runId, Date.now());
    if (cancelled.size > MAX_REMEMBERED) {
      // Map iteration is insertion order: drop the oldest.
      const oldest = cancelled.keys().next().value;
      if (oldest !== undefined) cancelled.delete(oldest);
    }
  });
  await subscriber.subscribe(channel);
  const sweep = setInterval(() => {
    const cutoff = Date.now() - REMEMBER_MS;
    for (const [id, at] of cancelled) if (at < cutoff) cancelled.delete(id);
  }, 60_000);
  sweep.unref();
  return {
    isCancelled: (runId) => cancelled.has(runId),
    async close() {
      clearInterval(sweep);
      await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
