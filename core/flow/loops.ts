/**
 * For-each loop bodies (design.md §3): the body of a for-each is every node reachable from its
 * `each` edges. Shared by the checker, the executor's plan and the designer's token picker, so
 * all three agree on what is "inside the loop". Tolerates half-built drafts.
 */
import type { GraphLike } from './graph';

export const FOR_EACH_TYPE = 'control.forEach';
export const EACH_HANDLE = 'each';
export const DONE_HANDLE = 'done';

export interface LoopInfo {
  /** Body node ids of each for-each, by for-each id. */
  bodies: Map<string, Set<string>>;
  /** For each node inside some body: the for-each ids around it, outermost first. */
  enclosing: Map<string, string[]>;
}

interface TypedGraph extends GraphLike {
  nodes: readonly { id: string; type: string }[];
}

export function loopInfo(graph: TypedGraph): LoopInfo {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    const list = next.get(e.source);
    if (list === undefined) next.set(e.source, [e.target]);
    else list.push(e.target);
  }
  const bodies = new Map<string, Set<string>>();
  for (const node of graph.nodes) {
    if (node.type !== FOR_EACH_TYPE) continue;
    const body = new Set<string>();
    const stack = graph.edges.filter((e) => e.source === node.id && e.sourceHandle === EACH_HANDLE && ids.has(e.target)).map((e) => e.target);
    while (stack.length > 0) {
      const id = stack.pop() as string;
      // A loop back to the for-each itself is a cycle (reported by the checker), not body.
      if (body.has(id) || id === node.id) continue;
      body.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    bodies.set(node.id, body);
  }
  // Outermost first: a larger body encloses a smaller one when bodies nest (checked graphs).
  const bySize = [...bodies.entries()].sort((a, b) => b[1].size - a[1].size);
  const enclosing = new Map<string, string[]>();
  for (const [loopId, body] of bySize) {
    for (const id of body) {
      const list = enclosing.get(id);
      if (list === undefined) enclosing.set(id, [loopId]);
      else list.push(loopId);
    }
  }
  return { bodies, enclosing };
}

/** The innermost for-each around a node, if any. */
export function innermostLoop(info: LoopInfo, nodeId: string): string | undefined {
  const list = info.enclosing.get(nodeId);
  return list === undefined ? undefined : list[list.length - 1];
}

export interface BoundaryViolation {
  edge: GraphLike['edges'][number];
  /** The for-each whose body the edge enters from outside. */
  loopId: string;
}

/**
 * Edges entering a loop body from outside other than the for-each's own `each` edges (a join
 * with a step before or after the loop, or from `done`): such a step would run both per item
 * and once, so the checker refuses them and the designer refuses to draw them.
 */
export function loopBoundaryViolations(graph: GraphLike, info: LoopInfo): BoundaryViolation[] {
  const out: BoundaryViolation[] = [];
  for (const [loopId, body] of info.bodies) {
    for (const edge of graph.edges) {
      if (!body.has(edge.target) || body.has(edge.source)) continue;
      if (edge.source === loopId && edge.sourceHandle === EACH_HANDLE) continue;
      out.push({ edge, loopId });
    }
  }
  return out;
}
