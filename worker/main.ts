// Worker process entry: `tsx worker/main.ts`. Graceful shutdown on SIGTERM/SIGINT.
import { startWorker } from './start-worker';
import { db } from '@/server/db/client';
import { closeMailTransports } from '@/server/mail/mailer';

const handle = await startWorker();
console.log(JSON.stringify({ at: new Date().toISOString(), msg: 'worker started', pid: process.pid }));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ at: new Date().toISOString(), msg: 'worker stopping', signal }));
  const force = setTimeout(() => process.exit(1), 20_000);
  await handle.close();
  closeMailTransports();
  await db().$disconnect();
  clearTimeout(force);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
