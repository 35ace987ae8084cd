// Live-view announcements (server/queue/run-events.ts) from the worker, coalesced per kind: an
// event after a quiet spell of its kind goes out at once; events of that kind within the
// following window go out at its end, those with the same status as one message naming all their
// runs. So a quiet worker announces without delay (a run's start, its steps, its end) and a busy
// one publishes a few messages per window instead of four per run (design.md §11: no per-step
// round trip that can be batched). Delivery only, as before: views re-check on a timer.
import type { Redis } from 'ioredis';
import { publishRunEvent, type RunEvent } from '@/server/queue/run-events';

export const ANNOUNCE_WINDOW_MS = 50;

export interface RunAnnouncer {
  announce(event: RunEvent): void;
  /** Publishes what is buffered (shutdown). */
  flush(): Promise<void>;
}

interface KindState {
  timer: NodeJS.Timeout | null;
  /** By status: the event and the runs it names. */
  pending: Map<string, { event: Omit<RunEvent, 'runIds'>; runIds: Set<string> }>;
}

export function createRunAnnouncer(redis: Pick<Redis, 'publish'>, windowMs = ANNOUNCE_WINDOW_MS): RunAnnouncer {
  const kinds = new Map<RunEvent['kind'], KindState>();
  const publish = async (state: KindState) => {
    const batches = [...state.pending.values()];
    state.pending.clear();
    await Promise.all(batches.map((b) => publishRunEvent(redis, { ...b.event, runIds: [...b.runIds] })));
  };
  // The window stays open while events keep coming; it closes after one without any.
  const openWindow = (state: KindState) => {
    state.timer = setTimeout(() => {
      state.timer = null;
      if (state.pending.size === 0) return;
      void publish(state);
      openWindow(state);
    }, windowMs);
    state.timer.unref();
  };
  return {
    announce(event) {
      let state = kinds.get(event.kind);
      if (!state) {
        state = { timer: null, pending: new Map() };
        kinds.set(event.kind, state);
      }
      const key = event.status ?? '';
      let batch = state.pending.get(key);
      if (!batch) {
        batch = { event: event.status === undefined ? { kind: event.kind } : { kind: event.kind, status: event.status }, runIds: new Set() };
        state.pending.set(key, batch);
      }
      for (const id of event.runIds) batch.runIds.add(id);
      if (!state.timer) {
        void publish(state);
        openWindow(state);
      }
    },
    async flush() {
      await Promise.all(
        [...kinds.values()].map((state) => {
          if (state.timer) clearTimeout(state.timer);
          state.timer = null;
          return publish(state);
        }),
      );
    },
  };
}
