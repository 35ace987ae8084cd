// One Prisma client per process, over the pg driver adapter (Prisma 6.19 "client" engine,
// fully offline). Cached on globalThis so Next's dev reloads do not open new pools.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { env } from '../env';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { riposteDb?: PrismaClient };

export function createDb(databaseUrl: string, max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}

export function db(): PrismaClient {
  if (!globalForDb.riposteDb) {
    globalForDb.riposteDb = createDb(env().DATABASE_URL, Number(process.env.DB_POOL_SIZE ?? 10));
  }
  return globalForDb.riposteDb;
}

export * from './generated/client';
