// Live-view announcements (server/queue/run-events.ts) from the worker, coalesced: events of the
// same kind and status within a short window go out as one message naming all their runs, so a
// busy worker publishes a few messages per window instead of four per run (design.md §11: no
// per-step round trip that can be batched). Delivery only, as before: views re-check on a timer.
import type { Redis } from 'ioredis';
import { publishRunEvent, type RunEvent } from '@/server/queue/run-events';

export const ANNOUNCE_WINDOW_MS = 50;

export interface RunAnnouncer {
  announce(event: RunEvent): void;
  /** Publishes what is buffered (shutdown). */
  flush(): Promise<void>;
}

export function createRunAnnouncer(redis: Pick<Redis, 'publish'>, windowMs = ANNOUNCE_WINDOW_MS): RunAnnouncer {
  const pending = new Map<string, { event: Omit<RunEvent, 'runIds'>; runIds: Set<string> }>();
  let timer: NodeJS.Timeout | null = null;
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batches = [...pending.values()];
    pending.clear();
    await Promise.all(batches.map((b) => publishRunEvent(redis, { ...b.event, runIds: [...b.runIds] })));
  };
  return {
    announce(event) {
      const key = `${event.kind}|${event.status ?? ''}`;
      let batch = pending.get(key);
      if (!batch) {
        batch = { event: event.status === undefined ? { kind: event.kind } : { kind: event.kind, status: event.status }, runIds: new Set() };
        pending.set(key, batch);
      }
      for (const id of event.runIds) batch.runIds.add(id);
      if (!timer) {
        timer = setTimeout(() => void flush(), windowMs);
        timer.unref();
      }
    },
    flush,
  };
}
