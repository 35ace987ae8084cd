/**
 * The strict executable check (design.md §3), run on publish and again by the worker before it
 * executes a pinned version. Returns every issue at once so the designer can show them all.
 */
import { getNodeType, handlesOf } from '../catalog/index';
import type { NodeTypeDef } from '../catalog/types';
import { checkNodeParams } from './check-params';
import { hasPermission, lacksText, requiredPermission, type GrantedRoles } from '../defender/permissions';
import { failureNotificationIssues } from './check-failure-notification';
import { findCycle, reachableFrom, upstreamMap } from './graph';
import { error, nodeName, warning, type FlowIssue } from './issues';
import { loopBoundaryViolations, loopInfo, type LoopInfo } from './loops';
import { TRIGGER_NODE_ID, ZDraftGraph, type TDraftGraph, type TExecutableGraph, type TFlowNode } from './schema';

export type { FlowIssue } from './issues';

/** What the checker knows about a connection from its last test (no secrets). */
export interface ConnectionRoles {
  id: string;
  name: string;
  /** When the last successful test read the token's roles; null when never tested or the test failed. */
  testedAt: string | null;
  /** The roles of its MDE token and of its Microsoft Graph token. */
  grantedRoles: GrantedRoles;
}

/** Data only the server or page knows, passed in so the checker stays pure. */
export interface CheckContext {
  connections?: readonly ConnectionRoles[];
}

export type CheckResult =
  | { ok: true; graph: TExecutableGraph; issues: FlowIssue[] }
  | { ok: false; issues: FlowIssue[] };

/** Node ids a token could never reach (rejected by the token grammar). */
const RESERVED_IDS = new Set(['constructor', 'prototype', 'variables']);

export function checkFlow(input: unknown, context: CheckContext = {}): CheckResult {
  const parsed = ZDraftGraph.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) =>
        error('InvalidGraph', `The flow is not well formed: ${issue.message} (at ${issue.path.join('.') || 'top level'}).`, {
          path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        }),
      ),
    };
  }
  const graph = parsed.data;
  const issues = [...checkGraph(graph), ...permissionWarnings(graph, context.connections ?? [])];
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, graph: graph as TExecutableGraph, issues };
}

/** `2026-12-01T08:40:12.000Z` → `2026-12-01 08:40 UTC`: the same text on server and browser. */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Warnings (never errors: roles may have been granted since the test) for Defender steps whose
 * permission the connection's last tested token did not carry.
 */
function permissionWarnings(graph: TDraftGraph, connections: readonly ConnectionRoles[]): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const node of graph.nodes) {
    // Per step and params: a Graph hunting step is compared with the Graph token's roles.
    const permission = requiredPermission(node.type, node.params);
    const connectionId = node.params?.connectionId;
    if (!permission || typeof connectionId !== 'string') continue;
    const conn = connections.find((c) => c.id === connectionId);
    if (!conn || conn.testedAt === null || hasPermission(permission, conn.grantedRoles)) continue;
    issues.push(
      warning(
        'ConnectionLacksPermission',
        `Connection "${conn.name}" ${lacksText(permission)} (tested ${utcMinute(conn.testedAt)}): this step will fail with 403. Grant the permission and test the connection again.`,
        { nodeId: node.id, path: ['connectionId'] },
      ),
    );
  }
  return issues;
}

function checkGraph(graph: TDraftGraph): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const nodesById = new Map<string, TFlowNode>();
  const defs = new Map<string, NodeTypeDef>();

  for (const node of graph.nodes) {
    if (nodesById.has(node.id)) {
      issues.push(error('DuplicateNodeId', `Two steps have the id "${node.id}"; ids must be unique.`, { nodeId: node.id }));
      continue;
    }
    nodesById.set(node.id, node);
    if (RESERVED_IDS.has(node.id)) {
      const why = node.id === 'variables' ? ' (tokens use it for run variables)' : '';
      issues.push(error('ReservedNodeId', `"${node.id}" cannot be used as a step id${why}; rename the step.`, { nodeId: node.id }));
    }
    const def = getNodeType(node.type);
    if (def === undefined) {
      issues.push(error('UnknownNodeType', `${nodeName(node)} has an unknown step type "${node.type}".`, { nodeId: node.id }));
    } else {
      defs.set(node.id, def);
    }
  }

  checkTrigger(graph, defs, nodesById, issues);
  issues.push(...failureNotificationIssues(nodesById.get(TRIGGER_NODE_ID)?.settings?.onFailure));
  checkEdges(graph, defs, nodesById, issues);

  const cycle = findCycle(graph);
  if (cycle !== null) {
    const names = cycle.map((id) => nodeName(nodesById.get(id) ?? { id, label: '' })).join(' → ');
    issues.push(error('Cycle', `The flow loops back on itself (${names}); remove one of these connections.`, { nodeId: cycle[0] }));
  }

  if (nodesById.has(TRIGGER_NODE_ID) && graph.nodes.length === 1) {
    // A trigger alone would create runs that do nothing.
    issues.push(error('NoSteps', 'Add at least one step after the trigger.', { nodeId: TRIGGER_NODE_ID }));
  }

  if (nodesById.has(TRIGGER_NODE_ID)) {
    const reachable = reachableFrom(graph, TRIGGER_NODE_ID);
    for (const node of nodesById.values()) {
      if (!reachable.has(node.id)) {
        issues.push(
          error('Unreachable', `${nodeName(node)} is not connected to the trigger, so it would never run.`, { nodeId: node.id }),
        );
      }
    }
  }

  const loops = loopInfo(graph);
  checkLoopBoundaries(graph, loops, nodesById, issues);

  const ctx = { nodesById, upstream: upstreamMap(graph), loops };
  for (const [id, def] of defs) {
    const node = nodesById.get(id);
    if (node !== undefined) issues.push(...checkNodeParams(node, def, ctx));
  }
  return issues;
}

function checkTrigger(
  graph: TDraftGraph,
  defs: Map<string, NodeTypeDef>,
  nodesById: Map<string, TFlowNode>,
  issues: FlowIssue[],
): void {
  const triggers = graph.nodes.filter((n) => defs.get(n.id)?.kind === 'trigger' && nodesById.get(n.id) === n);
  if (triggers.length === 0) {
    issues.push(error('MissingTrigger', 'The flow has no trigger; add one to say when it runs.'));
  }
  for (const extra of triggers.slice(1)) {
    issues.push(error('MultipleTriggers', `${nodeName(extra)} is a second trigger; a flow has exactly one.`, { nodeId: extra.id }));
  }
  const first = triggers[0];
  if (first !== undefined && first.id !== TRIGGER_NODE_ID) {
    issues.push(error('TriggerId', `The trigger's id must be "${TRIGGER_NODE_ID}" (it is "${first.id}").`, { nodeId: first.id }));
  }
  const named = nodesById.get(TRIGGER_NODE_ID);
  if (named !== undefined && defs.has(named.id) && defs.get(named.id)?.kind !== 'trigger') {
    issues.push(
      error('TriggerId', `The id "${TRIGGER_NODE_ID}" is reserved for the trigger; rename ${nodeName(named)}.`, { nodeId: named.id }),
    );
  }
}

function checkEdges(
  graph: TDraftGraph,
  defs: Map<string, NodeTypeDef>,
  nodesById: Map<string, TFlowNode>,
  issues: FlowIssue[],
): void {
  const edgeIds = new Set<string>();
  const connections = new Set<string>();
  for (const edge of graph.edges) {
    const at = { edgeId: edge.id };
    if (edgeIds.has(edge.id)) {
      issues.push(error('DuplicateEdgeId', `Two connections have the id "${edge.id}".`, at));
    }
    edgeIds.add(edge.id);
    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (source === undefined || target === undefined) {
      const missing = source === undefined ? edge.source : edge.target;
      issues.push(error('DanglingEdge', `A connection points to a step that does not exist ("${missing}"); delete it.`, at));
      continue;
    }
    if (edge.target === TRIGGER_NODE_ID || defs.get(target.id)?.kind === 'trigger') {
      issues.push(error('EdgeIntoTrigger', `Nothing can connect into the trigger (from ${nodeName(source)}).`, { ...at, nodeId: target.id }));
    }
    const def = defs.get(source.id);
    const handles = def === undefined ? [] : handlesOf(def, source.params);
    if (def !== undefined && !handles.includes(edge.sourceHandle)) {
      const has = handles.length === 0 ? 'it ends the run, so nothing can follow it' : `it has: ${handles.join(', ')}`;
      issues.push(
        error(
          'InvalidHandle',
          `${nodeName(source)} has no "${edge.sourceHandle}" output (${has}).`,
          { ...at, nodeId: source.id },
        ),
      );
    }
    const key = `${edge.source}\u0000${edge.sourceHandle}\u0000${edge.target}`;
    if (connections.has(key)) {
      issues.push(warning('DuplicateEdge', `${nodeName(source)} is connected to ${nodeName(target)} twice.`, at));
    }
    connections.add(key);
  }
}

/**
 * A loop body is entered only through its for-each's `each` handle (see loopBoundaryViolations).
 * Edges can never leave a body (anything a body step connects to is reachable from `each`, hence
 * in the body); steps after the loop continue from `done`.
 */
function checkLoopBoundaries(graph: TDraftGraph, loops: LoopInfo, nodesById: Map<string, TFlowNode>, issues: FlowIssue[]): void {
  for (const { edge, loopId } of loopBoundaryViolations(graph, loops)) {
    const loop = nodesById.get(loopId);
    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (loop === undefined || source === undefined || target === undefined) continue;
    issues.push(
      error(
        'LoopBoundary',
        `${nodeName(target)} is inside the loop ${nodeName(loop)}, so only steps inside that loop can connect to it ` +
          `(not ${nodeName(source)}). Continue after the loop from its "done" output.`,
        { nodeId: source.id, edgeId: edge.id },
      ),
    );
  }
}
