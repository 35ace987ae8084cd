// Connections as the worker reads them on every step: cached per process while the worker hears
// the change channel (server/queue/connection-changes.ts), so an email or a Defender call no
// longer reads and decrypts its connection through the ORM each time (12 % of the worker's CPU
// in the engine benchmark, docs/benchmarks.md §1), while an edit still applies to the next call.
// Without the channel (not started, or Redis away) every read goes to Postgres, as before.
import type { Redis } from 'ioredis';
import { connectionChangesChannel } from '../queue/connection-changes';

/** A message lost while publishing (Redis blinked in the web) is covered by this lifetime. */
export const CONNECTION_CACHE_MS = 60_000;

interface Entry {
  value: Promise<unknown>;
  at: number;
}

const entries = new Map<string, Entry>();
let hearing = false;
let subscriber: Redis | null = null;

const dropConnection = (connectionId: string) => {
  for (const key of entries.keys()) if (key.endsWith(`:${connectionId}`)) entries.delete(key);
};

/**
 * Starts hearing the channel on a dedicated subscriber connection. While it is down nothing is
 * cached, and everything cached before is dropped when it comes back (messages may be lost).
 */
export async function startConnectionCache(sub: Redis): Promise<void> {
  subscriber = sub;
  const channel = connectionChangesChannel();
  sub.on('message', (ch: string, connectionId: string) => {
    if (ch === channel) dropConnection(connectionId);
  });
  const deaf = () => {
    hearing = false;
    entries.clear();
  };
  sub.on('close', deaf);
  sub.on('end', deaf);
  sub.on('error', () => undefined);
  // ioredis subscribes again as it reconnects; what changed meanwhile was not heard.
  sub.on('ready', () => {
    entries.clear();
    hearing = true;
  });
  await sub.subscribe(channel);
  hearing = true;
}

export async function stopConnectionCache(): Promise<void> {
  hearing = false;
  entries.clear();
  const sub = subscriber;
  subscriber = null;
  await sub?.unsubscribe(connectionChangesChannel()).catch(() => undefined);
}

/**
 * `load(id)` through the cache. The promise is cached at once, so concurrent steps share one
 * read; a change message removes it, so a read begun before the change is not kept.
 */
export function cachedConnection<T>(kind: string, connectionId: string, load: (id: string) => Promise<T>, now = Date.now()): Promise<T> {
  if (!hearing) return load(connectionId);
  const key = `${kind}:${connectionId}`;
  const hit = entries.get(key);
  if (hit && now - hit.at < CONNECTION_CACHE_MS) return hit.value as Promise<T>;
  const value = load(connectionId);
  const entry = { value, at: now };
  entries.set(key, entry);
  // A failed read (a deleted connection, Postgres away) is not remembered.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}
