// Contract tests that pin the exact request of each remaining Defender call: method, path, query
// and body keys (MDE's parameter names are case-sensitive, B.3), plus the documented 404 and 400
// answers. The other contract files check the parsed outputs; this one checks what goes out.
import { describe, expect, it } from 'vitest';
import { simAdmin } from '@/simulator/test-support';
import { INDICATOR_FIELDS, type MachineActionSegment } from './mde-client';
import { rejection, useContractSimulator } from './contract-setup';

const contract = useContractSimulator({ actionLatencyMs: 60_000 });
const { client, calls, machines, raise } = contract;
const UNKNOWN_MACHINE = 'f'.repeat(40);
const UNKNOWN_ACTION = '00000000-0000-4000-8000-000000000000';

/** Method, path, query and body keys of the calls whose path contains `part`. */
async function requests(part: string) {
  return (await calls(part)).map((c) => ({ method: c.method, path: c.path, query: c.query, keys: c.body && typeof c.body === 'object' ? Object.keys(c.body) : [], status: c.status }));
}

describe('tag machine', () => {
  it('POSTs exactly { Value, Action } to /api/machines/{id}/tags', async () => {
    const [machine] = await machines();
    await client().tagMachine(machine!.id, 'riposte-contained', 'Add');
    await client().tagMachine(machine!.id, 'riposte-contained', 'Remove');
    const [add, remove] = await calls('/tags');
    expect(add).toMatchObject({ method: 'POST', path: `/api/machines/${machine!.id}/tags`, query: {}, status: 200, body: { Value: 'riposte-contained', Action: 'Add' } });
    expect(Object.keys(add!.body as object)).toEqual(['Value', 'Action']);
    expect(remove!.body).toEqual({ Value: 'riposte-contained', Action: 'Remove' });
  });

  it('answers an unknown machine with 404 ResourceNotFound and a bad Action with 400', async () => {
    expect(await rejection(client().tagMachine(UNKNOWN_MACHINE, 'x', 'Add'))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    const [machine] = await machines();
    expect(await rejection(client().tagMachine(machine!.id, 'x', 'Delete' as never))).toMatchObject({ status: 400, code: 'InvalidRequestBody', retryable: false });
    expect((await machines())[0]!.machineTags).not.toContain('x');
  });
});

describe('cancel machine action', () => {
  it('POSTs exactly { Comment } to /api/machineactions/{id}/cancel; an unknown id is 404', async () => {
    const [machine] = await machines();
    const { action } = await client().startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'scan', fields: { ScanType: 'Quick' } });
    await client().cancelMachineAction(action.id, 'Not needed');
    const [post] = await calls('/cancel');
    expect(post).toMatchObject({ method: 'POST', path: `/api/machineactions/${action.id}/cancel`, query: {}, status: 200, body: { Comment: 'Not needed' } });
    expect(Object.keys(post!.body as object)).toEqual(['Comment']);
    expect(await rejection(client().cancelMachineAction(UNKNOWN_ACTION, 'x'))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
  });
});

describe('get machine action', () => {
  it('GETs /api/machineactions/{id} with no query; an unknown id is 404 ResourceNotFound', async () => {
    const [machine] = await machines();
    const { action } = await client().startMachineAction(machine!.id, 'collectInvestigationPackage', { comment: 'collect' });
    expect(await client().getMachineAction(action.id)).toMatchObject({ id: action.id, type: 'CollectInvestigationPackage', status: 'Pending' });
    expect(await requests(`/api/machineactions/${action.id}`)).toEqual([{ method: 'GET', path: `/api/machineactions/${action.id}`, query: {}, keys: [], status: 200 }]);
    expect(await rejection(client().getMachineAction(UNKNOWN_ACTION))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
  });
});

describe('machine actions on an unknown machine', () => {
  const cases: [MachineActionSegment, Record<string, string>][] = [
    ['unisolate', {}],
    ['runAntiVirusScan', { ScanType: 'Quick' }],
    ['collectInvestigationPackage', {}],
    ['restrictCodeExecution', {}],
    ['unrestrictCodeExecution', {}],
    ['StopAndQuarantineFile', { Sha1: '2f2a3c6e1f4b5d6a7c8e9f0a1b2c3d4e5f607182' }],
  ];
  it.each(cases)('%s: 404 ResourceNotFound, not retried, after one POST to the exact path', async (segment, fields) => {
    expect(await rejection(client().startMachineAction(UNKNOWN_MACHINE, segment, { comment: 'c', fields }))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    expect(await requests(`/${segment}`)).toEqual([{ method: 'POST', path: `/api/machines/${UNKNOWN_MACHINE}/${segment}`, query: {}, keys: ['Comment', ...Object.keys(fields)], status: 404 }]);
  });

  it('honours Retry-After on 429 for a machine action, then sends the same request once more', async () => {
    const [machine] = await machines();
    await simAdmin(contract.sim, 'POST', '/_sim/faults', { path: '/restrictCodeExecution', status: 429, retryAfterSeconds: 1, times: 1 });
    await client().startMachineAction(machine!.id, 'restrictCodeExecution', { comment: 'restrict' });
    const sent = await calls('/restrictCodeExecution');
    expect(sent.map((c) => [c.status, c.retryAfter])).toEqual([[429, '1'], [201, undefined]]);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
  });
});

describe('indicators', () => {
  it('submits the set fields in B.9 order whatever order they were given', async () => {
    const sha = 'b'.repeat(64);
    // Deliberately scrambled: the request must not depend on the caller's key order.
    await client().submitIndicator({ severity: 'Medium', description: 'd', title: 't', action: 'Audit', generateAlert: true, expirationTime: '2030-01-01T00:00:00Z', indicatorType: 'FileSha256', indicatorValue: sha, recommendedActions: 'Reimage' });
    const [post] = await calls('/api/indicators');
    expect(post).toMatchObject({ method: 'POST', path: '/api/indicators', query: {}, status: 200 });
    expect(Object.keys(post!.body as object)).toEqual([...INDICATOR_FIELDS]);
    await client().submitIndicator({ indicatorValue: '203.0.113.9', indicatorType: 'IpAddress', action: 'Block', title: 't', description: 'd', severity: undefined, expirationTime: '' });
    expect(Object.keys((await calls('/api/indicators')).at(-1)!.body as object)).toEqual(['indicatorValue', 'indicatorType', 'action', 'title', 'description']);
  });

  it('lists with $filter and $top; deletes with DELETE /api/indicators/{id}; an unknown id is 404', async () => {
    const made = await client().submitIndicator({ indicatorValue: 'evil.example', indicatorType: 'DomainName', action: 'Block', title: 't', description: 'd' });
    await client().listIndicators({ filter: "indicatorType eq 'DomainName'", top: 5 });
    expect(await requests('/api/indicators')).toContainEqual({ method: 'GET', path: '/api/indicators', query: { $filter: "indicatorType eq 'DomainName'", $top: '5' }, keys: [], status: 200 });
    await client().deleteIndicator(String(made.id));
    expect((await requests(`/api/indicators/${String(made.id)}`))).toEqual([{ method: 'DELETE', path: `/api/indicators/${String(made.id)}`, query: {}, keys: [], status: 204 }]);
    expect(await rejection(client().deleteIndicator('123456789012'))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
  });
});

describe('list alerts and list machines', () => {
  it('GET /api/alerts with $filter, $top and $expand exactly as given', async () => {
    await raise({ severity: 'High' });
    await client().listAlerts({ filter: "severity eq 'High'", top: 7, expandEvidence: true });
    await client().listAlerts({ top: 3 });
    expect(await requests('/api/alerts')).toEqual([
      { method: 'GET', path: '/api/alerts', query: { $filter: "severity eq 'High'", $top: '7', $expand: 'evidence' }, keys: [], status: 200 },
      { method: 'GET', path: '/api/alerts', query: { $top: '3' }, keys: [], status: 200 },
    ]);
  });

  it('GET /api/machines with $filter and $top exactly as given', async () => {
    await client().listMachines({ filter: "riskScore eq 'High'", top: 4 });
    await client().listMachines();
    expect(await requests('/api/machines')).toEqual([
      { method: 'GET', path: '/api/machines', query: { $filter: "riskScore eq 'High'", $top: '4' }, keys: [], status: 200 },
      { method: 'GET', path: '/api/machines', query: { $top: '1000' }, keys: [], status: 200 },
    ]);
  });
});

describe('list limits', () => {
  it('stops at the limit: no page beyond it is read (machines, machine actions, indicators)', async () => {
    const fleet = await machines();
    expect(fleet.length).toBeGreaterThan(2);
    expect(await client().listMachines({ top: 2 })).toHaveLength(2);
    for (const m of fleet.slice(0, 3)) await client().startMachineAction(m.id, 'collectInvestigationPackage', { comment: 'c' });
    expect(await client().listMachineActions({ top: 2 })).toHaveLength(2);
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) await client().submitIndicator({ indicatorValue: ip, indicatorType: 'IpAddress', action: 'Block', title: 't', description: 'd' });
    expect(await client().listIndicators({ top: 2 })).toHaveLength(2);
    const reads = (await calls('/api/')).filter((c) => c.method === 'GET');
    expect(reads.map((c) => [c.path, c.query.$top, c.query.$skip])).toEqual([
      ['/api/machines', '2', undefined],
      ['/api/machineactions', '2', undefined],
      ['/api/indicators', '2', undefined],
    ]);
  });
});

describe('file and alert entity paths', () => {
  it('GETs /api/files/{sha1}/alerts and /machines; an unknown file is 404', async () => {
    const alert = await raise({ title: 'Suspicious PowerShell command line' });
    const sha1 = alert.evidence.find((e) => e.entityType === 'File')!.sha1!;
    await client().listFileAlerts(sha1);
    await client().listFileMachines(sha1);
    expect(await requests('/api/files/')).toEqual([
      { method: 'GET', path: `/api/files/${sha1}/alerts`, query: {}, keys: [], status: 200 },
      { method: 'GET', path: `/api/files/${sha1}/machines`, query: {}, keys: [], status: 200 },
    ]);
    expect(await rejection(client().listFileAlerts('0'.repeat(40)))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect(await rejection(client().listFileMachines('0'.repeat(40)))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
  });

  it('GETs /api/alerts/{id}/ips and /domains', async () => {
    const alert = await raise({ title: 'Connection to a custom network indicator', severity: 'Medium' });
    await client().listAlertIps(alert.id);
    await client().listAlertDomains(alert.id);
    expect(await requests(`/api/alerts/${alert.id}/`)).toEqual([
      { method: 'GET', path: `/api/alerts/${alert.id}/ips`, query: {}, keys: [], status: 200 },
      { method: 'GET', path: `/api/alerts/${alert.id}/domains`, query: {}, keys: [], status: 200 },
    ]);
  });
});
