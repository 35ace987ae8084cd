// The web process's queues (one producer connection, kept across requests and dev reloads): it
// enqueues manual runs and updates schedule job schedulers right after publish / enable / disable.
import type { Redis } from 'ioredis';
import { createQueues, type Queues } from './queues';
import { producerConnection } from './connection';

const holder = globalThis as unknown as { riposteWebQueues?: { queues: Queues; connection: Redis } };

export function webQueues(): Queues {
  if (!holder.riposteWebQueues) {
    const connection = producerConnection();
    holder.riposteWebQueues = { queues: createQueues(connection), connection };
  }
  return holder.riposteWebQueues.queues;
}

/** For tests and shutdown. */
export async function closeWebQueues(): Promise<void> {
  const held = holder.riposteWebQueues;
  holder.riposteWebQueues = undefined;
  if (held) {
    await held.queues.close();
    await held.connection.quit().catch(() => undefined);
  }
}
