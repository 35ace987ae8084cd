// The web process's queues (one producer connection, kept across requests and dev reloads): it
// enqueues manual runs and updates schedule job schedulers right after publish / enable / disable.
import type { Redis } from 'ioredis';
import { createQueues, type Queues } from './queues';
import { producerConnection } from './connection';

const holder = globalThis as unknown as { riposteWebQueues?: { queues: Queues; connection: Redis } };

function held(): { queues: Queues; connection: Redis } {
  if (!holder.riposteWebQueues) {
    const connection = producerConnection();
    holder.riposteWebQueues = { queues: createQueues(connection), connection };
  }
  return holder.riposteWebQueues;
}

export function webQueues(): Queues {
  return held().queues;
}

/** The same producer connection, for reads such as the metrics scrape's counters. */
export function webRedis(): Redis {
  return held().connection;
}

/** For tests and shutdown. */
export async function closeWebQueues(): Promise<void> {
  const current = holder.riposteWebQueues;
  holder.riposteWebQueues = undefined;
  if (current) {
    await current.queues.close();
    await current.connection.quit().catch(() => undefined);
  }
}
