/**
 * Per-graph data the executor needs on every run (order, edge indices, catalog entries).
 * Computed once per graph object and cached: the worker keeps pinned versions in memory, and
 * the performance budget (design.md §11) forbids redoing per-run work that can be done once.
 */
import { getNodeType } from '../catalog/index';
import type { NodeTypeDef } from '../catalog/types';
import { topologicalOrder } from '../flow/graph';
import type { TExecutableGraph, TFlowEdge, TFlowNode } from '../flow/schema';

export interface PlannedNode {
  node: TFlowNode;
  def: NodeTypeDef;
  incoming: TFlowEdge[];
  hasErrorEdge: boolean;
}

export interface ExecutionPlan {
  order: PlannedNode[];
}

const cache = new WeakMap<TExecutableGraph, ExecutionPlan>();

export function planFor(graph: TExecutableGraph): ExecutionPlan {
  const cached = cache.get(graph);
  if (cached !== undefined) return cached;
  const order = topologicalOrder(graph);
  if (order === null) throw new Error('Flow graph has a cycle; it must pass checkFlow before it runs');
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const plan: ExecutionPlan = {
    order: order.map((id) => {
      const node = byId.get(id) as TFlowNode;
      const def = getNodeType(node.type);
      if (def === undefined) throw new Error(`Unknown node type "${node.type}"; the flow must pass checkFlow`);
      return {
        node,
        def,
        incoming: graph.edges.filter((e) => e.target === id),
        hasErrorEdge: graph.edges.some((e) => e.source === id && e.sourceHandle === 'error'),
      };
    }),
  };
  cache.set(graph, plan);
  return plan;
}
