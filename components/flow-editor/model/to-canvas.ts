// The canvas is a projection of the flow graph: this maps graph → React Flow nodes/edges.
// A projector keeps a cache so an edit re-creates only the node objects whose inputs changed
// (React Flow and React.memo then skip every other node — what keeps 500-node flows smooth).
import type { Edge, Node } from '@xyflow/react';
import { getNodeType } from '@/core/catalog';
import type { TDraftGraph, TFlowEdge, TFlowNode } from '@/core/flow/schema';
import { rightHandles } from '@/components/flow-graph/handles';
import { summariseParams } from '@/components/flow-graph/param-summary';
import { handleName } from './connect-rules';
import { NODE_HEIGHT, NODE_WIDTH } from './geometry';

export type StepKind = 'trigger' | 'action' | 'condition' | 'control' | 'unknown';

export type StepNodeData = {
  nodeId: string;
  kind: StepKind;
  /** Catalog title ("Get alert"), or the category when the label already says the title. */
  caption: string;
  icon: string;
  label: string;
  summary: string[];
  errors: number;
  warnings: number;
  note: string | null;
  /** Source handles that already have an edge (their "+" stays quiet until hover), joined by HANDLE_SEPARATOR. */
  connected: string;
  /** Handles on the right edge, from the catalog and params (switch cases, each/done…). */
  handles: string[];
  readOnly: boolean;
};

export type TriggerNode = Node<StepNodeData, 'trigger'>;
export type ActionNode = Node<StepNodeData, 'action'>;
export type ConditionNode = Node<StepNodeData, 'condition'>;
export type ControlNode = Node<StepNodeData, 'control'>;
export type UnknownNode = Node<StepNodeData, 'unknown'>;
export type EditorNode = TriggerNode | ActionNode | ConditionNode | ControlNode | UnknownNode;

export type StepEdgeData = { handle: string; label: string | null; readOnly: boolean };
export type EditorEdge = Edge<StepEdgeData, 'step'>;

/** Case names may contain commas, so handle lists are joined with a control character. */
export const HANDLE_SEPARATOR = '\u001f';

export interface IssueCount {
  errors: number;
  warnings: number;
}

export interface ProjectionInput {
  graph: TDraftGraph;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  issuesByNode: ReadonlyMap<string, IssueCount>;
  readOnly: boolean;
}

const NO_ISSUES: IssueCount = { errors: 0, warnings: 0 };

interface NodeCacheEntry {
  source: TFlowNode;
  selected: boolean;
  errors: number;
  warnings: number;
  connected: string;
  readOnly: boolean;
  out: EditorNode;
}

interface EdgeCacheEntry {
  source: TFlowEdge;
  selected: boolean;
  readOnly: boolean;
  out: EditorEdge;
}

function toNode(n: TFlowNode, selected: boolean, issues: IssueCount, connected: string, readOnly: boolean): EditorNode {
  const def = getNodeType(n.type);
  const kind: StepKind = def?.kind ?? 'unknown';
  const data: StepNodeData = {
    nodeId: n.id,
    kind,
    caption: def ? (n.label.trim() === def.title ? def.category : def.title) : `Unknown: ${n.type}`,
    icon: def?.icon ?? 'box',
    label: n.label,
    summary: summariseParams(n.type, n.params),
    errors: issues.errors,
    warnings: issues.warnings,
    note: n.notes ?? null,
    connected,
    handles: rightHandles(n.type, n.params),
    readOnly,
  };
  return {
    id: n.id,
    type: kind,
    position: n.position,
    // Known size before measurement: fitView and "only render what is visible" work at once,
    // so a large flow does not render (and measure) every node first.
    initialWidth: NODE_WIDTH,
    initialHeight: NODE_HEIGHT,
    data,
    selected,
    // Accessible name of the node on the canvas: its label (what the user calls the step).
    ariaLabel: n.label.trim() === '' ? n.id : n.label,
    // The trigger can be moved but never deleted (the store refuses it too).
    deletable: kind !== 'trigger',
  } as EditorNode;
}

const NODE_LABELLED = new Set(['out', 'true', 'false', 'each', 'done', 'default']);

/** Same palette as the read-only graph: yes green, no rose, on error red, selected indigo. */
export function edgeColour(handle: string, selected: boolean): string {
  if (selected) return '#6366f1';
  if (handle === 'error') return '#ef4444';
  if (handle === 'true') return '#10b981';
  if (handle === 'false') return '#fb7185';
  return '#94a3b8';
}

function toEdge(e: TFlowEdge, selected: boolean, readOnly: boolean): EditorEdge {
  return {
    id: e.id,
    type: 'step',
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    selected,
    markerEnd: { type: 'arrowclosed', color: edgeColour(e.sourceHandle, selected), width: 16, height: 16 },
    // Branch handles (yes/no, cases, each/done) are labelled on the node; a chip would repeat them.
    data: { handle: e.sourceHandle, label: NODE_LABELLED.has(e.sourceHandle) || e.sourceHandle.startsWith('case:') ? null : handleName(e.sourceHandle), readOnly },
  };
}

export interface Projection {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

/** A stateful mapper; call it with each new input and it reuses unchanged objects. */
export function createProjector(): (input: ProjectionInput) => Projection {
  let nodeCache = new Map<string, NodeCacheEntry>();
  let edgeCache = new Map<string, EdgeCacheEntry>();
  return ({ graph, selectedNodes, selectedEdges, issuesByNode, readOnly }) => {
    const connectedBy = new Map<string, Set<string>>();
    for (const e of graph.edges) {
      let set = connectedBy.get(e.source);
      if (set === undefined) connectedBy.set(e.source, (set = new Set()));
      set.add(e.sourceHandle);
    }
    const nextNodes = new Map<string, NodeCacheEntry>();
    const nodes = graph.nodes.map((n) => {
      const selected = selectedNodes.has(n.id);
      const issues = issuesByNode.get(n.id) ?? NO_ISSUES;
      const connected = [...(connectedBy.get(n.id) ?? [])].sort().join(HANDLE_SEPARATOR);
      const hit = nodeCache.get(n.id);
      const reuse =
        hit !== undefined &&
        hit.source === n &&
        hit.selected === selected &&
        hit.errors === issues.errors &&
        hit.warnings === issues.warnings &&
        hit.connected === connected &&
        hit.readOnly === readOnly;
      const entry = reuse ? hit : { source: n, selected, errors: issues.errors, warnings: issues.warnings, connected, readOnly, out: toNode(n, selected, issues, connected, readOnly) };
      nextNodes.set(n.id, entry);
      return entry.out;
    });
    const nextEdges = new Map<string, EdgeCacheEntry>();
    const edges = graph.edges.map((e) => {
      const selected = selectedEdges.has(e.id);
      const hit = edgeCache.get(e.id);
      const entry = hit !== undefined && hit.source === e && hit.selected === selected && hit.readOnly === readOnly ? hit : { source: e, selected, readOnly, out: toEdge(e, selected, readOnly) };
      nextEdges.set(e.id, entry);
      return entry.out;
    });
    nodeCache = nextNodes;
    edgeCache = nextEdges;
    return { nodes, edges };
  };
}
