/**
 * Pure graph helpers over the draft shape. They tolerate half-built graphs: edges whose ends do
 * not exist are ignored, so the designer can use them on drafts too.
 */
import type { TFlowEdge } from './schema';

export interface GraphLike {
  nodes: readonly { id: string }[];
  edges: readonly TFlowEdge[];
}

export function nodeIds(graph: GraphLike): Set<string> {
  return new Set(graph.nodes.map((n) => n.id));
}

/** Edges leaving `nodeId`, optionally only those on one handle. */
export function outgoingEdges(graph: GraphLike, nodeId: string, handle?: string): TFlowEdge[] {
  return graph.edges.filter((e) => e.source === nodeId && (handle === undefined || e.sourceHandle === handle));
}

export function incomingEdges(graph: GraphLike, nodeId: string): TFlowEdge[] {
  return graph.edges.filter((e) => e.target === nodeId);
}

/** Adjacency over existing nodes only (dangling edges dropped). */
function adjacency(graph: GraphLike, reverse: boolean): Map<string, string[]> {
  const ids = nodeIds(graph);
  const adj = new Map<string, string[]>();
  for (const id of ids) adj.set(id, []);
  for (const e of graph.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    const [from, to] = reverse ? [e.target, e.source] : [e.source, e.target];
    adj.get(from)?.push(to);
  }
  return adj;
}

function walk(adj: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(adj.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(adj.get(id) ?? []));
  }
  return seen;
}

/** Ancestors of `nodeId` (not itself, unless it sits on a cycle). Tokens may only read these. */
export function upstreamOf(graph: GraphLike, nodeId: string): Set<string> {
  return walk(adjacency(graph, true), nodeId);
}

/** Ancestors of every node at once, for checking many tokens without re-walking the graph. */
export function upstreamMap(graph: GraphLike): Map<string, Set<string>> {
  const adj = adjacency(graph, true);
  const result = new Map<string, Set<string>>();
  for (const id of adj.keys()) result.set(id, walk(adj, id));
  return result;
}

/** Nodes reachable from `startId`, including itself when it exists. */
export function reachableFrom(graph: GraphLike, startId: string): Set<string> {
  const adj = adjacency(graph, false);
  if (!adj.has(startId)) return new Set();
  const seen = walk(adj, startId);
  seen.add(startId);
  return seen;
}

/** One cycle as a closed list of node ids (`[a, b, a]`), or null when the graph is acyclic. */
export function findCycle(graph: GraphLike): string[] | null {
  const adj = adjacency(graph, false);
  const state = new Map<string, 'active' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'active');
    path.push(id);
    for (const next of adj.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'active') return [...path.slice(path.indexOf(next)), next];
      if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of adj.keys()) {
    if (state.get(id) === undefined) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Kahn's algorithm; ties keep the order of `graph.nodes` so the order (and step `seq`) is
 * stable across runs of the same version. Null when there is a cycle.
 */
export function topologicalOrder(graph: GraphLike): string[] | null {
  const adj = adjacency(graph, false);
  const indegree = new Map<string, number>();
  for (const id of adj.keys()) indegree.set(id, 0);
  for (const targets of adj.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const position = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const ready = [...adj.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const id = ready.shift() as string;
    order.push(id);
    for (const t of adj.get(id) ?? []) {
      const d = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  return order.length === adj.size ? order : null;
}
