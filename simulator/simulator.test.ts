// Protocol tests at the raw HTTP level (fetch over real TLS), independent of our client.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './create-simulator';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from './test-support';
import type { CallRecord, SimAlert, SimMachine } from './types';

let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 0, actionLatencyMs: 60_000 });
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  await simAdmin(sim, 'POST', '/_sim/reset');
  await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 0, alertIntervalMs: 0 });
});

async function tokenRequest(fields: Record<string, string>, tenant = TEST_TENANT_ID): Promise<Response> {
  return fetch(`${sim.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET,
      scope: 'https://api.securitycenter.microsoft.com/.default', ...fields,
    }),
  });
}

async function token(): Promise<string> {
  const body = (await (await tokenRequest({})).json()) as { access_token: string };
  return body.access_token;
}

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const auth = init.token ?? (await token());
  return fetch(`${sim.url}${path}`, { ...init, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', ...init.headers } });
}

describe('Entra endpoints', () => {
  it('serves OpenID configuration whose issuer matches the authority origin', async () => {
    const res = await fetch(`${sim.url}/${TEST_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    const body = (await res.json()) as Record<string, string>;
    expect(res.status).toBe(200);
    expect(body.issuer).toBe(`${sim.url}/${TEST_TENANT_ID}/v2.0`);
    expect(body.token_endpoint).toBe(`${sim.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`);
    expect(body).toHaveProperty('authorization_endpoint');
    expect(body).toHaveProperty('jwks_uri');
  });

  it('issues a JWT-shaped bearer token with roles', async () => {
    const res = await tokenRequest({});
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const [, payload] = String(body.access_token).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ aud: 'https://api.securitycenter.microsoft.com', tid: TEST_TENANT_ID, appid: TEST_CLIENT_ID });
    expect(claims.roles).toContain('Machine.Isolate');
  });

  it.each([
    ['wrong secret', { client_secret: 'nope' }, TEST_TENANT_ID, 401, 'invalid_client', 7000215],
    ['unknown client', { client_id: 'someone-else' }, TEST_TENANT_ID, 400, 'unauthorized_client', 700016],
    ['unknown tenant', {}, 'contoso-unknown', 400, 'invalid_tenant', 90002],
    ['bad scope', { scope: 'https://graph.microsoft.com/User.Read' }, TEST_TENANT_ID, 400, 'invalid_scope', 1002012],
    ['other grant', { grant_type: 'password' }, TEST_TENANT_ID, 400, 'unsupported_grant_type', 70003],
  ])('rejects a %s the way Entra does', async (_label, fields, tenant, status, error, code) => {
    const res = await tokenRequest(fields, tenant);
    const body = (await res.json()) as { error: string; error_description: string; error_codes: number[] };
    expect(res.status).toBe(status);
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it('logs token requests without the secret', async () => {
    await tokenRequest({});
    const [call] = await simAdmin<CallRecord[]>(sim, 'GET', '/_sim/calls?path=/token');
    expect(call).toMatchObject({ method: 'POST', status: 200, body: { client_secret: '[redacted]' } });
    expect(JSON.stringify(call)).not.toContain(TEST_CLIENT_SECRET);
  });
});

describe('MDE API', () => {
  it('answers 401 Unauthorized without a valid bearer token', async () => {
    for (const authorization of [undefined, 'Bearer not-a-token']) {
      const res = await fetch(`${sim.url}/api/alerts`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'Unauthorized', message: expect.any(String), target: expect.any(String) } });
    }
  });

  it('rate limits per minute with 429 and Retry-After', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 3 });
    const auth = await token();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await api('/api/alerts?$top=1', { token: auth });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await last?.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
  });

  it('lists alerts with @odata.context, $top/$skip paging and an absolute nextLink', async () => {
    for (let i = 0; i < 5; i++) await simAdmin(sim, 'POST', '/_sim/alerts', {});
    const body = (await (await api('/api/alerts?$top=2')).json()) as { value: SimAlert[]; '@odata.context': string; '@odata.nextLink': string };
    expect(body['@odata.context']).toBe(`${sim.url}/api/$metadata#Alerts`);
    expect(body.value).toHaveLength(2);
    expect(body.value[0]).not.toHaveProperty('evidence');
    const next = new URL(body['@odata.nextLink']);
    expect(next.origin).toBe(sim.url);
    expect(next.searchParams.get('$skip')).toBe('2');
    const last = (await (await api('/api/alerts?$top=2&$skip=4&$expand=evidence')).json()) as { value: SimAlert[] };
    expect(last).not.toHaveProperty('@odata.nextLink');
    expect(last.value[0].evidence.length).toBeGreaterThan(0);
  });

  it('filters alerts by severity and status, and rejects malformed filters with ODataError', async () => {
    await simAdmin(sim, 'POST', '/_sim/alerts', { severity: 'High' });
    await simAdmin(sim, 'POST', '/_sim/alerts', { severity: 'Low' });
    const filter = encodeURIComponent("severity eq 'High' and status eq 'New'");
    const body = (await (await api(`/api/alerts?$filter=${filter}`)).json()) as { value: SimAlert[] };
    expect(body.value.map((a) => a.severity)).toEqual(['High']);
    const bad = await api(`/api/alerts?$filter=${encodeURIComponent('severity === High')}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'ODataError' } });
    expect((await api('/api/alerts?$top=10001')).status).toBe(400);
  });

  it('returns 404 ResourceNotFound for unknown alerts and machines', async () => {
    for (const path of ['/api/alerts/da1_1', '/api/machines/nope.contoso.local']) {
      const res = await api(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
    }
  });

  it('validates the isolate body with case-sensitive parameter names', async () => {
    const [machine] = await simAdmin<SimMachine[]>(sim, 'GET', '/_sim/machines');
    const isolate = (body: string) => api(`/api/machines/${machine.id}/isolate`, { method: 'POST', body });
    const cases: [string, number, string][] = [
      ['{"comment":"x","IsolationType":"Full"}', 400, 'InvalidRequestBody'],
      ['{"Comment":"x","isolationtype":"Full"}', 400, 'InvalidRequestBody'],
      ['{"IsolationType":"Full"}', 400, 'MissingRequiredParameter'],
      ['{"Comment":"x","IsolationType":"Partial"}', 400, 'InvalidRequestBody'],
      ['not json', 400, 'InvalidRequestBody'],
    ];
    for (const [body, status, code] of cases) {
      const res = await isolate(body);
      expect(res.status, body).toBe(status);
      expect(await res.json()).toMatchObject({ error: { code } });
    }
    const ok = await isolate('{"Comment":"contain","IsolationType":"UnManagedDevice"}');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ type: 'Isolate', scope: 'UnManagedDevice', status: 'Pending', requestorComment: 'contain' });
    const again = await isolate('{"Comment":"again","IsolationType":"Full"}');
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress' } });
  });

  it('lists machine actions with $filter on machineId, type and status', async () => {
    const [a, b] = await simAdmin<SimMachine[]>(sim, 'GET', '/_sim/machines');
    const auth = await token();
    for (const m of [a, b]) {
      await api(`/api/machines/${m.computerDnsName}/isolate`, { method: 'POST', token: auth, body: '{"Comment":"x"}' });
    }
    const filter = encodeURIComponent(`machineId eq '${a.id}' and type eq 'Isolate' and status in ('Pending','InProgress')`);
    const body = (await (await api(`/api/machineactions?$filter=${filter}`, { token: auth })).json()) as { value: { id: string; machineId: string; scope: string }[] };
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({ machineId: a.id, scope: 'Full' });
    const one = await api(`/api/machineactions/${body.value[0].id}`, { token: auth });
    expect(await one.json()).toMatchObject({ id: body.value[0].id, status: 'Pending' });
  });
});

describe('admin endpoints', () => {
  it('injects faults for the next N matching calls only', async () => {
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts', method: 'GET', status: 503, retryAfterSeconds: 2, times: 1 });
    const auth = await token();
    const first = await api('/api/alerts', { token: auth });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(await first.json()).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    expect((await api('/api/alerts', { token: auth })).status).toBe(200);
  });

  it('fails a seeded share of calls at random, records who called when, and stops on request', async () => {
    await simAdmin(sim, 'PUT', '/_sim/fault-rates', { seed: 7, rules: [{ path: '/api/alerts', status: 429, share: 0.5, retryAfterSeconds: 1 }] });
    const auth = await token();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await api('/api/alerts', { token: auth })).status);
    const throttled = statuses.filter((s) => s === 429).length;
    expect(throttled).toBeGreaterThan(8);
    expect(throttled).toBeLessThan(32);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 200)).toBe(true);
    const calls = (await simAdmin<CallRecord[]>(sim, 'GET', '/_sim/calls?path=/api/alerts')).slice(-40);
    expect(calls.filter((c) => c.status === 429).every((c) => c.retryAfter === '1' && c.clientId === TEST_CLIENT_ID)).toBe(true);
    expect(calls.every((c) => c.receivedAt !== undefined && c.receivedAt <= c.at)).toBe(true);
    // The same seed replays the same pattern.
    await simAdmin(sim, 'PUT', '/_sim/fault-rates', { seed: 7, rules: [{ path: '/api/alerts', status: 429, share: 0.5, retryAfterSeconds: 1 }] });
    const again: number[] = [];
    for (let i = 0; i < 40; i++) again.push((await api('/api/alerts', { token: auth })).status);
    expect(again).toEqual(statuses);
    await simAdmin(sim, 'PUT', '/_sim/fault-rates', { rules: [] });
    expect((await api('/api/alerts', { token: auth })).status).toBe(200);
  });

  it('ends an injected outage on DELETE /_sim/faults', async () => {
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/oauth2/v2.0/token', status: 503, times: 1000 });
    expect((await tokenRequest({})).status).toBe(503);
    await simAdmin(sim, 'DELETE', '/_sim/faults');
    expect((await tokenRequest({})).status).toBe(200);
    const last = (await simAdmin<CallRecord[]>(sim, 'GET', '/_sim/calls?path=/oauth2/')).at(-1);
    expect(last?.clientId).toBe(TEST_CLIENT_ID);
  });

  it('raises alerts on a timer when alertIntervalMs is set', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { alertIntervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await simAdmin(sim, 'PUT', '/_sim/config', { alertIntervalMs: 0 });
    expect(sim.state.alerts.length).toBeGreaterThanOrEqual(2);
  });

  it('raises an alert on a chosen machine with realistic fields', async () => {
    const [machine] = await simAdmin<SimMachine[]>(sim, 'GET', '/_sim/machines');
    const alert = await simAdmin<SimAlert>(sim, 'POST', '/_sim/alerts', { machineId: machine.computerDnsName, severity: 'High', category: 'Ransomware' });
    expect(alert).toMatchObject({ machineId: machine.id, computerDnsName: machine.computerDnsName, severity: 'High', category: 'Ransomware', status: 'New', aadTenantId: TEST_TENANT_ID });
    expect(alert.id).toMatch(/^da\d{18}_\d+$/);
    expect(machine.id).toMatch(/^[0-9a-f]{40}$/);
    expect(machine.computerDnsName).toMatch(/^(ws|srv)-[a-z]+-\d{3}\.contoso\.local$/);
  });
});
