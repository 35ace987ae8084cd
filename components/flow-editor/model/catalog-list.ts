// Catalog entries grouped for the palette and the insert menu. The catalog drives both, so a
// new node type appears here with no UI change.
import { NODE_CATALOG, type NodeCategory, type NodeTypeDef } from '@/core/catalog';

export const CATEGORY_ORDER: readonly NodeCategory[] = ['Triggers', 'Microsoft Defender', 'Control', 'Notifications', 'HTTP'];

export interface CatalogGroup {
  category: NodeCategory;
  items: NodeTypeDef[];
}

function matches(def: NodeTypeDef, words: string[]): boolean {
  const hay = `${def.title} ${def.description} ${def.category} ${def.type}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Groups in a fixed order; empty groups are left out. `includeTriggers: false` for inserts. */
export function catalogGroups(query: string, { includeTriggers = true } = {}): CatalogGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const defs = Object.values(NODE_CATALOG).filter((d) => (includeTriggers || d.kind !== 'trigger') && matches(d, words));
  return CATEGORY_ORDER.map((category) => ({ category, items: defs.filter((d) => d.category === category) })).filter((g) => g.items.length > 0);
}
