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
