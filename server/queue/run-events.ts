// "Something about these runs changed" announcements, for live views (run detail, the run list).
// Producers: enqueueRuns (a run was queued), the worker (a run's status changed, steps were
// written) and the web's cancel. Like the cancel signal they are delivery only: Postgres holds the
// truth and every live view also re-checks a tiny version query on a timer, so a lost message
// only delays an update by a few seconds.
import { z } from 'zod';
import type { Redis } from 'ioredis';
import { env } from '../env';

export const RUN_EVENT_KINDS = ['queued', 'status', 'steps'] as const;

export const ZRunEvent = z.object({
  kind: z.enum(RUN_EVENT_KINDS),
  runIds: z.array(z.uuid()).min(1).max(1000),
  /** The run's new status (kind `status`). */
  status: z.string().max(20).optional(),
});
export type RunEvent = z.infer<typeof ZRunEvent>;

/** Redis pub/sub channel (pub/sub is not per database: the prefix keeps installations apart). */
export const runEventsChannel = () => `${env().RIPOSTE_QUEUE_PREFIX}:run-events`;

/** Publishes an event; never throws (a live view falls back to its timer). */
export async function publishRunEvent(redis: Pick<Redis, 'publish'>, event: RunEvent): Promise<void> {
  try {
    for (let i = 0; i < event.runIds.length; i += 1000) {
      await redis.publish(runEventsChannel(), JSON.stringify({ ...event, runIds: event.runIds.slice(i, i + 1000) }));
    }
  } catch {
    // Delivery only: see the file comment.
  }
}

/** Parses a message from the channel; anything malformed is ignored. */
export function parseRunEvent(message: string): RunEvent | null {
  try {
    const parsed = ZRunEvent.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
