// Turns the OpenAPI document into the plain data the reference page renders (components/ never
// import server/). Schemas are shown as their JSON Schema text.
import { API_AREAS } from '@/server/openapi/registry';
import { openApiDocument, operationId, rolesFor } from '@/server/openapi/document';
import type { ApiReferenceArea } from '@/components/api-docs/types';

type Json = Record<string, unknown>;

function jsonSchemaOf(content: unknown): string | null {
  const schema = (content as { 'application/json'?: { schema?: unknown } } | undefined)?.['application/json']?.schema;
  return schema === undefined ? null : JSON.stringify(schema, null, 2);
}

/** `string (uuid)`, `array of "queued" | "running"`, `integer ≥ 1 ≤ 200, default 50`: readable, not raw JSON. */
function describeParam(schema: Json = {}): string {
  const items = schema.items as Json | undefined;
  const base = schema.enum ? (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ') : `${String(schema.type ?? 'any')}${schema.format ? ` (${String(schema.format)})` : ''}`;
  const text = schema.type === 'array' && items ? `list of ${describeParam(items)} (comma-separated)` : base;
  const bounds = [schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : '', schema.maximum !== undefined ? `≤ ${String(schema.maximum)}` : '', schema.maxLength !== undefined ? `max ${String(schema.maxLength)} chars` : '']
    .filter(Boolean)
    .join(' ');
  return [text, bounds, schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : ''].filter(Boolean).join(', ');
}

function curlFor(method: string, path: string, hasBody: boolean, isPublic: boolean): string {
  const lines = [`curl -X ${method} "$RIPOSTE_URL${path.replace(/\{(\w+)\}/g, '<$1>')}"`];
  if (!isPublic) lines.push('  -H "Authorization: Bearer $RIPOSTE_TOKEN"');
  if (hasBody) lines.push("  -H 'Content-Type: application/json'", '  -d @body.json');
  return lines.join(' \\\n');
}

export function apiReference(): { areas: ApiReferenceArea[]; components: { name: string; schema: string }[]; version: string } {
  const doc = openApiDocument();
  const areas = API_AREAS.map((area) => ({
    tag: area.tag,
    description: area.description,
    operations: area.operations.map((op) => {
      const documented = (doc.paths?.[op.path] as Json | undefined)?.[op.method.toLowerCase()] as
        | { parameters?: { in: string; name: string; required?: boolean; description?: string; schema?: Json }[]; requestBody?: { content?: unknown }; responses?: Record<string, { description?: string; content?: unknown }> }
        | undefined;
      const roles = rolesFor(op);
      return {
        id: operationId(op),
        method: op.method,
        path: op.path,
        summary: op.summary,
        description: op.description ?? null,
        access: op.access === 'public' ? 'No sign-in needed' : `${op.access} · ${(roles as string[]).join(', ')}`,
        parameters: (documented?.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          type: describeParam(p.schema),
        })),
        body: op.body ? jsonSchemaOf(documented?.requestBody?.content) : null,
        responses: Object.entries(documented?.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '', schema: Number(status) < 400 ? jsonSchemaOf(r.content) : null })),
        curl: curlFor(op.method, op.path, Boolean(op.body), op.access === 'public'),
      };
    }),
  }));
  const components = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => ({ name, schema: JSON.stringify(schema, null, 2) }));
  return { areas, components, version: doc.info.version };
}
