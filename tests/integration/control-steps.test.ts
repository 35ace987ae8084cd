// Switch, Terminate and the error branch on real parts: a Low alert is cancelled by a Terminate
// step (the run ends `cancelled` with its message); a High alert whose isolation Defender refuses
// takes the error branch, emails the error code, and the run ends `succeeded`.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { closeMailTransports } from '@/server/mail/mailer';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';

let h: Harness;

beforeEach(async () => {
  await flushQueues();
  h = await startHarness();
  await db().flow.update({ where: { id: h.flowId }, data: { enabled: false } });
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
      buildNode('get_alert', 'defender.getAlert', { connectionId: h.defenderId, alertId: '{{ trigger.id }}' }),
      buildNode('by_severity', 'control.switch', { value: '{{ get_alert.severity }}', cases: ['Low', 'Informational'] }),
      buildNode('stop', 'control.terminate', { status: 'cancelled', message: 'Low severity: {{ get_alert.title }}' }),
      buildNode('isolate', 'defender.isolateMachine', { connectionId: h.defenderId, machineId: '{{ get_alert.machineId }}', comment: 'Riposte test' }),
      buildNode('report', 'email.send', {
        connectionId: h.smtpId,
        to: 'soc@test.local',
        subject: 'Isolation failed: {{ isolate.error.code }}',
        body: '{{ isolate.error.message }}',
      }),
    ],
    [
      buildEdge('trigger', 'get_alert'),
      buildEdge('get_alert', 'by_severity'),
      buildEdge('by_severity', 'stop', 'case:Low'),
      buildEdge('by_severity', 'isolate', 'default'),
      buildEdge('isolate', 'report', 'error'),
    ],
  );
  const flow = await createFlow(null, { name: 'Switch and error branch', graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
});

afterEach(async () => {
  closeMailTransports();
  await h.close();
});

afterAll(async () => {
  await flushQueues();
  await db().$disconnect();
});

async function runFor(severity: 'High' | 'Low'): Promise<string> {
  await h.raise(severity);
  const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
  expect(runIds).toHaveLength(1);
  return runIds[0]!;
}

const statuses = async (runId: string) =>
  Object.fromEntries((await db().stepRun.findMany({ where: { runId } })).map((s) => [s.nodeId, s.status]));

describe('control steps (integration)', () => {
  it('Terminate on the Low case ends the run cancelled with its message; nothing is isolated', async () => {
    const runId = await runFor('Low');
    await expect(executeRunById(runId, { finalAttempt: false, resumed: false })).resolves.toBe('cancelled');
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('cancelled');
    expect(run.finishedAt).not.toBeNull();
    expect(run.error).toMatchObject({ nodeId: 'stop', code: 'Terminated', message: expect.stringMatching(/^Low severity: .+/) });
    expect(await statuses(runId)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', by_severity: 'succeeded', stop: 'succeeded', isolate: 'skipped', report: 'skipped' });
    expect(await h.calls('/isolate', 'POST')).toHaveLength(0);
  });

  it('a refused isolation takes the error branch, which reads the error; the run succeeds', async () => {
    const runId = await runFor('High');
    await fetch(`${h.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/isolate', method: 'POST', status: 404, code: 'ResourceNotFound', message: 'Machine not found', times: 1 }),
    });
    await expect(executeRunById(runId, { finalAttempt: false, resumed: false })).resolves.toBe('succeeded');
    expect(await statuses(runId)).toMatchObject({ by_severity: 'succeeded', stop: 'skipped', isolate: 'failed', report: 'succeeded' });
    const isolate = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'isolate' } });
    expect(isolate.error).toMatchObject({ code: 'ResourceNotFound' });
    const mails = await db().capturedEmail.findMany();
    expect(mails.map((m) => m.subject)).toEqual(['Isolation failed: ResourceNotFound']);
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.error).toBeNull();
  });
});
