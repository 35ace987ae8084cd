// The alert entity steps through the worker: a flow reads the alert's IPs and files, the file's
// statistics, and raises a follow-up alert carrying the run marker; a resumed run finds the
// alert it created but never recorded instead of creating another.
import { describe, expect, it } from 'vitest';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { mdeClientFor } from '@/worker/mde-clients';
import { runMarker } from '@/worker/actions';

const life = useHarness({ seedFlowOn: false });

async function followUpFlow(): Promise<void> {
  const h = life.h;
  const conn = { connectionId: h.defenderId };
  const flow = await createFlow(null, {
    name: 'Network follow-up',
    graph: buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', conn),
        buildNode('ips', 'defender.listAlertIps', { ...conn, alertId: '{{ trigger.id }}' }),
        buildNode('files', 'defender.listAlertFiles', { ...conn, alertId: '{{ trigger.id }}' }),
        buildNode('stats', 'defender.getFileStats', { ...conn, fileId: '{{ files.sha1s[0] }}', lookBackHours: 24 }),
        buildNode('create', 'defender.createAlert', {
          ...conn, machineId: '{{ trigger.machineId }}', reportId: '4242', eventTime: '{{ trigger.firstEventTime }}',
          severity: 'Low', category: 'CommandAndControl', title: 'Follow-up: {{ ips.addresses[0] }}',
          description: 'Seen by {{ stats.organizationPrevalence }} device(s).', recommendedAction: 'Block the address.',
        }),
      ],
      [buildEdge('trigger', 'ips'), buildEdge('ips', 'files'), buildEdge('files', 'stats'), buildEdge('stats', 'create')],
    ),
  });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
}

async function raiseNetworkAlert(): Promise<{ id: string; machineId: string }> {
  const res = await fetch(`${life.h.sim.url}/_sim/alerts`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ severity: 'Medium', title: 'Connection to a custom network indicator' }),
  });
  return (await res.json()) as { id: string; machineId: string };
}

describe('alert entity steps in a flow', () => {
  it('reads IPs, files and file statistics, and raises a follow-up alert with the run marker', async () => {
    await followUpFlow();
    const alert = await raiseNetworkAlert();
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    await expect(executeRunById(runId, { finalAttempt: true, resumed: false })).resolves.toBe('succeeded');
    const steps = await db().stepRun.findMany({ where: { runId } });
    const out = (id: string) => steps.find((s) => s.nodeId === id)?.output as Record<string, unknown>;
    expect(out('ips')).toMatchObject({ count: 1, addresses: ['198.51.100.7'] });
    expect(out('stats')).toMatchObject({ organizationPrevalence: 1 });
    expect(out('create')).toMatchObject({ title: 'Follow-up: 198.51.100.7', machineId: alert.machineId, merged: false });
    const [post] = await life.h.calls('/api/alerts/CreateAlertByReference', 'POST');
    expect(post?.body).toMatchObject({ eventTime: expect.any(String), category: 'CommandAndControl', description: `Seen by 1 device(s).\n\n${runMarker(runId)}` });
  });

  it('a resumed run finds the alert it created but never recorded', async () => {
    await followUpFlow();
    const alert = await raiseNetworkAlert();
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    const client = await mdeClientFor(life.h.defenderId);
    const before = await client.createAlertByReference({
      machineId: alert.machineId, reportId: '4242', eventTime: new Date().toISOString(), severity: 'Low', category: 'CommandAndControl',
      title: 'Created before the crash', description: `x ${runMarker(runId)}`, recommendedAction: 'r',
    });
    await db().run.update({ where: { id: runId }, data: { status: 'running', attempts: 1 } });
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    const create = await db().stepRun.findFirst({ where: { runId, nodeId: 'create' } });
    expect(create?.output).toMatchObject({ id: before.id, merged: false });
    expect(await life.h.calls('/api/alerts/CreateAlertByReference', 'POST')).toHaveLength(1);
  });
});
