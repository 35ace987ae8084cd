// Readiness (GET /api/ready): can this instance do its job? Database and Redis answer, every
// migration this build ships is applied, and at least one worker process beat in the last minute.
// Checks run in parallel, each with a time limit, so a hung dependency still gets a prompt 503.
import { Redis } from 'ioredis';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { publicError } from './public-error';
import { APPLIED_MIGRATIONS_SQL, isMissingTable, migrationFolders, pendingMigrations, type AppliedMigration } from './migrations';

/** A worker counts as alive when its heartbeat is younger than this. */
export const WORKER_SEEN_WITHIN_MS = 60_000;
const CHECK_TIMEOUT_MS = 2_000;

export interface TimedCheck {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: {
    database: TimedCheck;
    redis: TimedCheck;
    migrations: { ok: boolean; pending: string[]; error?: string };
    worker: { ok: boolean; lastSeenAt: string | null; processes: number; error?: string };
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function timed(work: () => Promise<unknown>): Promise<TimedCheck> {
  const start = performance.now();
  try {
    await withTimeout(work(), CHECK_TIMEOUT_MS);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - start), error: publicError(err) };
  }
}

/** A fresh connection per check that never retries: the answer is about Redis now, not later. */
async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: CHECK_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // ioredis rejects with a bare "Connection is closed."; the cause (e.g. ECONNREFUSED) comes as
  // an error event first.
  let cause: Error | undefined;
  redis.on('error', (err: Error) => {
    cause ??= err;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw cause ?? err;
  } finally {
    redis.disconnect();
  }
}

async function migrationsCheck(): Promise<Readiness['checks']['migrations']> {
  try {
    const folders = migrationFolders();
    let applied: AppliedMigration[] = [];
    try {
      applied = await withTimeout(db().$queryRawUnsafe<AppliedMigration[]>(APPLIED_MIGRATIONS_SQL), CHECK_TIMEOUT_MS);
    } catch (err) {
      if (!isMissingTable(err)) throw err;
    }
    const pending = pendingMigrations(folders, applied);
    return { ok: pending.length === 0, pending };
  } catch (err) {
    return { ok: false, pending: [], error: publicError(err) };
  }
}

async function workerCheck(now: Date): Promise<Readiness['checks']['worker']> {
  try {
    const since = new Date(now.getTime() - WORKER_SEEN_WITHIN_MS);
    const [last, processes] = await withTimeout(
      Promise.all([
        db().workerHeartbeat.findFirst({ orderBy: { lastBeatAt: 'desc' }, select: { lastBeatAt: true } }),
        db().workerHeartbeat.count({ where: { lastBeatAt: { gte: since } } }),
      ]),
      CHECK_TIMEOUT_MS,
    );
    return { ok: processes > 0, lastSeenAt: last?.lastBeatAt.toISOString() ?? null, processes };
  } catch (err) {
    return { ok: false, lastSeenAt: null, processes: 0, error: publicError(err) };
  }
}

export async function checkReadiness(opts: { redisUrl?: string; now?: Date } = {}): Promise<Readiness> {
  const [database, redis, migrations, worker] = await Promise.all([
    timed(() => db().$queryRaw`SELECT 1`),
    timed(() => pingRedis(opts.redisUrl ?? env().REDIS_URL)),
    migrationsCheck(),
    workerCheck(opts.now ?? new Date()),
  ]);
  const checks = { database, redis, migrations, worker };
  const ready = database.ok && redis.ok && migrations.ok && worker.ok;
  return { status: ready ? 'ready' : 'not_ready', checks };
}
