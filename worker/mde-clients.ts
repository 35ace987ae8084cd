// One MDE client per Defender connection per process, rebuilt when the connection changes.
// The client (and MSAL inside it) caches tokens until they expire. Every client passes its
// calls through the tenant's shared rate limiter (server/defender/rate-limit, Redis).
import type { Redis } from 'ioredis';
import { createMdeClient } from '@/server/defender/mde-client';
import { connectionGate } from '@/server/defender/rate-limit/connection-gate';
import { createSlidingWindowLimiter, type SlidingWindowLimiter } from '@/server/defender/rate-limit/sliding-window';
import { env } from '@/server/env';
import { pipelinedConnection } from '@/server/queue/connection';
import { loadDefenderConnection } from '@/server/services/connections';
import { cachedConnection } from '@/server/services/connection-cache';
import { redisCounters, type Counters } from '@/server/metrics/counters';

export type MdeClient = ReturnType<typeof createMdeClient>;

const clients = new Map<string, { key: string; client: MdeClient; config: unknown }>();
// A Retry-After longer than this is not slept on in-process: the worker delays the job instead.
const MAX_INLINE_RETRY_AFTER_MS = 2000;

let limiterRedis: Redis | null = null;
let limiter: SlidingWindowLimiter | null = null;
let counters: Counters | null = null;

function sharedLimiter(): SlidingWindowLimiter {
  if (!limiter) {
    // Fail fast (not wait for Redis): the call then fails retryably and the run is retried later.
    // Pipelined: the reservations and counters of concurrent calls share one write.
    limiterRedis = pipelinedConnection();
    limiterRedis.on('error', () => undefined);
    limiter = createSlidingWindowLimiter(limiterRedis);
    counters = redisCounters(limiterRedis, env().RIPOSTE_QUEUE_PREFIX);
  }
  return limiter;
}

/**
 * `poll`: the alert poller may wait longer for a slot than a run (it cannot be delayed like a run
 * job, and a few polls a minute must get through a backlog of runs, or new alerts would get no
 * run until the backlog drains).
 */
export type ClientRole = 'run' | 'poll';
const MAX_INLINE_WAIT_MS: Record<ClientRole, number> = { run: 2000, poll: 15_000 };

export async function mdeClientFor(connectionId: string, role: ClientRole = 'run'): Promise<MdeClient> {
  const cacheKey = `${connectionId}:${role}`;
  const cached = clients.get(cacheKey);
  // The same object while the connection cache holds it (until an edit is announced).
  const conn = await cachedConnection('defender', connectionId, loadDefenderConnection);
  if (cached && cached.config === conn) return cached.client;
  const key = JSON.stringify([conn.tenantId, conn.clientId, conn.clientSecret, conn.apiBaseUrl, conn.authorityHost, conn.graphBaseUrl, conn.rateLimits, conn.rateLimitWindows]);
  if (cached && cached.key === key) {
    // Re-read but unchanged: keep the client and its token cache.
    cached.config = conn;
    return cached.client;
  }
  const gate = connectionGate(conn, { limiter: sharedLimiter(), keyPrefix: env().RIPOSTE_QUEUE_PREFIX, maxInlineWaitMs: MAX_INLINE_WAIT_MS[role], counters: counters ?? undefined });
  const client = createMdeClient(conn, { gate, maxRetryAfterMs: MAX_INLINE_RETRY_AFTER_MS });
  clients.set(cacheKey, { key, client, config: conn });
  return client;
}

/** Closes the limiter's Redis connection (worker shutdown, tests). */
export async function closeMdeClients(): Promise<void> {
  clients.clear();
  const redis = limiterRedis;
  limiterRedis = null;
  limiter = null;
  counters = null;
  await redis?.quit().catch(() => undefined);
}
