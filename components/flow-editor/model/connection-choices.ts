// For the keyboard (and screen-reader) way to wire a step: for each of its outputs, what it is
// connected to and which steps it could connect to, by the same rules as dragging.
import { getNodeType, handlesOf } from '@/core/catalog';
import type { TDraftGraph } from '@/core/flow/schema';
import { connectableTargets, handleName } from './connect-rules';

export interface HandleChoices {
  handle: string;
  name: string;
  connected: { edgeId: string; nodeId: string; label: string }[];
  candidates: { nodeId: string; label: string }[];
}

export function connectionChoices(graph: TDraftGraph, nodeId: string): HandleChoices[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const def = node ? getNodeType(node.type) : undefined;
  if (!node || !def) return [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const labelOf = (id: string) => {
    const n = byId.get(id);
    return n ? n.label || n.id : id;
  };
  return handlesOf(def, node.params).map((handle) => ({
    handle,
    name: handleName(handle),
    connected: graph.edges
      .filter((e) => e.source === nodeId && e.sourceHandle === handle)
      .map((e) => ({ edgeId: e.id, nodeId: e.target, label: labelOf(e.target) })),
    candidates: connectableTargets(graph, nodeId, handle).map((id) => ({ nodeId: id, label: labelOf(id) })),
  }));
}
