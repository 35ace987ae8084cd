// Where a step's source handles sit on its right edge, shared by the designer and the read-only
// graph so both draw switch cases and for-each each/done the same way.
import { getNodeType, handlesOf } from '@/core/catalog';
import { NODE_HEIGHT } from './layout';

/** Vertical gap between two handles on the right edge, px. */
const HANDLE_GAP = 28;

/** The handles on the right edge (everything but `error`, which sits at the bottom). */
export function rightHandles(type: string, params: Record<string, unknown>): string[] {
  const def = getNodeType(type);
  if (def === undefined) return ['out'];
  return handlesOf(def, params).filter((h) => h !== 'error');
}

/** Height a node needs so `count` right-edge handles do not crowd each other. */
export function nodeHeightFor(count: number): number {
  return Math.max(NODE_HEIGHT, (count + 1) * HANDLE_GAP);
}

/** Evenly spaced positions (in % of the node's height) for `count` handles. */
export function handleTops(count: number): number[] {
  if (count <= 1) return [50];
  return Array.from({ length: count }, (_, i) => Math.round(((i + 1) / (count + 1)) * 1000) / 10);
}
