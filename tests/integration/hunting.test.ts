// Advanced hunting end to end on real parts: a published flow runs a hunting query against the
// simulator (Graph and MDE), and the row count reaches the SOC by email through the SMTP capture.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { db } from '@/server/db/client';
import { closeMailTransports } from '@/server/mail/mailer';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { executeRunById } from '@/worker/execute-run';
import { pollConnection } from '@/worker/poll-alerts';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';
import { eventually, flushQueues, startHarness, type Harness } from './harness';

let h: Harness;
let worker: WorkerHandle | null = null;

beforeEach(async () => {
  await flushQueues();
  h = await startHarness();
  // Only the hunting flow under test should react to alerts.
  await setFlowEnabled(null, h.flowId, false);
});

afterEach(async () => {
  await worker?.close();
  worker = null;
  closeMailTransports();
  await h.close();
});

afterAll(async () => {
  await flushQueues();
  await db().$disconnect();
});

const SERVERS_QUERY = 'DeviceInfo\n| where MachineGroup == "Servers"\n| project DeviceId, DeviceName\n| order by DeviceName asc';

async function publishHuntingFlow(hunting: Record<string, unknown>): Promise<string> {
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
      buildNode('hunting', 'defender.runHuntingQuery', { connectionId: h.defenderId, query: SERVERS_QUERY, ...hunting }),
      buildNode('report', 'email.send', {
        connectionId: h.smtpId,
        to: 'soc@test.local',
        subject: 'Hunting report for {{ trigger.id }}',
        body: 'Servers found: {{ hunting.rowCount }}\nAPI: {{ hunting.api }}\nFirst: {{ hunting.results[0].DeviceName }}',
      }),
    ],
    [buildEdge('trigger', 'hunting', 'out', 'e1'), buildEdge('hunting', 'report', 'out', 'e2')],
  );
  const flow = await createFlow(null, { name: `Hunting report ${String(hunting.api ?? 'default')}`, graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

const servers = () => h.sim.state.machines.filter((m) => m.rbacGroupName === 'Servers');

describe('Run advanced hunting query in a flow', () => {
  it('queries Graph by default and emails the row count (worker end to end)', async () => {
    const flowId = await publishHuntingFlow({ timespan: 'P7D' });
    worker = await startWorker({ pollIntervalSeconds: 1, maintenanceEveryMs: 500, log: () => undefined });
    const alert = await h.raise('Low');

    const mail = await eventually(async () => (await db().capturedEmail.findMany())[0]);
    expect(servers().length).toBeGreaterThan(0);
    expect(mail.to).toEqual(['soc@test.local']);
    expect(mail.subject).toBe(`Hunting report for ${alert.id}`);
    const first = servers().map((m) => m.computerDnsName).sort((a, b) => (a < b ? -1 : 1))[0];
    expect(mail.text).toContain(`Servers found: ${servers().length}\nAPI: graph\nFirst: ${first}`);

    const calls = await h.calls('/v1.0/security/runHuntingQuery', 'POST');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ Query: SERVERS_QUERY, Timespan: 'P7D' });
    const run = await eventually(async () => db().run.findFirst({ where: { flowId, status: 'succeeded' }, include: { steps: true } }));
    const step = run.steps.find((s) => s.nodeId === 'hunting')!;
    const expectedRows = servers()
      .map((m) => ({ DeviceId: m.id, DeviceName: m.computerDnsName }))
      .sort((a, b) => (a.DeviceName < b.DeviceName ? -1 : 1));
    expect(step.output).toEqual({
      api: 'graph',
      rowCount: expectedRows.length,
      schema: [{ name: 'DeviceId', type: 'String' }, { name: 'DeviceName', type: 'String' }],
      results: expectedRows,
    });
  });

  it('uses the legacy MDE endpoint when chosen', async () => {
    await publishHuntingFlow({ api: 'mde' });
    await h.raise('Low');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(runIds).toHaveLength(1);
    await expect(executeRunById(runIds[0]!, { finalAttempt: false, resumed: false })).resolves.toBe('succeeded');
    const calls = await h.calls('/api/advancedqueries/run', 'POST');
    expect(calls.map((c) => c.body)).toEqual([{ Query: SERVERS_QUERY }]);
    const [mail] = await db().capturedEmail.findMany();
    expect(mail?.text).toContain(`Servers found: ${servers().length}\nAPI: mde`);
  });

  it('fails the step on a query Defender cannot parse, sends no email and does not retry', async () => {
    const flowId = await publishHuntingFlow({ query: 'DeviceInfo | join (AlertInfo) on DeviceId' });
    await h.raise('Low');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    await expect(executeRunById(runIds[0]!, { finalAttempt: false, resumed: false })).resolves.toBe('failed');
    const run = await db().run.findFirstOrThrow({ where: { flowId }, include: { steps: true } });
    expect(run.error).toMatchObject({ nodeId: 'hunting', code: 'BadRequest' });
    expect(JSON.stringify(run.error)).toContain("Query could not be parsed: unsupported query operator 'join'");
    expect(Object.fromEntries(run.steps.map((s) => [s.nodeId, s.status]))).toMatchObject({ hunting: 'failed', report: 'skipped' });
    expect(await h.calls('/v1.0/security/runHuntingQuery', 'POST')).toHaveLength(1);
    expect(await db().capturedEmail.count()).toBe(0);
  });
});
