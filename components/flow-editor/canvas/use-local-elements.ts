'use client';
// React Flow needs node objects it can update every frame (drag positions, measured sizes,
// selection). The store only learns a position when a drag ends, so the canvas keeps a local
// copy of the projection: changes are applied locally, and a new projection replaces only the
// nodes it actually changed (keeping their measured size, so nothing is re-measured). A large
// flow's steps start with an estimated size and handles (model/estimated-size.ts), so React Flow
// draws only the steps in view instead of all of them once to measure them.
import { useCallback, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { EditorEdge, EditorNode, Projection } from '../model/to-canvas';
import { withEstimatedSize, withoutEstimate } from '../model/estimated-size';

interface Local {
  source: Projection;
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export function useLocalElements(projection: Projection, estimateSizes: boolean) {
  /** Which projected node each local node object derives from. */
  const origin = useRef(new WeakMap<EditorNode, EditorNode>());
  const [local, setLocal] = useState<Local>(() => {
    if (!estimateSizes) return { source: projection, nodes: projection.nodes, edges: projection.edges };
    const nodes = projection.nodes.map((p) => {
      const estimated = withEstimatedSize(p);
      origin.current.set(estimated, p);
      return estimated;
    });
    return { source: projection, nodes, edges: projection.edges };
  });

  let current = local;
  if (local.source !== projection) {
    // Derive state during render (React's recommended pattern): no extra effect pass.
    const prev = new Map(local.nodes.map((n) => [n.id, n]));
    const nodes = projection.nodes.map((p) => {
      const q = prev.get(p.id);
      if (q === undefined) return p;
      if (origin.current.get(q) === p || q === p) return q;
      const merged = (q.measured ? { ...p, measured: q.measured } : p) as EditorNode;
      origin.current.set(merged, p);
      return merged;
    });
    current = { source: projection, nodes, edges: projection.edges };
    setLocal(current);
  }

  const onNodesChange = useCallback((changes: NodeChange<EditorNode>[]) => {
    setLocal((l) => {
      const next = applyNodeChanges(changes, l.nodes);
      for (let i = 0; i < next.length; i++) {
        const before = l.nodes[i];
        // Measured now: React Flow's own handle positions replace the estimate.
        if (next[i] !== before && next[i].handles !== undefined) next[i] = withoutEstimate(next[i]);
        if (next[i] !== before && before !== undefined && before.id === next[i].id) {
          origin.current.set(next[i], origin.current.get(before) ?? before);
        }
      }
      return { ...l, nodes: next };
    });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<EditorEdge>[]) => {
    setLocal((l) => ({ ...l, edges: applyEdgeChanges(changes, l.edges) }));
  }, []);

  return { nodes: current.nodes, edges: current.edges, onNodesChange, onEdgesChange };
}
