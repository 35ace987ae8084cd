// Valid flow documents (core/flow/schema) and mutations of them: fields deleted, duplicated and
// retyped, huge strings, deep nesting, cycles and dangling edges, unknown node types, bad token
// expressions. A mutation is data (op + where + what) so fast-check can generate and replay it.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { buildEdge, buildGraph, buildNode, buildSeedFlowGraph } from '@/core/testing/builders';
import { emptyDraftGraph, type TDraftGraph } from '@/core/flow/schema';
import { deepMarker, nastyJson, nastyString } from './fuzz-values';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const BAD_TOKENS = ['{{', '{{ }}', '{{ trigger.id', '{{ nope.field }}', '{{ trigger..id }}', '{{ trigger.id | upper | }}', '{{ 1 + }}', '{{ trigger[ }}', '{{{{ x }}}}', '{{ ' + 'y'.repeat(501) + ' }}'];
const NODE_TYPES = ['defender.isolateMachine', 'control.condition', 'control.switch', 'control.forEach', 'email.send', 'http.request', 'code.run', 'not.a.type', '', 'trigger', 'control.delay', 'control.approval', 'schedule.recurrence'];

function branchingGraph(): TDraftGraph {
  return buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: randomUUID() }),
      buildNode('pick', 'control.switch', { value: '{{ trigger.severity }}', cases: ['High', 'Low'] }),
      buildNode('each', 'control.forEach', { items: '{{ trigger.evidence }}' }),
      buildNode('wait', 'control.delay', { seconds: 5 }),
      buildNode('say', 'email.send', { connectionId: randomUUID(), to: 'a@b.test', subject: '{{ each.item.fileName }}', body: 'x' }),
    ],
    [buildEdge('trigger', 'pick'), buildEdge('pick', 'each', 'case:High'), buildEdge('each', 'wait'), buildEdge('wait', 'say')],
  );
}

export function baseGraph(kind: number): TDraftGraph {
  if (kind === 0) return emptyDraftGraph();
  if (kind === 1) return branchingGraph();
  return buildSeedFlowGraph({ defenderConnectionId: randomUUID(), smtpConnectionId: randomUUID(), socEmail: 'soc@fuzz.test' });
}

export const MUTATION_OPS = ['delete', 'duplicate', 'retype', 'null', 'hugeString', 'deep', 'unknownType', 'badToken', 'unknownKey', 'cycle', 'dangling', 'manyNodes', 'dupIds'] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];

export interface Mutation {
  op: MutationOp;
  at: number;
  value: unknown;
  text: string;
  marker: string;
  size: number;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...MUTATION_OPS),
  at: fc.nat(),
  value: nastyJson,
  text: fc.oneof(nastyString, fc.constantFrom(...BAD_TOKENS), fc.constantFrom(...NODE_TYPES)),
  marker: deepMarker,
  size: fc.constantFrom(201, 20_001, 300_000),
});

type Path = (string | number)[];

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(v)) v.forEach((c, i) => paths(c, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) paths(c, [...at, k], out);
  return out;
}

function parentOf(root: Json, p: Path): { parent: Json[] | { [k: string]: Json }; key: string | number } | null {
  let cur: Json = root;
  for (const k of p.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, Json>)[k as string] ?? null;
  }
  if (cur === null || typeof cur !== 'object') return null;
  return { parent: cur, key: p[p.length - 1] };
}

function setAt(root: Json, p: Path, value: Json): void {
  const pk = parentOf(root, p);
  if (pk) (pk.parent as Record<string | number, Json>)[pk.key] = value;
}

function nodesOf(doc: Json): Json[] | null {
  const graph = (doc as { graph?: { nodes?: unknown } } | null)?.graph;
  return Array.isArray(graph?.nodes) ? (graph.nodes as Json[]) : null;
}
function edgesOf(doc: Json): Json[] | null {
  const graph = (doc as { graph?: { edges?: unknown } } | null)?.graph;
  return Array.isArray(graph?.edges) ? (graph.edges as Json[]) : null;
}
function nodeIds(doc: Json): string[] {
  return (nodesOf(doc) ?? []).map((n) => (n as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string');
}

/** Applies one mutation in place (a deep copy is the caller's job). */
export function applyMutation(doc: Json, m: Mutation): void {
  const all = paths(doc);
  const p = all.length > 0 ? all[m.at % all.length] : [];
  const strings = all.filter((q) => typeof parentValue(doc, q) === 'string');
  const sp = strings.length > 0 ? strings[m.at % strings.length] : p;
  switch (m.op) {
    case 'delete': {
      const pk = parentOf(doc, p);
      if (!pk) return;
      if (Array.isArray(pk.parent)) pk.parent.splice(Number(pk.key), 1);
      else delete pk.parent[pk.key as string];
      return;
    }
    case 'duplicate': {
      const pk = parentOf(doc, p);
      if (!pk) return;
      const v = structuredClone((pk.parent as Record<string | number, Json>)[pk.key]);
      if (Array.isArray(pk.parent)) pk.parent.splice(Number(pk.key), 0, v);
      else pk.parent[`${String(pk.key)}_copy`] = v;
      return;
    }
    case 'retype':
      return setAt(doc, p, m.value as Json);
    case 'null':
      return setAt(doc, p, null);
    case 'hugeString':
      return setAt(doc, sp, 'x'.repeat(m.size));
    case 'deep':
      return setAt(doc, p, m.marker);
    case 'badToken':
      return setAt(doc, sp, `${String(parentValue(doc, sp) ?? '')} ${m.text}`);
    case 'unknownKey': {
      const target = parentValue(doc, p);
      const obj = target && typeof target === 'object' && !Array.isArray(target) ? target : doc;
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) obj[m.text || '_'] = m.value as Json;
      return;
    }
    case 'unknownType': {
      const nodes = nodesOf(doc);
      const node = nodes?.[m.at % Math.max(1, nodes.length)];
      if (node && typeof node === 'object' && !Array.isArray(node)) node.type = m.text;
      return;
    }
    case 'cycle':
    case 'dangling': {
      const edges = edgesOf(doc);
      const ids = nodeIds(doc);
      if (!edges || ids.length === 0) return;
      const a = ids[m.at % ids.length];
      const b = ids[(m.at + 1) % ids.length];
      if (m.op === 'cycle') edges.push({ id: `c${m.at}a`, source: a, target: b }, { id: `c${m.at}b`, source: b, target: a }, { id: `c${m.at}s`, source: a, target: a, sourceHandle: 'out' });
      else edges.push({ id: `d${m.at}`, source: a, target: m.text, sourceHandle: m.text || 'out' });
      return;
    }
    case 'manyNodes': {
      const nodes = nodesOf(doc);
      if (!nodes) return;
      const count = m.size === 201 ? 50 : 1001;
      for (let i = 0; i < count; i++) nodes.push({ id: `m${i}`, type: 'control.compose', params: {} });
      return;
    }
    case 'dupIds': {
      const nodes = nodesOf(doc);
      if (!nodes || nodes.length === 0) return;
      nodes.push(structuredClone(nodes[m.at % nodes.length]));
      return;
    }
  }
}

function parentValue(root: Json, p: Path): Json | undefined {
  const pk = parentOf(root, p);
  return pk ? (pk.parent as Record<string | number, Json>)[pk.key] : undefined;
}

/** `{ name, description, graph }` (create / import) from a base graph, then 0–4 mutations. */
export const flowDocument = fc
  .record({
    kind: fc.nat({ max: 2 }),
    name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('Fuzzed flow', 'Isolate on High') }, { weight: 1, arbitrary: nastyString }),
    mutations: fc.array(mutation, { minLength: 0, maxLength: 4 }),
  })
  .map(({ kind, name, mutations }) => {
    const doc = { name, description: 'made by the fuzzer', graph: baseGraph(kind) } as unknown as Json;
    for (const m of mutations) applyMutation(doc, m);
    return { doc: doc as unknown, mutations: mutations.map((m) => m.op) };
  });
