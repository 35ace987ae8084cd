// The permission matrix: for EVERY Defender step type in the catalog, the call its implementation
// makes (worker/actions.ts) goes through the real client to the simulator twice: with a token that
// has every role of its API except the step's declared permission (and what covers it) it must get
// 403 Forbidden naming the missing roles; with a token holding only the declared permission it must
// not get a 403. A catalog entry declaring the wrong permission, an API the simulator guards
// differently, or a route without a permission entry all fail here.
import { afterEach, describe, expect, it } from 'vitest';
import { NODE_CATALOG } from '@/core/catalog/index';
import { acceptedRoles, requiredPermission, type StepPermission } from '@/core/defender/permissions';
import { DEFAULT_GRANTED_ROLES } from '@/simulator/token-issuer';
import { simAdmin, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import { rejection, useContractSimulator } from './contract-setup';
import { createMdeClient } from './mde-client';
import { MdeApiError } from './errors';
import { parseMissingRoles, withStepPermission } from './forbidden';
import { clearTokenCache } from './token-provider';

const contract = useContractSimulator();
// The simulator's reset keeps the tenant-wide roles: put the defaults back for the next test.
afterEach(() => grant({ mde: [...DEFAULT_GRANTED_ROLES.mde], graph: [...DEFAULT_GRANTED_ROLES.graph] }));

type Client = ReturnType<typeof createMdeClient>;
/** Real ids from the simulator where a call needs one to reach past its route (fake ids answer 404, which is fine: the role check comes first). */
interface Fixtures {
  machineId: string;
  alertId: string;
}

interface Case {
  type: string;
  /** The params the permission depends on (hunting's API), as a step would have them. */
  params?: Record<string, unknown>;
  /** What the step's implementation calls. */
  call: (client: Client, fx: Fixtures) => Promise<unknown>;
}

const NO_ID = '00000000-0000-4000-8000-0000000000a1';
const SHA1 = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const comment = 'permission matrix';

/** One row per step type (two for hunting, one per API), calling the client as worker/actions.ts does. */
const CASES: Case[] = [
  { type: 'defender.alertCreated', call: (c) => c.listAlertsCreatedSince(new Date(Date.now() - 3_600_000)) },
  { type: 'defender.alertUpdated', call: (c) => c.listAlertsUpdatedSince(new Date(Date.now() - 3_600_000)) },
  { type: 'defender.getAlert', call: (c, fx) => c.getAlert(fx.alertId) },
  { type: 'defender.listAlerts', call: (c) => c.listAlerts({ top: 5 }) },
  { type: 'defender.updateAlert', call: (c, fx) => c.updateAlert(fx.alertId, { status: 'InProgress' }) },
  { type: 'defender.batchUpdateAlerts', call: (c, fx) => c.batchUpdateAlerts([fx.alertId], { status: 'InProgress' }) },
  {
    type: 'defender.createAlert',
    call: (c, fx) => c.createAlertByReference({ machineId: fx.machineId, reportId: '12', eventTime: new Date().toISOString(), severity: 'Medium', category: 'SuspiciousActivity', title: 'Matrix', description: 'd', recommendedAction: 'r' }),
  },
  { type: 'defender.getAlertMachine', call: (c, fx) => c.getAlertMachine(fx.alertId) },
  { type: 'defender.getAlertUser', call: (c, fx) => c.getAlertUser(fx.alertId) },
  { type: 'defender.listAlertFiles', call: (c, fx) => c.listAlertFiles(fx.alertId) },
  { type: 'defender.listAlertIps', call: (c, fx) => c.listAlertIps(fx.alertId) },
  { type: 'defender.listAlertDomains', call: (c, fx) => c.listAlertDomains(fx.alertId) },
  { type: 'defender.getMachine', call: (c, fx) => c.getMachine(fx.machineId) },
  { type: 'defender.listMachines', call: (c) => c.listMachines({ top: 5 }) },
  { type: 'defender.findMachinesByTag', call: (c) => c.findMachinesByTag('Servers') },
  { type: 'defender.findMachinesByIp', call: (c) => c.findMachinesByIp('10.0.0.1', new Date()) },
  { type: 'defender.getLogonUsers', call: (c, fx) => c.getLogonUsers(fx.machineId) },
  { type: 'defender.listMachineAlerts', call: (c, fx) => c.listMachineAlerts(fx.machineId) },
  { type: 'defender.getMachineSoftware', call: (c, fx) => c.getMachineSoftware(fx.machineId) },
  { type: 'defender.getMachineVulnerabilities', call: (c, fx) => c.getMachineVulnerabilities(fx.machineId) },
  { type: 'defender.isolateMachine', call: (c, fx) => c.isolateMachine(fx.machineId, { comment, isolationType: 'Full' }) },
  { type: 'defender.unisolateMachine', call: (c, fx) => c.startMachineAction(fx.machineId, 'unisolate', { comment }) },
  { type: 'defender.runAntivirusScan', call: (c, fx) => c.startMachineAction(fx.machineId, 'runAntiVirusScan', { comment, fields: { ScanType: 'Quick' } }) },
  { type: 'defender.collectInvestigationPackage', call: (c, fx) => c.startMachineAction(fx.machineId, 'collectInvestigationPackage', { comment }) },
  { type: 'defender.restrictAppExecution', call: (c, fx) => c.startMachineAction(fx.machineId, 'restrictCodeExecution', { comment }) },
  { type: 'defender.unrestrictAppExecution', call: (c, fx) => c.startMachineAction(fx.machineId, 'unrestrictCodeExecution', { comment }) },
  { type: 'defender.stopAndQuarantineFile', call: (c, fx) => c.startMachineAction(fx.machineId, 'StopAndQuarantineFile', { comment, fields: { Sha1: SHA1 } }) },
  { type: 'defender.offboardMachine', call: (c, fx) => c.startMachineAction(fx.machineId, 'offboard', { comment }) },
  { type: 'defender.tagMachine', call: (c, fx) => c.tagMachine(fx.machineId, 'matrix', 'Add') },
  { type: 'defender.getMachineAction', call: (c) => c.getMachineAction(NO_ID) },
  { type: 'defender.listMachineActions', call: (c) => c.listMachineActions({ top: 5 }) },
  { type: 'defender.cancelMachineAction', call: (c) => c.cancelMachineAction(NO_ID, comment) },
  { type: 'defender.runLiveResponseScript', call: (c, fx) => c.runLiveResponse(fx.machineId, { comment, commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect-triage.ps1' }] }] }) },
  { type: 'defender.liveResponseGetFile', call: (c, fx) => c.runLiveResponse(fx.machineId, { comment, commands: [{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\\\Windows\\\\notepad.exe' }] }] }) },
  { type: 'defender.getLiveResponseResultLink', call: (c) => c.getLiveResponseResultLink(NO_ID, 0) },
  { type: 'defender.getInvestigationPackageUri', call: (c) => c.getInvestigationPackageUri(NO_ID) },
  { type: 'defender.startInvestigation', call: (c, fx) => c.startInvestigation(fx.machineId, comment) },
  { type: 'defender.getInvestigation', call: (c) => c.getInvestigation(NO_ID) },
  { type: 'defender.listInvestigations', call: (c) => c.listInvestigations({ top: 5 }) },
  {
    type: 'defender.submitIndicator',
    call: (c) => c.submitIndicator({ indicatorType: 'FileSha1', indicatorValue: SHA1, action: 'Block', title: 'Matrix', description: 'd' }),
  },
  { type: 'defender.listIndicators', call: (c) => c.listIndicators({ top: 5 }) },
  { type: 'defender.deleteIndicator', call: (c) => c.deleteIndicator('999999') },
  { type: 'defender.getFile', call: (c) => c.getFile(SHA1) },
  { type: 'defender.getFileStats', call: (c) => c.getFileStats(SHA1) },
  { type: 'defender.listFileAlerts', call: (c) => c.listFileAlerts(SHA1) },
  { type: 'defender.listFileMachines', call: (c) => c.listFileMachines(SHA1) },
  { type: 'defender.getIpStats', call: (c) => c.getIpStats('10.0.0.1') },
  { type: 'defender.getDomainStats', call: (c) => c.getDomainStats('example.com') },
  { type: 'defender.listRemediationTasks', call: (c) => c.listRemediationTasks({ top: 5 }) },
  { type: 'defender.getRemediationTask', call: (c) => c.getRemediationTask(NO_ID) },
  { type: 'defender.listRemediationTaskMachines', call: (c) => c.listRemediationTaskMachines(NO_ID) },
  { type: 'defender.runHuntingQuery', params: { api: 'graph' }, call: (c) => c.runHuntingQuery('DeviceInfo | take 1', { api: 'graph' }) },
  { type: 'defender.runHuntingQuery', params: { api: 'mde' }, call: (c) => c.runHuntingQuery('DeviceInfo | take 1', { api: 'mde' }) },
];

/** The client the worker would build: MDE and Graph both on the simulator, no sleeping between retries. */
function client(): Client {
  const url = contract.sim.url;
  return createMdeClient({ tenantId: TEST_TENANT_ID, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, apiBaseUrl: url, authorityHost: url, graphBaseUrl: url }, { sleep: async () => {}, maxRetries: 0 });
}

async function fixtures(): Promise<Fixtures> {
  const alert = await contract.raise({ severity: 'High' });
  return { machineId: alert.machineId, alertId: alert.id };
}

/** Grants the app these roles per API from the next token on (tokens carry the roles they were issued with). */
async function grant(roles: { mde: string[]; graph: string[] }): Promise<void> {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', { grantedRoles: roles });
  clearTokenCache();
}

/** Every role of the permission's API except those that would satisfy it (incl. a ReadWrite form of a Read role). */
function allBut(p: StepPermission): { mde: string[]; graph: string[] } {
  const covering = new Set(acceptedRoles(p).flatMap((r) => [r, r.replace(/\.Read\.All$/, '.ReadWrite.All')]));
  const all = { mde: [...DEFAULT_GRANTED_ROLES.mde], graph: [...DEFAULT_GRANTED_ROLES.graph] };
  return { ...all, [p.api]: all[p.api].filter((r) => !covering.has(r)) };
}

const label = (c: Case) => `${c.type}${c.params?.api ? ` (${String(c.params.api)})` : ''}`;
const permissionOf = (c: Case): StepPermission => {
  const p = requiredPermission(c.type, c.params ?? {});
  if (!p) throw new Error(`${c.type} declares no permission`);
  return p;
};

describe('permission matrix', () => {
  it('has a row for every Defender step type in the catalog, and hunting through each API', () => {
    const defenderTypes = Object.values(NODE_CATALOG).filter((d) => d.connectionKind === 'defender').map((d) => d.type).sort();
    expect([...new Set(CASES.map((c) => c.type))].sort()).toEqual(defenderTypes);
    expect(CASES.filter((c) => c.type === 'defender.runHuntingQuery').map((c) => permissionOf(c))).toEqual([
      { api: 'graph', role: 'ThreatHunting.Read.All' },
      { api: 'mde', role: 'AdvancedQuery.Read.All' },
    ]);
  });

  it.each(CASES.map((c) => [label(c), c] as const))('%s: 403 naming the missing roles without its permission', async (_name, c) => {
    const permission = permissionOf(c);
    const fx = await fixtures();
    await grant(allBut(permission));
    const error = await rejection(c.call(client(), fx));
    expect(error).toMatchObject({ status: 403, code: 'Forbidden', retryable: false });
    const detail = (error as MdeApiError & { forbidden?: { detail: string } }).forbidden?.detail ?? '';
    const roles = parseMissingRoles(detail);
    // The API asks for the roles the catalog declares (all of them, any one being enough).
    expect(roles?.required, detail).toEqual(expect.arrayContaining(acceptedRoles(permission)));
    expect([...(roles?.granted ?? [])].sort()).toEqual(allBut(permission)[permission.api].sort());
    expect(error.message).toContain(`API required roles: ${roles!.required.join(',')}`);
    // What the worker makes of it: the step's permission and the fix under the right API.
    const stepped = withStepPermission(error, permission) as MdeApiError;
    expect(stepped.message).toContain(`this step needs ${permission.orAnyOf?.length ? `one of ${acceptedRoles(permission).join(', ')}` : permission.role}`);
    expect(stepped.message).toContain(permission.api === 'graph' ? '(Microsoft Graph, application permission)' : '(WindowsDefenderATP, application permission)');
  });

  it.each(CASES.map((c) => [label(c), c] as const))('%s: no 403 with only its declared permission (each accepted role alone)', async (_name, c) => {
    const permission = permissionOf(c);
    for (const role of acceptedRoles(permission)) {
      await simAdmin(contract.sim, 'POST', '/_sim/reset');
      const fx = await fixtures();
      await grant({ mde: [], graph: [], [permission.api]: [role] } as { mde: string[]; graph: string[] });
      const outcome = await c.call(client(), fx).then(() => null, (e: unknown) => e);
      // Another error (404 for an unknown id) is fine: the simulator checks the role before the route.
      if (outcome !== null) expect(outcome, `${role}: ${(outcome as Error).message}`).not.toMatchObject({ status: 403 });
    }
  });
});
