// Contract tests for offboarding, live response (run script, get file, result links) and the
// investigation package link: the real client against the simulator (exact body casing, 201,
// already running, command statuses, 400 / 403 / 404, and the package link's own 2/min limit).
import { afterEach, describe, expect, it } from 'vitest';
import { simAdmin, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import { DEFAULT_GRANTED_ROLES } from '@/simulator/token-issuer';
import { rejection, useContractSimulator } from './contract-setup';
import type { MachineAction } from './entities';
import type { MdeClient } from './mde-client';
import { clearTokenCache } from './token-provider';

const contract = useContractSimulator({ actionLatencyMs: 60_000 });
const { client, calls, machines } = contract;

async function configure(body: Record<string, unknown>) {
  await simAdmin(contract.sim, 'PUT', '/_sim/config', body);
  clearTokenCache();
}
const withoutRole = (role: string) => configure({ grantedRoles: { mde: DEFAULT_GRANTED_ROLES.mde.filter((r) => r !== role) } });
afterEach(() => configure({ grantedRoles: DEFAULT_GRANTED_ROLES, actionLatencyMs: 60_000 }));

/** Polls until the action is final (the simulator finishes actions after actionLatencyMs). */
async function finished(mde: MdeClient, id: string): Promise<MachineAction> {
  for (let i = 0; i < 50; i++) {
    const action = await mde.getMachineAction(id);
    if (action.status !== 'Pending' && action.status !== 'InProgress') return action;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  throw new Error(`action ${id} did not finish`);
}

/** A raw MDE call, for bodies the client would never send. */
async function rawPost(path: string, body: unknown): Promise<{ status: number; code: unknown }> {
  const tokenRes = await fetch(`${contract.sim.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, scope: 'https://api.securitycenter.microsoft.com/.default' }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${contract.sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
}

describe('offboard machine', () => {
  it('POSTs { Comment } to /offboard and returns the pending Offboard action; a second one is reported, not repeated', async () => {
    const windows = (await machines()).find((m) => m.osPlatform.startsWith('Windows'))!;
    const { action, alreadyRequested } = await client().startMachineAction(windows.id, 'offboard', { comment: 'Decommissioned' });
    expect(alreadyRequested).toBe(false);
    expect(action).toMatchObject({ type: 'Offboard', status: 'Pending', machineId: windows.id, requestorComment: 'Decommissioned' });
    const [post] = await calls('/offboard');
    expect(post).toMatchObject({ method: 'POST', path: `/api/machines/${windows.id}/offboard`, status: 201, body: { Comment: 'Decommissioned' } });
    expect(await client().startMachineAction(windows.id, 'offboard', { comment: 'again' })).toMatchObject({ alreadyRequested: true, action: { id: action.id } });
    expect(await client().findMachineActionByComment(windows.id, 'Offboard', 'Decommissioned')).toMatchObject({ id: action.id });
  });

  it('refuses a missing Comment (400), a Linux device (400 OsPlatformNotSupported), an unknown device (404) and a missing Machine.Offboard (403)', async () => {
    const all = await machines();
    const windows = all.find((m) => m.osPlatform.startsWith('Windows'))!;
    const linux = all.find((m) => m.osPlatform === 'Linux')!;
    expect(await rawPost(`/api/machines/${windows.id}/offboard`, {})).toEqual({ status: 400, code: 'MissingRequiredParameter' });
    expect(await rawPost(`/api/machines/${windows.id}/offboard`, { comment: 'lower case' })).toEqual({ status: 400, code: 'InvalidRequestBody' });
    expect(await rejection(client().startMachineAction(linux.id, 'offboard', { comment: 'c' }))).toMatchObject({ status: 400, code: 'OsPlatformNotSupported', retryable: false });
    expect(await rejection(client().startMachineAction('no-such-machine', 'offboard', { comment: 'c' }))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    await withoutRole('Machine.Offboard');
    expect(await rejection(client().startMachineAction(windows.id, 'offboard', { comment: 'c' }))).toMatchObject({ status: 403, code: 'Forbidden' });
  });
});

describe('live response', () => {
  it('RunScript: POSTs { Commands: [{ type, params: [{ key, value }] }], Comment } with the values as data', async () => {
    const [machine] = await machines();
    const args = `-Path "C:\\Users\\a b"; Remove-Item x $(whoami)`;
    const commands = [{ type: 'RunScript' as const, params: [{ key: 'ScriptName' as const, value: 'collect-triage.ps1' }, { key: 'Args' as const, value: args }] }];
    const { action, alreadyRequested } = await client().runLiveResponse(machine!.id, { comment: 'Triage', commands });
    expect(alreadyRequested).toBe(false);
    expect(action).toMatchObject({ type: 'LiveResponse', status: 'Pending', machineId: machine!.id, requestorComment: 'Triage' });
    expect(action.commands).toEqual([{ index: 0, startTime: null, endTime: null, commandStatus: 'Created', errors: [], command: commands[0] }]);
    const [post] = await calls('/runliveresponse');
    expect(post).toMatchObject({ method: 'POST', path: `/api/machines/${machine!.id}/runliveresponse`, status: 201, body: { Commands: commands, Comment: 'Triage' } });
    expect(Object.keys(post!.body as object)).toEqual(['Commands', 'Comment']);
    // One session per device: a second request is reported as the running one.
    const second = await client().runLiveResponse(machine!.id, { comment: 'again', commands: [{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\x.txt' }] }] });
    expect(second).toMatchObject({ alreadyRequested: true, action: { id: action.id } });
  });

  it('GetFile completes after the action latency; then its result link is served (404 before, and for an unknown index)', async () => {
    await configure({ actionLatencyMs: 300 });
    const [machine] = await machines();
    const mde = client();
    const { action } = await mde.runLiveResponse(machine!.id, { comment: 'Get file', commands: [{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\Windows\\Temp\\evil.dll' }] }] });
    expect(await rejection(mde.getLiveResponseResultLink(action.id, 0))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    const done = await finished(mde, action.id);
    expect(done.status).toBe('Succeeded');
    expect(done.commands).toMatchObject([{ index: 0, commandStatus: 'Completed', errors: [], command: { type: 'GetFile' } }]);
    const link = await mde.getLiveResponseResultLink(action.id, 0);
    expect(new URL(link).protocol).toBe('https:');
    expect(link).toContain('sig=');
    expect((await calls('/GetLiveResponseResultDownloadLink')).at(-1)).toMatchObject({ method: 'GET', status: 200, path: `/api/machineactions/${action.id}/GetLiveResponseResultDownloadLink(index=0)` });
    expect(await rejection(mde.getLiveResponseResultLink(action.id, 1))).toMatchObject({ status: 404 });
    expect(await rejection(mde.getLiveResponseResultLink('00000000-0000-4000-8000-000000000000', 0))).toMatchObject({ status: 404 });
  });

  it('a script missing from the library makes the action end Failed, with the error on its command', async () => {
    await configure({ actionLatencyMs: 200 });
    const [, machine] = await machines();
    const mde = client();
    const { action } = await mde.runLiveResponse(machine!.id, { comment: 'c', commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'not-uploaded.ps1' }] }] });
    const done = await finished(mde, action.id);
    expect(done).toMatchObject({ status: 'Failed', commands: [{ commandStatus: 'Failed', errors: [expect.stringContaining('not-uploaded.ps1')] }] });
  });

  it('refuses a wrong param key (400), an unknown device (404) and a missing Machine.LiveResponse (403)', async () => {
    const [machine] = await machines();
    const bad = [{ type: 'RunScript', params: [{ key: 'scriptName', value: 'x.ps1' }] }] as never;
    expect(await rejection(client().runLiveResponse(machine!.id, { comment: 'c', commands: bad }))).toMatchObject({ status: 400, code: 'InvalidRequestBody', retryable: false });
    expect(await rawPost(`/api/machines/${machine!.id}/runliveresponse`, { Comment: 'c' })).toEqual({ status: 400, code: 'MissingRequiredParameter' });
    const getFile = [{ type: 'GetFile' as const, params: [{ key: 'Path' as const, value: 'C:\\a' }] }];
    expect(await rejection(client().runLiveResponse('no-such-machine', { comment: 'c', commands: getFile }))).toMatchObject({ status: 404, code: 'ResourceNotFound' });
    expect(await rejection(client().runLiveResponse(machine!.id, { comment: ' ', commands: getFile }))).toMatchObject({ code: 'InvalidInput' });
    await withoutRole('Machine.LiveResponse');
    expect(await rejection(client().runLiveResponse(machine!.id, { comment: 'c', commands: getFile }))).toMatchObject({ status: 403, code: 'Forbidden' });
  });
});

describe('investigation package link', () => {
  it('GET /machineactions/{id}/getPackageUri: 404 until the collection completed, then { value: <link> }', async () => {
    await configure({ actionLatencyMs: 300 });
    const [machine] = await machines();
    const mde = client();
    const { action } = await mde.startMachineAction(machine!.id, 'collectInvestigationPackage', { comment: 'Forensics' });
    expect(await rejection(mde.getInvestigationPackageUri(action.id))).toMatchObject({ status: 404, code: 'ResourceNotFound', retryable: false });
    expect((await finished(mde, action.id)).status).toBe('Succeeded');
    const uri = await mde.getInvestigationPackageUri(action.id);
    expect(uri).toMatch(/^https:\/\/.+\.zip\?token=/);
    expect((await calls('/getPackageUri')).at(-1)).toMatchObject({ method: 'GET', status: 200, path: `/api/machineactions/${action.id}/getPackageUri` });
    // Only a package collection has a package.
    const { action: scan } = await mde.startMachineAction(machine!.id, 'runAntiVirusScan', { comment: 'scan', fields: { ScanType: 'Quick' } });
    expect(await rejection(mde.getInvestigationPackageUri(scan.id))).toMatchObject({ status: 404 });
  });
});

describe('rate limits of these APIs', () => {
  const limited = useContractSimulator({ rateLimitPerMinute: 100, actionLatencyMs: 0 });

  it('the package link has its own 2 calls a minute: the third is 429 with Retry-After, and other machine APIs still answer', async () => {
    const [machine] = await limited.machines();
    const mde = limited.client();
    const { action } = await mde.startMachineAction(machine!.id, 'collectInvestigationPackage', { comment: 'Forensics' });
    await mde.getInvestigationPackageUri(action.id);
    await mde.getInvestigationPackageUri(action.id);
    const throttled = await rejection(mde.getInvestigationPackageUri(action.id));
    expect(throttled).toMatchObject({ status: 429, retryable: true });
    expect(throttled.retryAfterMs).toBeGreaterThan(30_000);
    expect((await limited.calls('/getPackageUri')).at(-1)).toMatchObject({ status: 429 });
    expect(await mde.getLogonUsers(machine!.id)).not.toHaveLength(0);
  });

  it('run live response has its own 10 calls a minute', async () => {
    const [machine] = await limited.machines();
    const mde = limited.client();
    const commands = [{ type: 'GetFile' as const, params: [{ key: 'Path' as const, value: 'C:\\a.txt' }] }];
    for (let i = 0; i < 10; i++) await mde.runLiveResponse(machine!.id, { comment: `get ${i}`, commands });
    expect(await rejection(mde.runLiveResponse(machine!.id, { comment: 'one too many', commands }))).toMatchObject({ status: 429, retryable: true });
    expect(await mde.startMachineAction(machine!.id, 'offboard', { comment: 'still answers' })).toMatchObject({ alreadyRequested: false });
  });
});
