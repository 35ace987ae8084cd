/**
 * What changed between two graphs (e.g. the last published version and the draft), for the
 * publish dialog. Positions are view data and never count as a change (design.md §3).
 */
import type { TDraftGraph, TFlowNode } from './schema';

export interface GraphChange {
  kind: 'added' | 'removed' | 'changed';
  what: 'node' | 'edge';
  id: string;
  label: string;
  /** For changed nodes: which of label, type, notes and params.<key> differ. */
  fields?: string[];
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function changedFields(before: TFlowNode, after: TFlowNode): string[] {
  const fields: string[] = [];
  if (before.type !== after.type) fields.push('type');
  if (before.label !== after.label) fields.push('label');
  if ((before.notes ?? '') !== (after.notes ?? '')) fields.push('notes');
  const keys = new Set([...Object.keys(before.params), ...Object.keys(after.params)]);
  for (const key of [...keys].sort()) {
    if (stable(before.params[key]) !== stable(after.params[key])) fields.push(`params.${key}`);
  }
  return fields;
}

const edgeKey = (e: { source: string; sourceHandle: string; target: string }) => `${e.source}:${e.sourceHandle}->${e.target}`;

export function diffGraphs(before: TDraftGraph | null, after: TDraftGraph): GraphChange[] {
  const changes: GraphChange[] = [];
  const beforeNodes = new Map((before?.nodes ?? []).map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  for (const node of after.nodes) {
    const old = beforeNodes.get(node.id);
    if (!old) changes.push({ kind: 'added', what: 'node', id: node.id, label: node.label || node.id });
    else {
      const fields = changedFields(old, node);
      if (fields.length > 0) changes.push({ kind: 'changed', what: 'node', id: node.id, label: node.label || node.id, fields });
    }
  }
  for (const node of before?.nodes ?? []) {
    if (!afterNodes.has(node.id)) changes.push({ kind: 'removed', what: 'node', id: node.id, label: node.label || node.id });
  }
  // Edges are compared by what they connect, not by their generated ids.
  const describe = (e: { source: string; sourceHandle: string; target: string }) => `${e.source} (${e.sourceHandle}) → ${e.target}`;
  const beforeEdges = new Map((before?.edges ?? []).map((e) => [edgeKey(e), e]));
  const afterEdges = new Map(after.edges.map((e) => [edgeKey(e), e]));
  for (const [key, e] of afterEdges) if (!beforeEdges.has(key)) changes.push({ kind: 'added', what: 'edge', id: e.id, label: describe(e) });
  for (const [key, e] of beforeEdges) if (!afterEdges.has(key)) changes.push({ kind: 'removed', what: 'edge', id: e.id, label: describe(e) });
  return changes;
}
