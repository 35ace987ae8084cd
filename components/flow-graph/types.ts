// Plain data the graph view needs; pages pass these (parsed on the server) as props.
export interface GraphNodeData {
  id: string;
  type: string;
  label: string;
  position: { x: number; y: number };
  params: Record<string, unknown>;
}

export interface GraphEdgeData {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
}

export interface GraphData {
  nodes: GraphNodeData[];
  edges: GraphEdgeData[];
}

/** Step status per node id, for run detail colouring. */
export type StatusByNode = Record<string, string>;
