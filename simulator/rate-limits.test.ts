// The simulator's per-API rate limits at the raw HTTP level: one budget per tenant and API family,
// minute and hour windows, scaled windows for tests, 429 with Retry-After and MDE's error body,
// and the count of 429s it sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './create-simulator';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from './test-support';

let sim: Simulator;
let bearer: string;

interface RateLimitView {
  enabled: boolean;
  windows: { minuteMs: number; hourMs: number };
  limits: Record<string, { perMinute: number; perHour: number }>;
  throttled: { total: number; byFamily: Record<string, number> };
}

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 100 });
  const res = await fetch(`${sim.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, scope: 'https://api.securitycenter.microsoft.com/.default' }),
  });
  bearer = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  await simAdmin(sim, 'POST', '/_sim/reset');
  await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 100, rateLimits: {}, rateLimitWindows: { minuteMs: 60_000, hourMs: 3_600_000 } });
});

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const statuses = async (n: number, method: string, path: string) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(method, path)).status);
  return out;
};
const view = () => simAdmin<RateLimitView>(sim, 'GET', '/_sim/rate-limits');

describe('simulator rate limits', () => {
  it('publishes MDE limits per API family by default', async () => {
    const v = await view();
    expect(v.enabled).toBe(true);
    expect(v.limits).toMatchObject({ alerts: { perMinute: 100, perHour: 1500 }, packageUri: { perMinute: 2, perHour: 120 }, hunting: { perMinute: 45, perHour: 1500 } });
  });

  it('keeps one budget per API family: alerts used up, machines still answer', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimits: { alerts: { perMinute: 2 }, machines: { perMinute: 3 } } });
    expect(await statuses(3, 'GET', '/api/alerts?$top=1')).toEqual([200, 200, 429]);
    expect(await statuses(4, 'GET', '/api/machines?$top=1')).toEqual([200, 200, 200, 429]);
    const v = await view();
    expect(v.throttled).toEqual({ total: 2, byFamily: expect.objectContaining({ alerts: 1, machines: 1, hunting: 0 }) });
  });

  it('answers 429 with Retry-After seconds and the MDE error body', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimits: { alerts: { perMinute: 1 } } });
    await call('GET', '/api/alerts');
    const res = await call('GET', '/api/alerts');
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await res.json()).toEqual({ error: { code: 'TooManyRequests', message: expect.stringContaining('1 calls per minute'), target: expect.any(String) } });
  });

  it('enforces the hourly window once the (scaled) minute window has room', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimits: { alerts: { perMinute: 2, perHour: 3 } }, rateLimitWindows: { minuteMs: 300 } });
    expect(await statuses(2, 'GET', '/api/alerts')).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 350));
    expect(await statuses(2, 'GET', '/api/alerts')).toEqual([200, 429]);
    const res = await call('GET', '/api/alerts');
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('3 calls per hour') } });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3500);
  });

  it('lets calls through again when the scaled window has passed', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimits: { hunting: { perMinute: 1 } }, rateLimitWindows: { minuteMs: 300 } });
    const query = { Query: 'DeviceInfo | take 1' };
    const first = await call('POST', '/api/advancedqueries/run', query);
    const second = await call('POST', '/api/advancedqueries/run', query);
    expect(second.status).toBe(429);
    await new Promise((r) => setTimeout(r, 350));
    const third = await call('POST', '/api/advancedqueries/run', query);
    expect(third.status).toBe(first.status);
    expect((await view()).throttled.byFamily.hunting).toBe(1);
  });

  it('turns all limiting off with rateLimitPerMinute 0', async () => {
    await simAdmin(sim, 'PUT', '/_sim/config', { rateLimitPerMinute: 0, rateLimits: { alerts: { perMinute: 1 } } });
    expect(await statuses(5, 'GET', '/api/alerts')).toEqual([200, 200, 200, 200, 200]);
    expect((await view()).enabled).toBe(false);
  });

  it('rejects unknown families in the config', async () => {
    const res = await fetch(`${sim.url}/_sim/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rateLimits: { alert: { perMinute: 1 } } }) });
    expect(res.status).toBe(400);
  });
});

describe('bulk alerts', () => {
  it('raises many alerts at once with the same overrides', async () => {
    const res = await simAdmin<{ count: number; ids: string[] }>(sim, 'POST', '/_sim/alerts/bulk', { count: 250, severity: 'Low' });
    expect(res.count).toBe(250);
    expect(new Set(res.ids).size).toBe(250);
    expect(sim.state.alerts).toHaveLength(250);
    expect(sim.state.alerts.every((a) => a.severity === 'Low')).toBe(true);
  });

  it('refuses a count outside 1..10000', async () => {
    for (const count of [0, 10_001]) {
      const r = await fetch(`${sim.url}/_sim/alerts/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count }) });
      expect(r.status).toBe(400);
    }
    expect(sim.state.alerts).toHaveLength(0);
  });
});
