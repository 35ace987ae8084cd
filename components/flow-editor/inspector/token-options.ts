/**
 * What the dynamic-content picker offers for one node: the declared outputs of the trigger and
 * of every step upstream of it (the checker rejects anything else, C.11 "token from a parallel
 * branch"), with a sample value from the latest run when there is one. Same rules as the
 * checker for control steps: a for-each offers item/index inside its body and results/count
 * after it; an action's error fields only on its error branch; run variables set upstream.
 */
import { ERROR_OUTPUT_FIELDS, FOR_EACH_BODY_FIELDS, FOR_EACH_DONE_FIELDS, VARIABLES_ROOT, getNodeType } from '@/core/catalog/index';
import type { OutputField, OutputFieldType } from '@/core/catalog/types';
import { reachableFrom, upstreamOf } from '@/core/flow/graph';
import { FOR_EACH_TYPE, loopInfo } from '@/core/flow/loops';
import { graphFields } from '@/core/flow/output-fields';
import { TRIGGER_NODE_ID, type TDraftGraph, type TFlowNode } from '@/core/flow/schema';
import { parseTokenExpression } from '@/core/tokens/parse';
import { resolveRef } from '@/core/tokens/resolve';
import type { SampleOutputs } from '../types';

export interface TokenOption {
  nodeId: string;
  path: string;
  label: string;
  type: OutputFieldType;
  /** What gets inserted, e.g. `{{ get_alert.severity }}`. */
  token: string;
  /** Short text rendering of the sample value (always rendered as text, never HTML). */
  sample?: string;
}

export interface TokenGroup {
  nodeId: string;
  /** The user's label for the node (falls back to the catalog title, then the id). */
  nodeLabel: string;
  /** Catalog title of the node type. */
  nodeTitle: string;
  fields: TokenOption[];
}

const SAMPLE_MAX = 80;

export function tokenFor(nodeId: string, path: string): string {
  return `{{ ${nodeId}${path === '' ? '' : `.${path}`} }}`;
}

export function nodeDisplayName(node: Pick<TFlowNode, 'id' | 'label' | 'type'>): string {
  const label = node.label.trim();
  if (label !== '') return label;
  return getNodeType(node.type)?.title ?? node.id;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SAMPLE_MAX ? `${flat.slice(0, SAMPLE_MAX - 1)}…` : flat;
}

/** One-line text for a sample value; undefined when there is nothing to show. */
export function sampleText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '""' : clip(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  try {
    return clip(JSON.stringify(value));
  } catch {
    return undefined;
  }
}

function sampleAt(samples: SampleOutputs, nodeId: string, path: string): string | undefined {
  if (!Object.hasOwn(samples, nodeId)) return undefined;
  // Parsed with the token grammar so lookups are own-property only, exactly like a run.
  const ref = parseTokenExpression(path === '' ? nodeId : `${nodeId}.${path}`);
  if ('error' in ref) return undefined;
  return sampleText(resolveRef(samples as Record<string, unknown>, ref));
}

/** Node ids the node at `nodeId` may read tokens from: its ancestors, plus the trigger. */
export function tokenSources(graph: TDraftGraph, nodeId: string): Set<string> {
  const sources = upstreamOf(graph, nodeId);
  // A node on a cycle is its own ancestor; reading your own output is never valid.
  if (nodeId !== TRIGGER_NODE_ID) sources.delete(nodeId);
  if (graph.nodes.some((n) => n.id === TRIGGER_NODE_ID)) sources.add(TRIGGER_NODE_ID);
  return sources;
}

/** Variable names set by "Set variable" steps upstream of `nodeId`, in graph order. */
export function variablesSetBefore(graph: TDraftGraph, nodeId: string, sources = tokenSources(graph, nodeId)): string[] {
  const names: string[] = [];
  for (const n of graph.nodes) {
    const name = n.params.name;
    if (n.type !== 'control.setVariable' || !sources.has(n.id) || typeof name !== 'string' || name.trim() === '') continue;
    if (!names.includes(name.trim())) names.push(name.trim());
  }
  return names;
}

/** The fields of `source` that the node at `nodeId` may read. */
function readableFields(graph: TDraftGraph, source: TFlowNode, nodeId: string, fields: OutputField[], body: (id: string) => Set<string> | undefined): OutputField[] {
  const def = getNodeType(source.type);
  if (source.type === FOR_EACH_TYPE) {
    const inside = body(source.id)?.has(nodeId) ?? false;
    const allowed = inside ? FOR_EACH_BODY_FIELDS : FOR_EACH_DONE_FIELDS;
    return fields.filter((f) => allowed.has(f.path.split('.')[0] ?? ''));
  }
  if (def?.kind !== 'action') return fields;
  // Error details exist only on the error branch: offer them where that branch leads.
  const onErrorBranch = graph.edges.some((e) => e.source === source.id && e.sourceHandle === 'error' && (e.target === nodeId || reachableFrom(graph, e.target).has(nodeId)));
  return onErrorBranch ? [...fields, ...ERROR_OUTPUT_FIELDS] : fields;
}

export function tokenOptions(graph: TDraftGraph, nodeId: string, samples: SampleOutputs): TokenGroup[] {
  const sources = tokenSources(graph, nodeId);
  const groups: TokenGroup[] = [];
  let loops: ReturnType<typeof loopInfo> | undefined;
  const body = (id: string) => (loops ??= loopInfo(graph)).bodies.get(id);
  // Fields from each node's params (a hunting query's columns, stored or from the latest run),
  // and a for-each's item fields from the list it iterates.
  const fieldsOf = graphFields(graph.nodes, samples);
  for (const node of graph.nodes) {
    if (!sources.has(node.id)) continue;
    const def = getNodeType(node.type);
    if (def === undefined) continue;
    const fields = readableFields(graph, node, nodeId, fieldsOf(node.id), body);
    if (fields.length === 0) continue;
    groups.push({
      nodeId: node.id,
      nodeLabel: nodeDisplayName(node),
      nodeTitle: def.title,
      fields: fields.map((field) => {
        const option: TokenOption = {
          nodeId: node.id,
          path: field.path,
          label: field.label,
          type: field.type,
          token: tokenFor(node.id, field.path),
        };
        const sample = sampleAt(samples, node.id, field.path);
        if (sample !== undefined) option.sample = sample;
        return option;
      }),
    });
  }
  const variables = variablesSetBefore(graph, nodeId, sources);
  if (variables.length > 0) {
    groups.push({
      nodeId: VARIABLES_ROOT,
      nodeLabel: 'Variables',
      nodeTitle: 'Run variables',
      fields: variables.map((name) => ({ nodeId: VARIABLES_ROOT, path: name, label: name, type: 'any', token: tokenFor(VARIABLES_ROOT, name) })),
    });
  }
  return groups;
}

/**
 * Search for the picker and for `{{` autocomplete. Every word of the query must appear in the
 * field label, its path, or `node_id.path` — so both "sev" and "get_alert.sev" find Severity.
 */
export function filterTokenOptions(groups: TokenGroup[], query: string): TokenGroup[] {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return groups;
  const result: TokenGroup[] = [];
  for (const group of groups) {
    const fields = group.fields.filter((f) => {
      const hay = `${f.label} ${f.path} ${f.nodeId}.${f.path}`.toLowerCase();
      return terms.every((t) => hay.includes(t));
    });
    if (fields.length > 0) result.push({ ...group, fields });
  }
  return result;
}

/** Groups flattened in display order, for keyboard navigation over one list. */
export function flattenTokenOptions(groups: TokenGroup[]): TokenOption[] {
  return groups.flatMap((g) => g.fields);
}
