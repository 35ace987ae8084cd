'use client';
// The read-only flow canvas, used by flow detail (the draft) and run detail (the pinned
// version, coloured by step status). No dragging, connecting or deleting here: editing is
// the designer's job.
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type Edge } from '@xyflow/react';
import { getNodeType } from '@/core/catalog';
import { FlowNodeCard, type FlowNodeView, type NodeKindView } from './flow-node';
import { rightHandles } from './handles';
import { positionsFor } from './layout';
import { summariseParams } from './param-summary';
import type { GraphData, StatusByNode } from './types';
import { edgeColourOnRun } from '../runs/step-status';

const nodeTypes = { riposte: FlowNodeCard };

// true/false are labelled on the condition node's handles (yes/no), so their edges stay unlabelled.
const HANDLE_LABEL: Record<string, string> = { error: 'on error' };
const NODE_LABELLED_HANDLES = new Set(['true', 'false', 'each', 'done', 'default']);

function edgeColour(handle: string, dimmed: boolean): string {
  if (dimmed) return '#cbd5e1';
  if (handle === 'error') return '#ef4444';
  if (handle === 'true') return '#10b981';
  if (handle === 'false') return '#fb7185';
  return '#94a3b8';
}

/** Run detail extras: which edges the run took, per-node badges, the selected node. */
export interface RunOverlay {
  taken: ReadonlySet<string>;
  badges?: Record<string, string>;
  selectedNodeId?: string | null;
  clickable?: boolean;
}

function toView(graph: GraphData, statusByNode: StatusByNode | undefined, overlay: RunOverlay | undefined): { nodes: FlowNodeView[]; edges: Edge[] } {
  const positions = positionsFor(graph);
  const nodes: FlowNodeView[] = graph.nodes.map((n) => {
    const def = getNodeType(n.type);
    const kind: NodeKindView = def?.kind ?? 'unknown';
    return {
      id: n.id,
      type: 'riposte',
      position: positions.get(n.id) ?? n.position,
      data: {
        nodeId: n.id,
        kind,
        // When the label repeats the catalog title, caption with the category instead of saying it twice.
        title: def ? (n.label.trim() === def.title ? def.category : def.title) : `Unknown: ${n.type}`,
        icon: def?.icon ?? 'box',
        label: n.label,
        summary: summariseParams(n.type, n.params),
        status: statusByNode?.[n.id],
        // Read-only view: draw the error handle only where an error branch exists, to keep the canvas quiet.
        hasErrorHandle: graph.edges.some((e) => e.source === n.id && e.sourceHandle === 'error'),
        handles: rightHandles(n.type, n.params),
        badge: overlay?.badges?.[n.id],
        selected: overlay?.selectedNodeId === n.id,
        clickable: overlay?.clickable === true,
      },
    };
  });
  const edges: Edge[] = graph.edges.map((e) => {
    // On a run, a path into a skipped (or never reached) node was not taken: draw it faint.
    const targetStatus = statusByNode?.[e.target];
    const taken = overlay?.taken.has(e.id);
    const dimmed = overlay !== undefined ? !taken : statusByNode !== undefined && (targetStatus === undefined || targetStatus === 'skipped');
    const colour = overlay !== undefined ? edgeColourOnRun(taken === true, targetStatus, e.sourceHandle) : edgeColour(e.sourceHandle, dimmed);
    // The edge into the step running now moves, so progress is visible at a glance.
    const live = taken === true && targetStatus === 'running';
    const label = e.sourceHandle === 'out' || NODE_LABELLED_HANDLES.has(e.sourceHandle) || e.sourceHandle.startsWith('case:') ? undefined : (HANDLE_LABEL[e.sourceHandle] ?? e.sourceHandle);
    return {
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      type: 'smoothstep',
      label,
      labelStyle: { fontSize: 11, fontWeight: 600, fill: colour === '#cbd5e1' ? '#94a3b8' : '#334155' },
      labelBgStyle: { fill: '#ffffff' },
      labelBgPadding: [4, 2] as [number, number],
      animated: live,
      className: overlay === undefined ? undefined : taken ? 'run-edge-taken' : 'run-edge-not-taken',
      style: { stroke: colour, strokeWidth: taken ? 2.5 : 1.5, strokeDasharray: dimmed ? '4 4' : live ? '6 4' : undefined },
      markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 16, height: 16 },
    };
  });
  return { nodes, edges };
}

interface FlowGraphProps {
  graph: GraphData;
  statusByNode?: StatusByNode;
  overlay?: RunOverlay;
  onNodeClick?: (nodeId: string) => void;
  height?: number;
}

export function FlowGraph({ graph, statusByNode, overlay, onNodeClick, height = 380 }: FlowGraphProps) {
  const { nodes, edges } = useMemo(() => toView(graph, statusByNode, overlay), [graph, statusByNode, overlay]);
  return (
    <div style={{ height }} className="w-full" data-testid="flow-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick === undefined ? undefined : (_, node) => onNodeClick(node.id)}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        nodesFocusable={false}
        deleteKeyCode={null}
        panOnScroll={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.3}
        maxZoom={1.5}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={20} size={1} color="#e2e8f0" />
        <Controls showInteractive={false} position="bottom-right" />
      </ReactFlow>
    </div>
  );
}
