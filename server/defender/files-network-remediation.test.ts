// Contract tests for files, IP and domain statistics, remediation activities and the list of
// investigations: the real client against the simulator (exact paths and query, parsed output)
// and the documented errors (400 invalid value / OData, 403 Forbidden, 404 ResourceNotFound).
import { afterEach, describe, expect, it } from 'vitest';
import { simAdmin } from '@/simulator/test-support';
import { DEFAULT_GRANTED_ROLES } from '@/simulator/token-issuer';
import { rejection, useContractSimulator } from './contract-setup';
import { clearTokenCache } from './token-provider';

const contract = useContractSimulator();
const { client, calls, machines, raise } = contract;

afterEach(async () => {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: DEFAULT_GRANTED_ROLES });
});
async function withRoles(mde: string[]): Promise<void> {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: { mde } });
  clearTokenCache();
}

describe('files', () => {
  it('reads a file by SHA-1 or SHA-256, its statistics, alerts and machines', async () => {
    const [m1, m2] = await machines();
    // powershell.exe is a signed system binary: the same hash on every device.
    const a1 = await raise({ title: 'Suspicious PowerShell command line', machineId: m1!.id });
    const a2 = await raise({ title: 'Suspicious PowerShell command line', machineId: m2!.id });
    const evidence = a1.evidence.find((e) => e.entityType === 'File')!;
    const bySha1 = await client().getFile(evidence.sha1!);
    expect(bySha1).toMatchObject({ sha1: evidence.sha1, sha256: evidence.sha256, signer: 'Microsoft Corporation', determinationType: 'Unknown', isPeFile: true });
    expect(await client().getFile(evidence.sha256!.toUpperCase())).toEqual(bySha1);
    expect((await calls('/api/files/'))[0]).toMatchObject({ method: 'GET', path: `/api/files/${evidence.sha1}`, status: 200 });

    const stats = await client().getFileStats(evidence.sha1!, 48);
    expect(stats).toMatchObject({ sha1: evidence.sha1, organizationPrevalence: 2, topFileNames: ['powershell.exe'] });
    expect(Date.parse(String(stats.orgFirstSeen))).toBeLessThanOrEqual(Date.parse(String(stats.orgLastSeen)));
    expect((await calls('/stats')).at(-1)).toMatchObject({ path: `/api/files/${evidence.sha1}/stats`, query: { lookBackHours: '48' } });
    expect((await client().listFileAlerts(evidence.sha1!)).map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());
    expect((await client().listFileMachines(evidence.sha1!)).map((m) => m.id).sort()).toEqual([m1!.id, m2!.id].sort());
  });

  it('marks malware with its verdict; refuses a non-hash before sending; unknown hash 404; bad look-back 400', async () => {
    const alert = await raise({ title: "'Emotet' malware was detected" });
    const sha1 = alert.evidence.find((e) => e.entityType === 'File')!.sha1!;
    expect(await client().getFile(sha1)).toMatchObject({ determinationType: 'Malware', determinationValue: 'Trojan:Win32/Emotet', isValidCertificate: false, signer: null });
    expect(await rejection(client().getFile('not-a-hash'))).toMatchObject({ code: 'InvalidInput', retryable: false });
    expect(await rejection(client().listFileMachines('ab'.repeat(16)))).toMatchObject({ code: 'InvalidInput' });
    expect(await calls('/api/files/')).toHaveLength(1);
    expect(await rejection(client().getFile('0'.repeat(40)))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect(await rejection(client().getFileStats(sha1, 1000))).toMatchObject({ status: 400, code: 'InvalidInput', retryable: false });
  });

  it('needs File.Read.All (403 without it)', async () => {
    await withRoles(['Alert.Read.All']);
    expect(await rejection(client().getFile('a'.repeat(40)))).toMatchObject({ status: 403, code: 'Forbidden' });
  });
});

describe('IP and domain statistics', () => {
  it('counts the devices that reached an IP or a domain; unknown ones are prevalence 0', async () => {
    const [machine] = await machines();
    await raise({ title: "'Emotet' malware was detected", machineId: machine!.id });
    expect(await client().getIpStats('203.0.113.77', 24)).toMatchObject({ ipAddress: '203.0.113.77', organizationPrevalence: 1 });
    expect((await calls('/api/ips/')).at(-1)).toMatchObject({ method: 'GET', path: '/api/ips/203.0.113.77/stats', query: { lookBackHours: '24' } });
    expect(await client().getIpStats('198.51.100.200')).toMatchObject({ organizationPrevalence: 0, orgFirstSeen: null, orgLastSeen: null });
    expect((await calls('/api/ips/')).at(-1)?.query).toEqual({});
    expect(await client().getDomainStats('invoice-portal.contoso-billing.co')).toMatchObject({ host: 'invoice-portal.contoso-billing.co', organizationPrevalence: 1 });
    expect(await client().getDomainStats('never-seen.example.org', 2)).toMatchObject({ organizationPrevalence: 0 });
  });

  it('encodes an IPv6 address as one path segment; refuses invalid values with 400', async () => {
    expect(await client().getIpStats('2001:db8::1')).toMatchObject({ ipAddress: '2001:db8::1', organizationPrevalence: 0 });
    expect((await calls('/api/ips/')).at(-1)?.path).toBe('/api/ips/2001%3Adb8%3A%3A1/stats');
    expect(await rejection(client().getIpStats('10.0.0.300'))).toMatchObject({ status: 400, code: 'InvalidIpAddress', retryable: false });
    expect(await rejection(client().getDomainStats('not a domain'))).toMatchObject({ status: 400, code: 'InvalidDomainName' });
    expect((await calls('/api/domains/')).at(-1)?.path).toBe('/api/domains/not%20a%20domain/stats');
  });

  it('needs Ip.Read.All and URL.Read.All (403 without them)', async () => {
    await withRoles(['Alert.Read.All', 'Machine.Read.All']);
    expect(await rejection(client().getIpStats('10.0.0.1'))).toMatchObject({ status: 403, code: 'Forbidden' });
    expect(await rejection(client().getDomainStats('example.com'))).toMatchObject({ status: 403, code: 'Forbidden' });
  });
});

describe('remediation activities', () => {
  it('lists activities by OData filter up to a limit, reads one and its machines', async () => {
    const active = await client().listRemediationTasks({ filter: "status eq 'Active'" });
    expect(active.length).toBeGreaterThan(1);
    expect(active.every((t) => t.status === 'Active')).toBe(true);
    expect((await calls('/api/remediationtasks')).at(-1)).toMatchObject({ method: 'GET', path: '/api/remediationtasks', query: { $filter: "status eq 'Active'", $top: '1000' } });
    const two = await client().listRemediationTasks({ top: 2 });
    expect(two).toHaveLength(2);
    // The page had as many as asked for: no further page is read.
    const listCalls = await calls('/api/remediationtasks');
    expect(listCalls.at(-1)?.query).toMatchObject({ $top: '2' });
    expect(listCalls.filter((c) => c.query.$skip !== undefined)).toEqual([]);

    const chrome = active.find((t) => t.title === 'Update Google Chrome')!;
    const one = await client().getRemediationTask(chrome.id);
    expect(one).toMatchObject({ id: chrome.id, relatedComponent: 'Google Chrome', type: 'Update', category: 'Software', requesterEmail: 'secops.lead@contoso.com' });
    const devices = await client().listRemediationTaskMachines(chrome.id);
    expect(devices).toHaveLength(one.targetDevices!);
    const fleet = await machines();
    for (const d of devices) expect(fleet.find((m) => m.id === d.id)).toMatchObject({ computerDnsName: d.computerDnsName, rbacGroupName: 'Workstations' });
    expect((await calls('/machinereferences')).at(-1)?.path).toBe(`/api/remediationtasks/${chrome.id}/machinereferences`);
  });

  it('answers an unknown id with 404, an undocumented filter with 400 ODataError, and 403 without RemediationTasks.Read.All', async () => {
    expect(await rejection(client().getRemediationTask('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect(await rejection(client().listRemediationTaskMachines('nope'))).toMatchObject({ status: 404 });
    expect(await rejection(client().listRemediationTasks({ filter: "title eq 'x'" }))).toMatchObject({ status: 400, code: 'ODataError', retryable: false });
    await withRoles(['Alert.Read.All']);
    expect(await rejection(client().listRemediationTasks())).toMatchObject({ status: 403, code: 'Forbidden' });
  });
});

describe('list investigations', () => {
  it('lists investigations by OData filter up to a limit', async () => {
    const [m1, m2] = await machines();
    const { investigation: first } = await client().startInvestigation(m1!.id, 'one');
    await client().startInvestigation(m2!.id, 'two');
    const mine = await client().listInvestigations({ filter: `machineId eq '${m1!.id}'` });
    expect(mine.map((i) => i.id)).toContain(String(first.id));
    expect(mine.every((i) => i.machineId === m1!.id)).toBe(true);
    expect((await calls('/api/investigations')).at(-1)).toMatchObject({ method: 'GET', query: { $filter: `machineId eq '${m1!.id}'`, $top: '1000' } });
    expect(await client().listInvestigations({ top: 1 })).toHaveLength(1);
    expect(await rejection(client().listInvestigations({ filter: 'state eq' }))).toMatchObject({ status: 400, code: 'ODataError' });
  });
});
