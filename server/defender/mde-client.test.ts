// Contract tests: the real client (real MSAL, real fetch, real TLS) against the
// Defender simulator started in-process.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Simulator } from '@/simulator/create-simulator';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import type { CallRecord, SimAlert, SimMachine } from '@/simulator/types';
import type { DefenderConnection } from './connection';
import { MdeApiError } from './errors';
import { createMdeClient, type MdeClientOptions } from './mde-client';
import { clearTokenCache } from './token-provider';

let sim: Simulator;
let conn: DefenderConnection;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 0, actionLatencyMs: 300 });
  conn = { tenantId: TEST_TENANT_ID, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, apiBaseUrl: sim.url, authorityHost: sim.url };
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  clearTokenCache();
  await simAdmin(sim, 'POST', '/_sim/reset');
  await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 0, actionLatencyMs: 300 });
});

function client(opts: MdeClientOptions = {}) {
  return createMdeClient(conn, { sleep: async () => {}, ...opts });
}
const calls = (path = '') => simAdmin<CallRecord[]>(sim, 'GET', `/_sim/calls?path=${encodeURIComponent(path)}`);
const raise = (body: Record<string, unknown> = {}) => simAdmin<SimAlert>(sim, 'POST', '/_sim/alerts', body);
const machines = () => simAdmin<(SimMachine & { isolationState: string })[]>(sim, 'GET', '/_sim/machines');

async function rejection(promise: Promise<unknown>): Promise<MdeApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MdeApiError);
  return error as MdeApiError;
}

describe('authentication', () => {
  it('gets one token through MSAL and reuses it', async () => {
    const alert = await raise();
    const mde = client();
    await mde.getAlert(alert.id);
    await mde.getAlert(alert.id);
    const tokenCalls = await calls('/oauth2/v2.0/token');
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: TEST_CLIENT_ID, scope: 'https://api.securitycenter.microsoft.com/.default', client_secret: '[redacted]' });
    expect(await calls('/api/alerts/')).toHaveLength(2);
  });

  it('reports a wrong secret as a permanent auth error without leaking the secret', async () => {
    const secret = 'definitely-wrong-secret-42';
    const mde = createMdeClient({ ...conn, clientSecret: secret });
    const error = await rejection(mde.testConnection());
    expect(error.code).toBe('AuthenticationFailed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('AADSTS7000215');
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.details)).not.toContain(secret);
  });

  it('reports an unknown client id clearly', async () => {
    const error = await rejection(createMdeClient({ ...conn, clientId: '00000000-0000-0000-0000-000000000000' }).testConnection());
    expect(error.code).toBe('AuthenticationFailed');
    expect(error.message).toContain('AADSTS700016');
  });

  it('gets a fresh token once when the API answers 401', async () => {
    const alert = await raise();
    const mde = client();
    await mde.getAlert(alert.id);
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts/', status: 401, times: 1 });
    await expect(mde.getAlert(alert.id)).resolves.toMatchObject({ id: alert.id });
    expect(await calls('/oauth2/v2.0/token')).toHaveLength(2);
  });

  it('fails permanently when the API keeps answering 401', async () => {
    const alert = await raise();
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts/', status: 401, times: 2 });
    const error = await rejection(client().getAlert(alert.id));
    expect(error).toMatchObject({ status: 401, code: 'Unauthorized', retryable: false });
  });
});

describe('alerts', () => {
  it('follows @odata.nextLink across pages', async () => {
    const start = new Date(Date.now() - 1000);
    for (let i = 0; i < 25; i++) await raise();
    const alerts = await client().listAlertsCreatedSince(start, { top: 10 });
    expect(alerts).toHaveLength(25);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(25);
    const pages = await calls('/api/alerts');
    expect(pages.map((c) => c.query.$skip)).toEqual([undefined, '10', '20']);
    expect(pages[0].query.$filter).toBe(`alertCreationTime ge ${start.toISOString()}`);
  });

  it('filters by creation time and returns oldest first', async () => {
    const now = Date.now();
    await raise({ alertCreationTime: new Date(now - 3_600_000).toISOString() });
    const recentB = await raise({ alertCreationTime: new Date(now - 60_000).toISOString() });
    const recentA = await raise({ alertCreationTime: new Date(now - 120_000).toISOString() });
    const alerts = await client().listAlertsCreatedSince(new Date(now - 600_000));
    expect(alerts.map((a) => a.id)).toEqual([recentA.id, recentB.id]);
  });

  it('gets one alert with its evidence, matching the MDE entity', async () => {
    const raised = await raise({ severity: 'High', title: 'Test alert' });
    const alert = await client().getAlert(raised.id);
    expect(alert).toMatchObject({ id: raised.id, severity: 'High', title: 'Test alert', status: 'New' });
    expect(alert.id).toMatch(/^da\d{18}_\d+$/);
    expect(alert.machineId).toMatch(/^[0-9a-f]{40}$/);
    expect(alert.evidence?.length).toBeGreaterThan(0);
  });

  it('maps 404 to a permanent ResourceNotFound error', async () => {
    const error = await rejection(client().getAlert('da000000000000000000_1'));
    expect(error).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    expect(error.message).toContain('da000000000000000000_1');
  });
});

describe('machines and isolation', () => {
  it('gets a machine by id and by computer name', async () => {
    const [machine] = await machines();
    const mde = client();
    expect(await mde.getMachine(machine.id)).toMatchObject({ id: machine.id, computerDnsName: machine.computerDnsName });
    expect(await mde.getMachine(machine.computerDnsName)).toMatchObject({ id: machine.id });
  });

  it('isolates with the exact-case body and the action later succeeds', async () => {
    const [, machine] = await machines();
    const mde = client();
    const { action, alreadyRequested } = await mde.isolateMachine(machine.id, { comment: 'Isolated by Riposte', isolationType: 'Selective' });
    expect(alreadyRequested).toBe(false);
    expect(action).toMatchObject({ type: 'Isolate', scope: 'Selective', status: 'Pending', machineId: machine.id, requestorComment: 'Isolated by Riposte' });
    const [post] = await calls('/isolate');
    expect(post).toMatchObject({ method: 'POST', status: 201, body: { Comment: 'Isolated by Riposte', IsolationType: 'Selective' } });
    expect(Object.keys(post.body as object)).toEqual(['Comment', 'IsolationType']);

    expect(await mde.findActiveMachineAction(machine.id, 'Isolate')).toMatchObject({ id: action.id });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await mde.getMachineAction(action.id)).toMatchObject({ id: action.id, status: 'Succeeded' });
    expect(await mde.findActiveMachineAction(machine.id, 'Isolate')).toBeNull();
    expect((await machines()).find((m) => m.id === machine.id)?.isolationState).toBe('Isolated');
  });

  it('finds an action by the marker in its comment, whatever its status, and only that one', async () => {
    const [, , , machine] = await machines();
    const mde = client();
    const { action } = await mde.isolateMachine(machine.id, { comment: 'Contain [Riposte run r-1]', isolationType: 'Full' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Succeeded by now: an "active action" check would miss it, the marker does not.
    expect(await mde.findActiveMachineAction(machine.id, 'Isolate')).toBeNull();
    expect(await mde.findMachineActionByComment(machine.id, 'Isolate', '[Riposte run r-1]')).toMatchObject({ id: action.id, status: 'Succeeded' });
    expect(await mde.findMachineActionByComment(machine.id, 'Isolate', '[Riposte run r-2]')).toBeNull();
    const [list] = await calls('/api/machineactions');
    expect(list?.method).toBe('GET');
  });

  it('reports a second isolate while pending as already requested, with the same action', async () => {
    const [, , machine] = await machines();
    const mde = client();
    const first = await mde.isolateMachine(machine.id, { comment: 'first', isolationType: 'Full' });
    const second = await mde.isolateMachine(machine.id, { comment: 'second', isolationType: 'Full' });
    expect(second).toMatchObject({ alreadyRequested: true, action: { id: first.action.id } });
    expect((await calls('/isolate')).map((c) => c.status)).toEqual([201, 400]);
  });

  it('maps an unknown machine to ResourceNotFound', async () => {
    const error = await rejection(client().isolateMachine('0'.repeat(40), { comment: 'x', isolationType: 'Full' }));
    expect(error).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
  });
});

describe('retries and throttling', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    const alert = await raise();
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts/', status: 429, retryAfterSeconds: 1, times: 1 });
    const sleep = vi.fn(async (_ms: number) => {});
    await expect(client({ sleep }).getAlert(alert.id)).resolves.toMatchObject({ id: alert.id });
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(1000);
    expect((await calls('/api/alerts/')).map((c) => c.status)).toEqual([429, 200]);
  });

  it('throws a retryable error when Retry-After exceeds maxRetryAfterMs', async () => {
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts', status: 429, retryAfterSeconds: 120, times: 1 });
    const sleep = vi.fn(async (_ms: number) => {});
    const error = await rejection(client({ sleep }).listAlertsCreatedSince(new Date(0)));
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', retryable: true, retryAfterMs: 120_000 });
    expect(sleep).not.toHaveBeenCalled();
  });

  it('hits the simulator rate limit and surfaces its Retry-After', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 2 });
    const mde = client();
    await mde.testConnection();
    await mde.testConnection();
    const error = await rejection(mde.testConnection());
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(30_000);
  });

  it('retries 500 with backoff and succeeds', async () => {
    const alert = await raise();
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts/', status: 500, times: 2 });
    const sleep = vi.fn(async (_ms: number) => {});
    await expect(client({ sleep }).getAlert(alert.id)).resolves.toMatchObject({ id: alert.id });
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([500, 1000]);
  });

  it('gives up after maxRetries with a retryable error', async () => {
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts/', status: 503, times: 10 });
    const error = await rejection(client({ maxRetries: 2 }).getAlert('any'));
    expect(error).toMatchObject({ status: 503, code: 'ServiceUnavailable', retryable: true });
    expect(await calls('/api/alerts/')).toHaveLength(3);
  });

  it('treats an unreachable API host as a retryable network error', async () => {
    const sleep = vi.fn(async (_ms: number) => {});
    const mde = createMdeClient({ ...conn, apiBaseUrl: 'https://127.0.0.1:1' }, { sleep, maxRetries: 1 });
    const error = await rejection(mde.testConnection());
    expect(error).toMatchObject({ status: 0, code: 'NetworkError', retryable: true });
    expect(sleep).toHaveBeenCalledTimes(1);
  });
});

describe('malformed responses', () => {
  it('rejects a body that is not JSON', async () => {
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts', status: 200, rawBody: '{"value": [', times: 1 });
    const error = await rejection(client().listAlertsCreatedSince(new Date(0)));
    expect(error).toMatchObject({ code: 'MalformedResponse', retryable: false });
  });

  it('rejects JSON of the wrong shape', async () => {
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts/', status: 200, rawBody: '{"title": "no id"}', times: 1 });
    const error = await rejection(client().getAlert('x'));
    expect(error).toMatchObject({ code: 'MalformedResponse', retryable: false });
    expect(error.message).toContain('id');
  });

  it('refuses to follow a nextLink to another host', async () => {
    const body = JSON.stringify({ value: [], '@odata.nextLink': 'https://attacker.example/api/alerts?$skip=10' });
    await simAdmin(sim, 'POST', '/_sim/faults', { path: '/api/alerts', status: 200, rawBody: body, times: 1 });
    const error = await rejection(client().listAlertsCreatedSince(new Date(0)));
    expect(error.code).toBe('MalformedResponse');
  });
});
