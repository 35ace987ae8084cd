// Two Defender tenants (an MSSP): two simulators with their own tenant ids and app credentials,
// two connections. Each poller sees only its tenant's alerts, a step names its connection and goes
// to that tenant, and each tenant's calls are booked on its own shared rate-limit budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { createSimulator, type CallRecord, type Simulator } from '@/simulator';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';

const root = path.resolve(import.meta.dirname, '../..');
const life = useHarness({ seedFlowOn: false });
const TENANT_A = 'c0ffee00-0000-4000-8000-000000000001'; // the harness's
const TENANT_B = 'c0ffee00-0000-4000-8000-0000000000b2';
let simB: Simulator;
let connB: string;

beforeEach(async () => {
  const creds = { tenantId: TENANT_B, clientId: 'tenant-b-client', clientSecret: randomBytes(16).toString('hex') };
  simB = createSimulator({
    port: 0,
    tls: { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) },
    ...creds, rateLimitPerMinute: 0, actionLatencyMs: 200,
  });
  await simB.start();
  connB = (await createConnection(null, { kind: 'defender', name: 'Tenant B', ...creds, apiBaseUrl: simB.url, authorityHost: simB.url, graphBaseUrl: simB.url })).id;
});
afterEach(async () => simB.stop());

const json = async <T>(sim: Simulator, p: string, init?: RequestInit) => (await (await fetch(`${sim.url}${p}`, init)).json()) as T;
const raise = (sim: Simulator) => json<{ id: string; machineId: string }>(sim, '/_sim/alerts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High' }) });

async function tagFlow(name: string, triggerConn: string, steps: ReturnType<typeof buildNode>[]): Promise<string> {
  const nodes = [buildNode('trigger', 'defender.alertCreated', { connectionId: triggerConn }), ...steps];
  const flow = await createFlow(null, { name, graph: buildGraph(nodes, nodes.slice(1).map((n, i) => buildEdge(nodes[i]!.id, n.id))) });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

describe('two Defender tenants', () => {
  it('each poller sees its tenant, each step goes to its connection\'s tenant, each tenant has its own budget', async () => {
    const simA = life.h.sim;
    const [machineB] = await json<{ id: string }[]>(simB, '/_sim/machines');
    const flowA = await tagFlow('Tenant A', life.h.defenderId, [
      buildNode('tag', 'defender.tagMachine', { connectionId: life.h.defenderId, machineId: '{{ trigger.machineId }}', tag: 'seen-by-a' }),
      // A step on connection B inside tenant A's flow: it must reach tenant B.
      buildNode('peek', 'defender.getMachine', { connectionId: connB, machineId: machineB!.id }),
    ]);
    const flowB = await tagFlow('Tenant B', connB, [buildNode('tag', 'defender.tagMachine', { connectionId: connB, machineId: '{{ trigger.machineId }}', tag: 'seen-by-b' })]);
    const alertA = await raise(simA);
    const alertB = await raise(simB);
    await life.startWorker();
    const done = (flowId: string) => eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId }, include: { steps: true } });
      return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
    }, 40_000);
    const [runA, runB] = [await done(flowA), await done(flowB)];
    expect([runA.status, runB.status]).toEqual(['succeeded', 'succeeded']);
    // Each poller: only its own tenant's alert, one run each.
    expect(await db().run.findMany({ where: { flowId: flowA }, select: { alertId: true } })).toEqual([{ alertId: alertA.id }]);
    expect(await db().run.findMany({ where: { flowId: flowB }, select: { alertId: true } })).toEqual([{ alertId: alertB.id }]);

    const callsA = await json<CallRecord[]>(simA, '/_sim/calls');
    const callsB = await json<CallRecord[]>(simB, '/_sim/calls');
    // Every call to a tenant carried that tenant's app; tokens were asked of that tenant's authority.
    // (Discovery documents are fetched without credentials: no client id.)
    const apps = (calls: CallRecord[]) => new Set(calls.filter((c) => c.path.startsWith('/api/') || c.path.includes('/oauth2/')).map((c) => c.clientId));
    expect(apps(callsA)).toEqual(new Set(['test-client']));
    expect(apps(callsB)).toEqual(new Set(['tenant-b-client']));
    expect(callsB.filter((c) => c.path.includes('/oauth2/')).every((c) => c.path.startsWith(`/${TENANT_B}/`))).toBe(true);
    expect(callsA.filter((c) => c.path.includes('/tags')).map((c) => [c.path, (c.body as { Value: string }).Value])).toEqual([[`/api/machines/${alertA.machineId}/tags`, 'seen-by-a']]);
    expect(callsB.filter((c) => c.path.includes('/tags')).map((c) => [c.path, (c.body as { Value: string }).Value])).toEqual([[`/api/machines/${alertB.machineId}/tags`, 'seen-by-b']]);
    expect(callsB.filter((c) => c.path === `/api/machines/${machineB!.id}`).map((c) => c.status)).toEqual([200]);
    expect(runA.steps.find((s) => s.nodeId === 'peek')?.output).toMatchObject({ id: machineB!.id });

    // The shared limiter: each tenant's machine calls are booked under its own key, none under the other's.
    const machineCalls = (calls: CallRecord[]) => calls.filter((c) => /^\/api\/(machines|machineactions)(\/|$)/.test(c.path)).length;
    const redis = new Redis(env().REDIS_URL);
    try {
      const booked = async (tenant: string) => redis.zcard(`${env().RIPOSTE_QUEUE_PREFIX}:rl:${tenant}:machines`);
      expect(await booked(TENANT_A)).toBe(machineCalls(callsA));
      expect(await booked(TENANT_B)).toBe(machineCalls(callsB));
      expect([machineCalls(callsA), machineCalls(callsB)]).toEqual([1, 2]);
    } finally {
      await redis.quit();
    }
  });
});
