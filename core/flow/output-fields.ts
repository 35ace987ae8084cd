/**
 * Output fields of the nodes of one graph, as far as the graph says: each node's fields for
 * its params (a hunting query's columns) and, for a for-each whose items are exactly one token
 * naming a list with known element fields, those fields under `item` (`{{ loop.item.DeviceName }}`).
 * Shared by the checker (no samples) and the designer's token picker (samples from the latest run).
 */
import { getNodeType, nodeOutputFields } from '../catalog/index';
import type { OutputField } from '../catalog/types';
import { formatPath, parseTemplate, type TokenRef } from '../tokens/parse';
import { FOR_EACH_TYPE } from './loops';

interface NodeLike {
  id: string;
  type: string;
  params: Record<string, unknown>;
}

export type FieldsOf = (nodeId: string) => OutputField[];

/** The single token a string consists of, if it is exactly one token. */
export function wholeTokenRef(value: unknown): TokenRef | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = parseTemplate(value);
  return parts.length === 1 && parts[0].kind === 'token' ? parts[0].ref : undefined;
}

/** The element fields of the list a for-each iterates, when its source declares them. */
export function loopElementFields(loop: NodeLike, fieldsOf: FieldsOf): OutputField[] | undefined {
  const ref = wholeTokenRef(Object.hasOwn(loop.params, 'items') ? loop.params.items : undefined);
  if (ref === undefined || ref.nodeId === loop.id) return undefined;
  const path = formatPath(ref.path).replace(/^\./, '');
  const field = fieldsOf(ref.nodeId).find((f) => f.path === path);
  return field?.type === 'array' || field?.type === 'any' ? field.items : undefined;
}

function itemFields(elements: readonly OutputField[]): OutputField[] {
  return elements.map((f) => ({ ...f, path: `item.${f.path}`, label: `Item: ${f.label}` }));
}

/**
 * A memoised lookup of node fields (without the error fields, which depend on the reader).
 * A for-each over a for-each's item (nested loops) resolves through the outer loop; a cycle of
 * loops reading each other's items (a broken draft) resolves to the declared fields only.
 */
export function graphFields(nodes: readonly NodeLike[] | ReadonlyMap<string, NodeLike>, samples?: Readonly<Record<string, unknown>>): FieldsOf {
  const byId = nodes instanceof Map ? (nodes as ReadonlyMap<string, NodeLike>) : new Map((nodes as readonly NodeLike[]).map((n) => [n.id, n]));
  const memo = new Map<string, OutputField[]>();
  const busy = new Set<string>();
  const fieldsOf: FieldsOf = (nodeId) => {
    const known = memo.get(nodeId);
    if (known !== undefined) return known;
    const node = byId.get(nodeId);
    const def = node === undefined ? undefined : getNodeType(node.type);
    if (node === undefined || def === undefined) return [];
    const sample = samples !== undefined && Object.hasOwn(samples, nodeId) ? samples[nodeId] : undefined;
    let fields = nodeOutputFields(def, node.params, sample);
    if (node.type === FOR_EACH_TYPE) {
      if (busy.has(nodeId)) return fields;
      busy.add(nodeId);
      const elements = loopElementFields(node, fieldsOf);
      busy.delete(nodeId);
      if (elements !== undefined && elements.length > 0) {
        const at = fields.findIndex((f) => f.path === 'item');
        const item = fields[at];
        const typedItem: OutputField[] = item === undefined ? [] : [{ ...item, items: elements }];
        fields = [...fields.slice(0, Math.max(at, 0)), ...typedItem, ...itemFields(elements), ...fields.slice(at + 1)];
      }
    }
    memo.set(nodeId, fields);
    return fields;
  };
  return fieldsOf;
}
