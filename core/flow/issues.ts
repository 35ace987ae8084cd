import type { TFlowNode } from './schema';

/** A problem found in a flow, pointed at a node/edge/param so the designer can highlight it. */
export interface FlowIssue {
  severity: 'error' | 'warning';
  code: string;
  /** Written for a SOC engineer: what is wrong and what to do. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Param path inside the node (e.g. `['rules', 0, 'right']`), or the graph path for parse errors. */
  path?: (string | number)[];
}

/** How a node is named in messages: its label, falling back to its id. */
export function nodeName(node: Pick<TFlowNode, 'id' | 'label'>): string {
  return `"${node.label.trim() === '' ? node.id : node.label}"`;
}

export function error(code: string, message: string, at: Omit<FlowIssue, 'severity' | 'code' | 'message'> = {}): FlowIssue {
  return { severity: 'error', code, message, ...at };
}

export function warning(code: string, message: string, at: Omit<FlowIssue, 'severity' | 'code' | 'message'> = {}): FlowIssue {
  return { severity: 'warning', code, message, ...at };
}
