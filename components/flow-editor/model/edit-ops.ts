// Pure graph edits used by the store. Each returns a NEW graph and keeps every untouched node
// and edge object by reference, so the canvas only re-renders what changed and undo snapshots
// share memory.
import type { TStepSettings } from '@/core/flow/step-settings';
import { getNodeType, handlesOf, type NodeTypeDef } from '@/core/catalog';
import { followCaseEdits } from './switch-cases';
import { reachableFrom } from '@/core/flow/graph';
import { emptyDraftGraph, TRIGGER_NODE_ID, type TDraftGraph, type TFlowEdge, type TFlowNode } from '@/core/flow/schema';
import { defaultParams } from './defaults';
import { COLUMN, ROW } from './geometry';
import { slugify, uniqueEdgeId, uniqueId } from './ids';

export type Position = { x: number; y: number };
export type EditResult = { ok: true; graph: TDraftGraph; nodeId: string } | { ok: false; reason: string };

/** A new flow: just the trigger, as core defines it. */
export function emptyFlow(): TDraftGraph {
  return emptyDraftGraph();
}

export function hasTrigger(graph: TDraftGraph): boolean {
  return graph.nodes.some((n) => n.id === TRIGGER_NODE_ID || getNodeType(n.type)?.kind === 'trigger');
}

/** The node a catalog entry creates, or why it cannot be added. */
function newNode(graph: TDraftGraph, type: string, position: Position): { ok: true; node: TFlowNode } | { ok: false; reason: string } {
  const def = getNodeType(type);
  if (def === undefined) return { ok: false, reason: `Unknown step type "${type}".` };
  if (def.kind === 'trigger' && hasTrigger(graph)) {
    return { ok: false, reason: 'This flow already has a trigger; a flow starts from exactly one.' };
  }
  const id = def.kind === 'trigger' ? TRIGGER_NODE_ID : uniqueId(slugify(def.title), new Set(graph.nodes.map((n) => n.id)));
  return { ok: true, node: { id, type, label: def.title, position: { x: Math.round(position.x), y: Math.round(position.y) }, params: defaultParams(def) } };
}

export function addNode(graph: TDraftGraph, type: string, position: Position): EditResult {
  const made = newNode(graph, type, position);
  if (!made.ok) return made;
  return { ok: true, graph: { ...graph, nodes: [...graph.nodes, made.node] }, nodeId: made.node.id };
}

/** The handle a freshly inserted node continues from (`out`, or `true` for a condition). */
function continueHandle(def: NodeTypeDef): string {
  return def.outputs[0] ?? 'out';
}

/** Moves `ids` right by `dx`, keeping other nodes by reference. */
function shiftRight(nodes: TFlowNode[], ids: Set<string>, dx: number): TFlowNode[] {
  if (ids.size === 0 || dx === 0) return nodes;
  return nodes.map((n) => (ids.has(n.id) ? { ...n, position: { x: n.position.x + dx, y: n.position.y } } : n));
}

/**
 * Splits an edge with a new step: source →(same handle) new →(its first output) target. The
 * target and everything after it move one column right to make room.
 */
export function insertOnEdge(graph: TDraftGraph, edgeId: string, type: string): EditResult {
  const edge = graph.edges.find((e) => e.id === edgeId);
  if (edge === undefined) return { ok: false, reason: 'That connection no longer exists.' };
  const target = graph.nodes.find((n) => n.id === edge.target);
  if (target === undefined) return { ok: false, reason: 'That connection points nowhere.' };
  const made = newNode(graph, type, target.position);
  if (!made.ok) return made;
  const def = getNodeType(type) as NodeTypeDef;
  if (def.kind === 'trigger') return { ok: false, reason: 'A trigger can only start a flow.' };
  if (def.outputs.length === 0 && def.kind !== 'action') {
    return { ok: false, reason: `"${def.title}" ends the run, so nothing can follow it; add it at the end of a path.` };
  }
  const node = made.node;
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const edges: TFlowEdge[] = graph.edges.flatMap((e) =>
    e.id === edgeId
      ? [
          { ...e, target: node.id },
          { id: uniqueEdgeId(edgeIds), source: node.id, sourceHandle: continueHandle(def), target: e.target },
        ]
      : [e],
  );
  const nodes = shiftRight(graph.nodes, reachableFrom(graph, target.id), COLUMN);
  return { ok: true, graph: { ...graph, nodes: [...nodes, node], edges }, nodeId: node.id };
}

/**
 * Adds a step after `nodeId`'s `handle`, already connected. When the handle already leads
 * somewhere, the new step goes in between (like inserting on the edge) so nothing is orphaned.
 */
export function insertAfter(graph: TDraftGraph, nodeId: string, handle: string, type: string): EditResult {
  const source = graph.nodes.find((n) => n.id === nodeId);
  if (source === undefined) return { ok: false, reason: 'That step no longer exists.' };
  const sourceDef = getNodeType(source.type);
  if (sourceDef !== undefined && !handlesOf(sourceDef, source.params).includes(handle)) {
    return { ok: false, reason: `"${sourceDef.title}" has no "${handle}" output.` };
  }
  const existing = graph.edges.filter((e) => e.source === nodeId && e.sourceHandle === handle);
  const first = existing[0];
  if (existing.length === 1 && first !== undefined) return insertOnEdge(graph, first.id, type);
  // Branches fan out vertically: yes above, no below, on error underneath.
  const dy = handle === 'true' ? -ROW / 2 : handle === 'false' ? ROW / 2 : handle === 'error' ? ROW : 0;
  const position = { x: source.position.x + COLUMN, y: source.position.y + dy + existing.length * ROW };
  const made = newNode(graph, type, position);
  if (!made.ok) return made;
  if (getNodeType(type)?.kind === 'trigger') return { ok: false, reason: 'A trigger can only start a flow.' };
  const edge: TFlowEdge = { id: uniqueEdgeId(new Set(graph.edges.map((e) => e.id))), source: nodeId, sourceHandle: handle, target: made.node.id };
  return { ok: true, graph: { ...graph, nodes: [...graph.nodes, made.node], edges: [...graph.edges, edge] }, nodeId: made.node.id };
}

export function addEdge(graph: TDraftGraph, source: string, sourceHandle: string, target: string): TDraftGraph {
  const id = uniqueEdgeId(new Set(graph.edges.map((e) => e.id)));
  return { ...graph, edges: [...graph.edges, { id, source, sourceHandle, target }] };
}

/**
 * Removes nodes (with every edge touching them) and edges. The trigger stays: deleting it would
 * leave a flow that can never start, and its id is what every `{{ trigger.… }}` token reads.
 */
export function removeElements(graph: TDraftGraph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): { graph: TDraftGraph; keptTrigger: boolean } {
  const drop = new Set(nodeIds);
  const keptTrigger = drop.delete(TRIGGER_NODE_ID);
  const dropEdges = new Set(edgeIds);
  if (drop.size === 0 && dropEdges.size === 0) return { graph, keptTrigger };
  return {
    graph: {
      ...graph,
      nodes: graph.nodes.filter((n) => !drop.has(n.id)),
      edges: graph.edges.filter((e) => !dropEdges.has(e.id) && !drop.has(e.source) && !drop.has(e.target)),
    },
    keptTrigger,
  };
}

/** Applies final drag positions (rounded: positions are stored JSON, no need for sub-pixels). */
export function moveNodes(graph: TDraftGraph, positions: ReadonlyMap<string, Position>): TDraftGraph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const p = positions.get(n.id);
    if (p === undefined) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    changed = true;
    return { ...n, position: { x, y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/** `settings: null` removes them (back to the defaults). */
export type NodePatch = { label?: string; params?: Record<string, unknown>; notes?: string; settings?: TStepSettings | null };

export function updateNode(graph: TDraftGraph, id: string, patch: NodePatch): TDraftGraph {
  let changed = false;
  let edges = graph.edges;
  const nodes = graph.nodes.map((n) => {
    if (n.id !== id) return n;
    changed = true;
    const next: TFlowNode = { ...n };
    if (patch.label !== undefined) next.label = patch.label;
    if (patch.params !== undefined) {
      edges = followCaseEdits(n.type, n.id, n.params, patch.params, graph.edges);
      next.params = patch.params;
    }
    if (patch.settings !== undefined) {
      if (patch.settings === null) delete next.settings;
      else next.settings = patch.settings;
    }
    if (patch.notes !== undefined) {
      // An emptied note is removed rather than stored as "".
      if (patch.notes.trim() === '') delete next.notes;
      else next.notes = patch.notes;
    }
    return next;
  });
  return changed ? { ...graph, nodes, edges } : graph;
}
