// Input limits through the real route handlers and Postgres: bodies of the wrong type (415),
// oversized bodies (413, also when Content-Length lies or is absent), oversized flows and query
// parameters (400) — each a JSON error with a message, never a 500.
import './setup-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { db } from '@/server/db/client';
import { createApiToken } from '@/server/auth/sessions';
import { resetDatabase } from './harness';
import { createFlow, updateDraft } from '@/server/services/flows';
import { emptyDraftGraph } from '@/core/flow/schema';
import { FLOW_LIMITS } from '@/core/flow/limits';
import { env } from '@/server/env';
import * as flows from '@/app/api/v1/flows/route';
import * as flowImport from '@/app/api/v1/flows/import/route';
import * as flowById from '@/app/api/v1/flows/[id]/route';
import * as publish from '@/app/api/v1/flows/[id]/publish/route';
import * as runs from '@/app/api/v1/runs/route';
import * as login from '@/app/api/v1/auth/login/route';

let token = '';
const limit = () => env().RIPOSTE_MAX_BODY_BYTES;

beforeAll(async () => {
  await resetDatabase();
  const user = await db().user.create({ data: { email: 'limits@test.local', passwordHash: 'x', role: 'editor' } });
  token = await createApiToken(user.id, 'limits', 'editor');
});
afterAll(async () => {
  await db().$disconnect();
});

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: Handler, path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string>; params?: Record<string, string> } = {}) {
  // A streamed body needs duplex: 'half' (undici); NextRequest's init type does not name it.
  const reqInit = { method: init.method ?? 'POST', headers: { authorization: `Bearer ${token}`, ...init.headers }, body: init.body, duplex: 'half' };
  const req = new NextRequest(`http://localhost${path}`, reqInit as ConstructorParameters<typeof NextRequest>[1]);
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as { error?: { code: string; message: string; details?: unknown } } | null };
}

const json = { 'content-type': 'application/json' };
const flowBody = (graph: unknown, name = 'Limits') => JSON.stringify({ name, graph });

describe('request bodies', () => {
  it('refuses another content type with 415 and says to send JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await call(flows.POST as Handler, '/api/v1/flows', { body: 'name=x', headers: { 'content-type': type } });
      expect(r.status).toBe(415);
      expect(r.body?.error).toMatchObject({ code: 'UnsupportedMediaType', message: expect.stringContaining('application/json') });
    }
    const none = await call(flows.POST as Handler, '/api/v1/flows', { body: '{}' });
    expect(none.status).toBe(415);
    // Sign-in too, without any credentials.
    const r = await call(login.POST as Handler, '/api/v1/auth/login', { body: 'email=a', headers: { 'content-type': 'text/plain', authorization: '' } });
    expect(r.status).toBe(415);
  });

  it('refuses a form post even to a mutation that reads no body', async () => {
    const flow = await createFlow(null, { name: 'Form target', graph: emptyDraftGraph() });
    const r = await call(publish.POST as Handler, `/api/v1/flows/${flow.id}/publish`, { body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, params: { id: flow.id } });
    expect(r.status).toBe(415);
  });

  it('refuses a body over the limit with 413, by its Content-Length', async () => {
    const big = JSON.stringify({ name: 'x', graph: emptyDraftGraph(), padding: 'x'.repeat(limit()) });
    const r = await call(flows.POST as Handler, '/api/v1/flows', { body: big, headers: json });
    expect(r.status).toBe(413);
    expect(r.body?.error).toMatchObject({ code: 'PayloadTooLarge', message: 'The request body is larger than 1 MB, the most this server accepts' });
  });

  it('counts the bytes read when Content-Length is absent (a chunked body)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the cap: the reader must stop early, not buffer it all.
        if (sent > 50 * limit()) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const r = await call(flows.POST as Handler, '/api/v1/flows', { body: stream, headers: json });
    expect(r.status).toBe(413);
    expect(sent).toBeLessThan(limit() * 2);
  });

  it('refuses a lying Content-Length by the bytes actually read', async () => {
    const big = 'x'.repeat(limit() + 10);
    const req = new NextRequest('http://localhost/api/v1/flows', { method: 'POST', headers: { authorization: `Bearer ${token}`, ...json, 'content-length': '10' }, body: big });
    const res = await (flows.POST as Handler)(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
  });

  it('says an empty or broken body is not JSON (400)', async () => {
    expect((await call(flows.POST as Handler, '/api/v1/flows', { body: '', headers: json })).body?.error?.message).toMatch(/empty/);
    const broken = await call(flows.POST as Handler, '/api/v1/flows', { body: '{"name":', headers: json });
    expect(broken).toMatchObject({ status: 400, body: { error: { message: 'The request body is not valid JSON' } } });
  });
});

describe('flow size', () => {
  const manyNodes = () => {
    const g = emptyDraftGraph();
    for (let i = 0; i < FLOW_LIMITS.maxNodes; i++) g.nodes.push({ id: `n${i}`, type: 'control.compose', label: '', position: { x: 0, y: 0 }, params: {} });
    return g;
  };
  const longParam = () => {
    const g = emptyDraftGraph();
    g.nodes.push({ id: 'mail', type: 'email.send', label: 'Mail', position: { x: 0, y: 0 }, params: { body: 'x'.repeat(FLOW_LIMITS.maxParamStringLength + 1) } });
    return g;
  };

  it('create and import refuse too many steps and overlong params with 400 and the path', async () => {
    for (const handler of [flows.POST, flowImport.POST] as Handler[]) {
      const tooMany = await call(handler, '/api/v1/flows', { body: flowBody(manyNodes()), headers: json });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body?.error?.message).toBe('graph.nodes: A flow may have at most 1,000 steps');
      const long = await call(handler, '/api/v1/flows', { body: flowBody(longParam()), headers: json });
      expect(long.status).toBe(400);
      expect(long.body?.error?.message).toBe('graph.nodes.1.params.body: Text is 20,001 characters long; the most a step setting may hold is 20,000');
    }
    const name = await call(flows.POST as Handler, '/api/v1/flows', { body: flowBody(emptyDraftGraph(), 'n'.repeat(201)), headers: json });
    expect(name.body?.error?.message).toBe('name: The flow name is longer than 200 characters');
    expect(await db().flow.count({ where: { name: { startsWith: 'Limits' } } })).toBe(0);
  });

  it('a draft save (API and the designer\'s service) refuses an overlong token with 400', async () => {
    const flow = await createFlow(null, { name: 'Saved', graph: emptyDraftGraph() });
    const g = emptyDraftGraph();
    g.nodes.push({ id: 'mail', type: 'email.send', label: 'Mail', position: { x: 0, y: 0 }, params: { subject: `{{ trigger.${'a'.repeat(FLOW_LIMITS.maxTokenExpressionLength)} }}` } });
    const r = await call(flowById.PUT as Handler, `/api/v1/flows/${flow.id}`, { method: 'PUT', body: JSON.stringify({ baseVersion: flow.draftVersion, graph: g }), headers: json, params: { id: flow.id } });
    expect(r.status).toBe(400);
    expect(r.body?.error?.message).toBe('graph.nodes.1.params.subject: A token {{ … }} is 510 characters long; the most is 500');
    // The designer's save action calls the same service.
    await expect(updateDraft(null, flow.id, { baseVersion: flow.draftVersion, graph: g })).rejects.toMatchObject({ status: 400, message: r.body?.error?.message });
  });
});

describe('query parameters', () => {
  it('refuses an overlong run search with 400 and a message', async () => {
    const r = await call(runs.GET as Handler, `/api/v1/runs?q=${'x'.repeat(201)}`, { method: 'GET' });
    expect(r.status).toBe(400);
    expect(r.body?.error?.message).toMatch(/^q: /);
    const bad = await call(runs.GET as Handler, `/api/v1/runs?status=${'nope,'.repeat(50)}`, { method: 'GET' });
    expect(bad.status).toBe(400);
    const cursor = await call(runs.GET as Handler, `/api/v1/runs?cursor=${'c'.repeat(201)}`, { method: 'GET' });
    expect(cursor.status).toBe(400);
  });
});
