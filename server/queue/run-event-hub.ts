// The web process's one Redis subscription to run events, fanned out in memory to every open
// live view (server-sent event streams). One connection per process however many viewers; kept
// across dev reloads on globalThis like the web queues.
import type { Redis } from 'ioredis';
import { workerConnection } from './connection';
import { parseRunEvent, runEventsChannel, type RunEvent } from './run-events';

type Listener = (event: RunEvent) => void;

interface Hub {
  redis: Redis;
  listeners: Set<Listener>;
  ready: Promise<void>;
}

const holder = globalThis as unknown as { riposteRunEventHub?: Hub };

function hub(): Hub {
  if (holder.riposteRunEventHub === undefined) {
    // A subscriber must keep its subscription through Redis restarts: retry forever.
    const redis = workerConnection();
    redis.on('error', () => undefined);
    const listeners = new Set<Listener>();
    const channel = runEventsChannel();
    redis.on('message', (ch: string, message: string) => {
      if (ch !== channel) return;
      const event = parseRunEvent(message);
      if (event === null) return;
      for (const listener of listeners) listener(event);
    });
    const ready = redis.subscribe(channel).then(
      () => undefined,
      () => undefined,
    );
    holder.riposteRunEventHub = { redis, listeners, ready };
  }
  return holder.riposteRunEventHub;
}

/** Calls `listener` for every run event until the returned function is called. */
export async function subscribeRunEvents(listener: Listener): Promise<() => void> {
  const h = hub();
  h.listeners.add(listener);
  await h.ready;
  return () => {
    h.listeners.delete(listener);
  };
}

/** For tests and shutdown. */
export async function closeRunEventHub(): Promise<void> {
  const h = holder.riposteRunEventHub;
  holder.riposteRunEventHub = undefined;
  if (h !== undefined) {
    h.listeners.clear();
    await h.redis.quit().catch(() => undefined);
  }
}
