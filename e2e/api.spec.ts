// The REST API (design.md §7) against the running app: authentication, authorisation, input
// errors, publish validation, stale saves, CSRF, and that secrets never leave the server.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN, TEMPLATE_FLOW } from './helpers';

const json = { 'content-type': 'application/json' };

async function loggedIn(request: APIRequestContext): Promise<void> {
  const res = await request.post('/api/v1/auth/login', { data: ADMIN, headers: json });
  expect(res.status()).toBe(200);
}

test('every route needs a session or a token', async ({ request }) => {
  for (const path of ['/api/v1/flows', '/api/v1/runs', '/api/v1/connections']) {
    const res = await request.get(path);
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe('Unauthorized');
  }
  const bad = await request.get('/api/v1/flows', { headers: { authorization: 'Bearer rpt_not-a-real-token' } });
  expect(bad.status()).toBe(401);
});

test('login rejects bad input and wrong passwords with clear errors', async ({ request }) => {
  const notJson = await request.post('/api/v1/auth/login', { data: 'email=x', headers: { 'content-type': 'text/plain' } });
  // Only JSON is accepted: another content type is 415 Unsupported Media Type, with a message.
  expect(notJson.status()).toBe(415);
  expect((await notJson.json()).error.message).toMatch(/application\/json/);
  const invalid = await request.post('/api/v1/auth/login', { data: { email: 'not-an-email' }, headers: json });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.message).toMatch(/email/);
  const wrong = await request.post('/api/v1/auth/login', { data: { ...ADMIN, password: 'wrong-password-123' }, headers: json });
  expect(wrong.status()).toBe(401);
  const unknown = await request.post('/api/v1/auth/login', { data: { email: 'nobody@riposte.test', password: 'wrong-password-123' }, headers: json });
  // Same answer for an unknown account: no user enumeration.
  expect(await unknown.json()).toEqual(await wrong.json());
});

test('connections never expose secrets', async ({ request }) => {
  await loggedIn(request);
  const res = await request.get('/api/v1/connections');
  expect(res.status()).toBe(200);
  const text = await res.text();
  const body = JSON.parse(text) as { items: { kind: string; name: string; hasSecret: boolean }[] };
  expect(body.items.map((c) => c.kind).sort()).toEqual(['defender', 'smtp', 'webhook', 'webhook']);
  expect(body.items.find((c) => c.kind === 'defender')?.hasSecret).toBe(true);
  // Only whether each secret is set (`"secrets":{"clientSecret":true}`), never a value or the sealed envelope.
  expect(body.items.find((c) => c.kind === 'defender')).toMatchObject({ secrets: { clientSecret: true } });
  expect(text).not.toMatch(/"clientSecret":\s*"|"password":\s*"|"secret"|v1\.[0-9a-f]{8}\./);
});

test('flows: create, stale save, publish validation, enable only when published', async ({ request }) => {
  await loggedIn(request);
  const list = await (await request.get('/api/v1/flows')).json();
  expect(list.items.map((f: { name: string }) => f.name)).toContain(TEMPLATE_FLOW);

  const missingName = await request.post('/api/v1/flows', { data: { graph: { schemaVersion: 1, nodes: [], edges: [] } }, headers: json });
  expect(missingName.status()).toBe(400);
  expect((await missingName.json()).error.message).toMatch(/name/i);

  const created = await request.post('/api/v1/flows', {
    data: {
      name: 'API test flow',
      graph: {
        schemaVersion: 1,
        nodes: [{ id: 'trigger', type: 'defender.alertCreated', label: 'New alert', position: { x: 0, y: 0 }, params: {} }],
        edges: [],
      },
    },
    headers: json,
  });
  expect(created.status()).toBe(200);
  const flow = await created.json();
  expect(flow).toMatchObject({ name: 'API test flow', enabled: false, draftVersion: 1, publishedVersion: null });

  const enableEarly = await request.post(`/api/v1/flows/${flow.id}/enable`);
  expect(enableEarly.status()).toBe(422);

  const publish = await request.post(`/api/v1/flows/${flow.id}/publish`);
  expect(publish.status()).toBe(422);
  const issues = (await publish.json()).error.details.issues as { code: string; nodeId?: string }[];
  expect(issues.some((i) => i.nodeId === 'trigger' && i.code === 'MissingParam')).toBe(true);

  const saved = await request.put(`/api/v1/flows/${flow.id}`, { data: { name: 'Renamed', baseVersion: 1 }, headers: json });
  expect(saved.status()).toBe(200);
  expect((await saved.json()).draftVersion).toBe(2);
  const stale = await request.put(`/api/v1/flows/${flow.id}`, { data: { name: 'Lost edit', baseVersion: 1 }, headers: json });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.details.current.name).toBe('Renamed');

  const exported = await (await request.get(`/api/v1/flows/${flow.id}/export`)).json();
  const imported = await request.post('/api/v1/flows/import', { data: exported, headers: json });
  expect((await imported.json()).name).toBe('Renamed');

  expect((await request.delete(`/api/v1/flows/${flow.id}`)).status()).toBe(204);
  expect((await request.get(`/api/v1/flows/${flow.id}`)).status()).toBe(404);
});

test('runs list validates its query', async ({ request }) => {
  await loggedIn(request);
  expect((await request.get('/api/v1/runs?status=bogus')).status()).toBe(400);
  const ok = await request.get('/api/v1/runs?limit=5');
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toHaveProperty('nextCursor');
});

test('cookie mutations from another origin are refused', async ({ request }) => {
  await loggedIn(request);
  const res = await request.post('/api/v1/flows', {
    data: { name: 'CSRF', graph: { schemaVersion: 1, nodes: [], edges: [] } },
    headers: { ...json, origin: 'http://evil.example' },
  });
  expect(res.status()).toBe(403);
});

test('API tokens authenticate as Bearer, never above their owner', async ({ request, playwright }) => {
  await loggedIn(request);
  const created = await request.post('/api/v1/tokens', { data: { name: 'ci', role: 'viewer' }, headers: json });
  expect(created.status()).toBe(200);
  const { token } = await created.json();
  const bearer = await playwright.request.newContext({ baseURL: 'http://localhost:3100', extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await bearer.get('/api/v1/flows')).status()).toBe(200);
  // A viewer token cannot change anything, even without a cookie or an Origin.
  expect((await bearer.post('/api/v1/flows', { data: { name: 'x', graph: { schemaVersion: 1, nodes: [], edges: [] } } })).status()).toBe(403);
  const viewerMint = await bearer.post('/api/v1/tokens', { data: { name: 'escalate', role: 'admin' } });
  expect(viewerMint.status()).toBe(403);
  await bearer.dispose();
});

test('run actions: cancel, resubmit, retry and bulk resubmit are authorised and validated', async ({ request, playwright }) => {
  await loggedIn(request);
  const unknown = '00000000-0000-4000-8000-000000000bad';
  expect((await request.post(`/api/v1/runs/${unknown}/cancel`)).status()).toBe(404);
  expect((await request.post(`/api/v1/runs/${unknown}/resubmit`, { data: { version: 'same' }, headers: json })).status()).toBe(404);
  expect((await request.post(`/api/v1/runs/${unknown}/retry`)).status()).toBe(404);
  const badVersion = await request.post(`/api/v1/runs/${unknown}/resubmit`, { data: { version: 'newest' }, headers: json });
  expect(badVersion.status()).toBe(400);
  const emptyBulk = await request.post('/api/v1/runs/resubmit', { data: { runIds: [] }, headers: json });
  expect(emptyBulk.status()).toBe(400);
  expect((await emptyBulk.json()).error.message).toMatch(/at least one run/);
  const bulk = await request.post('/api/v1/runs/resubmit', { data: { runIds: [unknown] }, headers: json });
  expect(bulk.status()).toBe(200);
  expect(await bulk.json()).toEqual({ created: [], skipped: [{ runId: unknown, reason: 'not found' }] });

  // A viewer may read runs but not act on them.
  const minted = await request.post('/api/v1/tokens', { data: { name: 'viewer-runs', role: 'viewer' }, headers: json });
  const { token } = await minted.json();
  const viewer = await playwright.request.newContext({ baseURL: 'http://localhost:3100', extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await viewer.post(`/api/v1/runs/${unknown}/cancel`)).status()).toBe(403);
  expect((await viewer.post('/api/v1/runs/resubmit', { data: { runIds: [unknown] } })).status()).toBe(403);
  await viewer.dispose();
});
