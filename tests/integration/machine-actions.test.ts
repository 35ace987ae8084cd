// Machine actions through the worker: a flow scans the alerted device and tags it; the run
// marker is in the action's comment, and a resumed run finds the scan it sent instead of
// scanning again.
import { describe, expect, it } from 'vitest';
import { eventually, finishedRunOf } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { mdeClientFor } from '@/worker/mde-clients';
import { runMarker } from '@/worker/actions';

const life = useHarness({ seedFlowOn: false, actionLatencyMs: 60_000 });

async function scanAndTagFlow(): Promise<string> {
  const h = life.h;
  const flow = await createFlow(null, {
    name: 'Scan and tag',
    graph: buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
        buildNode('scan', 'defender.runAntivirusScan', { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'Alert {{ trigger.id }}', scanType: 'Full' }),
        buildNode('tag', 'defender.tagMachine', { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', tag: 'riposte-scanned' }),
      ],
      [buildEdge('trigger', 'scan'), buildEdge('scan', 'tag')],
    ),
  });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

describe('machine actions in a flow', () => {
  it('scans (Full, with the run marker) and tags the device', async () => {
    const flowId = await scanAndTagFlow();
    await life.startWorker();
    const alert = await life.h.raise('High');
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId }, include: { steps: true } });
      return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
    });
    expect(run.status).toBe('succeeded');
    const [scan] = await life.h.calls('/runAntiVirusScan', 'POST');
    expect(scan?.body).toEqual({ Comment: `Alert ${alert.id} ${runMarker(run.id)}`, ScanType: 'Full' });
    const machine = ((await (await fetch(`${life.h.sim.url}/_sim/machines`)).json()) as { id: string; machineTags: string[] }[]).find((m) => m.id === alert.machineId);
    expect(machine?.machineTags).toContain('riposte-scanned');
    expect(run.steps.find((s) => s.nodeId === 'tag')?.output).toMatchObject({ machineTags: expect.arrayContaining(['riposte-scanned']) });
  });

  it('a resumed run finds the scan it sent but never recorded', async () => {
    await scanAndTagFlow();
    const alert = await life.h.raise('High');
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    const client = await mdeClientFor(life.h.defenderId);
    const { action } = await client.startMachineAction(alert.machineId, 'runAntiVirusScan', { comment: `before the crash ${runMarker(runId)}`, fields: { ScanType: 'Full' } });
    await db().run.update({ where: { id: runId }, data: { status: 'running', attempts: 1 } });
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    expect(await life.h.calls('/runAntiVirusScan', 'POST')).toHaveLength(1);
    const step = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'scan' } });
    expect(step.output).toMatchObject({ id: action.id, alreadyRequested: true });
  });
});

describe('start automated investigation in a flow', () => {
  async function investigateFlow(): Promise<string> {
    const h = life.h;
    const flow = await createFlow(null, {
      name: 'Investigate',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
          buildNode('investigate', 'defender.startInvestigation', { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'Alert {{ trigger.id }}' }),
        ],
        [buildEdge('trigger', 'investigate')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    return flow.id;
  }
  const simConfig = (body: object) => fetch(`${life.h.sim.url}/_sim/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('starts one with the run marker; one already running on the device is reported, not repeated', async () => {
    await investigateFlow();
    const alert = await life.h.raise('High');
    const client = await mdeClientFor(life.h.defenderId);
    const { investigation: running } = await client.startInvestigation(alert.machineId, 'someone else');
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    await expect(executeRunById(runIds[0]!, { finalAttempt: true, resumed: false })).resolves.toBe('succeeded');
    expect((await life.h.calls('/startInvestigation', 'POST')).map((c) => c.status)).toEqual([201, 400]);
    expect((await life.h.calls('/startInvestigation', 'POST'))[1]?.body).toEqual({ Comment: `Alert ${alert.id} ${runMarker(runIds[0]!)}` });
    const step = await db().stepRun.findFirstOrThrow({ where: { runId: runIds[0]!, nodeId: 'investigate' } });
    expect(step.output).toMatchObject({ id: running.id, state: 'Running', alreadyRequested: true });
  });

  it('a resumed run finds the investigation it started, even finished, instead of starting a second', async () => {
    await investigateFlow();
    const alert = await life.h.raise('High');
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    // The first try started it and crashed before recording; it finished since (no 400 to rely on).
    await simConfig({ actionLatencyMs: 0 });
    const client = await mdeClientFor(life.h.defenderId);
    const { investigation } = await client.startInvestigation(alert.machineId, `before the crash ${runMarker(runId)}`);
    await db().run.update({ where: { id: runId }, data: { status: 'running', attempts: 1 } });
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    expect(await life.h.calls('/startInvestigation', 'POST')).toHaveLength(1);
    const step = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'investigate' } });
    expect(step.output).toMatchObject({ id: investigation.id, state: 'Benign', alreadyRequested: true });
  });

  it('a resumed run with no investigation since it was created starts one', async () => {
    await investigateFlow();
    const alert = await life.h.raise('High');
    await simConfig({ actionLatencyMs: 0 });
    const client = await mdeClientFor(life.h.defenderId);
    // Finished before this run existed: not this run's.
    const { investigation: older } = await client.startInvestigation(alert.machineId, 'last week');
    const { runIds } = await pollConnection(life.h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    await db().run.update({ where: { id: runId }, data: { status: 'running', attempts: 1, createdAt: new Date(Date.now() + 120_000) } });
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    expect((await life.h.calls('/startInvestigation', 'POST')).map((c) => c.status)).toEqual([201, 201]);
    const step = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'investigate' } });
    expect(step.output).toMatchObject({ alreadyRequested: false });
    expect((step.output as { id: string }).id).not.toBe(older.id);
  });
});

describe('wait until finished', () => {
  it('the run pauses until Defender reports the isolation Succeeded, then continues', async () => {
    const h = life.h;
    // Defender takes 1.5 s to finish an isolation here.
    await fetch(`${h.sim.url}/_sim/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ actionLatencyMs: 1500 }) });
    const flow = await createFlow(null, {
      name: 'Isolate and wait',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
          buildNode('isolate', 'defender.isolateMachine', { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'c', waitUntilDone: true }),
          buildNode('tell', 'email.send', { connectionId: h.smtpId, to: 'soc@test.local', subject: 'Isolation {{ isolate.status }}', body: 'x' }),
        ],
        [buildEdge('trigger', 'isolate'), buildEdge('isolate', 'tell')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    await life.startWorker();
    await h.raise('High');
    const paused = await eventually(() => db().run.findFirst({ where: { flowId: flow.id, status: 'waiting' } }));
    expect(paused).toBeTruthy();
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { startsWith: 'Isolation' } } }), 30_000);
    expect(mail.subject).toBe('Isolation Succeeded');
    // The mail can arrive before the worker has recorded the run's end.
    const run = await eventually(() => db().run.findFirst({ where: { flowId: flow.id, status: { in: ['succeeded', 'failed'] } }, include: { steps: true } }));
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s) => s.nodeId === 'isolate')?.output).toMatchObject({ status: 'Succeeded' });
    expect(await h.calls('/isolate', 'POST')).toHaveLength(1);
  });
});

describe('wait until finished: every final status', () => {
  const simPost = (path: string, body: object, method = 'POST') =>
    fetch(`${life.h.sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** trigger → `step` (waiting) → an email that tells its status; switched on. */
  async function waitingFlow(type: string, params: Record<string, unknown>): Promise<string> {
    const h = life.h;
    const flow = await createFlow(null, {
      name: `Wait for ${type}`,
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
          buildNode('act', type, { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'c', waitUntilDone: true, ...params }),
          buildNode('tell', 'email.send', { connectionId: h.smtpId, to: 'soc@test.local', subject: 'Action {{ act.type }} {{ act.status }}', body: 'x' }),
        ],
        [buildEdge('trigger', 'act'), buildEdge('act', 'tell')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    return flow.id;
  }
  const finished = (flowId: string) => finishedRunOf(flowId);

  it('a non-isolate action (collect investigation package) that succeeds lets the run continue', async () => {
    await simPost('/_sim/config', { actionLatencyMs: 1500 }, 'PUT');
    const flowId = await waitingFlow('defender.collectInvestigationPackage', {});
    await life.startWorker();
    await life.h.raise('High');
    const run = await finished(flowId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s) => s.nodeId === 'act')?.output).toMatchObject({ type: 'CollectInvestigationPackage', status: 'Succeeded' });
    expect(await db().capturedEmail.findFirst({ where: { subject: 'Action CollectInvestigationPackage Succeeded' } })).not.toBeNull();
  });

  it.each([
    ['TimeOut', 'defender.runAntivirusScan', 'RunAntiVirusScan', { scanType: 'Quick' }],
    ['Failed', 'defender.restrictAppExecution', 'RestrictCodeExecution', {}],
  ] as const)('an action that ends %s fails the step with MachineAction<status>; the next step does not run', async (outcome, type, mdeType, params) => {
    await simPost('/_sim/config', { actionLatencyMs: 1500 }, 'PUT');
    await simPost('/_sim/action-outcomes', { type: mdeType, outcome });
    const flowId = await waitingFlow(type, params);
    await life.startWorker();
    await life.h.raise('High');
    const run = await finished(flowId);
    expect(run.status).toBe('failed');
    expect(run.steps.find((s) => s.nodeId === 'act')).toMatchObject({ status: 'failed', error: { code: `MachineAction${outcome}` }, output: null });
    expect(run.steps.find((s) => s.nodeId === 'tell')?.status).not.toBe('succeeded');
    expect(await db().capturedEmail.count()).toBe(0);
    expect((await (await fetch(`${life.h.sim.url}/_sim/actions`)).json()) as { status: string }[]).toEqual([expect.objectContaining({ type: mdeType, status: outcome })]);
  });

  it('an action cancelled while the step waits fails it with MachineActionCancelled', async () => {
    const flowId = await waitingFlow('defender.runAntivirusScan', { scanType: 'Full' });
    await life.startWorker();
    await life.h.raise('High');
    // The harness's actions take 60 s: the step is waiting on a Pending scan.
    const waiting = await eventually(() => db().stepRun.findFirst({ where: { run: { flowId }, nodeId: 'act', status: 'waiting' } }));
    const actionId = (waiting.output as { id: string }).id;
    await (await mdeClientFor(life.h.defenderId)).cancelMachineAction(actionId, 'Not needed');
    const run = await finished(flowId);
    expect(run.status).toBe('failed');
    expect(run.steps.find((s) => s.nodeId === 'act')).toMatchObject({ status: 'failed', error: { code: 'MachineActionCancelled' } });
  });
});
