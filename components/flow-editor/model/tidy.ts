// "Tidy up": a left-to-right layered layout with dagre. The trigger keeps its place on screen
// so the user does not lose their bearings after a tidy.
import { Graph, layout } from '@dagrejs/dagre';
import { TRIGGER_NODE_ID, type TDraftGraph } from '@/core/flow/schema';
import { NODE_HEIGHT, NODE_WIDTH } from './geometry';
import { moveNodes, type Position } from './edit-ops';

/** Branch order inside a rank: yes above no, on error last. */
const HANDLE_ORDER: Record<string, number> = { true: 0, out: 1, false: 2, error: 3 };

export function tidyUp(graph: TDraftGraph): TDraftGraph {
  if (graph.nodes.length === 0) return graph;
  const g = new Graph();
  // Rank spacing leaves room for the edge label and the "+" button between columns.
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edges = [...graph.edges].sort((a, b) => (HANDLE_ORDER[a.sourceHandle] ?? 1) - (HANDLE_ORDER[b.sourceHandle] ?? 1));
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target);
  layout(g);

  const anchorId = ids.has(TRIGGER_NODE_ID) ? TRIGGER_NODE_ID : (graph.nodes[0]?.id as string);
  const anchor = graph.nodes.find((n) => n.id === anchorId);
  const laidAnchor = g.node(anchorId);
  // dagre returns centres; the canvas stores top-left corners.
  const dx = (anchor?.position.x ?? 0) - (laidAnchor.x - NODE_WIDTH / 2);
  const dy = (anchor?.position.y ?? 0) - (laidAnchor.y - NODE_HEIGHT / 2);
  const positions = new Map<string, Position>();
  for (const n of graph.nodes) {
    const p = g.node(n.id);
    positions.set(n.id, { x: p.x - NODE_WIDTH / 2 + dx, y: p.y - NODE_HEIGHT / 2 + dy });
  }
  return moveNodes(graph, positions);
}
