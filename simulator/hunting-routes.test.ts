// Protocol tests for the simulator's advanced hunting endpoints (MDE and Graph), at the raw
// HTTP level over real TLS, independent of our client.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './create-simulator';
import { DEFAULT_GRANTED_ROLES } from './token-issuer';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from './test-support';
import type { SimAlert } from './types';

const MDE_SCOPE = 'https://api.securitycenter.microsoft.com/.default';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const MDE_PATH = '/api/advancedqueries/run';
const GRAPH_PATH = '/v1.0/security/runHuntingQuery';

let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 0, machines: 6 });
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  await simAdmin(sim, 'POST', '/_sim/reset');
  await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 0, huntingRateLimitPerMinute: 0, grantedRoles: DEFAULT_GRANTED_ROLES });
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

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

async function post(path: string, body: unknown, scope = path === MDE_PATH ? MDE_SCOPE : GRAPH_SCOPE, raw?: string) {
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(scope)}`, 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
}

describe('MDE POST /api/advancedqueries/run', () => {
  it('answers Schema and Results in PascalCase from the simulator machines', async () => {
    const res = await post(MDE_PATH, { Query: 'DeviceInfo | project DeviceId, DeviceName, OSBuild | order by DeviceName asc' });
    expect(res.status).toBe(200);
    expect(res.body.Schema).toEqual([
      { Name: 'DeviceId', Type: 'String' },
      { Name: 'DeviceName', Type: 'String' },
      { Name: 'OSBuild', Type: 'Int64' },
    ]);
    const names = sim.state.machines.map((m) => m.computerDnsName).sort((a, b) => (a < b ? -1 : 1));
    expect((res.body.Results as { DeviceName: string }[]).map((r) => r.DeviceName)).toEqual(names);
    expect(res.body).not.toHaveProperty('schema');
  });

  it('sees alerts raised in the simulator in AlertInfo, AlertEvidence and DeviceProcessEvents', async () => {
    const alert = await simAdmin<SimAlert>(sim, 'POST', '/_sim/alerts', { severity: 'High' });
    const info = await post(MDE_PATH, { Query: 'AlertInfo | where Severity == "High" | project AlertId, Title' });
    expect(info.body.Results).toEqual([{ AlertId: alert.id, Title: alert.title }]);
    const evidence = await post(MDE_PATH, { Query: `AlertEvidence | where AlertId == "${alert.id}" and EntityType == "Machine" | project DeviceId` });
    expect(evidence.body.Results).toEqual([{ DeviceId: alert.machineId }]);
    const proc = alert.evidence.find((e) => e.entityType === 'Process')!;
    const events = await post(MDE_PATH, { Query: `DeviceProcessEvents | where ProcessCommandLine == "${proc.processCommandLine!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" | project DeviceId` });
    expect(events.body.Results).toEqual([{ DeviceId: alert.machineId }]);
  });

  it('refuses a query outside the subset with 400 BadRequest', async () => {
    const res = await post(MDE_PATH, { Query: 'DeviceInfo | join kind=inner (AlertInfo) on DeviceId' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BadRequest', message: "Query could not be parsed: unsupported query operator 'join' at position 14" });
    expect((res.body.error as { target: string }).target).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('treats body parameter names as case-sensitive and Query as required', async () => {
    expect((await post(MDE_PATH, { query: 'DeviceInfo' })).body.error).toMatchObject({ code: 'InvalidRequestBody' });
    expect((await post(MDE_PATH, {})).body.error).toMatchObject({ code: 'MissingRequiredParameter' });
    expect((await post(MDE_PATH, null, MDE_SCOPE, '{"Query": ')).body.error).toMatchObject({ code: 'InvalidRequestBody' });
  });

  it('needs AdvancedQuery.Read.All in the token roles', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { grantedRoles: { mde: ['Machine.Isolate'] } });
    const res = await post(MDE_PATH, { Query: 'DeviceInfo' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'Forbidden',
      message: 'Missing application roles. API required roles: AdvancedQuery.Read.All, application roles: Machine.Isolate.',
    });
  });

  it('refuses a Graph token with 401', async () => {
    const res = await post(MDE_PATH, { Query: 'DeviceInfo' }, GRAPH_SCOPE);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'Unauthorized' });
  });

  it('limits hunting to its own per-minute quota, apart from the other APIs', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 100, huntingRateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await post(MDE_PATH, { Query: 'DeviceInfo | count' }));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2].retryAfter)).toBeGreaterThan(0);
    expect(statuses[2].body.error).toMatchObject({ code: 'TooManyRequests' });
    const alerts = await fetch(`${sim.url}/api/alerts`, { headers: { authorization: `Bearer ${await token(MDE_SCOPE)}` } });
    expect(alerts.status).toBe(200);
    // Graph hunting has a bucket of its own.
    expect((await post(GRAPH_PATH, { Query: 'DeviceInfo | count' })).status).toBe(200);
  });

  it('applies the documented 45 calls per minute by default', async () => {
    const limited = await startTestSimulator({ machines: 1 });
    try {
      const config = await simAdmin<{ huntingRateLimitPerMinute: number; rateLimitPerMinute: number }>(limited, 'GET', '/_sim/config');
      expect(config).toMatchObject({ huntingRateLimitPerMinute: 45, rateLimitPerMinute: 100 });
    } finally {
      await limited.stop();
    }
  });
});

describe('Graph POST /v1.0/security/runHuntingQuery', () => {
  it('issues Graph tokens with Graph roles for the Graph scope or the simulator origin', async () => {
    expect(claimsOf(await token(GRAPH_SCOPE))).toMatchObject({ aud: 'https://graph.microsoft.com', roles: ['ThreatHunting.Read.All'] });
    expect(claimsOf(await token(`${sim.url}/.default`))).toMatchObject({ aud: 'https://graph.microsoft.com' });
  });

  it('answers schema and results in camelCase', async () => {
    const res = await post(GRAPH_PATH, { Query: 'DeviceInfo | summarize count() by MachineGroup | order by MachineGroup asc', Timespan: 'P30D' });
    expect(res.status).toBe(200);
    expect(res.body.schema).toEqual([{ name: 'MachineGroup', type: 'String' }, { name: 'count_', type: 'Int64' }]);
    const total = (res.body.results as { count_: number }[]).reduce((n, r) => n + r.count_, 0);
    expect(total).toBe(6);
    expect(res.body['@odata.context']).toContain('huntingQueryResults');
    expect(res.body).not.toHaveProperty('Results');
  });

  it('narrows rows to the Timespan', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await simAdmin(sim, 'POST', '/_sim/alerts', { alertCreationTime: old });
    await simAdmin(sim, 'POST', '/_sim/alerts', {});
    const count = async (timespan?: string) =>
      ((await post(GRAPH_PATH, { Query: 'AlertInfo | count', ...(timespan ? { Timespan: timespan } : {}) })).body.results as { Count: number }[])[0].Count;
    expect(await count()).toBe(2);
    expect(await count('P1D')).toBe(1);
    expect(await count('P7D')).toBe(2);
    const bad = await post(GRAPH_PATH, { Query: 'AlertInfo', Timespan: 'last week' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BadRequest' });
  });

  it('answers a syntax error with a Graph error body', async () => {
    const res = await post(GRAPH_PATH, { Query: 'DeviceInfo | where' });
    expect(res.status).toBe(400);
    const error = res.body.error as { code: string; message: string; innerError: Record<string, string> };
    expect(error).toMatchObject({ code: 'BadRequest', message: 'Query could not be parsed: expected a column name but found the end of the query' });
    expect(error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('needs ThreatHunting.Read.All, and refuses an MDE token', async () => {
    const wrongAudience = await post(GRAPH_PATH, { Query: 'DeviceInfo' }, MDE_SCOPE);
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' });
    await simAdmin(sim, 'PUT', '/_sim/config', { grantedRoles: { graph: [] } });
    const forbidden = await post(GRAPH_PATH, { Query: 'DeviceInfo' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: 'Forbidden', message: expect.stringContaining('ThreatHunting.Read.All') });
  });
});
