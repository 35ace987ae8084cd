// The run list's SQL. One statement per page (runs joined with their flow, version and starter)
// and one for the status counts: at a million runs the fixed cost of each extra round trip
// through the ORM outweighs the indexed query itself (docs/benchmarks.md §5). Every condition
// maps onto one of the Run indexes (prisma/schema.prisma), and all values are bound parameters.
import { Prisma } from '../db/client';

export interface SqlRunFilter {
  flowId?: string;
  status?: string[];
  from?: Date;
  to?: Date;
  alertId?: string;
  machineId?: string;
  computerDnsName?: string;
  severity?: string;
  triggerKind?: string;
  q?: string;
}

/** ILIKE treats % _ and \ specially; the search is for the literal text. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function filterSql(f: SqlRunFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.flowId) parts.push(Prisma.sql`r."flowId" = ${f.flowId}::uuid`);
  if (f.status && f.status.length > 0) {
    parts.push(f.status.length === 1 ? Prisma.sql`r."status" = ${f.status[0]}::"RunStatus"` : Prisma.sql`r."status" = ANY(${f.status}::"RunStatus"[])`);
  }
  if (f.from) parts.push(Prisma.sql`r."createdAt" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`r."createdAt" < ${f.to}`);
  if (f.alertId) parts.push(Prisma.sql`r."triggerAlertId" = ${f.alertId}`);
  if (f.machineId) parts.push(Prisma.sql`r."machineId" = ${f.machineId}`);
  if (f.computerDnsName) parts.push(Prisma.sql`r."computerDnsName" = ${f.computerDnsName}`);
  if (f.severity) parts.push(Prisma.sql`r."severity" = ${f.severity}`);
  if (f.triggerKind) parts.push(Prisma.sql`r."triggerKind" = ${f.triggerKind}`);
  // Served by the pg_trgm GIN index on alertTitle.
  if (f.q) parts.push(Prisma.sql`r."alertTitle" ILIKE ${likeContains(f.q)}`);
  return parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, ' AND ');
}

export interface Keyset {
  createdAt: Date;
  id: string;
  direction: 'older' | 'newer';
}

/**
 * `createdAt <= c` is the index range; the id tie-break filters within it (a row comparison
 * would be neater but is not used as an index bound on these descending indexes).
 */
export function keysetSql(k: Keyset | null): Prisma.Sql {
  if (!k) return Prisma.sql`TRUE`;
  return k.direction === 'older'
    ? Prisma.sql`r."createdAt" <= ${k.createdAt} AND (r."createdAt" < ${k.createdAt} OR r."id" < ${k.id}::uuid)`
    : Prisma.sql`r."createdAt" >= ${k.createdAt} AND (r."createdAt" > ${k.createdAt} OR r."id" > ${k.id}::uuid)`;
}

export interface RunListSqlRow {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number;
  status: string;
  triggerKind: string;
  triggerAlertId: string | null;
  alertTitle: string | null;
  severity: string | null;
  machineId: string | null;
  computerDnsName: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: unknown;
  startedBy: string | null;
}

/** The page: the newest (or, going newer, the oldest) `take` rows past the keyset. No payload columns. */
export function listSql(filter: Prisma.Sql, keyset: Keyset | null, take: number): Prisma.Sql {
  const order = keyset?.direction === 'newer' ? Prisma.sql`r."createdAt" ASC, r."id" ASC` : Prisma.sql`r."createdAt" DESC, r."id" DESC`;
  return Prisma.sql`
    SELECT r."id", r."flowId", f."name" AS "flowName", v."version" AS "flowVersion", r."status"::text AS "status", r."triggerKind",
      r."triggerAlertId", r."alertTitle", r."severity", r."machineId", r."computerDnsName",
      r."createdAt", r."startedAt", r."finishedAt", r."error", u."email" AS "startedBy"
    FROM "Run" r
    JOIN "Flow" f ON f."id" = r."flowId"
    JOIN "FlowVersion" v ON v."id" = r."flowVersionId"
    LEFT JOIN "User" u ON u."id" = r."startedById"
    WHERE ${filter} AND ${keysetSql(keyset)}
    ORDER BY ${order}
    LIMIT ${take}`;
}

/** Runs per status among the newest `window` runs matching the filter: bounded work for any filter. */
export function countsSql(filter: Prisma.Sql, window: number): Prisma.Sql {
  return Prisma.sql`
    SELECT w."status"::text AS "status", count(*)::int AS "n"
    FROM (SELECT r."status" FROM "Run" r WHERE ${filter} ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${window}) w
    GROUP BY 1`;
}
