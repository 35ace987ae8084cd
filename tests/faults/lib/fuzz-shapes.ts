// The body fields each route documents (server/openapi/**, the same zod schemas the services
// parse with), so "shaped" cases send the right field names with hostile values and reach the
// code behind the schema's first check.
import { z } from 'zod';
import { allOperations } from '@/server/openapi/registry';

function propertyNames(schema: unknown, out: Set<string>, depth = 0): void {
  if (depth > 6 || !schema || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  if (s.properties && typeof s.properties === 'object') for (const k of Object.keys(s.properties)) out.add(k);
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(s[key])) for (const sub of s[key] as unknown[]) propertyNames(sub, out, depth + 1);
}

/** `METHOD /path` → the top-level body field names its schema knows. */
export function bodyFieldsByRoute(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const op of allOperations()) {
    if (!op.body) continue;
    const names = new Set<string>();
    propertyNames(z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }), names);
    out.set(`${op.method} ${op.path}`, [...names]);
  }
  return out;
}
