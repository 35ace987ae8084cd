// The live streams behind run detail and the run list (server-sent events).
//  - One run: `version` events ({ status, version }) whenever the run or its steps change, then
//    `end` once it reached a final status. Driven by run events from Redis, with a short timer
//    re-checking the version query as a fallback for a lost message.
//  - All runs: `runs` events ({ kind, runIds, status? }) as runs are queued and change, batched,
//    for the run list to refresh itself.
import { subscribeRunEvents } from '../queue/run-event-hub';
import type { RunEvent } from '../queue/run-events';
import { getRunVersion, type RunVersion } from '../services/run-version';
import { notFound } from '../services/errors';
import { sseResponse } from './sse';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'timed_out']);

export interface RunStreamOptions {
  /** Fallback re-check interval when no event arrives. */
  pollMs?: number;
}

/** Throws 404 for an unknown run, before any stream starts. */
export async function runDetailStream(runId: string, signal: AbortSignal, opts: RunStreamOptions = {}): Promise<Response> {
  const first = await getRunVersion(runId);
  if (first === null) throw notFound(`Run ${runId}`);
  return sseResponse(signal, async (channel) => {
    let last: RunVersion = first;
    let checking = false;
    let again = false;
    const emit = (v: RunVersion) => {
      channel.send('version', v);
      if (TERMINAL.has(v.status)) {
        channel.send('end', { status: v.status });
        channel.close();
      }
    };
    const check = async () => {
      // One query at a time per viewer; a burst of events collapses into one more check.
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const v = await getRunVersion(runId);
          if (v !== null && v.version !== last.version && !channel.closed) {
            last = v;
            emit(v);
          }
        } while (again && !channel.closed);
      } finally {
        checking = false;
      }
    };
    emit(first);
    if (channel.closed) return;
    const unsubscribe = await subscribeRunEvents((event) => {
      if (event.runIds.includes(runId)) void check().catch(() => undefined);
    });
    channel.onClose(unsubscribe);
    // Anything written between the first read and the subscription.
    void check().catch(() => undefined);
    const timer = setInterval(() => void check().catch(() => undefined), opts.pollMs ?? 3000);
    channel.onClose(() => clearInterval(timer));
  });
}

/** Batches events for this long, so a poll that queues 500 runs is one message, not 500. */
const LIST_BATCH_MS = 250;

export function runListStream(signal: AbortSignal): Response {
  return sseResponse(signal, async (channel) => {
    let pending: RunEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      const ids = [...new Set(batch.flatMap((e) => e.runIds))].slice(0, 1000);
      const kinds = [...new Set(batch.map((e) => e.kind))];
      if (ids.length > 0) channel.send('runs', { kinds, runIds: ids, queued: batch.some((e) => e.kind === 'queued') });
    };
    const unsubscribe = await subscribeRunEvents((event) => {
      pending.push(event);
      timer ??= setTimeout(flush, LIST_BATCH_MS);
    });
    channel.onClose(() => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    });
    // Only now: from here on no event is missed, so the view refreshes once on `ready` for
    // whatever happened between its render and this moment (Redis pub/sub keeps no history).
    channel.send('ready', {});
  });
}
