// Contract tests for the device-centred reads: find by tag and by IP, logged-on users, machine
// alerts, software, vulnerabilities and the machine-action list — the real client against the
// simulator (exact method, path, query; parsed output; 400, 403, 404).
import { afterEach, describe, expect, it } from 'vitest';
import { simAdmin } from '@/simulator/test-support';
import { DEFAULT_GRANTED_ROLES } from '@/simulator/token-issuer';
import { rejection, useContractSimulator } from './contract-setup';
import { clearTokenCache } from './token-provider';

const contract = useContractSimulator({ actionLatencyMs: 60_000 });
const { client, calls, machines } = contract;

/** Takes a permission away from the app registration (new tokens only, as in Entra). */
async function withoutRole(role: string) {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: { mde: DEFAULT_GRANTED_ROLES.mde.filter((r) => r !== role) } });
  clearTokenCache();
}
afterEach(async () => {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: DEFAULT_GRANTED_ROLES });
});

describe('find machines by tag', () => {
  it('GETs /api/machines/findbytag?tag=…&useStartsWithFilter=… and returns the tagged devices', async () => {
    const all = await machines();
    const servers = all.filter((m) => m.machineTags.includes('server')).map((m) => m.id).sort();
    const found = await client().findMachinesByTag('server');
    expect(found.map((m) => m.id).sort()).toEqual(servers);
    const [call] = await calls('/api/machines/findbytag');
    expect(call).toMatchObject({ method: 'GET', status: 200, query: { tag: 'server', useStartsWithFilter: 'false' } });
    // "ser" is no tag of its own; as a prefix it finds the servers.
    expect(await client().findMachinesByTag('ser')).toEqual([]);
    expect((await client().findMachinesByTag('ser', { useStartsWithFilter: true })).map((m) => m.id).sort()).toEqual(servers);
    expect((await calls('/api/machines/findbytag')).at(-1)?.query).toEqual({ tag: 'ser', useStartsWithFilter: 'true' });
    expect(await client().findMachinesByTag('server', { top: 1 })).toHaveLength(1);
    expect(await rejection(client().findMachinesByTag('  '))).toMatchObject({ code: 'InvalidInput', retryable: false });
  });
});

describe('find machines by IP', () => {
  it("GETs findbyip(ip='…',timestamp=…) and finds the device seen with the IP around that time", async () => {
    const [machine] = await machines();
    const at = new Date(Date.now() - 3_600_000);
    const found = await client().findMachinesByIp(machine!.lastIpAddress, at);
    expect(found.map((m) => m.id)).toContain(machine!.id);
    expect(found[0]).toMatchObject({ lastIpAddress: machine!.lastIpAddress });
    const [call] = await calls('/findbyip');
    expect(call).toMatchObject({ method: 'GET', status: 200, path: `/api/machines/findbyip(ip='${machine!.lastIpAddress}',timestamp=${at.toISOString().replace(/\.\d{3}Z$/, 'Z')})` });
    // Before the device was first seen (minus 15 minutes) it had no IP at all.
    const before = new Date(Date.parse(machine!.firstSeen) - 20 * 60_000);
    if (Date.now() - before.getTime() < 30 * 86_400_000) expect(await client().findMachinesByIp(machine!.lastIpAddress, before)).toEqual([]);
    expect(await client().findMachinesByIp('192.0.2.1', at)).toEqual([]);
  });

  it('refuses a time more than 30 days ago (400) and checks the IP before sending it', async () => {
    const [machine] = await machines();
    expect(await rejection(client().findMachinesByIp(machine!.lastIpAddress, new Date(Date.now() - 31 * 86_400_000)))).toMatchObject({ status: 400, retryable: false });
    const before = (await calls('/findbyip')).length;
    expect(await rejection(client().findMachinesByIp("10.0.0.1',timestamp=x", new Date()))).toMatchObject({ code: 'InvalidInput' });
    expect(await rejection(client().findMachinesByIp('10.0.0.1', new Date('nope')))).toMatchObject({ code: 'InvalidInput' });
    expect(await calls('/findbyip')).toHaveLength(before);
  });
});

describe('what is on a device', () => {
  it('logged-on users: GET /machines/{id}/logonusers, User entities; 404 for an unknown device, 403 without User.Read.All', async () => {
    const [machine] = await machines();
    const users = await client().getLogonUsers(machine!.id);
    expect(users.length).toBeGreaterThan(0);
    expect(users[0]).toMatchObject({ id: expect.stringMatching(/^contoso\\/), accountDomain: 'contoso', logonTypes: expect.any(String), isDomainAdmin: expect.any(Boolean), isOnlyNetworkUser: expect.any(Boolean) });
    expect(users[0]!.id).toBe(`contoso\\${users[0]!.accountName}`);
    expect(await calls(`/api/machines/${machine!.id}/logonusers`)).toMatchObject([{ method: 'GET', status: 200 }]);
    expect(await rejection(client().getLogonUsers('no-such-machine'))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    await withoutRole('User.Read.All');
    expect(await rejection(client().getLogonUsers(machine!.id))).toMatchObject({ status: 403, code: 'Forbidden', retryable: false });
  });

  it('machine alerts: only that device, without evidence, up to the limit', async () => {
    const [machine, other] = await machines();
    await simAdmin(contract.sim, 'POST', '/_sim/alerts', { severity: 'High', machineId: machine!.id });
    await simAdmin(contract.sim, 'POST', '/_sim/alerts', { severity: 'Low', machineId: machine!.id });
    await simAdmin(contract.sim, 'POST', '/_sim/alerts', { severity: 'High', machineId: other!.id });
    const alerts = await client().listMachineAlerts(machine!.id);
    expect(alerts.map((a) => a.machineId)).toEqual([machine!.id, machine!.id]);
    expect(alerts[0]).not.toHaveProperty('evidence');
    expect(await client().listMachineAlerts(machine!.id, { top: 1 })).toHaveLength(1);
    expect(await calls(`/api/machines/${machine!.id}/alerts`)).toMatchObject([{ method: 'GET', status: 200 }, { method: 'GET', status: 200 }]);
    expect(await rejection(client().listMachineAlerts('no-such-machine'))).toMatchObject({ status: 404 });
  });

  it('software and vulnerabilities (TVM): counts agree, CVEs carry severity and CVSS; 403 without the TVM permissions', async () => {
    const [machine] = await machines();
    const software = await client().getMachineSoftware(machine!.id);
    const vulns = await client().getMachineVulnerabilities(machine!.id);
    expect(software.map((s) => s.id)).toContain('microsoft-_-windows');
    expect(software[0]).toMatchObject({ name: expect.any(String), vendor: expect.any(String), weaknesses: expect.any(Number), publicExploit: expect.any(Boolean), impactScore: expect.any(Number) });
    expect(software.reduce((n, s) => n + (s.weaknesses ?? 0), 0)).toBe(vulns.length);
    expect(vulns.length).toBeGreaterThan(0);
    for (const v of vulns) {
      expect(v.id).toMatch(/^CVE-\d{4}-\d+$/);
      expect(v).toMatchObject({ name: v.id, severity: expect.stringMatching(/^(Low|Medium|High|Critical)$/), cvssV3: expect.any(Number), exploitVerified: expect.any(Boolean), publishedOn: expect.any(String) });
    }
    expect(await calls(`/api/machines/${machine!.id}/software`)).toMatchObject([{ method: 'GET', status: 200 }]);
    expect(await rejection(client().getMachineVulnerabilities('no-such-machine'))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    await withoutRole('Vulnerability.Read.All');
    expect(await rejection(client().getMachineVulnerabilities(machine!.id))).toMatchObject({ status: 403 });
    await withoutRole('Software.Read.All');
    expect(await rejection(client().getMachineSoftware(machine!.id))).toMatchObject({ status: 403 });
  });

  it('the Linux device has its own inventory (no Windows software)', async () => {
    const linux = (await machines()).find((m) => m.osPlatform === 'Linux');
    expect(linux).toBeDefined();
    const software = await client().getMachineSoftware(linux!.id);
    expect(software.map((s) => s.id)).toEqual(expect.arrayContaining(['openbsd-_-openssh']));
    expect(software.map((s) => s.id)).not.toContain('microsoft-_-windows');
  });
});

describe('list machine actions', () => {
  it('GETs /api/machineactions with $filter and $top and returns the matching actions', async () => {
    const [machine, other] = await machines();
    const scan = await client().startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'scan', fields: { ScanType: 'Quick' } });
    await client().startMachineAction(machine!.id, 'restrictCodeExecution', { comment: 'restrict' });
    await client().startMachineAction(other!.id, 'runAntiVirusScan', { comment: 'scan', fields: { ScanType: 'Quick' } });
    const filter = `machineId eq '${machine!.id}' and type eq 'RunAntiVirusScan' and status eq 'Pending'`;
    const found = await client().listMachineActions({ filter, top: 50 });
    expect(found.map((a) => a.id)).toEqual([scan.action.id]);
    expect((await calls('/api/machineactions')).at(-1)).toMatchObject({ method: 'GET', status: 200, query: { $filter: filter, $top: '50' } });
    expect(await client().listMachineActions({ top: 2 })).toHaveLength(2);
    expect(await rejection(client().listMachineActions({ filter: 'nonsense eq' }))).toMatchObject({ status: 400, code: 'ODataError' });
  });
});
