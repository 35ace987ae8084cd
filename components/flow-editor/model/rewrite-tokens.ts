// Renames node ids inside `{{ node.path }}` tokens, deep over a params value. Used when pasted or
// imported steps get new ids, so their tokens keep pointing at the copies, not the originals.
import { parseTokenExpression } from '@/core/tokens/parse';

const TOKEN = /\{\{([\s\S]*?)\}\}/g;

function rewriteString(text: string, renames: ReadonlyMap<string, string>): string {
  return text.replace(TOKEN, (raw: string, inner: string) => {
    const ref = parseTokenExpression(inner);
    if ('error' in ref) return raw;
    const renamed = renames.get(ref.nodeId);
    if (renamed === undefined) return raw;
    // Keep the author's spacing: only the root segment changes.
    const at = inner.indexOf(ref.nodeId);
    return `{{${inner.slice(0, at)}${renamed}${inner.slice(at + ref.nodeId.length)}}}`;
  });
}

export function rewriteTokens<T>(value: T, renames: ReadonlyMap<string, string>): T {
  if (renames.size === 0) return value;
  if (typeof value === 'string') return rewriteString(value, renames) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => rewriteTokens(item, renames)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = rewriteTokens(item, renames);
    return out as T;
  }
  return value;
}
