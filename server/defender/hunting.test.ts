// Contract tests for advanced hunting: the real client (MSAL, fetch, TLS) against the
// simulator, over the MDE and the Graph endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '@/simulator/create-simulator';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import { DEFAULT_GRANTED_ROLES } from '@/simulator/token-issuer';
import type { CallRecord } from '@/simulator/types';
import { graphScopeOf, type DefenderConnection } from './connection';
import { MdeApiError } from './errors';
import { createMdeClient, type MdeClientOptions } from './mde-client';
import { clearTokenCache } from './token-provider';

let sim: Simulator;
let conn: DefenderConnection;
const MDE_PATH = '/api/advancedqueries/run';
const GRAPH_PATH = '/v1.0/security/runHuntingQuery';

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 0, machines: 5 });
  conn = {
    tenantId: TEST_TENANT_ID, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET,
    apiBaseUrl: sim.url, authorityHost: sim.url, graphBaseUrl: sim.url,
  };
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  clearTokenCache();
  await simAdmin(sim, 'POST', '/_sim/reset');
  await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 0, huntingRateLimitPerMinute: 0, grantedRoles: DEFAULT_GRANTED_ROLES });
});

function client(opts: MdeClientOptions = {}) {
  return createMdeClient(conn, { sleep: async () => {}, ...opts });
}
const calls = (path: string) => simAdmin<CallRecord[]>(sim, 'GET', `/_sim/calls?path=${encodeURIComponent(path)}`);
const fault = (body: Record<string, unknown>) => simAdmin(sim, 'POST', '/_sim/faults', body);

async function rejection(promise: Promise<unknown>): Promise<MdeApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MdeApiError);
  return error as MdeApiError;
}

const QUERY = 'DeviceInfo | project DeviceId, DeviceName | order by DeviceName asc';
const sortedMachines = () => [...sim.state.machines].sort((a, b) => (a.computerDnsName < b.computerDnsName ? -1 : 1));

describe('runHuntingQuery over MDE', () => {
  it('posts { Query } to /api/advancedqueries/run and normalises Schema/Results', async () => {
    const result = await client().runHuntingQuery(QUERY, { api: 'mde' });
    const [call] = await calls(MDE_PATH);
    expect(call).toMatchObject({ method: 'POST', path: MDE_PATH, status: 200 });
    expect(call.body).toEqual({ Query: QUERY });
    expect(result).toEqual({
      api: 'mde',
      schema: [{ name: 'DeviceId', type: 'String' }, { name: 'DeviceName', type: 'String' }],
      results: sortedMachines().map((m) => ({ DeviceId: m.id, DeviceName: m.computerDnsName })),
      rowCount: 5,
    });
  });

  it('is the default API of the client, with the MDE token scope', async () => {
    await expect(client().runHuntingQuery('DeviceInfo | count')).resolves.toMatchObject({ api: 'mde', rowCount: 1, results: [{ Count: 5 }] });
    const [token] = await calls('/oauth2/v2.0/token');
    expect(token.body).toMatchObject({ scope: 'https://api.securitycenter.microsoft.com/.default' });
  });

  it('fails a bad query at once with the API message (400, not retryable)', async () => {
    const error = await rejection(client().runHuntingQuery('DeviceInfo | where', { api: 'mde' }));
    expect(error).toMatchObject({ code: 'BadRequest', status: 400, retryable: false });
    expect(error.message).toContain('Query could not be parsed: expected a column name but found the end of the query');
    expect(await calls(MDE_PATH)).toHaveLength(1);
  });

  it('reports a missing AdvancedQuery.Read.All permission as 403 Forbidden', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { grantedRoles: { mde: ['Alert.Read.All'] } });
    const error = await rejection(client().runHuntingQuery('DeviceInfo', { api: 'mde' }));
    expect(error).toMatchObject({ code: 'Forbidden', status: 403, retryable: false });
    expect(error.message).toContain('API required roles: AdvancedQuery.Read.All');
  });

  it('gives a 429 back as retryable with Retry-After when it outlasts the retries', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { huntingRateLimitPerMinute: 1 });
    const mde = client({ maxRetries: 0 });
    await mde.runHuntingQuery('DeviceInfo | count', { api: 'mde' });
    const error = await rejection(mde.runHuntingQuery('DeviceInfo | count', { api: 'mde' }));
    expect(error).toMatchObject({ code: 'TooManyRequests', status: 429, retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('waits out a short Retry-After and then succeeds', async () => {
    await fault({ path: MDE_PATH, status: 429, code: 'TooManyRequests', retryAfterSeconds: 2, times: 1 });
    const slept: number[] = [];
    const result = await client({ sleep: async (ms) => void slept.push(ms) }).runHuntingQuery('DeviceInfo | count', { api: 'mde' });
    expect(result.rowCount).toBe(1);
    expect(slept).toEqual([2000]);
    expect((await calls(MDE_PATH)).map((c) => c.status)).toEqual([429, 200]);
  });

  it('turns a malformed response into MalformedResponse', async () => {
    await fault({ path: MDE_PATH, status: 200, rawBody: '{"Schema": [', times: 1 });
    expect(await rejection(client().runHuntingQuery('DeviceInfo', { api: 'mde' }))).toMatchObject({ code: 'MalformedResponse', retryable: false });
    await fault({ path: MDE_PATH, status: 200, rawBody: '{"schema": [], "results": []}', times: 1 });
    const wrongCase = await rejection(client().runHuntingQuery('DeviceInfo', { api: 'mde' }));
    expect(wrongCase.code).toBe('MalformedResponse');
    expect(wrongCase.message).toContain('Schema');
  });

  it('refuses a Timespan, which only Graph supports, before calling', async () => {
    const error = await rejection(client().runHuntingQuery('DeviceInfo', { api: 'mde', timespan: 'P1D' }));
    expect(error).toMatchObject({ code: 'InvalidInput', retryable: false });
    expect(await calls(MDE_PATH)).toHaveLength(0);
  });

  it('refuses a blank query before calling', async () => {
    expect(await rejection(client().runHuntingQuery('  \n', { api: 'graph' }))).toMatchObject({ code: 'InvalidInput' });
    expect(await calls('/advancedqueries')).toHaveLength(0);
    expect(await calls(GRAPH_PATH)).toHaveLength(0);
  });
});

describe('runHuntingQuery over Graph', () => {
  it('posts { Query, Timespan } to Graph with a Graph token and normalises schema/results', async () => {
    const result = await client().runHuntingQuery(QUERY, { api: 'graph', timespan: 'P7D' });
    const [call] = await calls(GRAPH_PATH);
    expect(call).toMatchObject({ method: 'POST', path: GRAPH_PATH, status: 200 });
    expect(call.body).toEqual({ Query: QUERY, Timespan: 'P7D' });
    expect(result).toEqual({
      api: 'graph',
      schema: [{ name: 'DeviceId', type: 'String' }, { name: 'DeviceName', type: 'String' }],
      results: sortedMachines().map((m) => ({ DeviceId: m.id, DeviceName: m.computerDnsName })),
      rowCount: 5,
    });
    const [token] = await calls('/oauth2/v2.0/token');
    expect(token.body).toMatchObject({ scope: `${sim.url}/.default` });
  });

  it('omits Timespan when none is given, and keeps MDE and Graph tokens apart', async () => {
    const mde = client();
    await mde.runHuntingQuery('DeviceInfo | count', { api: 'graph', timespan: '  ' });
    await mde.runHuntingQuery('DeviceInfo | count', { api: 'mde' });
    await mde.runHuntingQuery('DeviceInfo | count', { api: 'graph' });
    const graphCalls = await calls(GRAPH_PATH);
    expect(graphCalls.map((c) => c.body)).toEqual([{ Query: 'DeviceInfo | count' }, { Query: 'DeviceInfo | count' }]);
    // One token per scope, each cached.
    expect((await calls('/oauth2/v2.0/token')).map((c) => (c.body as { scope: string }).scope)).toEqual([
      `${sim.url}/.default`,
      'https://api.securitycenter.microsoft.com/.default',
    ]);
  });

  it('fails a bad query at once with Graph\'s message', async () => {
    const error = await rejection(client().runHuntingQuery('DeviceInfo | extend X = 1', { api: 'graph' }));
    expect(error).toMatchObject({ code: 'BadRequest', status: 400, retryable: false });
    expect(error.message).toMatch(/^Microsoft Graph POST \/v1\.0\/security\/runHuntingQuery failed with 400 BadRequest: Query could not be parsed: unsupported query operator 'extend'/);
  });

  it('reports a missing ThreatHunting.Read.All permission as 403 Forbidden', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { grantedRoles: { graph: [] } });
    const error = await rejection(client().runHuntingQuery('DeviceInfo', { api: 'graph' }));
    expect(error).toMatchObject({ code: 'Forbidden', status: 403, retryable: false });
    expect(error.message).toContain('ThreatHunting.Read.All');
  });

  it('gives a 429 back as retryable with Retry-After', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { huntingRateLimitPerMinute: 1 });
    const graph = client({ maxRetries: 0 });
    await graph.runHuntingQuery('DeviceInfo | count', { api: 'graph' });
    const error = await rejection(graph.runHuntingQuery('DeviceInfo | count', { api: 'graph' }));
    expect(error).toMatchObject({ code: 'TooManyRequests', status: 429, retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(0);
  });

  it('turns a malformed response into MalformedResponse', async () => {
    await fault({ path: GRAPH_PATH, status: 200, rawBody: '{"schema": [{"name": 1}], "results": []}', times: 1 });
    const error = await rejection(client().runHuntingQuery('DeviceInfo', { api: 'graph' }));
    expect(error).toMatchObject({ code: 'MalformedResponse', retryable: false });
    expect(error.message).toContain('schema.0.name');
  });
});

describe('result size guard', () => {
  it('fails clearly, without retrying, when the rows are too large for a flow step', async () => {
    for (const api of ['mde', 'graph'] as const) {
      const error = await rejection(client().runHuntingQuery('DeviceInfo', { api, maxResultBytes: 200 }));
      expect(error).toMatchObject({ code: 'ResultTooLarge', retryable: false });
      expect(error.message).toContain('returned 5 rows');
      expect(error.message).toContain('Narrow it with project, summarize or take');
    }
    await expect(client().runHuntingQuery('DeviceInfo | count', { api: 'graph', maxResultBytes: 200 })).resolves.toMatchObject({ rowCount: 1 });
  });
});

describe('Graph endpoint per connection', () => {
  it('defaults to the public Graph host and scope, and follows a sovereign host', () => {
    expect(graphScopeOf({ tenantId: 't', clientId: 'c', clientSecret: 's' })).toBe('https://graph.microsoft.com/.default');
    expect(graphScopeOf({ tenantId: 't', clientId: 'c', clientSecret: 's', graphBaseUrl: 'https://graph.microsoft.us/' })).toBe('https://graph.microsoft.us/.default');
  });
});
