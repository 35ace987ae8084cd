// "Wait until finished" on machine actions: the step pauses while Defender runs the action
// (polling soon, then less often), continues when it Succeeded, fails to its error branch when it
// Failed, and gives up at its deadline.
import { describe, expect, it } from 'vitest';
import { checkFlow } from '../flow/check';
import type { TExecutableGraph } from '../flow/schema';
import { createFakePorts, type FakeHandler } from '../testing/fake-ports';
import { TEST_DEFENDER_CONNECTION_ID as DEF, TEST_SMTP_CONNECTION_ID as SMTP, buildAlert, buildEdge, buildGraph, buildNode } from '../testing/builders';
import { executeRun } from './execute';
import { stepKey, type StepRecord } from './types';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const r = checkFlow(
  buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: DEF }),
      buildNode('isolate', 'defender.isolateMachine', { connectionId: DEF, machineId: 'm1', comment: 'c', waitUntilDone: true, waitTimeoutMinutes: 10 }),
      buildNode('next', 'email.send', { connectionId: SMTP, to: 'soc@x.test', subject: 'isolated: {{ isolate.status }}', body: 'b' }),
      buildNode('oops', 'email.send', { connectionId: SMTP, to: 'soc@x.test', subject: 'failed: {{ isolate.error.code }}', body: 'b' }),
    ],
    [buildEdge('trigger', 'isolate'), buildEdge('isolate', 'next'), buildEdge('isolate', 'oops', 'error')],
  ),
);
if (!r.ok) throw new Error(JSON.stringify(r.issues));
const graph: TExecutableGraph = r.graph;
const mail: FakeHandler = (p) => ({ messageId: '<m>', subject: p.subject });

async function step(previous: StepRecord[], at: number, status: string) {
  const ports = createFakePorts({ 'defender.isolateMachine': () => ({ id: 'act-1', type: 'Isolate', status }), 'email.send': mail }, at);
  const outcome = await executeRun({ graph, trigger: buildAlert(), previous: new Map(previous.map((s) => [stepKey(s.nodeId, s.iteration), s])), attempt: 1, finalAttempt: false, ports });
  const merged = new Map(previous.map((s) => [stepKey(s.nodeId, s.iteration), s]));
  for (const s of ports.steps) merged.set(stepKey(s.nodeId, s.iteration), s);
  return { outcome, ports, steps: [...merged.values()] };
}

describe('wait until finished', () => {
  it('pauses while the action runs, polls it, and continues once it succeeded', async () => {
    const first = await step([], T0, 'Pending');
    expect(first.outcome).toMatchObject({ status: 'waiting', nodeId: 'isolate' });
    expect((first.outcome as { resumeAt: Date }).resumeAt.getTime() - T0).toBeLessThanOrEqual(2_100);
    expect(first.steps.find((s) => s.nodeId === 'isolate')).toMatchObject({ status: 'waiting', output: { id: 'act-1', polls: 1 } });
    const second = await step(first.steps, T0 + 3_000, 'InProgress');
    expect(second.outcome.status).toBe('waiting');
    expect(second.ports.invocations[0]?.resume).toMatchObject({ id: 'act-1' });
    const third = await step(second.steps, T0 + 9_000, 'Succeeded');
    expect(third.outcome).toEqual({ status: 'succeeded' });
    expect(third.ports.invocations.map((i) => i.params.subject ?? i.nodeId)).toEqual(['isolate', 'isolated: Succeeded']);
  });

  it('fails to the error branch when the action failed', async () => {
    const first = await step([], T0, 'Pending');
    const done = await step(first.steps, T0 + 3_000, 'Failed');
    expect(done.outcome).toEqual({ status: 'succeeded' });
    expect(done.steps.find((s) => s.nodeId === 'isolate')).toMatchObject({ status: 'failed', error: { code: 'MachineActionFailed' } });
    expect(done.ports.invocations.map((i) => i.params.subject ?? i.nodeId)).toEqual(['isolate', 'failed: MachineActionFailed']);
  });

  it('gives up at its deadline', async () => {
    const first = await step([], T0, 'Pending');
    const late = await step(first.steps, T0 + 11 * 60_000, 'InProgress');
    expect(late.steps.find((s) => s.nodeId === 'isolate')).toMatchObject({ status: 'failed', error: { code: 'MachineActionTimedOut' } });
  });
});
