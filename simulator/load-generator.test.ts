// The benchmark hooks of the simulator (issue 9): a steady alert rate, the alert creation times
// and the arrival time of every machine-action request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './create-simulator';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from './test-support';
import type { ActionCallRecord } from './types';

let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ rateLimitPerMinute: 0, actionLatencyMs: 0 });
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  await simAdmin(sim, 'PUT', '/_sim/config', { alertRate: null });
  await simAdmin(sim, 'POST', '/_sim/reset');
});

async function token(): Promise<string> {
  const res = await fetch(`${sim.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, scope: 'https://api.securitycenter.microsoft.com/.default' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

interface AlertTime {
  id: string;
  alertCreationTime: string;
  severity: string;
}

describe('alert rate', () => {
  it('raises alerts at the configured rate with the given severity, stamped when raised', async () => {
    const startedAt = Date.now();
    await simAdmin(sim, 'PUT', '/_sim/config', { alertRate: { perSecond: 50, severity: 'High' } });
    await new Promise((r) => setTimeout(r, 1000));
    await simAdmin(sim, 'PUT', '/_sim/config', { alertRate: null });
    const stoppedAt = Date.now();
    const alerts = await simAdmin<AlertTime[]>(sim, 'GET', '/_sim/alerts');
    // 50/s for ~1 s (the timer ticks every 10 ms; a busy machine may add a tick or two).
    expect(alerts.length).toBeGreaterThanOrEqual(40);
    expect(alerts.length).toBeLessThanOrEqual(Math.ceil(((stoppedAt - startedAt) / 1000) * 50) + 1);
    expect(alerts.every((a) => a.severity === 'High')).toBe(true);
    const times = alerts.map((a) => Date.parse(a.alertCreationTime));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(startedAt);
    expect(Math.max(...times)).toBeLessThanOrEqual(stoppedAt);
    // Stopped means stopped.
    await new Promise((r) => setTimeout(r, 200));
    expect(await simAdmin<AlertTime[]>(sim, 'GET', '/_sim/alerts')).toHaveLength(alerts.length);
    // `since` keeps the later ones.
    const mid = times[Math.floor(times.length / 2)] as number;
    const later = await simAdmin<AlertTime[]>(sim, 'GET', `/_sim/alerts?since=${mid}`);
    expect(later.length).toBe(times.filter((t) => t >= mid).length);
  });

  it('rejects a negative rate', async () => {
    const res = await fetch(`${sim.url}/_sim/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alertRate: { perSecond: -1 } }) });
    expect(res.status).toBe(400);
  });
});

describe('machine-action arrivals', () => {
  it('records when each machine-action request arrived, with its machine, comment and answer', async () => {
    const machines = await simAdmin<{ id: string }[]>(sim, 'GET', '/_sim/machines');
    const machineId = machines[0]!.id;
    const auth = await token();
    const before = Date.now();
    const post = (segment: string, body: unknown) =>
      fetch(`${sim.url}/api/machines/${machineId}/${segment}`, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('isolate', { Comment: 'alert da123_4 isolated', IsolationType: 'Full' })).status).toBe(201);
    expect((await post('isolate', { IsolationType: 'Full' })).status).toBe(400);
    expect((await post('runAntiVirusScan', { Comment: 'scan', ScanType: 'Quick' })).status).toBe(201);
    const after = Date.now();

    const isolates = await simAdmin<ActionCallRecord[]>(sim, 'GET', '/_sim/action-calls?action=isolate');
    expect(isolates.map((c) => [c.machineId, c.comment, c.status])).toEqual([[machineId, 'alert da123_4 isolated', 201], [machineId, null, 400]]);
    for (const c of isolates) {
      expect(c.arrivedAtMs).toBeGreaterThanOrEqual(before);
      expect(c.arrivedAtMs).toBeLessThanOrEqual(after);
    }
    expect((await simAdmin<ActionCallRecord[]>(sim, 'GET', '/_sim/action-calls')).map((c) => c.action)).toEqual(['isolate', 'isolate', 'runAntiVirusScan']);
    await simAdmin(sim, 'POST', '/_sim/reset');
    expect(await simAdmin<ActionCallRecord[]>(sim, 'GET', '/_sim/action-calls')).toEqual([]);
  });
});
