// Each worker process says it is alive: one WorkerHeartbeat row (random id, host, pid), beaten
// every few seconds. /api/ready wants a beat from the last minute; the System page lists the rows.
// Postgres rather than a Redis key with a TTL: the row outlives a Redis restart and records when
// the process started. A beat that fails (database down) is logged and tried again next time.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { db } from '@/server/db/client';

/** Rows not beaten for this long belong to processes that died without a clean stop. */
export const STALE_HEARTBEAT_MS = 24 * 60 * 60 * 1000;

export interface Heartbeat {
  readonly id: string;
  /** Stops beating and deletes the row (a clean stop leaves no trace). */
  stop(): Promise<void>;
}

export async function startHeartbeat(opts: { everyMs?: number; log?: (msg: string, extra?: Record<string, unknown>) => void } = {}): Promise<Heartbeat> {
  const id = randomUUID();
  const row = { id, host: hostname().slice(0, 200), pid: process.pid };
  const beat = async () => {
    const now = new Date();
    await db().workerHeartbeat.upsert({ where: { id }, create: { ...row, startedAt: now, lastBeatAt: now }, update: { lastBeatAt: now } });
    await db().workerHeartbeat.deleteMany({ where: { lastBeatAt: { lt: new Date(now.getTime() - STALE_HEARTBEAT_MS) } } });
  };
  const safeBeat = () => beat().catch((err: Error) => opts.log?.('heartbeat failed', { error: err.message }));
  await safeBeat();
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = safeBeat();
  }, opts.everyMs ?? 10_000);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await beating;
      await db().workerHeartbeat.delete({ where: { id } }).catch(() => undefined);
    },
  };
}
