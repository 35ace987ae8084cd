// A step refused with 403 because the app registration lacks its permission: the run's step
// error names the permission, what the token has and the fix (not a bare "Forbidden").
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { clearTokenCache } from '@/server/defender/token-provider';

const life = useHarness();

describe('403 at run time', () => {
  it('explains a missing Machine.Isolate on the isolate step', async () => {
    // The seed flow's app may read alerts and machines but not isolate.
    await fetch(`${life.h.sim.url}/_sim/clients/test-client`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roles: { mde: ['Alert.Read.All', 'Machine.Read.All'] } }),
    });
    clearTokenCache();
    await life.startWorker();
    await life.h.raise('High');
    const step = await eventually(async () => {
      const s = await db().stepRun.findFirst({ where: { nodeId: 'isolate', status: 'failed' } });
      return s ?? null;
    }, 30_000);
    const error = step.error as { code: string; message: string };
    expect(error.code).toBe('Forbidden');
    expect(error.message).toContain('this step needs Machine.Isolate');
    expect(error.message).toContain('The token has: Alert.Read.All, Machine.Read.All.');
    expect(error.message).toContain('Fix: Grant Machine.Isolate (WindowsDefenderATP, application permission) to the app registration and grant admin consent. Then test the connection again.');
    expect(error.message).toContain('Missing application roles. API required roles: Machine.Isolate');
  });
});
