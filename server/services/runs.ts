// Run history: keyset-paginated lists that never load step payloads, and run detail with steps.
import { triggerConnectionOf } from './run-defender-cloud';
import { z } from 'zod';
import { ZQueryInstant, ZQueryText, ZQueryToken } from './query-params';
import { db, type Prisma } from '../db/client';
import { fromZodIssues, badRequest, notFound } from './errors';
import { toStepDto, type StepDto } from './run-steps';
import { redact } from '@/core/redact';
import { defenderAlertUrl } from '@/core/defender/portal';
import { runVersionOf } from './run-version';
import { summariseAlert, summaryFromColumns, type RunSummary } from './run-summary';
import { countsSql, filterSql, listSql, type RunListSqlRow } from './run-list-sql';

export { summariseAlert, type RunSummary } from './run-summary';

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGER_KINDS = ['alert', 'alertUpdated', 'manual', 'schedule'] as const;
/** MDE alert severities (reference: alert resource type). */
export const ALERT_SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'UnSpecified'] as const;
/** Time-range presets of the run list, relative to now. */
export const RUN_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RunRange = keyof typeof RUN_RANGES;
/**
 * Status counts look at the newest this-many runs that match: bounded work whatever the filter
 * (an exact count over a million rows costs more than it tells; the page says "10,000+").
 */
export const COUNT_WINDOW = 10_000;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const text = ZQueryText;
/** `status=failed,timed_out` or `status=failed&status=timed_out`. */
const statusList = z.preprocess(
  (v) => {
    const list = (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
    return v === undefined || list.length === 0 ? undefined : [...new Set(list)];
  },
  z.array(z.enum(RUN_STATUSES)).optional(),
);
const instant = ZQueryInstant;

export const ZRunFilter = z.object({
  flowId: z.preprocess(blank, z.uuid().optional()),
  status: statusList,
  /** Runs created at or after / before these instants. `range` is a preset for `from`. */
  from: instant,
  to: instant,
  range: z.preprocess(blank, z.enum(Object.keys(RUN_RANGES) as [RunRange, ...RunRange[]]).optional()),
  alertId: text(200),
  /** A machine id, or its DNS name (any case). */
  machine: text(255),
  severity: z.preprocess(blank, z.enum(ALERT_SEVERITIES).optional()),
  triggerKind: z.preprocess(blank, z.enum(RUN_TRIGGER_KINDS).optional()),
  /** Free text found anywhere in the alert title (case-insensitive). */
  q: text(200),
});

export const ZRunListQuery = ZRunFilter.extend({
  cursor: ZQueryToken(200),
  /** `older` (default): the page after the cursor; `newer`: the page before it. */
  direction: z.preprocess(blank, z.enum(['older', 'newer']).default('older')),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type RunFilter = z.infer<typeof ZRunFilter>;

const MACHINE_ID = /^[0-9a-f]{40}$/i;

export interface RunListItem {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number;
  status: RunStatus;
  triggerKind: string;
  summary: RunSummary | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: unknown;
  /** Manual runs, resubmits and retries: who started them (email). */
  startedBy: string | null;
}

export type { StepDto };


export interface RunDetail extends RunListItem {
  /** Set when this run is a resubmit or a retry of another run. */
  resubmittedFromId: string | null;
  trigger: unknown;
  /** Schedule runs: the tick. */
  scheduledFor: string | null;
  /** Manual runs: who started them (email). */
  startedBy: string | null;
  graph: unknown;
  steps: StepDto[];
  /** Run attempts so far (a retry-from-failure starts a new run; BullMQ retries count here). */
  attempts: number;
  /** MITRE ATT&CK technique ids of the triggering alert. */
  mitreTechniques: string[];
  /** The alert in the Defender portal of the connection's cloud; null for runs without an alert. */
  alertUrl: string | null;
  /** Changes whenever the run or one of its steps is written (see run-version.ts): live views compare it. */
  version: string;
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !z.string().uuid().safeParse(id).success) throw badRequest('Invalid cursor');
  return { createdAt, id };
}

const duration = (a: Date | null, b: Date | null) => (a && b ? b.getTime() - a.getTime() : null);

const listSelect = {
  id: true, flowId: true, status: true, triggerKind: true, createdAt: true, startedAt: true,
  startedById: true, triggerAlertId: true, alertTitle: true, severity: true, machineId: true, computerDnsName: true,
  finishedAt: true, error: true, flow: { select: { name: true } }, flowVersion: { select: { version: true } },
} satisfies Prisma.RunSelect;

type ListRow = Prisma.RunGetPayload<{ select: typeof listSelect }>;

function toListItem(r: ListRow): RunListItem {
  return {
    id: r.id,
    flowId: r.flowId,
    flowName: r.flow.name,
    flowVersion: r.flowVersion.version,
    status: r.status,
    triggerKind: r.triggerKind,
    summary: summaryFromColumns(r),
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: duration(r.startedAt, r.finishedAt),
    error: r.error ?? null,
    startedBy: null,
  };
}

export interface RunListPage {
  items: RunListItem[];
  /** The next page of older runs, if any. */
  nextCursor: string | null;
  /** The page of newer runs before this one, if any (null on the newest page). */
  prevCursor: string | null;
}

export function parseRunListQuery(query: unknown): z.infer<typeof ZRunListQuery> {
  const parsed = ZRunListQuery.safeParse(query ?? {});
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return parsed.data;
}

/** The filter as SQL conditions; every branch maps onto one of the Run indexes. */
export function runFilterSql(f: RunFilter, now = new Date()): Prisma.Sql {
  const from = f.from ?? (f.range ? new Date(now.getTime() - RUN_RANGES[f.range]) : undefined);
  // MDE machine ids are 40 hex digits; anything else is a DNS name (stored lower-cased).
  const machine = f.machine?.toLowerCase();
  const byId = machine !== undefined && MACHINE_ID.test(machine);
  return filterSql({
    flowId: f.flowId,
    status: f.status,
    from,
    to: f.to,
    alertId: f.alertId,
    machineId: byId ? machine : undefined,
    computerDnsName: byId ? undefined : machine,
    severity: f.severity,
    triggerKind: f.triggerKind,
    q: f.q,
  });
}

/**
 * Newest first, keyset pagination on (createdAt, id) — never OFFSET, so a page costs the same at
 * any depth, and runs that arrive meanwhile never shift a later page (no duplicates or gaps).
 * Never reads trigger data or steps.
 */
export async function listRuns(query: unknown, opts: { now?: Date } = {}): Promise<RunListPage> {
  const { cursor, direction, limit, ...filter } = parseRunListQuery(query);
  const newer = direction === 'newer';
  const keyset = cursor ? { ...decodeCursor(cursor), direction } : null;
  const rows = await db().$queryRaw<RunListSqlRow[]>(listSql(runFilterSql(filter, opts.now), keyset, limit + 1));
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (newer) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const at = (r: RunListSqlRow | undefined) => (r ? encodeCursor(r.createdAt, r.id) : null);
  return {
    items: page.map(sqlRowToItem),
    // Older: more rows past this page; newer: we came from older rows, so they exist.
    nextCursor: newer ? (cursor ? at(last) : null) : more ? at(last) : null,
    prevCursor: newer ? (more ? at(first) : null) : cursor ? at(first) : null,
  };
}

function sqlRowToItem(r: RunListSqlRow): RunListItem {
  return {
    id: r.id,
    flowId: r.flowId,
    flowName: r.flowName,
    flowVersion: r.flowVersion,
    status: r.status as RunStatus,
    triggerKind: r.triggerKind,
    summary: summaryFromColumns(r),
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: duration(r.startedAt, r.finishedAt),
    error: r.error ?? null,
    startedBy: r.startedBy,
  };
}

/** Flow names for the list's flow filter (id and name only). */
export async function listRunFlowOptions(): Promise<{ id: string; name: string }[]> {
  return db().flow.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

export interface RunStatusCounts {
  counts: Record<RunStatus, number>;
  /** Runs counted: all that match, or COUNT_WINDOW when more do (then `limited`). */
  total: number;
  /** More runs match than were counted: the counts cover the newest COUNT_WINDOW of them. */
  limited: boolean;
  /** Counting took longer than its budget (a common word in the title search): no counts. */
  unavailable: boolean;
}

/** Counting is a nicety: it gets this long, then the page shows the list without counts. */
export const COUNT_BUDGET_MS = 150;

const isStatementTimeout = (e: unknown) => /statement timeout|57014/.test(`${(e as Error)?.message ?? ''} ${JSON.stringify((e as { meta?: unknown })?.meta ?? '')}`);

/**
 * Runs per status for the filter, ignoring its status part (so each status shows what choosing
 * it would give), over the newest COUNT_WINDOW matching runs — the list's own index path, so it
 * reads at most that many rows whatever the filter, within COUNT_BUDGET_MS.
 */
export async function countRunsByStatus(query: unknown, opts: { now?: Date } = {}): Promise<RunStatusCounts> {
  const parsed = ZRunFilter.safeParse(query ?? {});
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  let rows: { status: string; n: number }[];
  try {
    [, rows] = await db().$transaction([
      db().$executeRawUnsafe(`SET LOCAL statement_timeout = ${COUNT_BUDGET_MS}`),
      db().$queryRaw<{ status: string; n: number }[]>(countsSql(runFilterSql({ ...parsed.data, status: undefined }, opts.now), COUNT_WINDOW)),
    ]);
  } catch (e) {
    if (isStatementTimeout(e)) return { counts, total: 0, limited: false, unavailable: true };
    throw e;
  }
  let total = 0;
  for (const r of rows) {
    if ((RUN_STATUSES as readonly string[]).includes(r.status)) counts[r.status as RunStatus] = r.n;
    total += r.n;
  }
  return { counts, total, limited: total >= COUNT_WINDOW, unavailable: false };
}

export async function getRun(id: string): Promise<RunDetail> {
  if (!z.string().uuid().safeParse(id).success) throw notFound(`Run ${id}`);
  // One run's steps only, read through the StepRun (runId, nodeId, iteration) index.
  const run = await db().run.findUnique({
    where: { id },
    select: {
      ...listSelect, triggerData: true, resubmittedFromId: true, scheduledFor: true, startedById: true, attempts: true,
      flow: { select: { name: true, triggerConnectionId: true } },
      flowVersion: { select: { version: true, graph: true } },
      steps: { orderBy: [{ seq: 'asc' }, { startedAt: 'asc' }] },
    },
  });
  if (!run) throw notFound(`Run ${id}`);
  const connectionId = triggerConnectionOf(run.flowVersion.graph) ?? run.flow.triggerConnectionId;
  const [starter, connection] = await Promise.all([
    run.startedById ? db().user.findUnique({ where: { id: run.startedById }, select: { email: true } }) : null,
    connectionId ? db().connection.findUnique({ where: { id: connectionId }, select: { kind: true, config: true } }) : null,
  ]);
  const alert = summariseAlert(run.triggerData);
  const alertId = alert.alertId ?? run.triggerAlertId ?? undefined;
  const cloudHosts = connection?.kind === 'defender' ? (connection.config as { apiBaseUrl?: string; graphBaseUrl?: string }) : null;
  let lastStepAt: Date | null = null;
  for (const s of run.steps) if (s.finishedAt && (lastStepAt === null || s.finishedAt > lastStepAt)) lastStepAt = s.finishedAt;
  return {
    ...toListItem(run),
    resubmittedFromId: run.resubmittedFromId,
    // Trigger data can carry anything a caller or an alert put in it (a manual run's inputs, a
    // webhook's headers): redacted like step payloads, the last point before a page or client.
    trigger: redact(run.triggerData),
    scheduledFor: run.scheduledFor?.toISOString() ?? null,
    startedBy: starter?.email ?? null,
    graph: run.flowVersion.graph,
    attempts: run.attempts,
    mitreTechniques: mitreTechniquesOf(run.triggerData),
    alertUrl: alertId && (run.triggerKind === 'alert' || run.triggerKind === 'alertUpdated' || run.triggerKind === 'manual') ? defenderAlertUrl(alertId, cloudHosts) : null,
    version: runVersionOf({ status: run.status, attempts: run.attempts, finishedAt: run.finishedAt, stepCount: run.steps.length, lastStepAt }),
    steps: run.steps.map(toStepDto),
  };
}

function mitreTechniquesOf(alert: unknown): string[] {
  const list = (alert as { mitreTechniques?: unknown } | null)?.mitreTechniques;
  return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string').slice(0, 50).map((t) => t.slice(0, 40)) : [];
}
