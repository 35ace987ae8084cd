// Copy/paste of steps as JSON text, so the clipboard works across flows, tabs and browsers
// (and a fragment can be pasted into a chat or a ticket and back).
import { z } from 'zod';
import { getNodeType } from '@/core/catalog';
import { TRIGGER_NODE_ID, ZFlowEdge, ZFlowNode, type TDraftGraph, type TFlowEdge, type TFlowNode } from '@/core/flow/schema';
import { hasTrigger } from './edit-ops';
import { uniqueEdgeId, uniqueId } from './ids';
import { rewriteTokens } from './rewrite-tokens';

export const ZFragment = z.object({
  riposte: z.literal('flow-fragment'),
  version: z.literal(1),
  nodes: z.array(ZFlowNode).min(1, 'The clipboard holds no steps'),
  edges: z.array(ZFlowEdge),
});

export type TFragment = z.output<typeof ZFragment>;

/**
 * The selected nodes and the edges between them (an edge to a step left behind would dangle).
 * Returns null when nothing is selected.
 */
export function copyFragment(graph: TDraftGraph, nodeIds: Iterable<string>): TFragment | null {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { riposte: 'flow-fragment', version: 1, nodes, edges };
}

export function serializeFragment(fragment: TFragment): string {
  return JSON.stringify(fragment, null, 2);
}

export type ParseResult = { ok: true; fragment: TFragment } | { ok: false; reason: string };

/** Parses clipboard text; says what is wrong instead of throwing. */
export function parseFragment(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, reason: 'The clipboard does not hold Riposte steps (it is not JSON).' };
    }
  }
  const parsed = ZFragment.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { ok: false, reason: `The clipboard does not hold Riposte steps: ${first?.message ?? 'unknown shape'}${where}.` };
  }
  return { ok: true, fragment: parsed.data };
}

export interface PasteOptions {
  /** Added to every pasted position, so a paste never lands exactly on its original. */
  offset: { x: number; y: number };
}

export type PasteResult =
  | { ok: true; graph: TDraftGraph; newNodeIds: string[]; newEdgeIds: string[]; skippedTrigger: boolean }
  | { ok: false; reason: string };

function isTrigger(node: TFlowNode): boolean {
  return node.id === TRIGGER_NODE_ID || getNodeType(node.type)?.kind === 'trigger';
}

/**
 * Adds a fragment to the graph: fresh readable ids (`get_alert` → `get_alert_2`), fresh edge
 * ids, tokens that pointed at pasted nodes rewritten to the copies, positions offset. A trigger
 * is only pasted into a flow that has none; otherwise it is left out (and reported).
 */
export function pasteFragment(graph: TDraftGraph, payload: unknown, { offset }: PasteOptions): PasteResult {
  const parsed = parseFragment(payload);
  if (!parsed.ok) return parsed;
  const { fragment } = parsed;
  let triggerAllowed = !hasTrigger(graph);
  let skippedTrigger = false;
  const taken = new Set(graph.nodes.map((n) => n.id));
  const renames = new Map<string, string>();
  const incoming: TFlowNode[] = [];
  for (const node of fragment.nodes) {
    if (renames.has(node.id)) continue; // a duplicated id inside the payload: keep the first
    if (isTrigger(node)) {
      if (!triggerAllowed) {
        skippedTrigger = true;
        continue;
      }
      triggerAllowed = false;
      renames.set(node.id, TRIGGER_NODE_ID);
      taken.add(TRIGGER_NODE_ID);
    } else {
      renames.set(node.id, uniqueId(node.id, taken));
    }
    incoming.push(node);
  }
  if (incoming.length === 0) return { ok: false, reason: 'Nothing to paste: this flow already has a trigger.' };

  const nodes = incoming.map((n) => ({
    ...n,
    id: renames.get(n.id) as string,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    params: rewriteTokens(n.params, renames),
  }));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const edges: TFlowEdge[] = fragment.edges
    .filter((e) => renames.has(e.source) && renames.has(e.target))
    .map((e) => ({ ...e, id: uniqueEdgeId(edgeIds), source: renames.get(e.source) as string, target: renames.get(e.target) as string }));
  return {
    ok: true,
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    newNodeIds: nodes.map((n) => n.id),
    newEdgeIds: edges.map((e) => e.id),
    skippedTrigger,
  };
}
