// Redis connections for BullMQ. Workers wait for Redis to come back (maxRetriesPerRequest: null);
// producers (web requests, the poller's enqueue) fail fast so the caller knows, and the
// reconciler re-enqueues from Postgres later (design.md §1).
import { Redis } from 'ioredis';
import { env } from '../env';

export function workerConnection(): Redis {
  return new Redis(env().REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function producerConnection(): Redis {
  return new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
}

/**
 * A producer whose commands issued in the same tick leave in one write (ioredis auto-pipelining):
 * for the worker's many small fire-and-forget and script calls (rate limiter, metrics, live-view
 * announcements). Not for BullMQ's own connections.
 */
export function pipelinedConnection(): Redis {
  return new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableAutoPipelining: true });
}
