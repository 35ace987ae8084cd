// React Flow renders every step it has never measured, even with onlyRenderVisibleElements, to
// learn where its handles are. On a 500-step flow that meant drawing all 500 cards (~14,000
// elements) on open, measuring them, then culling all but the few in view. A large flow's steps
// therefore start with an estimate of their size and handles; the steps in view are measured as
// soon as they are drawn, and the others when they scroll into view.
import { Position, type NodeHandle } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './geometry';
import type { EditorNode, StepKind } from './to-canvas';

// Half a pixel off the real size (elements measure in whole pixels), so React Flow always sees a
// change when it first measures a step and replaces these estimated handles with the real ones.
const WIDTH = NODE_WIDTH + 0.5;
const HEIGHT = NODE_HEIGHT + 0.5;
const HANDLE = 12;
const ERROR_HANDLE = 10;

/** Where step-node.tsx puts each handle (React Flow centres a handle on the card's edge). */
function handlesOf(kind: StepKind): NodeHandle[] {
  const right = (id: string, topPercent: number): NodeHandle => ({
    id,
    type: 'source',
    position: Position.Right,
    x: NODE_WIDTH - HANDLE / 2,
    y: (NODE_HEIGHT * topPercent) / 100 - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  });
  const input: NodeHandle = { id: null, type: 'target', position: Position.Left, x: -HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE };
  const onError: NodeHandle = {
    id: 'error',
    type: 'source',
    position: Position.Bottom,
    x: NODE_WIDTH / 2 - ERROR_HANDLE / 2,
    y: NODE_HEIGHT - ERROR_HANDLE / 2,
    width: ERROR_HANDLE,
    height: ERROR_HANDLE,
  };
  if (kind === 'trigger') return [right('out', 50)];
  if (kind === 'condition') return [input, right('true', 34), right('false', 70)];
  if (kind === 'action') return [input, right('out', 50), onError];
  return [input, right('out', 50)];
}

/** The node with an estimated size and handles, until React Flow measures the real ones. */
export function withEstimatedSize(node: EditorNode): EditorNode {
  return { ...node, measured: { width: WIDTH, height: HEIGHT }, handles: handlesOf(node.data.kind) } as EditorNode;
}

/** The node without estimated handles, once React Flow has measured it (its own handles win). */
export function withoutEstimate(node: EditorNode): EditorNode {
  if (node.handles === undefined) return node;
  const { handles: _estimate, ...measured } = node;
  return measured as EditorNode;
}
