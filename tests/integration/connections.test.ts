// Connections over the REST API: cloud presets, write-only secrets (keep / replace / clear),
// delete refused while flows use it, who may change them, and "Test connection" comparing the
// token's roles with what the flows need (stored for the page and the publish checker).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { createApiToken } from '@/server/auth/sessions';
import { loadDefenderConnection, loadSmtpConnection } from '@/server/services/connections';
import { createFlow, publishFlow } from '@/server/services/flows';
import { clearTokenCache } from '@/server/defender/token-provider';
import { SEED_FLOW_NAME } from '@/core/testing/builders';
import { GET as listAll, POST as createOne } from '@/app/api/v1/connections/route';
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from '@/app/api/v1/connections/[id]/route';
import { POST as testRoute } from '@/app/api/v1/connections/[id]/test/route';
import { listConnectionViews } from '@/app/(app)/connections/view';

type Role = 'admin' | 'editor' | 'viewer';
type Body = Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };

type Handler = (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
// The collection routes take no params.
const listRoute: Handler = (req) => listAll(req, { params: Promise.resolve({}) });
const createRoute: Handler = (req) => createOne(req, { params: Promise.resolve({}) });

let h: Harness;
const tokens = {} as Record<Role, string>;

async function call(
  handler: Handler,
  method: string,
  opts: { id?: string; body?: unknown; as?: Role } = {},
): Promise<{ status: number; body: Body; text: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[opts.as ?? 'admin']}` };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const url = `http://localhost/api/v1/connections${opts.id ? `/${opts.id}` : ''}`;
  const req = new NextRequest(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await handler(req, { params: Promise.resolve({ id: opts.id ?? '' }) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Body) : {}, text };
}

const defenderInput = (over: Record<string, unknown> = {}) => ({ kind: 'defender', name: 'Contoso GCC High', cloud: 'gcc-high', tenantId: 't-1', clientId: 'c-1', clientSecret: 'first-secret-value', ...over });

beforeAll(async () => {
  h = await startHarness();
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    const user = await db().user.create({ data: { email: `${role}@test.local`, passwordHash: 'x', role } });
    tokens[role] = await createApiToken(user.id, `${role} token`, role);
  }
});

afterAll(async () => {
  await h.close();
  await db().$disconnect();
});

describe('create', () => {
  it('fills the hosts from the cloud preset and never returns the secret', async () => {
    const res = await call(createRoute, 'POST', { body: defenderInput() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'defender', cloud: 'gcc-high', secrets: { clientSecret: true }, lastTest: null,
      config: { apiBaseUrl: 'https://api-gov.securitycenter.microsoft.us', authorityHost: 'https://login.microsoftonline.us', graphBaseUrl: 'https://graph.microsoft.us' },
    });
    expect(res.text).not.toContain('first-secret-value');
    const list = await call(listRoute, 'GET', { as: 'viewer' });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('first-secret-value');
  });

  it('requires https hosts for custom clouds, and keeps connections saved with explicit hosts as custom', async () => {
    const missing = await call(createRoute, 'POST', { body: defenderInput({ cloud: 'custom' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toMatch(/Defender API URL/);
    const http = await call(createRoute, 'POST', { body: defenderInput({ cloud: 'custom', apiBaseUrl: 'http://x.example', authorityHost: 'https://login.example' }) });
    expect(http.status).toBe(400);
    const legacy = await call(getRoute, 'GET', { id: h.defenderId, as: 'viewer' });
    expect(legacy.body).toMatchObject({ cloud: 'custom', config: { apiBaseUrl: h.sim.url } });
  });
});

describe('PATCH /api/v1/connections/{id}', () => {
  it('keeps the secret when it is left out or blank, replaces it when given', async () => {
    const created = await call(createRoute, 'POST', { body: defenderInput({ name: 'Keep me' }) });
    const id = String(created.body.id);
    const renamed = await call(patchRoute, 'PATCH', { id, body: { name: 'Renamed', clientSecret: '' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', secrets: { clientSecret: true } });
    expect((await loadDefenderConnection(id)).clientSecret).toBe('first-secret-value');
    await call(patchRoute, 'PATCH', { id, body: { tenantId: 't-2' } });
    expect(await loadDefenderConnection(id)).toMatchObject({ tenantId: 't-2', clientSecret: 'first-secret-value' });
    const replaced = await call(patchRoute, 'PATCH', { id, body: { clientSecret: 'second-secret-value' } });
    expect(replaced.text).not.toContain('second-secret-value');
    expect((await loadDefenderConnection(id)).clientSecret).toBe('second-secret-value');
    const audit = await db().auditEvent.findMany({ where: { targetId: id, action: 'connection.update' } });
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain('secret-value');
  });

  it('refuses to clear a required secret, and to change the kind', async () => {
    const created = await call(createRoute, 'POST', { body: defenderInput({ name: 'Required' }) });
    const cleared = await call(patchRoute, 'PATCH', { id: String(created.body.id), body: { clientSecret: null } });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error?.message).toMatch(/cannot be cleared/);
    const kind = await call(patchRoute, 'PATCH', { id: String(created.body.id), body: { kind: 'smtp' } });
    expect(kind.status).toBe(400);
  });

  it('switches cloud presets, and keeps custom hosts not sent', async () => {
    const created = await call(createRoute, 'POST', { body: defenderInput({ name: 'Clouds' }) });
    const id = String(created.body.id);
    const dod = await call(patchRoute, 'PATCH', { id, body: { cloud: 'dod' } });
    expect(dod.body).toMatchObject({ cloud: 'dod', config: { graphBaseUrl: 'https://dod-graph.microsoft.us' } });
    const custom = await call(patchRoute, 'PATCH', { id, body: { cloud: 'custom', apiBaseUrl: 'https://mde.example/', authorityHost: 'https://login.example' } });
    expect(custom.body).toMatchObject({ cloud: 'custom', config: { apiBaseUrl: 'https://mde.example', authorityHost: 'https://login.example' } });
    const renamed = await call(patchRoute, 'PATCH', { id, body: { name: 'Still custom' } });
    expect(renamed.body).toMatchObject({ cloud: 'custom', config: { apiBaseUrl: 'https://mde.example' } });
  });

  it('clears an optional secret (SMTP password) with null and keeps it otherwise', async () => {
    const created = await call(createRoute, 'POST', { body: { kind: 'smtp', name: 'Relay', host: 'smtp.example', port: 587, username: 'u', password: 'smtp-pass-1', from: 'soc@example.com' } });
    const id = String(created.body.id);
    expect(created.body).toMatchObject({ secrets: { password: true } });
    await call(patchRoute, 'PATCH', { id, body: { port: 2525 } });
    expect(await loadSmtpConnection(id)).toMatchObject({ port: 2525, password: 'smtp-pass-1' });
    const cleared = await call(patchRoute, 'PATCH', { id, body: { password: null } });
    expect(cleared.body).toMatchObject({ secrets: { password: false }, hasSecret: false });
    expect((await loadSmtpConnection(id)).password).toBeUndefined();
  });

  it('answers 404 for an unknown id and 403 to editors and viewers', async () => {
    expect((await call(patchRoute, 'PATCH', { id: '00000000-0000-4000-8000-000000000000', body: { name: 'x' } })).status).toBe(404);
    for (const as of ['editor', 'viewer'] as const) {
      expect((await call(patchRoute, 'PATCH', { id: h.defenderId, body: { name: 'Hijacked' }, as })).status).toBe(403);
      expect((await call(deleteRoute, 'DELETE', { id: h.defenderId, as })).status).toBe(403);
      expect((await call(createRoute, 'POST', { body: defenderInput(), as })).status).toBe(403);
      expect((await call(getRoute, 'GET', { id: h.defenderId, as })).status).toBe(200);
    }
    expect((await db().connection.findUniqueOrThrow({ where: { id: h.defenderId } })).name).toBe('Sim');
  });
});

describe('the Connections page data', () => {
  it('carries no secret value, only which secrets are set, the flows using each and what they need', async () => {
    await call(createRoute, 'POST', { body: { kind: 'smtp', name: 'Page relay', host: 'smtp.example', port: 465, secure: true, username: 'u', password: 'page-smtp-secret', from: 'soc@example.com' } });
    const views = await listConnectionViews();
    const text = JSON.stringify(views);
    for (const secret of ['page-smtp-secret', 'first-secret-value', 'second-secret-value']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/v1\.[0-9a-f]{8}\./);
    expect(views.find((v) => v.name === 'Page relay')).toMatchObject({ secrets: { password: true }, usedBy: [], needed: [] });
    expect(views.find((v) => v.id === h.defenderId)).toMatchObject({
      secrets: { clientSecret: true },
      usedBy: [SEED_FLOW_NAME],
      needed: [{ permission: 'Alert.Read.All', flows: [SEED_FLOW_NAME] }, { permission: 'Machine.Isolate', flows: [SEED_FLOW_NAME] }],
    });
  });
});

describe('DELETE /api/v1/connections/{id}', () => {
  it('refuses with 409 naming the flows while a draft or published flow uses it', async () => {
    const res = await call(deleteRoute, 'DELETE', { id: h.defenderId });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ConnectionInUse', details: { flows: [{ id: h.flowId, name: SEED_FLOW_NAME }] } });
    expect(res.body.error?.message).toContain(SEED_FLOW_NAME);
    expect(await db().connection.count({ where: { id: h.defenderId } })).toBe(1);
  });

  it('deletes an unused connection (204, audited); then it is gone', async () => {
    const created = await call(createRoute, 'POST', { body: defenderInput({ name: 'Unused' }) });
    const id = String(created.body.id);
    expect((await call(deleteRoute, 'DELETE', { id })).status).toBe(204);
    expect((await call(getRoute, 'GET', { id })).status).toBe(404);
    expect(await db().auditEvent.count({ where: { targetId: id, action: 'connection.delete' } })).toBe(1);
  });
});

describe('Test connection', () => {
  const setRoles = async (roles: { mde?: string[]; graph?: string[] }) => {
    await fetch(`${h.sim.url}/_sim/clients/test-client`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roles }) });
    clearTokenCache();
  };

  it('shows the token roles next to what the flows need, stores them, and the publish checker warns', async () => {
    await setRoles({ mde: ['Alert.Read.All', 'Machine.Read.All'], graph: [] });
    const res = await call(testRoute, 'POST', { id: h.defenderId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, grantedRoles: { mde: ['Alert.Read.All', 'Machine.Read.All'], graph: [] } });
    expect(res.body.permissions).toEqual([
      { api: 'mde', permission: 'Alert.Read.All', granted: true, flows: [SEED_FLOW_NAME] },
      { api: 'mde', permission: 'Machine.Isolate', granted: false, fix: expect.stringMatching(/Grant Machine\.Isolate \(WindowsDefenderATP, .*admin consent/), flows: [SEED_FLOW_NAME] },
    ]);
    expect(res.text).not.toMatch(/eyJ/); // no JWT in the answer
    const stored = await call(getRoute, 'GET', { id: h.defenderId, as: 'viewer' });
    expect(stored.body.lastTest).toMatchObject({ ok: true, error: null, grantedRoles: { mde: ['Alert.Read.All', 'Machine.Read.All'], graph: [] } });

    const published = await publishFlow(null, h.flowId);
    expect(published.warnings).toEqual([
      expect.objectContaining({ code: 'ConnectionLacksPermission', severity: 'warning', message: expect.stringMatching(/^Connection "Sim" lacks Machine\.Isolate \(tested .* UTC\): this step will fail with 403\./) }),
    ]);
  });

  it('checks a Graph hunting step (also in a draft-only flow) against the Graph token’s roles, an MDE one against the MDE token’s', async () => {
    // The MDE token has both hunting roles, the Graph token none: only the Graph step lacks its permission.
    await setRoles({ mde: ['Alert.Read.All', 'Machine.Isolate', 'AdvancedQuery.Read.All', 'ThreatHunting.Read.All'], graph: [] });
    const hunt = (id: string, api?: 'mde') => ({ id, type: 'defender.runHuntingQuery', label: id, position: { x: 0, y: 100 }, params: { connectionId: h.defenderId, query: 'DeviceInfo', ...(api ? { api } : {}) } });
    const flow = await createFlow(null, {
      name: 'Draft hunting',
      graph: {
        schemaVersion: 1,
        nodes: [
          { id: 'trigger', type: 'defender.alertCreated', label: 'Trigger', position: { x: 0, y: 0 }, params: { connectionId: h.defenderId } },
          hunt('hunt_graph'),
          hunt('hunt_mde', 'mde'),
        ],
        edges: [{ id: 'e1', source: 'trigger', target: 'hunt_graph', sourceHandle: 'out' }, { id: 'e2', source: 'hunt_graph', target: 'hunt_mde', sourceHandle: 'out' }],
      },
    });
    try {
      const res = await call(testRoute, 'POST', { id: h.defenderId });
      expect(res.body).toMatchObject({ ok: true, grantedRoles: { mde: ['AdvancedQuery.Read.All', 'Alert.Read.All', 'Machine.Isolate', 'ThreatHunting.Read.All'], graph: [] } });
      const permissions = res.body.permissions as { api: string; permission: string; granted: boolean; fix?: string; flows: string[] }[];
      expect(permissions.find((p) => p.permission === 'AdvancedQuery.Read.All')).toEqual({ api: 'mde', permission: 'AdvancedQuery.Read.All', granted: true, flows: ['Draft hunting'] });
      expect(permissions.find((p) => p.permission === 'ThreatHunting.Read.All')).toEqual({
        api: 'graph', permission: 'ThreatHunting.Read.All', granted: false, flows: ['Draft hunting'],
        fix: 'Grant ThreatHunting.Read.All (Microsoft Graph, application permission) to the app registration and grant admin consent.',
      });
      expect(res.body.message).toBe('Connection works, but the tokens lack 1 permission the flows need');
      // The page shows the same, per API.
      const view = (await listConnectionViews()).find((v) => v.id === h.defenderId)!;
      expect(view.needed.filter((n) => n.api === 'graph')).toEqual([{ api: 'graph', permission: 'ThreatHunting.Read.All', flows: ['Draft hunting'] }]);
      expect(view.lastTest?.grantedRoles.graph).toEqual([]);

      await setRoles({ mde: ['Alert.Read.All', 'Machine.Isolate'], graph: ['ThreatHunting.Read.All'] });
      const after = await call(testRoute, 'POST', { id: h.defenderId });
      expect(after.body.grantedRoles).toEqual({ mde: ['Alert.Read.All', 'Machine.Isolate'], graph: ['ThreatHunting.Read.All'] });
      const again = after.body.permissions as { permission: string; granted: boolean }[];
      expect(again.filter((p) => !p.granted).map((p) => p.permission)).toEqual(['AdvancedQuery.Read.All']);
      const published = await publishFlow(null, flow.id);
      expect(published.warnings?.map((w) => [w.nodeId, w.message])).toEqual([
        ['hunt_mde', expect.stringMatching(/^Connection "Sim" lacks AdvancedQuery\.Read\.All \(tested .* UTC\)/)],
      ]);
    } finally {
      await db().flow.delete({ where: { id: flow.id } });
    }
  });

  it('stores a failed test with its error', async () => {
    const created = await call(createRoute, 'POST', { body: defenderInput({ name: 'Wrong secret', cloud: 'custom', apiBaseUrl: h.sim.url, authorityHost: h.sim.url, tenantId: 'c0ffee00-0000-4000-8000-000000000001', clientId: 'test-client', clientSecret: 'wrong' }) });
    const res = await call(testRoute, 'POST', { id: String(created.body.id) });
    expect(res.body).toMatchObject({ ok: false, grantedRoles: { mde: [], graph: [] } });
    const stored = await call(getRoute, 'GET', { id: String(created.body.id) });
    expect(stored.body.lastTest).toMatchObject({ ok: false, error: expect.stringMatching(/secret/i) });
    expect(stored.text).not.toContain('"wrong"');
  });
});
