// The "alert updated" trigger and the Update alert action on real Postgres, Redis, simulator and
// SMTP: a change starts one run per flow (however often it is polled), a creation is not a change,
// the filter runs before a run exists, and a flow can update the alert it was started by.
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { pollAlertUpdates } from '@/worker/poll-alert-updates';
import { pollConnection } from '@/worker/poll-alerts';
import { mdeClientFor } from '@/worker/mde-clients';

const life = useHarness({ seedFlowOn: false });

async function publishedFlow(name: string, graph: ReturnType<typeof buildGraph>): Promise<string> {
  const flow = await createFlow(null, { name, graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

function resolvedMailFlow() {
  return buildGraph(
    [
      buildNode('trigger', 'defender.alertUpdated', {
        connectionId: life.h.defenderId,
        filter: { combinator: 'and', rules: [{ left: '{{ trigger.status }}', operator: 'equals', right: 'Resolved' }] },
      }),
      buildNode('tell', 'email.send', { connectionId: life.h.smtpId, to: 'soc@test.local', subject: 'Resolved: {{ trigger.title }} by {{ trigger.assignedTo }}', body: '{{ trigger.id }}' }),
    ],
    [buildEdge('trigger', 'tell')],
  );
}

const opts = { overlapSeconds: 120 };

describe('alert updated trigger', () => {
  it('starts one run per change that matches, never for the creation, however often it polls', async () => {
    const flowId = await publishedFlow('Tell the SOC when an alert is resolved', resolvedMailFlow());
    const alert = await life.h.raise('High');
    expect((await pollAlertUpdates(life.h.defenderId, opts)).runIds).toHaveLength(0);

    const mde = await mdeClientFor(life.h.defenderId);
    await mde.updateAlert(alert.id, { status: 'InProgress', assignedTo: 'analyst@test.local' });
    // A change that does not pass the filter costs no run.
    const first = await pollAlertUpdates(life.h.defenderId, opts);
    expect(first.fetched).toBe(1);
    expect(first.runIds).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 5));
    await mde.updateAlert(alert.id, { status: 'Resolved', comment: 'Reimaged' });
    const second = await pollAlertUpdates(life.h.defenderId, opts);
    const again = await pollAlertUpdates(life.h.defenderId, opts);
    expect(second.runIds).toHaveLength(1);
    expect(again.runIds).toHaveLength(0);
    const run = await db().run.findUniqueOrThrow({ where: { id: second.runIds[0]! } });
    expect(run).toMatchObject({ flowId, triggerKind: 'alertUpdated', alertId: null, status: 'queued' });
    expect(run.triggerKey).toMatch(new RegExp(`^${alert.id}@`));
    expect(run.triggerData).toMatchObject({ id: alert.id, status: 'Resolved', assignedTo: 'analyst@test.local' });
    expect(run.summary).toMatchObject({ alertId: alert.id, title: alert.title });
  });

  it('asks Defender nothing when no enabled flow listens for updates', async () => {
    await life.h.raise('High');
    const before = (await life.h.calls('/api/alerts', 'GET')).length;
    expect(await pollAlertUpdates(life.h.defenderId, opts)).toEqual({ fetched: 0, runIds: [], skipped: [] });
    expect((await life.h.calls('/api/alerts', 'GET')).length).toBe(before);
  });

  it('runs end to end through the worker: a resolved alert emails the SOC', async () => {
    await publishedFlow('Tell the SOC when an alert is resolved', resolvedMailFlow());
    await life.startWorker();
    const alert = await life.h.raise('Medium');
    await new Promise((r) => setTimeout(r, 5));
    await (await mdeClientFor(life.h.defenderId)).updateAlert(alert.id, { status: 'Resolved', assignedTo: 'lead@test.local' });
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { contains: 'Resolved:' } } }));
    expect(mail.subject).toBe(`Resolved: ${alert.title} by lead@test.local`);
    expect(mail.text.trim()).toBe(alert.id);
  });
});

describe('update alert action', () => {
  it('marks the triggering alert In progress, assigns it and comments, with the run id in the comment', async () => {
    await publishedFlow(
      'Take ownership',
      buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
          buildNode('own', 'defender.updateAlert', {
            connectionId: life.h.defenderId,
            alertId: '{{ trigger.id }}',
            status: 'InProgress',
            assignedTo: 'riposte@test.local',
            classification: '',
            comment: 'Triaged by Riposte: {{ trigger.title }}',
          }),
        ],
        [buildEdge('trigger', 'own')],
      ),
    );
    const alert = await life.h.raise('High');
    const { runIds } = await pollConnection(life.h.defenderId, opts);
    expect(runIds).toHaveLength(1);
    await life.startWorker({ pollIntervalSeconds: 3600 });
    const run = await eventually(async () => {
      const r = await db().run.findUniqueOrThrow({ where: { id: runIds[0]! }, include: { steps: true } });
      return r.status === 'succeeded' || r.status === 'failed' ? r : null;
    });
    expect(run.status).toBe('succeeded');
    const [patch] = (await life.h.calls(`/api/alerts/${alert.id}`)).filter((c) => c.method === 'PATCH');
    // Blank fields are not sent: classification keeps its value.
    expect(patch?.body).toEqual({ status: 'InProgress', assignedTo: 'riposte@test.local', comment: `Triaged by Riposte: ${alert.title}` });
    expect(run.steps.find((s) => s.nodeId === 'own')?.output).toMatchObject({ id: alert.id, status: 'InProgress', assignedTo: 'riposte@test.local' });
  });
});
