// Contract tests for create alert by reference and an alert's related entities: the real client
// against the simulator (exact method, path, body casing, parsed output) and the documented errors
// (400 BadRequest / InvalidRequestBody, 403 Forbidden, 404 ResourceNotFound, 429 Retry-After).
import { afterEach, describe, expect, it } from 'vitest';
import { simAdmin, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import { DEFAULT_GRANTED_ROLES } from '@/simulator/token-issuer';
import type { SimAlert } from '@/simulator/types';
import type { CreateAlertInput } from './mde-entity-reads';
import { rejection, useContractSimulator } from './contract-setup';
import { clearTokenCache, getAccessToken } from './token-provider';

const contract = useContractSimulator();
const { client, calls, machines, raise } = contract;

async function withRoles(mde: string[]): Promise<void> {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: { mde } });
  clearTokenCache();
}
afterEach(async () => {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: DEFAULT_GRANTED_ROLES });
});

/** One MDE call without the client, to see the simulator's answer to a body the client never sends. */
async function rawCall(method: string, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const conn = { tenantId: TEST_TENANT_ID, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, apiBaseUrl: contract.sim.url, authorityHost: contract.sim.url };
  const token = await getAccessToken(conn);
  const res = await fetch(`${contract.sim.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

async function input(overrides: Partial<CreateAlertInput> = {}): Promise<CreateAlertInput> {
  const [machine] = await machines();
  return {
    machineId: machine!.id, reportId: '4312', eventTime: '2026-01-31T10:30:00.000Z', severity: 'High', category: 'Execution',
    title: 'Encoded PowerShell seen by Riposte', description: 'Found by the nightly hunt.', recommendedAction: 'Isolate and collect a package.',
    ...overrides,
  };
}

describe('create alert by reference', () => {
  it('POSTs the eight camelCase fields to /api/alerts/CreateAlertByReference; the alert is then listed', async () => {
    const body = await input();
    const alert = await client().createAlertByReference(body);
    expect(alert).toMatchObject({ title: body.title, description: body.description, severity: 'High', category: 'Execution', machineId: body.machineId, status: 'New', firstEventTime: body.eventTime });
    const [post] = await calls('/api/alerts/CreateAlertByReference');
    expect(post).toMatchObject({ method: 'POST', status: 200, body });
    expect(Object.keys(post!.body as object)).toEqual(['machineId', 'reportId', 'eventTime', 'severity', 'category', 'title', 'description', 'recommendedAction']);
    // The "new alert" trigger lists by creation time: the created alert is there.
    expect((await client().listAlertsCreatedSince(new Date(Date.now() - 60_000))).map((a) => a.id)).toContain(alert.id);
  });

  it('merges a second create with the same title on the same device into the open alert', async () => {
    const body = await input();
    const first = await client().createAlertByReference(body);
    const again = await client().createAlertByReference({ ...body, description: 'another run' });
    expect(again.id).toBe(first.id);
    expect(again.description).toBe(body.description);
    const other = await client().createAlertByReference({ ...body, title: 'A different detection' });
    expect(other.id).not.toBe(first.id);
  });

  it('finds the alert a run created by the marker in its description, filtering on documented fields only', async () => {
    const marker = '[Riposte run r-123]';
    const body = await input({ description: `Found. ${marker}` });
    const created = await client().createAlertByReference(body);
    await client().createAlertByReference({ ...body, title: 'Unrelated', description: 'no marker' });
    const found = await client().findAlertByMarker({ machineId: body.machineId, category: 'Execution', marker, since: new Date(Date.now() - 3_600_000) });
    expect(found?.id).toBe(created.id);
    expect((await calls('/api/alerts')).at(-1)?.query.$filter).toMatch(/^category eq 'Execution' and alertCreationTime ge \d{4}-/);
    expect(await client().findAlertByMarker({ machineId: body.machineId, category: 'Execution', marker: '[Riposte run other]', since: new Date(0) })).toBeNull();
  });

  it('answers a missing recommendedAction with MDE\'s BadRequest; the client refuses blanks before sending', async () => {
    const { recommendedAction: _omitted, ...body } = await input();
    const raw = await rawCall('POST', '/api/alerts/CreateAlertByReference', body);
    expect(raw.status).toBe(400);
    expect(raw.json).toMatchObject({ error: { code: 'BadRequest', message: 'recommendedAction argument is missing' } });
    expect(await rejection(client().createAlertByReference({ ...(await input()), recommendedAction: ' ' }))).toMatchObject({ code: 'InvalidInput', retryable: false });
    expect(await calls('/api/alerts/CreateAlertByReference')).toHaveLength(1);
  });

  it('refuses a bad severity (400), an unknown device (404) and a token without Alert.ReadWrite.All (403)', async () => {
    expect(await rejection(client().createAlertByReference(await input({ severity: 'Critical' as never })))).toMatchObject({ status: 400, code: 'InvalidRequestBody', retryable: false });
    expect(await rejection(client().createAlertByReference(await input({ machineId: 'no-such-device' })))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    await withRoles(['Alert.Read.All']);
    expect(await rejection(client().createAlertByReference(await input()))).toMatchObject({ status: 403, code: 'Forbidden', retryable: false });
  });

  it('honours Retry-After on 429 and hands a long one back as retryable', async () => {
    await simAdmin(contract.sim, 'POST', '/_sim/faults', { path: '/api/alerts/CreateAlertByReference', status: 429, retryAfterSeconds: 1, times: 1 });
    await client().createAlertByReference(await input());
    expect((await calls('/api/alerts/CreateAlertByReference')).map((c) => c.status)).toEqual([429, 200]);
    await simAdmin(contract.sim, 'POST', '/_sim/faults', { path: '/api/alerts/CreateAlertByReference', status: 429, retryAfterSeconds: 120, times: 1 });
    expect(await rejection(client().createAlertByReference(await input({ title: 'second' })))).toMatchObject({ status: 429, retryable: true, retryAfterMs: 120_000 });
  });
});

describe('alert related entities', () => {
  const networkAlert = () => raise({ title: 'Connection to a custom network indicator', severity: 'Medium' });

  it('reads the machine and the user of an alert from /machine and /user', async () => {
    const alert = await networkAlert();
    const machine = await client().getAlertMachine(alert.id);
    expect(machine).toMatchObject({ id: alert.machineId, computerDnsName: alert.computerDnsName });
    const user = await client().getAlertUser(alert.id);
    expect(user).toMatchObject({ id: `contoso\\${alert.relatedUser!.userName}`, accountName: alert.relatedUser!.userName, accountDomain: 'contoso', logOnMachinesCount: 1 });
    expect(user.accountSid).toMatch(/^S-1-5-21-/);
    expect((await calls(`/api/alerts/${alert.id}/`)).map((c) => [c.method, c.path, c.status])).toEqual([
      ['GET', `/api/alerts/${alert.id}/machine`, 200],
      ['GET', `/api/alerts/${alert.id}/user`, 200],
    ]);
  });

  it('lists the files, IPs and domains of an alert from its evidence', async () => {
    const alert = await networkAlert();
    const file = alert.evidence.find((e) => e.entityType === 'File')!;
    const files = await client().listAlertFiles(alert.id);
    expect(files).toEqual([expect.objectContaining({ sha1: file.sha1, sha256: file.sha256, filePublisher: 'Microsoft Corporation', isValidCertificate: true, isPeFile: true })]);
    expect(files[0]!.md5).toMatch(/^[0-9a-f]{32}$/);
    expect(await client().listAlertIps(alert.id)).toEqual([expect.objectContaining({ id: '198.51.100.7' })]);
    expect(await client().listAlertDomains(alert.id)).toEqual([expect.objectContaining({ host: 'update-cdn.contoso-mail.biz' })]);
    const quiet = await raise({ title: 'Suspicious scheduled task' });
    expect(await client().listAlertIps(quiet.id)).toEqual([]);
  });

  it('encodes the alert id as one path segment and maps an unknown alert to 404', async () => {
    expect(await rejection(client().getAlertMachine('a/b?x=1'))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    expect((await calls('/api/alerts/'))[0]?.path).toBe('/api/alerts/a%2Fb%3Fx%3D1/machine');
    for (const read of [client().getAlertUser('nope'), client().listAlertFiles('nope'), client().listAlertIps('nope'), client().listAlertDomains('nope')]) {
      expect(await rejection(read)).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    }
  });

  it('gives 404 for an alert without a user, and 403 without the entity\'s permission', async () => {
    const created = await client().createAlertByReference(await input());
    expect(await rejection(client().getAlertUser(created.id))).toMatchObject({ status: 404 });
    const alert: SimAlert = await networkAlert();
    await withRoles(['Alert.Read.All', 'Machine.Read.All']);
    expect(await rejection(client().listAlertFiles(alert.id))).toMatchObject({ status: 403, code: 'Forbidden' });
    expect(await rejection(client().listAlertDomains(alert.id))).toMatchObject({ status: 403, code: 'Forbidden' });
    expect((await client().getAlertMachine(alert.id)).id).toBe(alert.machineId);
  });
});
