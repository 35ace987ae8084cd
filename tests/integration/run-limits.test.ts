// Flow-level run settings on a real worker: a concurrency limit of 1 runs a burst of alerts one
// at a time (no two runs of the flow overlap) and all of them finish; a run past its time limit
// ends timed out, its open approval closes and nothing after it runs.
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import type { TStepSettings } from '@/core/flow/step-settings';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';

// Each isolate answers 400 ms after Defender acted: a run takes at least that long.
const life = useHarness({ seedFlowOn: false, actionLatencyMs: 200, actionResponseDelayMs: 400 });

async function publishedFlow(name: string, trigger: TStepSettings, rest: { nodes: ReturnType<typeof buildNode>[]; edges: ReturnType<typeof buildEdge>[] }): Promise<string> {
  const flow = await createFlow(null, {
    name,
    graph: buildGraph([{ ...buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }), settings: trigger }, ...rest.nodes], rest.edges),
  });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

describe('run settings', () => {
  it('a concurrency limit of 1 runs a burst one at a time, and every run finishes', async () => {
    const flowId = await publishedFlow('One at a time', { concurrency: 1 }, {
      nodes: [buildNode('isolate', 'defender.isolateMachine', { connectionId: life.h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'c' })],
      edges: [buildEdge('trigger', 'isolate')],
    });
    const machines = ((await (await fetch(`${life.h.sim.url}/_sim/machines`)).json()) as { id: string }[]).slice(0, 4);
    for (const m of machines) {
      await fetch(`${life.h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High', machineId: m.id }) });
    }
    await life.startWorker({ concurrency: 10 });
    const runs = await eventually(async () => {
      const rs = await db().run.findMany({ where: { flowId }, include: { steps: true } });
      return rs.length === 4 && rs.every((r) => r.status === 'succeeded') ? rs : null;
    }, 40_000);
    // Each run's execution: from its isolate step's start to the run's end. None overlap.
    const spans = runs.map((r) => [r.steps.find((s) => s.nodeId === 'isolate')!.startedAt!.getTime(), r.finishedAt!.getTime()] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1] - 5);
  });

  it('a run past its time limit ends timed out and its approval closes', async () => {
    const flowId = await publishedFlow('Short-lived', { runTimeoutMinutes: 1 }, {
      nodes: [
        buildNode('ask', 'control.approval', { title: 'Isolate?', approvers: 'lead@test.local', timeoutHours: 24 }),
        buildNode('isolate', 'defender.isolateMachine', { connectionId: life.h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'c' }),
      ],
      edges: [buildEdge('trigger', 'ask'), buildEdge('ask', 'isolate', 'approved')],
    });
    await life.startWorker();
    await life.h.raise('High');
    const paused = await eventually(() => db().run.findFirst({ where: { flowId, status: 'waiting' } }));
    expect(paused.deadlineAt!.getTime() - paused.createdAt.getTime()).toBe(60_000);
    // Bring the deadline forward instead of waiting a minute.
    await db().run.update({ where: { id: paused.id }, data: { deadlineAt: new Date(Date.now() - 1000) } });
    const done = await eventually(async () => {
      const r = await db().run.findUniqueOrThrow({ where: { id: paused.id } });
      return r.status === 'timed_out' ? r : null;
    });
    expect(done.error).toMatchObject({ code: 'RunTimedOut' });
    // The approval closes right after the run's status changes (the same maintenance pass).
    await eventually(async () => (await db().approval.findFirstOrThrow({ where: { runId: paused.id } })).status === 'cancelled');
    expect(await life.h.calls('/isolate', 'POST')).toHaveLength(0);
  });
});
