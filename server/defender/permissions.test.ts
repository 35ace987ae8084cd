// Contract tests for application permissions: the simulator answers a token without the route's
// role with MDE's 403 (Azure-Sentinel #13457 wording, one table of route → roles), per client id,
// and the client turns it into a message that names the missing permission and the fix.
import { describe, expect, it } from 'vitest';
import { simAdmin, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import { rolesOfAccessToken } from './token-roles';
import { getAccessToken } from './token-provider';
import { MDE_SCOPE } from './connection';
import { createMdeClient } from './mde-client';
import { rejection, useContractSimulator } from './contract-setup';

const contract = useContractSimulator();
const { client, machines } = contract;

async function rawToken(clientId = TEST_CLIENT_ID, clientSecret = TEST_CLIENT_SECRET): Promise<string> {
  const res = await fetch(`${contract.sim.url}/${TEST_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: MDE_SCOPE }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('application permissions', () => {
  it('grants every role a route accepts by default', async () => {
    const roles = rolesOfAccessToken(await rawToken());
    expect(roles).toEqual(expect.arrayContaining(['Alert.ReadWrite.All', 'Machine.Isolate', 'Machine.Scan', 'Machine.Offboard', 'Ti.ReadWrite.All', 'AdvancedQuery.Read.All']));
  });

  it('issues tokens with the roles configured for the client id, and answers a missing role with MDE’s 403 body', async () => {
    await simAdmin(contract.sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Machine.Isolate'] } });
    const token = await rawToken();
    expect(rolesOfAccessToken(token)).toEqual(['Machine.Isolate']);
    const [machine] = await machines();
    const res = await fetch(`${contract.sim.url}/api/machines/${machine!.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string; target: string } };
    expect(Object.keys(body.error)).toEqual(['code', 'message', 'target']);
    expect(body.error).toMatchObject({
      code: 'Forbidden',
      message: 'Missing application roles. API required roles: Machine.Read.All,Machine.ReadWrite.All, application roles: Machine.Isolate.',
    });
  });

  it('lets a token through with any one of the accepted roles', async () => {
    await simAdmin(contract.sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Machine.ReadWrite.All'] } });
    const [machine] = await machines();
    await expect(client().getMachine(machine!.id)).resolves.toMatchObject({ id: machine!.id });
  });

  it('reports a missing action permission with what the token has and how to fix it', async () => {
    await simAdmin(contract.sim, 'PUT', `/_sim/clients/${TEST_CLIENT_ID}`, { roles: { mde: ['Machine.Read.All'] } });
    const [machine] = await machines();
    const error = await rejection(client().isolateMachine(machine!.id, { comment: 'c', isolationType: 'Full' }));
    expect(error).toMatchObject({ status: 403, code: 'Forbidden', retryable: false });
    expect(error.message).toContain('this step needs Machine.Isolate');
    expect(error.message).toContain('The token has: Machine.Read.All.');
    expect(error.message).toContain('Grant Machine.Isolate (WindowsDefenderATP, application permission) to the app registration and grant admin consent');
  });

  it('registers another app registration with its own secret and roles; others keep the tenant default', async () => {
    await simAdmin(contract.sim, 'PUT', '/_sim/clients/second-app', { clientSecret: 'second-secret', roles: { mde: ['Alert.Read.All'] } });
    const second = createMdeClient({ tenantId: TEST_TENANT_ID, clientId: 'second-app', clientSecret: 'second-secret', apiBaseUrl: contract.sim.url, authorityHost: contract.sim.url });
    await expect(second.testConnection()).resolves.toBeUndefined();
    const token = await getAccessToken({ tenantId: TEST_TENANT_ID, clientId: 'second-app', clientSecret: 'second-secret', authorityHost: contract.sim.url });
    expect(rolesOfAccessToken(token)).toEqual(['Alert.Read.All']);
    expect(rolesOfAccessToken(await rawToken())).toContain('Machine.Isolate');
  });
});
