// Positions are view data: use the stored ones, and lay out with dagre only when a graph has
// none (every node at 0,0, e.g. an imported or API-built flow).
import { Graph, layout } from '@dagrejs/dagre';
import type { GraphData } from './types';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 96;

export function needsLayout(graph: GraphData): boolean {
  return graph.nodes.length > 1 && graph.nodes.every((n) => n.position.x === 0 && n.position.y === 0);
}

export function positionsFor(graph: GraphData): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  if (!needsLayout(graph)) {
    for (const n of graph.nodes) out.set(n.id, n.position);
    return out;
  }
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 72 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of graph.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  layout(g);
  for (const n of graph.nodes) {
    const p = g.node(n.id);
    // dagre gives centres; React Flow wants top-left corners.
    out.set(n.id, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
  }
  return out;
}
