// Manual runs ("Run now", design.md §7 POST /flows/{id}/run): the trigger data is a Defender
// alert fetched by id, a pasted JSON object, or an earlier run's trigger data ("test with
// previous data"); the run uses the published version, or a hidden snapshot of the draft after
// the same check as publishing. The run is in Postgres before it is enqueued; it is audited.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db, Prisma } from '../db/client';
import { createMdeClient } from '../defender/mde-client';
import { isMdeApiError } from '../defender/errors';
import { webQueues } from '../queue/web-queues';
import { enqueueRuns } from '../queue/queues';
import type { Principal } from '../auth/roles';
import { logFor } from '../log/logger';
import { scheduleParamsOf, scheduleRecurrence } from '@/core/catalog/schedule-recurrence';
import { defenderAlertCreated } from '@/core/catalog/defender-alert-created';
import { TRIGGER_NODE_ID, type TDraftGraph } from '@/core/flow/schema';
import type { TMdeAlert } from '@/core/defender/entities';
import { audit } from './audit';
import { loadDefenderConnection } from './connections';
import { ServiceError, badRequest, fromZodIssues, notFound } from './errors';
import { getFlow, publishCheck } from './flows';
import { summariseAlert, summaryColumns } from './run-summary';

const MAX_PAYLOAD_BYTES = 1_000_000;

export const ZManualRunBody = z
  .object({
    alertId: z.string().trim().min(1, 'Required').max(200).optional(),
    connectionId: z.string().uuid('Not a valid connection id').optional(),
    payload: z.unknown().optional(),
    fromRunId: z.string().uuid('Not a valid run id').optional(),
    version: z.enum(['published', 'draft']).default('published'),
  })
  .strict()
  .superRefine((body, ctx) => {
    const sources = [body.alertId !== undefined, body.payload !== undefined, body.fromRunId !== undefined].filter(Boolean).length;
    if (sources > 1) ctx.addIssue({ code: 'custom', message: 'Give one of alertId, payload or fromRunId, not several', path: [] });
    if (body.connectionId !== undefined && body.alertId === undefined) ctx.addIssue({ code: 'custom', message: 'connectionId only goes with alertId', path: ['connectionId'] });
    if (body.payload !== undefined && (body.payload === null || typeof body.payload !== 'object' || Array.isArray(body.payload))) {
      ctx.addIssue({ code: 'custom', message: 'The trigger data must be a JSON object, e.g. { "id": "…", "title": "…" }', path: ['payload'] });
    }
  });

export type ManualRunBody = z.infer<typeof ZManualRunBody>;

interface Target {
  graph: TDraftGraph;
  /** The published FlowVersion, or null for a draft (snapshotted once the input is known good). */
  versionId: string | null;
}

async function target(flowId: string, version: 'published' | 'draft'): Promise<Target> {
  const flow = await getFlow(flowId);
  if (version === 'draft') {
    const checked = publishCheck(flow.graph);
    if (!checked.ok) {
      const errors = checked.issues.filter((i) => i.severity === 'error').length;
      throw new ServiceError(422, 'FlowInvalid', `The draft cannot run: ${errors} problem(s)`, { issues: checked.issues });
    }
    return { graph: checked.graph, versionId: null };
  }
  const published = await db().flow.findUnique({ where: { id: flowId }, select: { publishedVersionId: true } });
  if (!published?.publishedVersionId) throw new ServiceError(422, 'NotPublished', 'The flow has no published version yet; publish it or run the draft');
  const v = await db().flowVersion.findUniqueOrThrow({ where: { id: published.publishedVersionId }, select: { id: true, graph: true } });
  return { graph: v.graph as unknown as TDraftGraph, versionId: v.id };
}

function triggerOf(graph: TDraftGraph) {
  return graph.nodes.find((n) => n.id === TRIGGER_NODE_ID);
}

/** The Defender connection to read alerts through: the one given, else the flow's trigger connection. */
function alertConnectionId(graph: TDraftGraph, given?: string): string {
  if (given) return given;
  const id = triggerOf(graph)?.params.connectionId;
  if (typeof id === 'string' && id !== '') return id;
  throw badRequest('This flow has no Defender connection on its trigger; pass connectionId with the alertId');
}

async function defenderClient(connectionId: string) {
  return createMdeClient(await loadDefenderConnection(connectionId), { maxRetries: 1, maxRetryAfterMs: 5000 });
}

function defenderFailure(e: unknown, what: string): never {
  if (isMdeApiError(e)) {
    if (e.status === 404) throw notFound(what);
    throw new ServiceError(502, 'DefenderError', `Defender did not answer the request: ${e.message}`);
  }
  throw e;
}

async function fetchAlert(connectionId: string, alertId: string): Promise<TMdeAlert> {
  const client = await defenderClient(connectionId);
  try {
    return (await client.getAlert(alertId)) as TMdeAlert;
  } catch (e) {
    defenderFailure(e, `Alert ${alertId} in Defender`);
  }
}

async function triggerData(flowId: string, graph: TDraftGraph, body: ManualRunBody, now: Date): Promise<unknown> {
  if (body.alertId !== undefined) return fetchAlert(alertConnectionId(graph, body.connectionId), body.alertId);
  if (body.payload !== undefined) {
    if (JSON.stringify(body.payload).length > MAX_PAYLOAD_BYTES) throw badRequest('The trigger data is larger than 1 MB');
    return body.payload;
  }
  if (body.fromRunId !== undefined) {
    const run = await db().run.findFirst({ where: { id: body.fromRunId, flowId }, select: { triggerData: true } });
    if (!run) throw notFound(`Run ${body.fromRunId} of this flow`);
    return run.triggerData;
  }
  const trigger = triggerOf(graph);
  if (trigger?.type === scheduleRecurrence.type) {
    // "Run now" of a schedule flow: the trigger data a tick at this moment would have.
    const tz = scheduleParamsOf(trigger.params)?.timezone ?? 'UTC';
    return { scheduledFor: now.toISOString(), firedAt: now.toISOString(), timezone: tz };
  }
  throw badRequest('Choose the trigger data: alertId, payload or fromRunId');
}

/** A hidden, immutable snapshot of the checked draft (negative version numbers, never listed). */
async function snapshotDraft(flowId: string, graph: TDraftGraph, actor: Principal): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const lowest = await db().flowVersion.aggregate({ where: { flowId, isTest: true }, _min: { version: true } });
    const version = Math.min(lowest._min.version ?? 0, 0) - 1;
    try {
      const row = await db().flowVersion.create({
        data: { flowId, version, graph: graph as unknown as Prisma.InputJsonValue, createdBy: actor.userId, isTest: true },
        select: { id: true },
      });
      return row.id;
    } catch (e) {
      // Two draft runs at once took the same number: take the next one.
      if (attempt < 5 && e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') continue;
      throw e;
    }
  }
}

export async function startManualRun(actor: Principal, flowId: string, input: unknown): Promise<{ runId: string }> {
  const parsed = ZManualRunBody.safeParse(input ?? {});
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const body = parsed.data;
  const { graph, versionId } = await target(flowId, body.version);
  const now = new Date();
  const data = await triggerData(flowId, graph, body, now);
  const flowVersionId = versionId ?? (await snapshotDraft(flowId, graph, actor));
  const isAlert = triggerOf(graph)?.type === defenderAlertCreated.type;
  const runId = randomUUID();
  await db().$transaction(async (tx) => {
    await tx.run.create({
      data: {
        id: runId,
        flowId,
        flowVersionId,
        status: 'queued',
        triggerKind: 'manual',
        triggerData: data as Prisma.InputJsonValue,
        startedById: actor.userId,
        ...summaryColumns(isAlert ? summariseAlert(data) : null),
      },
    });
    const source = body.alertId !== undefined ? 'alert' : body.payload !== undefined ? 'payload' : body.fromRunId !== undefined ? 'previousRun' : 'now';
    await audit(actor, 'run.manual', { type: 'run', id: runId }, { flowId, version: body.version, source, ...(body.alertId ? { alertId: body.alertId } : {}), ...(body.fromRunId ? { fromRunId: body.fromRunId } : {}) }, tx);
  });
  // After commit; if Redis refuses now, the reconciler enqueues the run from Postgres.
  await enqueueRuns(webQueues().runs, [runId]).catch((e: Error) => logFor({ runId }).error({ error: e.message }, 'manual run enqueue failed'));
  return { runId };
}

export interface AlertChoice {
  id: string;
  title: string;
  severity: string | null;
  status: string | null;
  computerDnsName: string | null;
  alertCreationTime: string | null;
}

const RECENT_ALERT_DAYS = 30;
const ALERT_ID_SHAPE = /^[A-Za-z0-9_-]{8,200}$/;

/** Recent alerts of the flow's trigger connection, newest first, filtered by title or id. */
export async function recentAlerts(flowId: string, search: string, opts: { limit?: number; now?: Date } = {}): Promise<AlertChoice[]> {
  const flow = await getFlow(flowId);
  const connectionId = alertConnectionId(flow.graph);
  const client = await defenderClient(connectionId);
  const since = new Date((opts.now ?? new Date()).getTime() - RECENT_ALERT_DAYS * 86_400_000);
  let alerts: TMdeAlert[];
  try {
    alerts = (await client.listAlertsCreatedSince(since)) as TMdeAlert[];
  } catch (e) {
    defenderFailure(e, `Defender connection ${connectionId}`);
  }
  const needle = search.trim().toLowerCase();
  const matches = alerts.filter((a) => needle === '' || String(a.title ?? '').toLowerCase().includes(needle) || a.id.toLowerCase().includes(needle));
  // An older alert is still found by its exact id.
  if (matches.length === 0 && ALERT_ID_SHAPE.test(search.trim())) {
    const exact = await client.getAlert(search.trim()).catch(() => null);
    if (exact) matches.push(exact as TMdeAlert);
  }
  return matches
    .sort((a, b) => Date.parse(b.alertCreationTime ?? '') - Date.parse(a.alertCreationTime ?? ''))
    .slice(0, opts.limit ?? 25)
    .map((a) => ({
      id: a.id,
      title: String(a.title ?? a.id),
      severity: a.severity ?? null,
      status: a.status ?? null,
      computerDnsName: a.computerDnsName ?? null,
      alertCreationTime: a.alertCreationTime ?? null,
    }));
}
