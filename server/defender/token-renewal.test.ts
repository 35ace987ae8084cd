// Tokens are reused until MSAL would renew them (5 minutes before expiry), then fetched again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useContractSimulator } from './contract-setup';
import { getAccessToken } from './token-provider';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';

const sim = useContractSimulator();
const conn = () => ({ tenantId: TEST_TENANT_ID, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, apiBaseUrl: sim.sim.url, authorityHost: sim.sim.url });

afterEach(() => vi.useRealTimers());

describe('token reuse', () => {
  it('serves the same token without asking Entra until five minutes before it expires', async () => {
    const c = conn();
    const first = await getAccessToken(c);
    expect(await getAccessToken(c)).toBe(first);
    expect(await getAccessToken(conn())).toBe(first); // an equal connection read again
    expect(await sim.calls('/oauth2/v2.0/token')).toHaveLength(1);

    // The simulator's tokens live 3,599 s: 56 minutes on, the token is inside its renewal window.
    // Only the clock is faked (MSAL reads it through new Date()); sockets and timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 56 * 60_000);
    const renewed = await getAccessToken(c);
    expect(await sim.calls('/oauth2/v2.0/token')).toHaveLength(2);
    expect(renewed).not.toBe(first);
  });

  it('asks Entra again when told to refresh, and per scope', async () => {
    const c = conn();
    await getAccessToken(c);
    await getAccessToken(c, { forceRefresh: true });
    await getAccessToken(c, { scope: 'https://graph.microsoft.com/.default' });
    await getAccessToken(c, { scope: 'https://graph.microsoft.com/.default' });
    const scopes = (await sim.calls('/oauth2/v2.0/token')).map((t) => (t.body as { scope: string }).scope);
    expect(scopes).toEqual(['https://api.securitycenter.microsoft.com/.default', 'https://api.securitycenter.microsoft.com/.default', 'https://graph.microsoft.com/.default']);
  });
});
