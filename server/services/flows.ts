// Flows: drafts with optimistic concurrency, immutable published versions, the on/off switch
// (design.md §4). Graphs are parsed with core's schemas on the way in and on the way out.
import { z } from 'zod';
import { db, type Flow, type Prisma } from '../db/client';
import { ZDraftGraph, ZFlowDescription, ZFlowName, type TDraftGraph } from '@/core/flow/schema';
import { checkFlow, type CheckContext, type FlowIssue } from '@/core/flow/check';
import { checkerConnections } from './connections';
import { audit } from './audit';
import { isScheduleTrigger, refreshFlowSchedule } from './flow-schedules';
import { scheduleIssues } from '../schedules/cron';
import { ServiceError, badRequest, fromZodIssues, notFound } from './errors';
import type { Principal } from '../auth/roles';

export const ZCreateFlow = z.object({
  name: ZFlowName,
  description: ZFlowDescription.optional(),
  graph: ZDraftGraph,
});

export const ZUpdateFlow = z.object({
  name: ZFlowName.optional(),
  description: ZFlowDescription.optional(),
  graph: ZDraftGraph.optional(),
  // An int4 column: a larger number cannot be any version and must not reach the query (issue 9).
  baseVersion: z.number().int().positive().max(2_147_483_647, 'Not a draft version of this flow'),
});

export interface FlowDto {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  graph: TDraftGraph;
  draftVersion: number;
  publishedVersion: number | null;
  triggerType: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toFlowDto(f: Flow): FlowDto {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    enabled: f.enabled,
    graph: ZDraftGraph.parse(f.graph),
    draftVersion: f.draftVersion,
    publishedVersion: f.publishedVersion,
    triggerType: f.triggerType,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** The subset the designer needs (components/flow-editor/types.ts EditorFlow). */
export function toEditorFlow(f: FlowDto) {
  return { id: f.id, name: f.name, description: f.description, enabled: f.enabled, graph: f.graph, draftVersion: f.draftVersion, publishedVersion: f.publishedVersion };
}

// The list lives in flow-list.ts (owner, last run, filters, 7-day stats).
export { listFlows, listFlowsWithStats, flowStats, ZFlowListQuery, type FlowListItem, type FlowListItemWithStats, type FlowListQuery } from './flow-list';

export async function getFlow(id: string): Promise<FlowDto> {
  const parsedId = z.string().uuid().safeParse(id);
  if (!parsedId.success) throw notFound(`Flow ${id}`);
  const row = await db().flow.findUnique({ where: { id } });
  if (!row) throw notFound(`Flow ${id}`);
  return toFlowDto(row);
}

/**
 * `opts.how` says whether the flow was made here or imported from an export (the audit entry);
 * `opts.id` keeps a given id (the CLI's import, so re-importing a folder finds the same flow).
 */
export async function createFlow(actor: Principal | null, input: unknown, opts: { how?: 'create' | 'import'; id?: string } = {}): Promise<FlowDto> {
  const how = opts.how ?? 'create';
  const parsed = ZCreateFlow.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const row = await db().flow.create({
    data: {
      ...(opts.id ? { id: opts.id } : {}),
      name: parsed.data.name,
      description: parsed.data.description ?? '',
      graph: parsed.data.graph as Prisma.InputJsonValue,
      ownerId: actor?.userId || null, // '' = the CLI (no user row)
    },
  });
  await audit(actor, how === 'import' ? 'flow.import' : 'flow.create', { type: 'flow', id: row.id }, { name: row.name });
  return toFlowDto(row);
}

/** Saves the draft only if it is based on the current draft version; otherwise 409 with the current draft. */
export async function updateDraft(actor: Principal | null, id: string, input: unknown): Promise<FlowDto> {
  const parsed = ZUpdateFlow.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { baseVersion, graph, ...rest } = parsed.data;
  const result = await db().flow.updateMany({
    where: { id, draftVersion: baseVersion },
    data: { ...rest, ...(graph ? { graph: graph as Prisma.InputJsonValue } : {}), draftVersion: { increment: 1 } },
  });
  if (result.count === 0) {
    const current = await getFlow(id);
    throw new ServiceError(409, 'StaleDraft', `The flow was changed since version ${baseVersion}; reload to see version ${current.draftVersion}`, { current });
  }
  await audit(actor, 'flow.update', { type: 'flow', id }, { baseVersion });
  return getFlow(id);
}

export async function deleteFlow(actor: Principal | null, id: string): Promise<void> {
  // Read before the delete: once the row is gone the audit entry is the only place the name lives.
  const before = await db().flow.findUnique({ where: { id }, select: { triggerType: true, name: true } });
  const result = await db().flow.deleteMany({ where: { id } });
  if (result.count === 0) throw notFound(`Flow ${id}`);
  await audit(actor, 'flow.delete', { type: 'flow', id }, before ? { name: before.name } : undefined);
  if (isScheduleTrigger(before?.triggerType)) await refreshFlowSchedule(id);
}

/** Validates the draft with the executable schema and snapshots it as a new immutable version. */
export async function publishFlow(actor: Principal | null, id: string): Promise<FlowDto & { version: number; warnings: FlowIssue[] }> {
  const flow = await getFlow(id);
  // The connections' last tested roles turn missing permissions into warnings (never errors).
  const checked = publishCheck(flow.graph, { connections: await checkerConnections() });
  if (!checked.ok) {
    throw new ServiceError(422, 'FlowInvalid', `The flow cannot be published: ${checked.issues.filter((i) => i.severity === 'error').length} problem(s)`, {
      issues: checked.issues,
    });
  }
  const trigger = checked.graph.nodes.find((n) => n.id === 'trigger');
  const connectionId = typeof trigger?.params.connectionId === 'string' ? trigger.params.connectionId : null;
  let wasSchedule = false;
  const version = await db().$transaction(async (tx) => {
    const current = await tx.flow.findUniqueOrThrow({ where: { id }, select: { publishedVersion: true, triggerType: true } });
    wasSchedule = isScheduleTrigger(current.triggerType);
    const next = (current.publishedVersion ?? 0) + 1;
    const created = await tx.flowVersion.create({
      data: { flowId: id, version: next, graph: checked.graph as unknown as Prisma.InputJsonValue, createdBy: actor?.userId || null },
    });
    await tx.flow.update({
      where: { id },
      data: { publishedVersion: next, publishedVersionId: created.id, triggerType: trigger?.type ?? null, triggerConnectionId: connectionId },
    });
    await audit(actor, 'flow.publish', { type: 'flow', id }, { version: next }, tx);
    return next;
  });
  // A new version may change the schedule, or stop (or start) being a schedule flow.
  if (wasSchedule || isScheduleTrigger(trigger?.type)) await refreshFlowSchedule(id);
  return { ...(await getFlow(id)), version, warnings: checked.issues.filter((i) => i.severity === 'warning') };
}

export async function setFlowEnabled(actor: Principal | null, id: string, enabled: boolean): Promise<FlowDto> {
  const flow = await db().flow.findUnique({ where: { id }, select: { publishedVersion: true, triggerType: true } });
  if (!flow) throw notFound(`Flow ${id}`);
  if (enabled && !flow.publishedVersion) throw new ServiceError(422, 'NotPublished', 'Publish the flow before switching it on');
  await db().flow.update({ where: { id }, data: { enabled } });
  await audit(actor, enabled ? 'flow.enable' : 'flow.disable', { type: 'flow', id });
  if (isScheduleTrigger(flow.triggerType)) await refreshFlowSchedule(id);
  return getFlow(id);
}

/**
 * The executable check plus what only the server can check (cron-parser, the zone database):
 * the gate for publishing and for running a draft.
 */
export function publishCheck(graph: unknown, context: CheckContext = {}): ReturnType<typeof checkFlow> {
  const checked = checkFlow(graph, context);
  if (!checked.ok) return checked;
  const extra = scheduleIssues(checked.graph);
  return extra.length > 0 ? { ok: false, issues: [...checked.issues, ...extra] } : checked;
}

export async function exportFlow(id: string): Promise<{ name: string; description: string; graph: TDraftGraph }> {
  const flow = await getFlow(id);
  return { name: flow.name, description: flow.description, graph: flow.graph };
}

export function assertGraph(input: unknown): TDraftGraph {
  const parsed = ZDraftGraph.safeParse(input);
  if (!parsed.success) throw badRequest('The graph is not a valid Riposte flow', parsed.error.issues);
  return parsed.data;
}
