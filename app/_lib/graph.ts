// Stored graphs are JSON; parse them with core's lenient schema before handing them to the
// (client) graph view, so a malformed pinned graph shows a message instead of crashing.
import { ZDraftGraph } from '@/core/flow/schema';
import type { GraphData } from '@/components/flow-graph/types';

export function toGraphData(value: unknown): GraphData | null {
  const parsed = ZDraftGraph.safeParse(value);
  if (!parsed.success) return null;
  return {
    nodes: parsed.data.nodes.map(({ id, type, label, position, params }) => ({ id, type, label, position, params })),
    edges: parsed.data.edges.map(({ id, source, sourceHandle, target }) => ({ id, source, sourceHandle, target })),
  };
}
