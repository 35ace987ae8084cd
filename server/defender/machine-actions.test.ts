// Contract tests for the machine actions besides isolation, and machine tags: the real client
// against the simulator (exact paths and body casing, 201/200, already-pending, 400, 404).
import { describe, expect, it } from 'vitest';
import { simAdmin } from '@/simulator/test-support';
import { MACHINE_ACTION_TYPES, type MachineActionSegment } from './mde-client';
import { rejection, useContractSimulator } from './contract-setup';

const contract = useContractSimulator({ actionLatencyMs: 60_000 });
const { client, calls, machines } = contract;

const CASES: [MachineActionSegment, Record<string, string>][] = [
  ['unisolate', {}],
  ['runAntiVirusScan', { ScanType: 'Full' }],
  ['collectInvestigationPackage', {}],
  ['restrictCodeExecution', {}],
  ['unrestrictCodeExecution', {}],
  ['StopAndQuarantineFile', { Sha1: '2f2a3c6e1f4b5d6a7c8e9f0a1b2c3d4e5f607182' }],
];

describe('machine actions', () => {
  it.each(CASES)('%s: POSTs { Comment, …} in MDE casing and returns the pending action', async (segment, fields) => {
    const [machine] = await machines();
    const { action, alreadyRequested } = await client().startMachineAction(machine!.id, segment, { comment: 'Riposte test', fields });
    expect(alreadyRequested).toBe(false);
    expect(action).toMatchObject({ type: MACHINE_ACTION_TYPES[segment], status: 'Pending', machineId: machine!.id, requestorComment: 'Riposte test' });
    const [post] = await calls(`/${segment}`);
    expect(post).toMatchObject({ method: 'POST', status: 201, body: { Comment: 'Riposte test', ...fields } });
    expect(Object.keys(post!.body as object)).toEqual(['Comment', ...Object.keys(fields)]);
  });

  it('reports a second request of the same type while pending as already requested', async () => {
    const [, machine] = await machines();
    const first = await client().startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'one', fields: { ScanType: 'Quick' } });
    const second = await client().startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'two', fields: { ScanType: 'Quick' } });
    expect(second).toMatchObject({ alreadyRequested: true, action: { id: first.action.id } });
  });

  it('refuses a bad scan type and a missing SHA-1 (400), and an unknown machine (404), at once', async () => {
    const [machine] = await machines();
    expect(await rejection(client().startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'c', fields: { ScanType: 'Deep' } }))).toMatchObject({
      status: 400, code: 'InvalidRequestBody', retryable: false,
    });
    expect(await rejection(client().startMachineAction(machine!.id, 'StopAndQuarantineFile', { comment: 'c' }))).toMatchObject({ status: 400, code: 'MissingRequiredParameter' });
    expect(await rejection(client().startMachineAction('no-such-machine', 'unisolate', { comment: 'c' }))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
  });
});

describe('machine tags', () => {
  it('adds and removes a tag with { Value, Action } and returns the machine', async () => {
    const [machine] = await machines();
    const added = await client().tagMachine(machine!.id, 'riposte-contained', 'Add');
    expect(added.machineTags).toContain('riposte-contained');
    const [post] = await calls('/tags');
    expect(post).toMatchObject({ method: 'POST', status: 200, body: { Value: 'riposte-contained', Action: 'Add' } });
    const removed = await client().tagMachine(machine!.id, 'riposte-contained', 'Remove');
    expect(removed.machineTags).not.toContain('riposte-contained');
    expect(await rejection(client().tagMachine(machine!.id, ' ', 'Add'))).toMatchObject({ code: 'InvalidInput' });
  });
});

describe('reading machines, alerts and actions', () => {
  it('lists machines by OData filter and reads every page up to the limit', async () => {
    const all = await machines();
    const server = all.find((m) => m.machineTags.includes('server'))!;
    const found = await client().listMachines({ filter: `computerDnsName eq '${server.computerDnsName}'` });
    expect(found.map((m) => m.id)).toEqual([server.id]);
    const [list] = await calls('/api/machines');
    expect(list?.query).toMatchObject({ $filter: `computerDnsName eq '${server.computerDnsName}'` });
    expect(await client().listMachines({ top: 3 })).toHaveLength(3);
  });

  it('lists alerts by filter, with evidence when asked', async () => {
    const [machine] = await machines();
    await simAdmin(contract.sim, 'POST', '/_sim/alerts', { severity: 'High', machineId: machine!.id });
    await simAdmin(contract.sim, 'POST', '/_sim/alerts', { severity: 'Low' });
    const high = await client().listAlerts({ filter: "severity eq 'High'", expandEvidence: true });
    expect(high).toHaveLength(1);
    expect(high[0]?.evidence?.length).toBeGreaterThan(0);
    expect((await calls('/api/alerts')).at(-1)?.query).toMatchObject({ $filter: "severity eq 'High'", $expand: 'evidence' });
  });

  it('cancels a pending action once; a final one cannot be cancelled', async () => {
    const [machine] = await machines();
    const { action } = await client().startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'scan', fields: { ScanType: 'Quick' } });
    const cancelled = await client().cancelMachineAction(action.id, 'Not needed');
    expect(cancelled).toMatchObject({ id: action.id, status: 'Cancelled', cancellationComment: 'Not needed' });
    expect((await client().getMachineAction(action.id)).status).toBe('Cancelled');
    expect(await rejection(client().cancelMachineAction(action.id, 'again'))).toMatchObject({ status: 400, retryable: false });
    expect(await rejection(client().cancelMachineAction('00000000-0000-4000-8000-000000000000', 'x'))).toMatchObject({ status: 404 });
  });
});

describe('indicators', () => {
  it('submits with camelCase fields, updates the same value instead of duplicating, lists and deletes', async () => {
    const mde = client();
    const sha = 'a'.repeat(64);
    const first = await mde.submitIndicator({ indicatorType: 'FileSha256', indicatorValue: sha, action: 'Block', title: 'Blocked by Riposte', description: 'test', severity: 'High' });
    const [post] = await calls('/api/indicators');
    expect(post).toMatchObject({ method: 'POST', status: 200, body: { indicatorType: 'FileSha256', indicatorValue: sha, action: 'Block', title: 'Blocked by Riposte', description: 'test', severity: 'High' } });
    const again = await mde.submitIndicator({ indicatorType: 'FileSha256', indicatorValue: sha, action: 'Warn', title: 'Now warn', description: 'test' });
    expect(again.id).toBe(first.id);
    const listed = await mde.listIndicators({ filter: "action eq 'Warn'" });
    expect(listed.map((i) => i.id)).toEqual([first.id]);
    await mde.deleteIndicator(String(first.id));
    expect(await mde.listIndicators()).toEqual([]);
    expect(await rejection(mde.deleteIndicator(String(first.id)))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
  });

  it('refuses an Audit indicator without generateAlert, and an unknown type, with 400', async () => {
    const mde = client();
    expect(await rejection(mde.submitIndicator({ indicatorType: 'IpAddress', indicatorValue: '203.0.113.7', action: 'Audit', title: 't', description: 'd' }))).toMatchObject({ status: 400 });
    expect(await rejection(mde.submitIndicator({ indicatorType: 'Email' as never, indicatorValue: 'x', action: 'Block', title: 't', description: 'd' }))).toMatchObject({ status: 400 });
  });
});

describe('automated investigations', () => {
  it('starts one with exactly { Comment } and reads its state', async () => {
    const [machine] = await machines();
    const { investigation: started, alreadyRequested } = await client().startInvestigation(machine!.id, 'Investigate');
    expect(alreadyRequested).toBe(false);
    expect(started).toMatchObject({ state: 'Running', machineId: machine!.id });
    const [post] = await calls('/startInvestigation');
    expect(post).toMatchObject({ method: 'POST', path: `/api/machines/${machine!.id}/startInvestigation`, query: {}, status: 201, body: { Comment: 'Investigate' } });
    expect(Object.keys(post!.body as object)).toEqual(['Comment']);
    expect(await client().getInvestigation(started.id)).toMatchObject({ id: started.id, state: 'Running' });
    expect(await rejection(client().getInvestigation('999999999'))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
  });

  it('a second start while one runs on the device is 400 ActiveRequestAlreadyExists, reported as already requested', async () => {
    const [m1, m2] = await machines();
    const first = await client().startInvestigation(m1!.id, 'one');
    const again = await client().startInvestigation(m1!.id, 'two');
    expect(again).toMatchObject({ alreadyRequested: true, investigation: { id: first.investigation.id, state: 'Running' } });
    expect((await calls('/startInvestigation')).map((c) => c.status)).toEqual([201, 400]);
    const [lookup] = await calls('/api/investigations');
    expect(lookup).toMatchObject({ method: 'GET', path: '/api/investigations', query: { $filter: `machineId eq '${m1!.id}' and state eq 'Running'` } });
    // Another device is not affected.
    expect((await client().startInvestigation(m2!.id, 'other')).alreadyRequested).toBe(false);
  });

  it('answers an unknown machine with 404 and a missing comment is refused before sending', async () => {
    expect(await rejection(client().startInvestigation('f'.repeat(40), 'x'))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    expect(await rejection(client().startInvestigation('f'.repeat(40), ' '))).toMatchObject({ code: 'InvalidInput' });
    expect(await calls('/startInvestigation')).toHaveLength(1);
  });

  it('finds the investigation of a device started since a time, whatever its state', async () => {
    const [machine] = await machines();
    const since = new Date(Date.now() - 1000);
    await simAdmin(contract.sim, 'PUT', '/_sim/config', { actionLatencyMs: 0 });
    const { investigation } = await client().startInvestigation(machine!.id, 'quick');
    await simAdmin(contract.sim, 'PUT', '/_sim/config', { actionLatencyMs: 60_000 });
    expect(await client().findInvestigationSince(machine!.id, since)).toMatchObject({ id: investigation.id, state: 'Benign' });
    expect((await calls('/api/investigations')).at(-1)?.query).toEqual({ $filter: `machineId eq '${machine!.id}' and startTime ge ${since.toISOString()}` });
    expect(await client().findInvestigationSince(machine!.id, new Date(Date.now() + 60_000))).toBeNull();
  });
});
