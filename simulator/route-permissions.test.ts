// The simulator's permission table at the raw HTTP level: the live response result link takes an
// app's Machine.Read.All / Machine.ReadWrite.All (not Machine.LiveResponse, which is its delegated
// permission), and Graph tokens carry their own configurable roles, apart from the MDE token's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './create-simulator';
import { DEFAULT_GRANTED_ROLES } from './token-issuer';
import { requiredRolesFor } from './route-permissions';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from './test-support';
import type { SimAlert } from './types';

const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 0 });
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  await simAdmin(sim, 'POST', '/_sim/reset');
  await simAdmin(sim, 'PUT', '/_sim/config', { grantedRoles: DEFAULT_GRANTED_ROLES, actionLatencyMs: 0 });
});

async function token(scope: string): Promise<string> {
  const res = await fetch(`${sim.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, scope }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const rolesOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { roles: string[] }).roles;

async function send(method: string, path: string, jwt: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

/** A live response action on a simulated machine, started with the default (full) roles. */
async function liveResponseAction(): Promise<string> {
  const alert = await simAdmin<SimAlert>(sim, 'POST', '/_sim/alerts', { severity: 'High' });
  const started = await send('POST', `/api/machines/${alert.machineId}/runliveresponse`, await token(MDE_SCOPE), {
    Commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect-triage.ps1' }] }],
    Comment: 'result link permission',
  });
  expect(started.status).toBe(201);
  return String(started.body.id);
}

describe('GET /api/machineactions/{id}/GetLiveResponseResultDownloadLink(index=N)', () => {
  it('has a permission entry: Machine.Read.All or Machine.ReadWrite.All', () => {
    expect(requiredRolesFor('GET', '/api/machineactions/7f4bd1c0/GetLiveResponseResultDownloadLink(index=0)')).toEqual(['Machine.Read.All', 'Machine.ReadWrite.All']);
    expect(requiredRolesFor('GET', '/api/machineactions/7f4bd1c0/getliveresponseresultdownloadlink(index=12)')).toEqual(['Machine.Read.All', 'Machine.ReadWrite.All']);
  });

  it('answers 403 Forbidden naming the missing roles to a token with only Machine.LiveResponse', async () => {
    const actionId = await liveResponseAction();
    await simAdmin(sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Machine.LiveResponse'] } });
    const res = await send('GET', `/api/machineactions/${actionId}/GetLiveResponseResultDownloadLink(index=0)`, await token(MDE_SCOPE));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'Forbidden',
      message: 'Missing application roles. API required roles: Machine.Read.All,Machine.ReadWrite.All, application roles: Machine.LiveResponse.',
    });
  });

  it('gives the link to a token with Machine.Read.All', async () => {
    const actionId = await liveResponseAction();
    await simAdmin(sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Machine.Read.All'] } });
    const res = await send('GET', `/api/machineactions/${actionId}/GetLiveResponseResultDownloadLink(index=0)`, await token(MDE_SCOPE));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.value).toEqual(expect.stringMatching(/^https:\/\//));
  });
});

describe('Graph tokens', () => {
  it('carry the Graph roles configured for the client, apart from its MDE roles', async () => {
    await simAdmin(sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Alert.Read.All'], graph: [] } });
    const graph = await token(GRAPH_SCOPE);
    expect(rolesOf(graph)).toEqual([]);
    expect(rolesOf(await token(MDE_SCOPE))).toEqual(['Alert.Read.All']);
    const refused = await send('POST', '/v1.0/security/runHuntingQuery', graph, { Query: 'DeviceInfo | take 1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'Forbidden', message: 'Missing application roles. API required roles: ThreatHunting.Read.All, application roles: .' });

    await simAdmin(sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Alert.Read.All'], graph: ['ThreatHunting.Read.All'] } });
    const granted = await token(GRAPH_SCOPE);
    expect(rolesOf(granted)).toEqual(['ThreatHunting.Read.All']);
    expect((await send('POST', '/v1.0/security/runHuntingQuery', granted, { Query: 'DeviceInfo | take 1' })).status).toBe(200);
  });

  it('are not accepted by the MDE API, nor MDE tokens by Graph', async () => {
    expect((await send('GET', '/api/alerts', await token(GRAPH_SCOPE))).status).toBe(401);
    expect((await send('POST', '/v1.0/security/runHuntingQuery', await token(MDE_SCOPE), { Query: 'DeviceInfo' })).status).toBe(401);
  });
});
