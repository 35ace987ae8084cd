// A step refused with 403 because the app registration lacks its permission: the run's step
// error names the permission, what the token has and the fix (not a bare "Forbidden").
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { clearTokenCache } from '@/server/defender/token-provider';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';

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

  it('gives a Graph hunting step refused with 403 the Microsoft Graph fix, not a WindowsDefenderATP one', async () => {
    // Every MDE role (AdvancedQuery.Read.All too), but a Graph token without ThreatHunting.Read.All.
    await fetch(`${life.h.sim.url}/_sim/clients/test-client`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roles: { graph: [] } }),
    });
    clearTokenCache();
    await setFlowEnabled(null, life.h.flowId, false);
    const graph = buildGraph(
      [buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }), buildNode('hunting', 'defender.runHuntingQuery', { connectionId: life.h.defenderId, query: 'DeviceInfo | take 1' })],
      [buildEdge('trigger', 'hunting', 'out', 'e1')],
    );
    const flow = await createFlow(null, { name: 'Graph hunting without its permission', graph });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    await life.startWorker();
    await life.h.raise('High');
    const step = await eventually(async () => (await db().stepRun.findFirst({ where: { nodeId: 'hunting', status: 'failed' } })) ?? null, 30_000);
    const error = step.error as { code: string; message: string };
    expect(error.code).toBe('Forbidden');
    expect(error.message).toMatch(/^Microsoft Graph POST \/v1\.0\/security\/runHuntingQuery was refused with 403 Forbidden/);
    expect(error.message).toContain('this step needs ThreatHunting.Read.All');
    expect(error.message).toContain('The token has: no application roles.');
    expect(error.message).toContain('Fix: Grant ThreatHunting.Read.All (Microsoft Graph, application permission) to the app registration and grant admin consent. Then test the connection again.');
    expect(error.message).not.toContain('WindowsDefenderATP');
    expect(error.message).not.toContain('AdvancedQuery.Read.All');
  });
});
