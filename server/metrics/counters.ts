// Counters the worker increments in Redis so the web process's /api/metrics can read them (the
// processes share no memory). Plain hashes under RIPOSTE_QUEUE_PREFIX; fire-and-forget: a metric
// write never delays or fails a Defender call. Redis loss resets them, which Prometheus'
// rate()/increase() treat as a counter reset.
import type { Redis } from 'ioredis';

export const COUNTER_HASHES = {
  /** field `<api family>|<HTTP status>` */
  mdeCalls: 'metrics:mde_calls',
  /** field `<api family>|<outcome>`: `waited` (slept for a slot) or `refused` (run delayed) */
  rateLimiter: 'metrics:rate_limiter',
} as const;

export type CounterHash = keyof typeof COUNTER_HASHES;

export const counterKey = (prefix: string, hash: CounterHash) => `${prefix}:${COUNTER_HASHES[hash]}`;

export interface Counters {
  increment(hash: CounterHash, field: string): void;
}

export function redisCounters(redis: Redis, prefix: string): Counters {
  return {
    increment(hash, field) {
      redis.hincrby(counterKey(prefix, hash), field, 1).catch(() => undefined);
    },
  };
}

/** All fields of one hash as `{ field: count }` (for the scrape). */
export async function readCounters(redis: Redis, prefix: string, hash: CounterHash): Promise<Record<string, number>> {
  const raw = await redis.hgetall(counterKey(prefix, hash));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}
