// Counters the worker increments in Redis so the web process's /api/metrics can read them (the
// processes share no memory). Plain hashes under RIPOSTE_QUEUE_PREFIX; a metric write never
// delays or fails the work it counts (errors are swallowed). Redis loss resets them, which
// Prometheus' rate()/increase() treat as a counter reset.
import type { Redis } from 'ioredis';

export const COUNTER_HASHES = {
  /** field `<api family>|<HTTP status>` */
  mdeCalls: 'metrics:mde_calls',
  /** field `<api family>|<outcome>`: `waited` (slept for a slot) or `refused` (run delayed) */
  rateLimiter: 'metrics:rate_limiter',
  /** field `requeued|<reason>`: runs the reconciler put back on the queue (reconcile.ts) */
  reconciler: 'metrics:reconciler',
  /** field `<action>|<reason>`: runs the reaper ended, `abandoned|max_starts` or `timed_out|deadline` */
  reaper: 'metrics:reaper',
} as const;

export type CounterHash = keyof typeof COUNTER_HASHES;

export const counterKey = (prefix: string, hash: CounterHash) => `${prefix}:${COUNTER_HASHES[hash]}`;

/** The two label values a field holds, `a|b`. */
export const counterField = (a: string, b: string) => `${a}|${b}`;

export interface Counters {
  /** Fire-and-forget +1 (the Defender call path must not wait on a metric). */
  increment(hash: CounterHash, field: string): void;
  /** +n, resolved once written (or once the write failed): for batch work that can afford the wait. */
  add(hash: CounterHash, field: string, n: number): Promise<void>;
}

export function redisCounters(redis: Pick<Redis, 'hincrby'>, prefix: string): Counters {
  return {
    increment(hash, field) {
      redis.hincrby(counterKey(prefix, hash), field, 1).catch(() => undefined);
    },
    async add(hash, field, n) {
      if (n <= 0) return;
      await redis.hincrby(counterKey(prefix, hash), field, n).then(
        () => undefined,
        () => undefined,
      );
    },
  };
}

/** All fields of one hash as `{ field: count }` (for the scrape). */
export async function readCounters(redis: Redis, prefix: string, hash: CounterHash): Promise<Record<string, number>> {
  const raw = await redis.hgetall(counterKey(prefix, hash));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}
