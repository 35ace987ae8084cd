// Where a flow opens. A small flow is fitted whole; a large one (hundreds of steps) would fit only
// at an unreadable zoom while drawing every step, so it opens on its beginning, at a readable
// zoom, with the minimap showing the whole.
import type { TDraftGraph } from '@/core/flow/schema';
import { TRIGGER_NODE_ID } from '@/core/flow/schema';

export const LARGE_FLOW = 150;
/**
 * The opening viewport of a large flow: its trigger near the top-left at a readable zoom. Set as
 * ReactFlow's defaultViewport (instead of fitView, which measures every node before fitting), so
 * the very first render already draws only the steps in view.
 */
export function largeFlowViewport(graph: TDraftGraph): { x: number; y: number; zoom: number } | null {
  if (graph.nodes.length <= LARGE_FLOW) return null;
  const start = graph.nodes.find((n) => n.id === TRIGGER_NODE_ID) ?? graph.nodes[0];
  if (!start) return null;
  const zoom = 0.8;
  return { x: 48 - start.position.x * zoom, y: 160 - start.position.y * zoom, zoom };
}
