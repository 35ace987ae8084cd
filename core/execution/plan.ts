/**
 * Per-graph data the executor needs on every run (order, edge indices, catalog entries, loop
 * bodies). Computed once per graph object and cached: the worker keeps pinned versions in
 * memory, and the performance budget (design.md §11) forbids redoing per-run work that can be
 * done once.
 */
import { z } from 'zod';
import type { ParamMeta } from '../catalog/types';
import { encodeHeaderValue, encodeHtml, encodeJsonString, encodeKqlString, encodeMarkdown, encodeODataString, encodeSlackMrkdwn, encodeUrlComponent, type TokenEncoder } from '../tokens/resolve';
import { getNodeType } from '../catalog/index';
import type { NodeTypeDef } from '../catalog/types';
import { topologicalOrder } from '../flow/graph';
import { innermostLoop, loopInfo } from '../flow/loops';
import type { TExecutableGraph, TFlowEdge, TFlowNode } from '../flow/schema';

export interface PlannedNode {
  node: TFlowNode;
  def: NodeTypeDef;
  incoming: TFlowEdge[];
  hasErrorEdge: boolean;
  /** Position in execution order (a loop's body follows the loop); stable across attempts. */
  seq: number;
  /** For a for-each: its body steps in execution order (nested loops' bodies excluded). */
  body?: PlannedNode[];
  /** Params whose tokens are encoded (e.g. a KQL query's), by key; absent when none are. */
  encoders?: Readonly<Record<string, TokenEncoder>>;
}

const ENCODERS: Record<string, TokenEncoder> = {
  'kql-string': encodeKqlString,
  'odata-string': encodeODataString,
  html: encodeHtml,
  'url-component': encodeUrlComponent,
  'json-string': encodeJsonString,
  markdown: encodeMarkdown,
  'slack-mrkdwn': encodeSlackMrkdwn,
  'header-value': encodeHeaderValue,
};

/** Computed once per node type: the catalog's `tokenEncoding` metadata as encoders. */
const encodersByType = new Map<string, Readonly<Record<string, TokenEncoder>> | undefined>();
function encodersOf(def: NodeTypeDef): Readonly<Record<string, TokenEncoder>> | undefined {
  if (encodersByType.has(def.type)) return encodersByType.get(def.type);
  const found: Record<string, TokenEncoder> = {};
  for (const [key, schema] of Object.entries(def.params.shape)) {
    const encoding = (z.globalRegistry.get(schema as z.ZodType) as ParamMeta | undefined)?.tokenEncoding;
    if (encoding !== undefined && Object.hasOwn(ENCODERS, encoding)) found[key] = ENCODERS[encoding] as TokenEncoder;
  }
  const result = Object.keys(found).length > 0 ? Object.freeze(found) : undefined;
  encodersByType.set(def.type, result);
  return result;
}

export interface ExecutionPlan {
  /** Top-level steps (not inside any loop), in execution order. */
  order: PlannedNode[];
  /** Every planned node, by id. */
  byId: Map<string, PlannedNode>;
}

const cache = new WeakMap<TExecutableGraph, ExecutionPlan>();

export function planFor(graph: TExecutableGraph): ExecutionPlan {
  const cached = cache.get(graph);
  if (cached !== undefined) return cached;
  const order = topologicalOrder(graph);
  if (order === null) throw new Error('Flow graph has a cycle; it must pass checkFlow before it runs');
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const loops = loopInfo(graph);
  const byId = new Map<string, PlannedNode>();
  const scopes = new Map<string | undefined, PlannedNode[]>();
  for (const id of order) {
    const node = nodes.get(id) as TFlowNode;
    const def = getNodeType(node.type);
    if (def === undefined) throw new Error(`Unknown node type "${node.type}"; the flow must pass checkFlow`);
    const planned: PlannedNode = {
      node,
      def,
      incoming: graph.edges.filter((e) => e.target === id),
      hasErrorEdge: graph.edges.some((e) => e.source === id && e.sourceHandle === 'error'),
      encoders: encodersOf(def),
      seq: 0,
    };
    byId.set(id, planned);
    const owner = innermostLoop(loops, id);
    const scope = scopes.get(owner);
    if (scope === undefined) scopes.set(owner, [planned]);
    else scope.push(planned);
  }
  for (const [loopId] of loops.bodies) {
    const loop = byId.get(loopId);
    if (loop !== undefined) loop.body = scopes.get(loopId) ?? [];
  }
  const top = scopes.get(undefined) ?? [];
  let seq = 0;
  const number = (scope: PlannedNode[]) => {
    for (const p of scope) {
      p.seq = ++seq;
      if (p.body !== undefined) number(p.body);
    }
  };
  number(top);
  const plan: ExecutionPlan = { order: top, byId };
  cache.set(graph, plan);
  return plan;
}

/** Every step inside a loop's body, nested loops included (for skipping a whole loop). */
export function bodySteps(loop: PlannedNode): PlannedNode[] {
  const out: PlannedNode[] = [];
  for (const p of loop.body ?? []) {
    out.push(p);
    if (p.body !== undefined) out.push(...bodySteps(p));
  }
  return out;
}
