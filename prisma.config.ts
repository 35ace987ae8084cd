// Prisma CLI configuration. Prisma 6.19 runs migrations offline with its wasm schema engine
// through the pg driver adapter (engine: 'js'); see ../shared/stack-notes.md for the two
// upstream bugs handled here.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

process.env.CHECKPOINT_DISABLE = '1';
const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/riposte';
// The schema reads env("DATABASE_URL"); without it Prisma silently falls back to downloading engines.
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

// prisma/orm#27403: the schema engine cannot deserialise `name` (19) and `"char"` (18) columns
// from catalog queries. Report them as text (25) in this CLI process only.
type RowDescription = { fields: { dataTypeID: number }[] };
const queryProto = (pg as unknown as { Query: { prototype: { handleRowDescription(msg: RowDescription): void } } })
  .Query.prototype;
const originalHandleRowDescription = queryProto.handleRowDescription;
queryProto.handleRowDescription = function patched(this: unknown, msg: RowDescription) {
  for (const field of msg.fields) {
    if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  }
  return originalHandleRowDescription.call(this, msg);
};

function discreteConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? u.pathname.slice(1),
    allowExitOnIdle: true,
  };
}

// PrismaPg.connectToShadowDb connects to the main database when given a connection string and
// drops the shadow database before closing its pool. Do both correctly.
class MigratingPrismaPg extends PrismaPg {
  constructor(private readonly url: string) {
    super(discreteConfig(url));
  }
  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client(discreteConfig(this.url));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = await new PrismaPg(discreteConfig(this.url, name)).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(discreteConfig(this.url));
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: async () => new MigratingPrismaPg(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
});
