// Published versions of a flow: history (who/when), one version's graph, restoring one as the
// draft (the latest one = "discard draft"), and what the draft changes since the last publish.
import { db } from '../db/client';
import { ZDraftGraph, type TDraftGraph } from '@/core/flow/schema';
import { diffGraphs, type GraphChange } from '@/core/flow/diff';
import { getFlow, updateDraft, type FlowDto } from './flows';
import { audit } from './audit';
import { notFound } from './errors';
import type { Principal } from '../auth/roles';

export interface VersionSummary {
  version: number;
  createdAt: string;
  createdBy: string | null;
  nodeCount: number;
}

export async function listVersions(flowId: string): Promise<VersionSummary[]> {
  await getFlow(flowId);
  const rows = await db().flowVersion.findMany({ where: { flowId, isTest: false }, orderBy: { version: 'desc' }, select: { version: true, createdAt: true, createdBy: true, graph: true } });
  const userIds = [...new Set(rows.map((r) => r.createdBy).filter((id): id is string => Boolean(id)))];
  const users = new Map((await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy ? (users.get(r.createdBy) ?? null) : null,
    nodeCount: ZDraftGraph.safeParse(r.graph).data?.nodes.length ?? 0,
  }));
}

export async function getVersionGraph(flowId: string, version: number): Promise<TDraftGraph> {
  const row = await db().flowVersion.findUnique({ where: { flowId_version: { flowId, version } }, select: { graph: true, isTest: true } });
  // Draft snapshots of manual test runs are not versions anyone can open or restore.
  if (!row || row.isTest) throw notFound(`Version ${version} of flow ${flowId}`);
  return ZDraftGraph.parse(row.graph);
}

/** Makes a published version the draft again (optimistic concurrency as for any draft save). */
export async function restoreVersion(actor: Principal | null, flowId: string, version: number, baseVersion: number): Promise<FlowDto> {
  const graph = await getVersionGraph(flowId, version);
  const flow = await updateDraft(actor, flowId, { graph, baseVersion });
  await audit(actor, 'flow.restoreVersion', { type: 'flow', id: flowId }, { version });
  return flow;
}

export async function changesSincePublished(flowId: string): Promise<GraphChange[]> {
  const flow = await getFlow(flowId);
  const published = flow.publishedVersion ? await getVersionGraph(flowId, flow.publishedVersion) : null;
  return diffGraphs(published, flow.graph);
}

/**
 * Sample values for the token picker: the outputs of the flow's most recent run (and its
 * trigger data as `trigger`), so users see real values next to each dynamic-content field.
 */
export async function sampleOutputs(flowId: string): Promise<Record<string, unknown>> {
  const run = await db().run.findFirst({
    where: { flowId },
    orderBy: { createdAt: 'desc' },
    select: { triggerData: true, steps: { where: { status: 'succeeded' }, select: { nodeId: true, type: true, iteration: true, output: true } } },
  });
  if (!run) return {};
  const samples: Record<string, unknown> = { trigger: run.triggerData };
  // Steps inside a loop have a row per item: the first item's output is the sample.
  const rank = (iteration: string) => (iteration === '' ? 0 : iteration.split('/').every((p) => p === '0') ? 1 : 2);
  const best = new Map<string, number>();
  for (const s of run.steps) {
    if (s.nodeId === 'trigger' || s.output === null) continue;
    const r = rank(s.iteration);
    if ((best.get(s.nodeId) ?? 3) <= r) continue;
    best.set(s.nodeId, r);
    samples[s.nodeId] = loopSample(s.type, s.output);
  }
  return samples;
}

/** A for-each's sample also shows what its body reads: the first item and its index. */
function loopSample(type: string, output: unknown): unknown {
  if (type !== 'control.forEach' || output === null || typeof output !== 'object') return output;
  const results = (output as { results?: unknown }).results;
  const first = Array.isArray(results) ? (results[0] as { item?: unknown } | undefined) : undefined;
  return first === undefined ? output : { ...output, item: first.item, index: 0 };
}
