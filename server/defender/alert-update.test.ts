// Contract tests for updating alerts and listing them by lastUpdateTime: the real client against
// the simulator's PATCH /api/alerts/{id} (B.5).
import { describe, expect, it } from 'vitest';
import { rejection, useContractSimulator } from './contract-setup';

const { client, calls, raise } = useContractSimulator({ actionLatencyMs: 300 });

describe('update alert', () => {
  it('sends only the fields that are set, with MDE casing, and returns the updated alert', async () => {
    const alert = await raise();
    const updated = await client().updateAlert(alert.id, { status: 'InProgress', assignedTo: 'analyst@contoso.com', comment: 'Contained by Riposte', classification: undefined });
    expect(updated).toMatchObject({ id: alert.id, status: 'InProgress', assignedTo: 'analyst@contoso.com' });
    expect(Date.parse(updated.lastUpdateTime ?? '')).toBeGreaterThan(Date.parse(alert.lastUpdateTime));
    const [patch] = await calls(`/api/alerts/${alert.id}`).then((c) => c.filter((x) => x.method === 'PATCH'));
    expect(patch).toMatchObject({ status: 200, body: { status: 'InProgress', assignedTo: 'analyst@contoso.com', comment: 'Contained by Riposte' } });
    expect(Object.keys(patch!.body as object).sort()).toEqual(['assignedTo', 'comment', 'status']);
  });

  it('refuses an update with nothing to change before calling Defender', async () => {
    const alert = await raise();
    const error = await rejection(client().updateAlert(alert.id, { comment: '' }));
    expect(error.code).toBe('InvalidInput');
    expect((await calls('/api/alerts/')).filter((c) => c.method === 'PATCH')).toHaveLength(0);
  });

  it('maps an unknown alert to a permanent 404 and a bad value to a permanent 400', async () => {
    const missing = await rejection(client().updateAlert('da000000000000000000_1', { status: 'Resolved' }));
    expect(missing).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    const alert = await raise();
    const bad = await rejection(client().updateAlert(alert.id, { status: 'Closed' as never }));
    expect(bad).toMatchObject({ status: 400, code: 'InvalidRequestBody', retryable: false });
    expect(bad.message).toContain('Allowed: New, InProgress, Resolved');
  });

  it('lists alerts by lastUpdateTime, so an updated old alert is found', async () => {
    const alert = await raise();
    // Timestamps have millisecond precision: step past the creation's millisecond first.
    await new Promise((r) => setTimeout(r, 20));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    expect(await client().listAlertsUpdatedSince(before)).toHaveLength(0);
    await client().updateAlert(alert.id, { status: 'Resolved' });
    const found = await client().listAlertsUpdatedSince(before);
    expect(found.map((a) => [a.id, a.status])).toEqual([[alert.id, 'Resolved']]);
    const [list] = (await calls('/api/alerts')).filter((c) => c.method === 'GET' && c.path.endsWith('/api/alerts'));
    expect(list?.query).toMatchObject({ $filter: `lastUpdateTime ge ${before.toISOString()}` });
  });
});

describe('batch update alerts', () => {
  it('sends { alertIds, …fields } and updates every alert', async () => {
    const a = await raise();
    const b = await raise();
    await client().batchUpdateAlerts([a.id, b.id], { status: 'Resolved', classification: 'FalsePositive', determination: undefined });
    const [post] = (await calls('/api/alerts/batchUpdate')).filter((c) => c.method === 'POST');
    expect(post).toMatchObject({ status: 200, body: { alertIds: [a.id, b.id], status: 'Resolved', classification: 'FalsePositive' } });
    expect(Object.keys(post!.body as object).sort()).toEqual(['alertIds', 'classification', 'status']);
    for (const id of [a.id, b.id]) expect((await client().getAlert(id)).status).toBe('Resolved');
  });

  it('refuses an empty change before calling, and an unknown alert with 404', async () => {
    const a = await raise();
    expect(await rejection(client().batchUpdateAlerts([a.id], {}))).toMatchObject({ code: 'InvalidInput' });
    expect(await rejection(client().batchUpdateAlerts([a.id, 'da000000000000000000_1'], { status: 'Resolved' }))).toMatchObject({ status: 404 });
  });
});
