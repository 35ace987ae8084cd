// A step's timeout and retry policy on real parts: an isolate whose answer comes after the step's
// timeout fails that try, the retry finds the isolation Defender already carried out (the run
// marker) and does not isolate again; with "no retries" the step fails at once to its error branch.
import { describe, expect, it } from 'vitest';
import { eventually, finishedRunOf } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import type { TStepSettings } from '@/core/flow/step-settings';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';

// Defender carries the isolation out at once but answers 2.5 s later.
const life = useHarness({ seedFlowOn: false, actionLatencyMs: 500, actionResponseDelayMs: 2500 });

async function isolateFlow(settings: TStepSettings): Promise<string> {
  const flow = await createFlow(null, {
    name: 'Isolate with a short timeout',
    graph: buildGraph(
      [
        buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
        { ...buildNode('isolate', 'defender.isolateMachine', { connectionId: life.h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'Contain {{ trigger.id }}' }), settings },
        buildNode('tell', 'email.send', { connectionId: life.h.smtpId, to: 'soc@test.local', subject: 'Isolation failed: {{ isolate.error.code }}', body: '{{ isolate.error.message }}' }),
      ],
      [buildEdge('trigger', 'isolate'), buildEdge('isolate', 'tell', 'error')],
    ),
  });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

const finished = (flowId: string) => finishedRunOf(flowId);

describe('step timeout and retry policy', () => {
  it('a timed-out isolate is retried and reconciled, not sent twice', async () => {
    const flowId = await isolateFlow({ timeoutSeconds: 1, retry: { mode: 'fixed', count: 2, intervalSeconds: 1 } });
    await life.startWorker();
    await life.h.raise('High');
    const run = await finished(flowId);
    expect(run.status).toBe('succeeded');
    const step = run.steps.find((s) => s.nodeId === 'isolate')!;
    expect(step.status).toBe('succeeded');
    expect(step.attempt).toBe(2);
    expect(step.output).toMatchObject({ alreadyRequested: true });
    const actions = (await (await fetch(`${life.h.sim.url}/_sim/actions`)).json()) as { type: string }[];
    expect(actions.filter((a) => a.type === 'Isolate')).toHaveLength(1);
    expect(run.steps.find((s) => s.nodeId === 'tell')?.status).toBe('skipped');
  });

  it('with no retries a timeout fails the step at once and the error branch runs', async () => {
    const flowId = await isolateFlow({ timeoutSeconds: 1, retry: { mode: 'none' } });
    await life.startWorker();
    await life.h.raise('High');
    const run = await finished(flowId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.find((s) => s.nodeId === 'isolate')).toMatchObject({ status: 'failed', error: { code: 'ActionTimedOut' } });
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { startsWith: 'Isolation failed' } } }));
    expect(mail.subject).toBe('Isolation failed: ActionTimedOut');
    expect(mail.text).toContain('did not finish within 1 s');
  });
});
