// Worker process entry: `tsx worker/main.ts`. Graceful shutdown on SIGTERM/SIGINT: running jobs
// finish, connections close; a second signal or 20 s forces exit (runs stay consistent anyway).
import { startWorker, type WorkerHandle } from './start-worker';
import { db } from '@/server/db/client';
import { closeMailTransports } from '@/server/mail/mailer';
import { logger } from '@/server/log/logger';

const workerLog = logger.child({ part: 'worker' });
const log = (msg: string, extra: Record<string, unknown> = {}) => workerLog.info(extra, msg);

let handle: WorkerHandle | null = null;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) process.exit(1);
  stopping = true;
  log('worker stopping', { signal });
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  await handle?.close();
  closeMailTransports();
  await db().$disconnect();
  process.exit(0);
}
// Registered before start-up, so a signal during start-up also shuts down cleanly.
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

handle = await startWorker();
if (stopping) await handle.close();
else log('worker started');
