// The flows list (issue 6): each flow with its switch, trigger, owner, last run, and a 7-day
// success chart. Two queries whatever the number of flows: the flows with their last run (one
// LATERAL probe of Run(flowId, createdAt DESC) per flow) and ONE grouped query for the 7-day
// stats of every listed flow (a range scan of the same index), so the page is never N+1.
import { z } from 'zod';
import { db, Prisma } from '../db/client';
import { RUN_STATUSES } from './runs';

export const FLOW_LAST_STATUSES = [...RUN_STATUSES, 'never'] as const;

export const ZFlowListQuery = z.object({
  /** Case-insensitive substring of the name. */
  q: z.string().trim().max(200).optional(),
  enabled: z.enum(['on', 'off']).optional(),
  triggerType: z.string().max(100).optional(),
  /** The last run's status, or `never` for flows that never ran. */
  lastStatus: z.enum(FLOW_LAST_STATUSES).optional(),
});
export type FlowListQuery = z.input<typeof ZFlowListQuery>;

export const STATS_DAYS = 7;

export interface FlowDayStats {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  succeeded: number;
  /** Failed and timed out. */
  failed: number;
  /** Every run created that day (queued, running, cancelled… included). */
  total: number;
}

export interface FlowStats {
  days: FlowDayStats[];
  succeeded: number;
  failed: number;
  total: number;
  /** succeeded / (succeeded + failed) over the window; null when no run finished either way. */
  successRate: number | null;
}

export interface FlowListItem {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  triggerType: string | null;
  publishedVersion: number | null;
  draftVersion: number;
  updatedAt: string;
  owner: { id: string; email: string; name: string } | null;
  lastRun: { id: string; status: string; createdAt: string } | null;
}

export interface FlowListItemWithStats extends FlowListItem {
  stats: FlowStats;
}

interface FlowRow {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  triggerType: string | null;
  publishedVersion: number | null;
  draftVersion: number;
  updatedAt: Date;
  ownerId: string | null;
  ownerEmail: string | null;
  ownerName: string | null;
  lastRunId: string | null;
  lastRunStatus: string | null;
  lastRunAt: Date | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Flows in creation order with owner and last run; filters are optional (the runs page lists them all). */
export async function listFlows(input: FlowListQuery = {}): Promise<FlowListItem[]> {
  const query = ZFlowListQuery.parse(input);
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.q) where.push(Prisma.sql`f."name" ILIKE ${`%${escapeLike(query.q)}%`}`);
  if (query.enabled) where.push(Prisma.sql`f."enabled" = ${query.enabled === 'on'}`);
  if (query.triggerType) where.push(Prisma.sql`f."triggerType" = ${query.triggerType}`);
  if (query.lastStatus === 'never') where.push(Prisma.sql`lr."id" IS NULL`);
  else if (query.lastStatus) where.push(Prisma.sql`lr."status"::text = ${query.lastStatus}`);
  const rows = await db().$queryRaw<FlowRow[]>`
    SELECT f."id", f."name", f."description", f."enabled", f."triggerType", f."publishedVersion", f."draftVersion", f."updatedAt",
      f."ownerId", u."email" AS "ownerEmail", u."name" AS "ownerName",
      lr."id" AS "lastRunId", lr."status"::text AS "lastRunStatus", lr."createdAt" AS "lastRunAt"
    FROM "Flow" f
    LEFT JOIN "User" u ON u."id" = f."ownerId"
    LEFT JOIN LATERAL (
      SELECT r."id", r."status", r."createdAt" FROM "Run" r WHERE r."flowId" = f."id" ORDER BY r."createdAt" DESC LIMIT 1
    ) lr ON TRUE
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY f."createdAt" ASC, f."id" ASC`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    triggerType: r.triggerType,
    publishedVersion: r.publishedVersion,
    draftVersion: r.draftVersion,
    updatedAt: r.updatedAt.toISOString(),
    owner: r.ownerId && r.ownerEmail !== null ? { id: r.ownerId, email: r.ownerEmail, name: r.ownerName ?? '' } : null,
    lastRun: r.lastRunId && r.lastRunStatus && r.lastRunAt ? { id: r.lastRunId, status: r.lastRunStatus, createdAt: r.lastRunAt.toISOString() } : null,
  }));
}

/** The UTC days of the window ending today, oldest first. */
export function statsDays(now: Date, days = STATS_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** 7-day stats of the given flows in one grouped query (by flow and UTC day). */
export async function flowStats(flowIds: string[], now = new Date()): Promise<Map<string, FlowStats>> {
  const days = statsDays(now);
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  const rows =
    flowIds.length === 0
      ? []
      : await db().$queryRaw<{ flowId: string; day: string; succeeded: number; failed: number; total: number }[]>`
          SELECT r."flowId", to_char(date_trunc('day', r."createdAt"), 'YYYY-MM-DD') AS "day",
            (count(*) FILTER (WHERE r."status" = 'succeeded'))::int AS "succeeded",
            (count(*) FILTER (WHERE r."status" IN ('failed', 'timed_out')))::int AS "failed",
            count(*)::int AS "total"
          FROM "Run" r
          WHERE r."flowId" = ANY(${flowIds}::uuid[]) AND r."createdAt" >= ${since}
          GROUP BY 1, 2`;
  const byFlow = new Map<string, Map<string, FlowDayStats>>();
  for (const r of rows) {
    const m = byFlow.get(r.flowId) ?? new Map<string, FlowDayStats>();
    m.set(r.day, { day: r.day, succeeded: r.succeeded, failed: r.failed, total: r.total });
    byFlow.set(r.flowId, m);
  }
  const out = new Map<string, FlowStats>();
  for (const id of flowIds) {
    const m = byFlow.get(id);
    const series = days.map((day) => m?.get(day) ?? { day, succeeded: 0, failed: 0, total: 0 });
    const succeeded = series.reduce((n, d) => n + d.succeeded, 0);
    const failed = series.reduce((n, d) => n + d.failed, 0);
    const total = series.reduce((n, d) => n + d.total, 0);
    out.set(id, { days: series, succeeded, failed, total, successRate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed) });
  }
  return out;
}

export async function listFlowsWithStats(input: FlowListQuery = {}, now = new Date()): Promise<FlowListItemWithStats[]> {
  const flows = await listFlows(input);
  const stats = await flowStats(flows.map((f) => f.id), now);
  return flows.map((f) => ({ ...f, stats: stats.get(f.id) as FlowStats }));
}
