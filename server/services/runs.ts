// Run history: keyset-paginated lists that never load step payloads, and run detail with steps.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { badRequest, notFound } from './errors';
import { toStepDto, type StepDto } from './run-steps';
import { defenderAlertUrl } from '@/core/defender/portal';
import { runVersionOf } from './run-version';

export const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'timed_out'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ZRunListQuery = z.object({
  flowId: z.string().uuid().optional(),
  status: z.enum(RUN_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

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
}

export type { StepDto };

export interface RunSummary {
  alertId?: string;
  title?: string;
  severity?: string;
  machineId?: string;
  computerDnsName?: string;
}


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
  id: true, flowId: true, status: true, triggerKind: true, summary: true, createdAt: true, startedAt: true,
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
    summary: (r.summary as RunSummary | null) ?? null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: duration(r.startedAt, r.finishedAt),
    error: r.error ?? null,
  };
}

/** Newest first, keyset pagination on (createdAt, id). */
export async function listRuns(query: unknown): Promise<{ items: RunListItem[]; nextCursor: string | null }> {
  const parsed = ZRunListQuery.safeParse(query);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { flowId, status, cursor, limit } = parsed.data;
  const where: Prisma.RunWhereInput = { ...(flowId ? { flowId } : {}), ...(status ? { status } : {}) };
  if (cursor) {
    const c = decodeCursor(cursor);
    where.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  }
  const rows = await db().run.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit + 1, select: listSelect });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toListItem), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
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
  const alertId = alert.alertId ?? (run.summary as RunSummary | null)?.alertId;
  const cloudHosts = connection?.kind === 'defender' ? (connection.config as { apiBaseUrl?: string; graphBaseUrl?: string }) : null;
  let lastStepAt: Date | null = null;
  for (const s of run.steps) if (s.finishedAt && (lastStepAt === null || s.finishedAt > lastStepAt)) lastStepAt = s.finishedAt;
  return {
    ...toListItem(run),
    resubmittedFromId: run.resubmittedFromId,
    trigger: run.triggerData,
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

/** The Defender connection of the pinned graph's trigger (it fetched the alert). */
function triggerConnectionOf(graph: unknown): string | null {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return null;
  for (const n of nodes as { type?: unknown; params?: { connectionId?: unknown } }[]) {
    const id = n.params?.connectionId;
    if (typeof n.type === 'string' && n.type.startsWith('defender.alert') && typeof id === 'string' && z.string().uuid().safeParse(id).success) return id;
  }
  return null;
}

function mitreTechniquesOf(alert: unknown): string[] {
  const list = (alert as { mitreTechniques?: unknown } | null)?.mitreTechniques;
  return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string').slice(0, 50).map((t) => t.slice(0, 40)) : [];
}

export function summariseAlert(alert: unknown): RunSummary {
  const a = (alert ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : undefined);
  return { alertId: str(a.id), title: str(a.title), severity: str(a.severity), machineId: str(a.machineId), computerDnsName: str(a.computerDnsName) };
}
