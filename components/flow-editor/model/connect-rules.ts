// Which connections the canvas accepts. The checker would flag the same problems later; refusing
// them at drop time, with the reason, is kinder than a red badge after the fact.
import { CASE_HANDLE_PREFIX, getNodeType, handlesOf } from '@/core/catalog';
import { reachableFrom, upstreamOf } from '@/core/flow/graph';
import { loopBoundaryViolations, loopInfo } from '@/core/flow/loops';
import { TRIGGER_NODE_ID, type TDraftGraph } from '@/core/flow/schema';

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

export interface ConnectionRequest {
  source: string;
  sourceHandle: string | null | undefined;
  target: string;
}

/**
 * Branch handles (condition yes/no) lead to exactly one next step so the branch reads as a path;
 * `out` and `error` may fan out to run steps in parallel, as in n8n.
 */
const SINGLE_EDGE_HANDLES = new Set(['true', 'false']);

const HANDLE_NAMES: Record<string, string> = { out: 'next', true: 'yes', false: 'no', error: 'on error', each: 'each', done: 'done', default: 'default' };

/** What a handle is called on the canvas and to screen readers: "yes", "each", "case Low"… */
export function handleName(handle: string): string {
  if (handle.startsWith(CASE_HANDLE_PREFIX)) return `case ${handle.slice(CASE_HANDLE_PREFIX.length)}`;
  return HANDLE_NAMES[handle] ?? handle;
}

export function canConnect(graph: TDraftGraph, req: ConnectionRequest): ConnectCheck {
  const handle = req.sourceHandle ?? 'out';
  const source = graph.nodes.find((n) => n.id === req.source);
  const target = graph.nodes.find((n) => n.id === req.target);
  if (source === undefined || target === undefined) return { ok: false, reason: 'That step no longer exists.' };
  if (req.source === req.target) return { ok: false, reason: 'A step cannot connect to itself.' };
  const targetDef = getNodeType(target.type);
  if (target.id === TRIGGER_NODE_ID || targetDef?.kind === 'trigger') {
    return { ok: false, reason: 'Nothing can connect into the trigger: it is where the flow starts.' };
  }
  const sourceDef = getNodeType(source.type);
  if (sourceDef !== undefined && !handlesOf(sourceDef, source.params).includes(handle)) {
    return { ok: false, reason: `"${sourceDef.title}" has no "${handleName(handle)}" output.` };
  }
  const existing = graph.edges.filter((e) => e.source === req.source && e.sourceHandle === handle);
  if (existing.some((e) => e.target === req.target)) {
    return { ok: false, reason: 'These steps are already connected.' };
  }
  if (SINGLE_EDGE_HANDLES.has(handle) && existing.length > 0) {
    return { ok: false, reason: `The "${handleName(handle)}" branch already leads to a step; delete that connection first.` };
  }
  // The new edge closes a loop when the source is already reachable from the target.
  if (reachableFrom(graph, req.target).has(req.source)) {
    return { ok: false, reason: 'This connection would make the flow loop back on itself.' };
  }
  const crossing = loopCrossing(graph, { source: req.source, sourceHandle: handle, target: req.target });
  if (crossing !== null) return { ok: false, reason: crossing };
  return { ok: true };
}

/** Same rule as the checker: a loop body is entered only through its "each" handle. */
function loopCrossing(graph: TDraftGraph, edge: { source: string; sourceHandle: string; target: string }): string | null {
  // Only for-each flows can cross a boundary; skip the work for everything else.
  if (!graph.nodes.some((n) => n.type === 'control.forEach')) return null;
  const next = { ...graph, edges: [...graph.edges, { id: '__new__', targetHandle: null, ...edge }] };
  const before = loopBoundaryViolations(graph, loopInfo(graph)).length;
  const after = loopBoundaryViolations(next, loopInfo(next));
  if (after.length <= before) return null;
  const loop = graph.nodes.find((n) => n.id === (after.find((v) => v.edge.id === '__new__') ?? after[0])?.loopId);
  const name = loop === undefined ? 'a loop' : `"${loop.label || loop.id}"`;
  return `That would join the inside of the loop ${name} with a step outside it; steps inside a loop connect only to each other, and the flow continues after the loop from "done".`;
}

/**
 * Every step `canConnect` would accept as the target of `source`'s `handle`, in graph order,
 * in one walk of the graph. Asking canConnect for each of n steps walks the graph n times
 * (~60 ms on a 500-step flow, on every selection that lists these choices).
 */
export function connectableTargets(graph: TDraftGraph, source: string, handle: string): string[] {
  const from = graph.nodes.find((n) => n.id === source);
  if (from === undefined) return [];
  const sourceDef = getNodeType(from.type);
  if (sourceDef !== undefined && !handlesOf(sourceDef, from.params).includes(handle)) return [];
  const existing = graph.edges.filter((e) => e.source === source && e.sourceHandle === handle);
  if (SINGLE_EDGE_HANDLES.has(handle) && existing.length > 0) return [];
  const taken = new Set(existing.map((e) => e.target));
  // A target that already reaches the source would close a loop.
  const upstream = upstreamOf(graph, source);
  return graph.nodes
    .filter((t) => t.id !== source && t.id !== TRIGGER_NODE_ID && getNodeType(t.type)?.kind !== 'trigger' && !taken.has(t.id) && !upstream.has(t.id))
    // Loop boundaries (rare) need the full check per candidate, as canConnect does.
    .filter((t) => loopCrossing(graph, { source, sourceHandle: handle, target: t.id }) === null)
    .map((t) => t.id);
}
