// Editing a switch's cases keeps its connections: renaming a case moves the edges on
// `case:<old>` to `case:<new>`, removing a case removes the edges of that case (its handle is
// gone), so the canvas never shows connections from handles that no longer exist.
import { caseHandle } from '@/core/catalog';
import type { TFlowEdge } from '@/core/flow/schema';

const SWITCH = 'control.switch';

function rawCases(params: Record<string, unknown>): string[] {
  return Array.isArray(params.cases) ? params.cases.map((c) => (typeof c === 'string' ? c.trim() : '')) : [];
}

export function followCaseEdits(type: string, nodeId: string, before: Record<string, unknown>, after: Record<string, unknown>, edges: TFlowEdge[]): TFlowEdge[] {
  if (type !== SWITCH) return edges;
  const old = rawCases(before);
  const next = rawCases(after);
  if (old.length === next.length) {
    const renames = new Map<string, string>();
    old.forEach((c, i) => {
      if (c !== next[i] && !next.includes(c)) renames.set(caseHandle(c), caseHandle(next[i] ?? ''));
    });
    if (renames.size === 0) return edges;
    return edges.map((e) => (e.source === nodeId && renames.has(e.sourceHandle) ? { ...e, sourceHandle: renames.get(e.sourceHandle) as string } : e));
  }
  if (next.length < old.length) {
    const gone = new Set(old.filter((c) => !next.includes(c)).map(caseHandle));
    if (gone.size === 0) return edges;
    return edges.filter((e) => !(e.source === nodeId && gone.has(e.sourceHandle)));
  }
  return edges;
}
