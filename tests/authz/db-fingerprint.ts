// A digest of every table's rows: equal before and after = the requests changed nothing.
import { db } from '@/server/db/client';

export async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [row] = await db().$queryRawUnsafe<{ digest: string; n: number }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*)::int AS n FROM ${quoted} t`,
    );
    out[name] = `${row.n} rows ${row.digest}`;
  }
  return out;
}
