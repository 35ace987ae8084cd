// "This connection was edited or deleted": announced by the web after the change is committed,
// heard by every worker, which drops its cached copy (server/services/connection-cache.ts).
// Delivery only, like the run signals: a lost message leaves a worker on the old settings for
// at most the cache's safety lifetime, and a worker that is not hearing the channel reads
// connections from Postgres every time.
import type { Redis } from 'ioredis';
import { env } from '../env';
import { signalProducer } from './run-signals';
import { logger } from '../log/logger';

/** Pub/sub is not per database: the prefix keeps installations apart. */
export const connectionChangesChannel = () => `${env().RIPOSTE_QUEUE_PREFIX}:connection-changed`;

/** Never throws: the change is committed already, and the cache's lifetime bounds a lost message. */
export async function signalConnectionChanged(connectionId: string, redis: Pick<Redis, 'publish'> = signalProducer()): Promise<void> {
  try {
    await redis.publish(connectionChangesChannel(), connectionId);
  } catch (e) {
    logger.warn({ connectionId, error: (e as Error).message }, 'connection change signal failed; workers pick the change up within a minute');
  }
}
