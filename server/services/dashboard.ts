// The SOC dashboard (issue 6): runs over time by status, alerts handled, time from alert to first
// containment (median and p95, the MTTR a SOC reports), top failing flows with their most common
// error, and pending approvals. Each figure is one SQL query over the range, bounded by
// Run.createdAt (the Run(createdAt) index); step payloads are read only for containment steps.
import { db, Prisma } from '../db/client';
import { RUN_STATUSES, type RunStatus } from './runs';

export const DASHBOARD_RANGES = ['24h', '7d', '30d'] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

/**
 * Steps that contain a threat on a device: what "time to containment" waits for. Offboarding is
 * listed for when the machine-actions work adds it (a type that is not in the catalog never matches).
 */
export const CONTAINMENT_STEP_TYPES = [
  'defender.isolateMachine',
  'defender.restrictAppExecution',
  'defender.stopAndQuarantineFile',
  'defender.offboardMachine',
] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface RangeSpec {
  range: DashboardRange;
  bucket: 'hour' | 'day';
  /** Start of the first bucket (inclusive). */
  since: Date;
  /** Bucket starts, oldest first. */
  buckets: Date[];
}

/** The buckets of a range ending with the current (partial) hour or UTC day. */
export function rangeSpec(range: DashboardRange, now = new Date()): RangeSpec {
  if (range === '24h') {
    const current = Math.floor(now.getTime() / HOUR) * HOUR;
    const buckets = Array.from({ length: 24 }, (_, i) => new Date(current - (23 - i) * HOUR));
    return { range, bucket: 'hour', since: buckets[0], buckets };
  }
  const days = range === '7d' ? 7 : 30;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const buckets = Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY));
  return { range, bucket: 'day', since: buckets[0], buckets };
}

export type StatusCounts = Record<RunStatus, number>;
export interface RunBucket extends StatusCounts {
  /** Bucket start, ISO. */
  at: string;
  total: number;
}

const zeroCounts = (): StatusCounts => Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Runs created per hour (24 h) or UTC day (7 d, 30 d), by status; empty buckets included. */
export async function runsOverTime(spec: RangeSpec): Promise<RunBucket[]> {
  const unit = spec.bucket === 'hour' ? Prisma.sql`'hour'` : Prisma.sql`'day'`;
  const rows = await db().$queryRaw<{ at: Date; status: RunStatus; n: number }[]>`
    SELECT date_trunc(${unit}, r."createdAt") AS "at", r."status"::text AS "status", count(*)::int AS "n"
    FROM "Run" r WHERE r."createdAt" >= ${spec.since}
    GROUP BY 1, 2`;
  const byAt = new Map<number, RunBucket>(spec.buckets.map((b) => [b.getTime(), { at: b.toISOString(), total: 0, ...zeroCounts() }]));
  for (const r of rows) {
    const bucket = byAt.get(new Date(r.at).getTime());
    if (!bucket) continue;
    bucket[r.status] += r.n;
    bucket.total += r.n;
  }
  return [...byAt.values()];
}

export interface RunTotals extends StatusCounts {
  total: number;
  /** Distinct alerts that started at least one run. */
  alertsHandled: number;
}

// "Alert updated" runs keep the alert id in the trigger data (their dedup key is id@lastUpdateTime).
const alertIdOf = Prisma.sql`(CASE WHEN r."triggerKind" = 'alert' THEN r."alertId" WHEN r."triggerKind" = 'alertUpdated' THEN r."triggerData"->>'id' END)`;

export async function runTotals(spec: RangeSpec): Promise<RunTotals> {
  const [counts] = await db().$queryRaw<(StatusCounts & { total: number; alertsHandled: number })[]>`
    SELECT count(*)::int AS "total",
      ${Prisma.join(RUN_STATUSES.map((s) => Prisma.sql`(count(*) FILTER (WHERE r."status" = ${s}::"RunStatus"))::int AS ${Prisma.raw(`"${s}"`)}`), ', ')},
      count(DISTINCT ${alertIdOf})::int AS "alertsHandled"
    FROM "Run" r WHERE r."createdAt" >= ${spec.since}`;
  return counts;
}

/** An ISO text as a UTC timestamp, or NULL when it does not look like one (it is data from outside). */
function utcTimestamp(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}' THEN (${text})::timestamptz AT TIME ZONE 'UTC' END)`;
}

export interface ContainmentStats {
  /** Alerts with a contained device in the range. */
  alerts: number;
  medianMs: number | null;
  p95Ms: number | null;
}

/**
 * Time from an alert's creation (alertCreationTime in the trigger data) to the first successful
 * containment step of any run for that alert. The containment moment is when Defender took the
 * action (the machine action's creationDateTimeUtc in the step output) or, without one, when the
 * step finished. An alert whose device was already contained before the alert was created (an
 * isolation still pending from an earlier alert) is left out: it says nothing about response time.
 */
export async function containmentTimes(spec: RangeSpec): Promise<ContainmentStats> {
  const [row] = await db().$queryRaw<{ alerts: number; medianMs: number | null; p95Ms: number | null }[]>`
    WITH contained AS (
      SELECT s."runId", min(COALESCE(${utcTimestamp(Prisma.sql`s."output"->>'creationDateTimeUtc'`)}, s."finishedAt")) AS "at"
      FROM "StepRun" s JOIN "Run" r ON r."id" = s."runId"
      WHERE r."createdAt" >= ${spec.since} AND r."triggerKind" IN ('alert', 'alertUpdated')
        AND s."type" IN (${Prisma.join([...CONTAINMENT_STEP_TYPES])}) AND s."status" = 'succeeded'
      GROUP BY s."runId"
    ), per_alert AS (
      SELECT ${alertIdOf} AS "alertId", min(${utcTimestamp(Prisma.sql`r."triggerData"->>'alertCreationTime'`)}) AS "createdAt", min(c."at") AS "containedAt"
      FROM contained c JOIN "Run" r ON r."id" = c."runId"
      GROUP BY 1
    ), durations AS (
      SELECT extract(epoch FROM ("containedAt" - "createdAt")) * 1000 AS ms
      FROM per_alert WHERE "alertId" IS NOT NULL AND "createdAt" IS NOT NULL AND "containedAt" >= "createdAt"
    )
    SELECT count(*)::int AS "alerts",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS "medianMs",
      percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS "p95Ms"
    FROM durations`;
  const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return { alerts: row.alerts, medianMs: num(row.medianMs), p95Ms: num(row.p95Ms) };
}

export interface FailingFlow {
  flowId: string;
  flowName: string;
  /** Failed and timed-out runs in the range. */
  failures: number;
  /** All runs of the flow in the range. */
  runs: number;
  /** The most common error code among the failures, the latest message with it, and how often. */
  topError: { code: string; message: string; count: number };
  lastFailureAt: string;
}

/**
 * Flows with the most failed or timed-out runs. A run's error is its own (Run.error) or, when the
 * run has none, that of its last failed step.
 */
export async function topFailingFlows(spec: RangeSpec, limit = 5): Promise<FailingFlow[]> {
  const rows = await db().$queryRaw<
    { flowId: string; flowName: string; failures: number; runs: number; code: string; message: string; codeCount: number; lastFailureAt: Date }[]
  >`
    WITH failed AS (
      SELECT r."flowId", r."createdAt",
        COALESCE(NULLIF(r."error"->>'code', ''), se."code", 'Unknown') AS "code",
        COALESCE(NULLIF(r."error"->>'message', ''), se."message", '') AS "message"
      FROM "Run" r
      LEFT JOIN LATERAL (
        SELECT s."error"->>'code' AS "code", s."error"->>'message' AS "message" FROM "StepRun" s
        WHERE s."runId" = r."id" AND s."status" = 'failed' ORDER BY s."seq" DESC LIMIT 1
      ) se ON r."error" IS NULL OR r."error" = 'null'::jsonb
      WHERE r."createdAt" >= ${spec.since} AND r."status" IN ('failed', 'timed_out')
    ), by_code AS (
      SELECT "flowId", "code", count(*) AS n, max("createdAt") AS "lastAt", (array_agg("message" ORDER BY "createdAt" DESC))[1] AS "message"
      FROM failed GROUP BY 1, 2
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY "flowId" ORDER BY n DESC, "lastAt" DESC) AS rk,
        sum(n) OVER (PARTITION BY "flowId") AS failures, max("lastAt") OVER (PARTITION BY "flowId") AS "lastFailureAt"
      FROM by_code
    )
    SELECT k."flowId", f."name" AS "flowName", k.failures::int AS "failures", k."code", k."message", k.n::int AS "codeCount", k."lastFailureAt",
      (SELECT count(*) FROM "Run" r2 WHERE r2."flowId" = k."flowId" AND r2."createdAt" >= ${spec.since})::int AS "runs"
    FROM ranked k JOIN "Flow" f ON f."id" = k."flowId"
    WHERE k.rk = 1
    ORDER BY k.failures DESC, k."lastFailureAt" DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    flowId: r.flowId,
    flowName: r.flowName,
    failures: r.failures,
    runs: r.runs,
    topError: { code: r.code, message: r.message.slice(0, 500), count: r.codeCount },
    lastFailureAt: new Date(r.lastFailureAt).toISOString(),
  }));
}

export interface PendingApprovals {
  count: number;
  oldest: { id: string; runId: string; title: string; flowName: string; requestedAt: string; expiresAt: string }[];
}

export async function pendingApprovals(limit = 5): Promise<PendingApprovals> {
  const [count, rows] = await Promise.all([
    db().approval.count({ where: { status: 'pending' } }),
    db().approval.findMany({
      where: { status: 'pending' },
      orderBy: { requestedAt: 'asc' },
      take: limit,
      select: { id: true, runId: true, title: true, requestedAt: true, expiresAt: true, run: { select: { flow: { select: { name: true } } } } },
    }),
  ]);
  return {
    count,
    oldest: rows.map((a) => ({
      id: a.id,
      runId: a.runId,
      title: a.title,
      flowName: a.run.flow.name,
      requestedAt: a.requestedAt.toISOString(),
      expiresAt: a.expiresAt.toISOString(),
    })),
  };
}
