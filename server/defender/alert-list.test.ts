// Contract tests for the "List alerts" step's paging: $top as a limit (no page beyond it read),
// $skip, "all pages" following @odata.nextLink to the end with its safety cap, and a bad $filter.
import { describe, expect, it } from 'vitest';
import { simAdmin } from '@/simulator/test-support';
import { rejection, useContractSimulator } from './contract-setup';

const contract = useContractSimulator();
const { client, calls } = contract;

/** 25 alerts, oldest first (the order /api/alerts lists them in). */
async function raise25(): Promise<string[]> {
  const base = Date.now() - 3_600_000;
  const ids: string[] = [];
  for (let i = 0; i < 25; i++) {
    ids.push((await simAdmin<{ id: string }>(contract.sim, 'POST', '/_sim/alerts', { severity: 'Low', alertCreationTime: new Date(base + i * 1000).toISOString() })).id);
  }
  return ids;
}
const listQueries = async () => (await calls('/api/alerts')).map((c) => c.query);

describe('list alerts: limit and skip', () => {
  it('reads one page of $top items after $skip, and no page beyond the limit', async () => {
    const ids = await raise25();
    expect((await client().listAlerts({ top: 5, skip: 20 })).map((a) => a.id)).toEqual(ids.slice(20, 25));
    expect((await client().listAlerts({ top: 3 })).map((a) => a.id)).toEqual(ids.slice(0, 3));
    expect(await listQueries()).toEqual([{ $top: '5', $skip: '20' }, { $top: '3' }]);
  });

  it('a skip past the end is an empty list', async () => {
    await raise25();
    expect(await client().listAlerts({ top: 10, skip: 100 })).toEqual([]);
  });
});

describe('list alerts: all pages', () => {
  it('follows @odata.nextLink until the last page, keeping filter and skip', async () => {
    const ids = await raise25();
    const all = await client({ alertPageSize: 10 }).listAlerts({ allPages: true, top: 3, filter: "severity eq 'Low'" });
    expect(all.map((a) => a.id)).toEqual(ids);
    expect(await listQueries()).toEqual([
      { $filter: "severity eq 'Low'", $top: '10' },
      { $filter: "severity eq 'Low'", $top: '10', $skip: '10' },
      { $filter: "severity eq 'Low'", $top: '10', $skip: '20' },
    ]);
    const rest = await client({ alertPageSize: 10 }).listAlerts({ allPages: true, skip: 12 });
    expect(rest.map((a) => a.id)).toEqual(ids.slice(12));
  });

  it('fails with TooManyResults beyond the cap instead of returning a cut list; exactly the cap is fine', async () => {
    await raise25();
    const error = await rejection(client({ alertPageSize: 10, allAlertsCap: 24 }).listAlerts({ allPages: true }));
    expect(error).toMatchObject({ code: 'TooManyResults', retryable: false });
    expect(error.message).toContain('More than 24 alerts match');
    expect(await client({ alertPageSize: 10, allAlertsCap: 25 }).listAlerts({ allPages: true })).toHaveLength(25);
  });
});

describe('list alerts: errors', () => {
  it('answers a malformed or undocumented $filter with 400 ODataError, not retried', async () => {
    expect(await rejection(client().listAlerts({ filter: 'severity eq' }))).toMatchObject({ status: 400, code: 'ODataError', retryable: false });
    expect(await rejection(client().listAlerts({ filter: "title eq 'x'", allPages: true }))).toMatchObject({ status: 400, code: 'ODataError' });
    expect((await calls('/api/alerts')).map((c) => c.status)).toEqual([400, 400]);
  });

  it('honours Retry-After on a 429 while reading all pages', async () => {
    const ids = await raise25();
    const mde = client({ alertPageSize: 10 });
    await simAdmin(contract.sim, 'POST', '/_sim/faults', { path: '/api/alerts', status: 429, retryAfterSeconds: 1, times: 1 });
    expect((await mde.listAlerts({ allPages: true })).map((a) => a.id)).toEqual(ids);
    expect((await calls('/api/alerts')).map((c) => [c.status, c.retryAfter ?? null])).toEqual([[429, '1'], [200, null], [200, null], [200, null]]);
  });
});
