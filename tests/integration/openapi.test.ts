// OpenAPI completeness (issue 8): every route.ts and exported method found in the file tree has
// an operation in the document, the document lists nothing that does not exist, and it is valid
// OpenAPI 3.1. Adding a route means one entry in its area file under server/openapi/.
import './setup-env';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { routeFiles, routeMethods } from '../authz/enumerate';
import { buildOpenApiDocument } from '@/server/openapi/document';
import { GET } from '@/app/api/v1/openapi.json/route';

async function fileTreeOperations(): Promise<{ key: string; file: string }[]> {
  const found: { key: string; file: string }[] = [];
  for (const rf of routeFiles()) {
    // Next serves HEAD and OPTIONS itself; the document covers what the files implement.
    for (const method of await routeMethods(rf.file)) found.push({ key: `${method} ${rf.urlPath}`, file: rf.file });
  }
  return found;
}

function documentedOperations(doc: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item && m in item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('documents every route and method in app/ (and nothing that no longer exists)', async () => {
    const tree = await fileTreeOperations();
    expect(tree.length).toBeGreaterThan(20);
    const documented = new Set(documentedOperations(doc));
    const missing = tree.filter((t) => !documented.has(t.key)).map((t) => `${t.key}  (${t.file.replace(/^.*?\/app\//, 'app/')}) — add it to an area in server/openapi/`);
    const stale = [...documented].filter((k) => !tree.some((t) => t.key === k)).map((k) => `${k} — documented but no route.ts exports it`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('gives every operation a unique operationId, a summary, and the error envelope for errors', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item ?? {})) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toBeTruthy();
        expect(ids.has(op.operationId), `${where}: duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(op.summary, where).toBeTruthy();
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          if (Number(status) < 400) continue;
          expect(JSON.stringify(response), `${where} ${status}`).toContain('#/components/schemas/Error');
        }
      }
    }
  });

  it('describes request bodies with the services’ own zod schemas', () => {
    const createFlow = doc.paths?.['/api/v1/flows']?.post?.requestBody;
    const body = JSON.stringify(createFlow);
    // ZCreateFlow: name 1..200 characters, graph is the core FlowGraph.
    expect(body).toContain('"maxLength":200');
    expect(body).toContain('#/components/schemas/FlowGraph');
    const runList = JSON.stringify(doc.paths?.['/api/v1/runs']?.get?.parameters);
    expect(runList).toContain('"name":"status"');
    expect(runList).toContain('timed_out');
  });

  it('is served at GET /api/v1/openapi.json without signing in', async () => {
    const res = GET();
    expect(res.status).toBe(200);
    const served = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe('3.1.0');
    expect(Object.keys(served.paths)).toContain('/api/v1/flows/{id}/publish');
  });
});
