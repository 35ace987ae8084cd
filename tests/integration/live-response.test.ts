// Live response and offboarding through the worker: a flow runs a library script on the alerted
// device, waits until it finished and reads its result link; a resumed run finds the live
// response or offboarding it sent (run marker in the comment) instead of sending it again.
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { mdeClientFor } from '@/worker/mde-clients';
import { runMarker } from '@/worker/actions';

const life = useHarness({ seedFlowOn: false, actionLatencyMs: 60_000 });

describe('live response in a flow', () => {
  it('runs the script with its arguments as data, waits until it finished, then gets the result link', async () => {
    const h = life.h;
    await fetch(`${h.sim.url}/_sim/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ actionLatencyMs: 1500 }) });
    const flow = await createFlow(null, {
      name: 'Triage script',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
          buildNode('script', 'defender.runLiveResponseScript', {
            connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'Alert {{ trigger.id }}',
            scriptName: 'collect-triage.ps1', args: '-Title "{{ trigger.title }}"', waitUntilDone: true,
          }),
          buildNode('link', 'defender.getLiveResponseResultLink', { connectionId: h.defenderId, actionId: '{{ script.id }}', index: 0 }),
        ],
        [buildEdge('trigger', 'script'), buildEdge('script', 'link')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    await life.startWorker();
    const alert = await h.raise('High');
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId: flow.id }, include: { steps: true } });
      return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
    }, 30_000);
    expect(run.status).toBe('succeeded');
    const [post] = await h.calls('/runliveresponse', 'POST');
    expect(post?.body).toEqual({
      Commands: [{ type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect-triage.ps1' }, { key: 'Args', value: `-Title "${alert.title}"` }] }],
      Comment: `Alert ${alert.id} ${runMarker(run.id)}`,
    });
    expect(run.steps.find((s) => s.nodeId === 'script')?.output).toMatchObject({ type: 'LiveResponse', status: 'Succeeded', commands: [{ commandStatus: 'Completed' }] });
    expect(run.steps.find((s) => s.nodeId === 'link')?.output).toMatchObject({ value: expect.stringMatching(/^https:\/\//) });
  });

  it('a resumed run finds the live response and the offboarding it sent but never recorded', async () => {
    const h = life.h;
    const flow = await createFlow(null, {
      name: 'Collect and offboard',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
          buildNode('file', 'defender.liveResponseGetFile', { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'c', path: 'C:\\Temp\\a.exe' }),
          buildNode('offboard', 'defender.offboardMachine', { connectionId: h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'c' }),
        ],
        [buildEdge('trigger', 'file'), buildEdge('file', 'offboard')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    const windows = ((await (await fetch(`${h.sim.url}/_sim/machines`)).json()) as { id: string; osPlatform: string }[]).find((m) => m.osPlatform.startsWith('Windows'))!;
    await fetch(`${h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High', machineId: windows.id }) });
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    const client = await mdeClientFor(h.defenderId);
    const marker = runMarker(runId);
    const { action: file } = await client.runLiveResponse(windows.id, { comment: `before the crash ${marker}`, commands: [{ type: 'GetFile', params: [{ key: 'Path', value: 'C:\\Temp\\a.exe' }] }] });
    const { action: offboard } = await client.startMachineAction(windows.id, 'offboard', { comment: `before the crash ${marker}` });
    await db().run.update({ where: { id: runId }, data: { status: 'running', attempts: 1 } });
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    expect(await h.calls('/runliveresponse', 'POST')).toHaveLength(1);
    expect(await h.calls('/offboard', 'POST')).toHaveLength(1);
    const steps = await db().stepRun.findMany({ where: { runId } });
    expect(steps.find((s) => s.nodeId === 'file')?.output).toMatchObject({ id: file.id, alreadyRequested: true });
    expect(steps.find((s) => s.nodeId === 'offboard')?.output).toMatchObject({ id: offboard.id, alreadyRequested: true });
  });
});
