// Initial params of a new node, read from the catalog so adding a node type needs no change here.
import type { NodeTypeDef } from '@/core/catalog/types';

/** Every param whose schema has a default (e.g. isolationType "Full"); the rest stay unset. */
export function defaultParams(def: NodeTypeDef): Record<string, unknown> {
  if (def.kind === 'condition') {
    // The params ARE the condition group: start with one empty row, as Power Automate does.
    return { combinator: 'and', rules: [{ left: '', operator: 'equals', right: '' }] };
  }
  const params: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(def.params.shape)) {
    const parsed = field.safeParse(undefined);
    if (parsed.success && parsed.data !== undefined && parsed.data !== null) params[key] = parsed.data;
  }
  return params;
}
