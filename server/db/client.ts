// One Prisma client per process, over the pg driver adapter (Prisma 6.19 "client" engine,
// fully offline). Cached on globalThis so Next's dev reloads do not open new pools.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { env } from '../env';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { riposteDb?: PrismaClient; ripostePool?: pg.Pool };

export function createDb(databaseUrl: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}

function createPooledDb(): { client: PrismaClient; pool: pg.Pool } {
  // allowExitOnIdle: the adapter does not end a pool it was handed, so after $disconnect() idle
  // connections must not keep a script's process alive.
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10), allowExitOnIdle: true });
  // An idle connection the server dropped must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { pool, client: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

export function db(): PrismaClient {
  if (!globalForDb.riposteDb) {
    const { client, pool } = createPooledDb();
    globalForDb.riposteDb = client;
    globalForDb.ripostePool = pool;
  }
  return globalForDb.riposteDb;
}

/**
 * The pg pool under db(), for the worker's hot path (server/db/run-sql.ts): a handful of fixed
 * statements per run sent without the ORM's per-query compile and interpretation. Same pool,
 * so DB_POOL_SIZE still bounds this process's connections.
 */
export function pgPool(): pg.Pool {
  db();
  return globalForDb.ripostePool as pg.Pool;
}

export * from './generated/client';
