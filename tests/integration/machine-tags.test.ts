// A "new alert" filter on machine tags, which alerts do not carry: the poller looks the machine
// up (once per machine) only when a flow reads the tags, and filtered-out alerts start no run.
import { describe, expect, it } from 'vitest';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { pollConnection } from '@/worker/poll-alerts';

const life = useHarness({ seedFlowOn: false });

interface SimMachine {
  id: string;
  machineTags: string[];
}

describe('trigger filter on machine tags', () => {
  it('starts runs only for alerts on machines with the tag, looking each machine up once', async () => {
    const h = life.h;
    const flow = await createFlow(null, {
      name: 'Servers only',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', {
            connectionId: h.defenderId,
            filter: { combinator: 'and', rules: [{ left: '{{ trigger.machineTags }}', operator: 'contains', right: 'server' }] },
          }),
          buildNode('tell', 'email.send', { connectionId: h.smtpId, to: 'soc@test.local', subject: '{{ trigger.computerDnsName }}', body: 'x' }),
        ],
        [buildEdge('trigger', 'tell')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    const machines = (await (await fetch(`${h.sim.url}/_sim/machines`)).json()) as SimMachine[];
    const server = machines.find((m) => m.machineTags.includes('server'))!;
    const workstation = machines.find((m) => !m.machineTags.includes('server'))!;
    const raise = (machineId: string) =>
      fetch(`${h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High', machineId }) });
    await raise(server.id);
    await raise(server.id);
    await raise(workstation.id);

    const { runIds, newAlerts } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(newAlerts).toBe(3);
    expect(runIds).toHaveLength(2);
    const runs = await db().run.findMany({ where: { id: { in: runIds } } });
    expect(runs.every((r) => (r.triggerData as { machineId: string; machineTags: string[] }).machineId === server.id)).toBe(true);
    expect((runs[0]!.triggerData as { machineTags: string[] }).machineTags).toEqual(server.machineTags);
    // One lookup per distinct machine; nothing again for alerts already seen.
    expect(await h.calls('/api/machines/', 'GET')).toHaveLength(2);
    await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(await h.calls('/api/machines/', 'GET')).toHaveLength(2);
  });

  it('makes no machine lookups when no flow reads the tags', async () => {
    const h = life.h;
    await setFlowEnabled(null, h.flowId, true);
    await h.raise('High');
    await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(await h.calls('/api/machines/', 'GET')).toHaveLength(0);
  });
});
