// Deduplicate on real Postgres: one claim per key and flow within the window (also under a race),
// the claiming run keeps its claim on resume, keys expire and are pruned; end to end, a second
// alert on the same machine is a duplicate and sends nothing.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { claimDedupKey, pruneDedupKeys } from '@/server/services/dedup';

const life = useHarness({ seedFlowOn: false }, async () => {
  await db().dedupKey.deleteMany();
});

describe('dedup keys', () => {
  it('one run claims a key per flow within the window; the claimer keeps it; it expires', async () => {
    const flowId = life.h.flowId;
    const [a, b] = [randomUUID(), randomUUID()];
    const t0 = new Date();
    expect(await claimDedupKey({ flowId, runId: a, key: 'm-1', windowMinutes: 10 }, t0)).toMatchObject({ duplicate: false, firstRunId: a });
    // The same run again (a retry or a resume after a crash): still its own, not a duplicate.
    expect((await claimDedupKey({ flowId, runId: a, key: 'm-1', windowMinutes: 10 }, t0)).duplicate).toBe(false);
    expect(await claimDedupKey({ flowId, runId: b, key: 'm-1', windowMinutes: 10 }, t0)).toMatchObject({ duplicate: true, firstRunId: a });
    // Another key, or another flow, is independent.
    expect((await claimDedupKey({ flowId, runId: b, key: 'm-2', windowMinutes: 10 }, t0)).duplicate).toBe(false);
    const later = new Date(t0.getTime() + 11 * 60_000);
    expect(await claimDedupKey({ flowId, runId: b, key: 'm-1', windowMinutes: 10 }, later)).toMatchObject({ duplicate: false, firstRunId: b });
    expect(await pruneDedupKeys(new Date(later.getTime() + 11 * 60_000))).toBe(2);
    expect(await db().dedupKey.count()).toBe(0);
  });

  it('lets exactly one of many concurrent runs claim a key', async () => {
    const runs = Array.from({ length: 12 }, () => randomUUID());
    const outcomes = await Promise.all(runs.map((runId) => claimDedupKey({ flowId: life.h.flowId, runId, key: 'same', windowMinutes: 5 })));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
  });

  it('end to end: a second alert on the same machine sends nothing and still succeeds', async () => {
    const flow = await createFlow(null, {
      name: 'Once per machine',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
          buildNode('once', 'control.deduplicate', { key: '{{ trigger.machineId }}', windowMinutes: 60 }),
          buildNode('tell', 'email.send', { connectionId: life.h.smtpId, to: 'soc@test.local', subject: 'First alert on {{ trigger.computerDnsName }}', body: '{{ trigger.id }}' }),
        ],
        [buildEdge('trigger', 'once'), buildEdge('once', 'tell')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    const machineId = ((await (await fetch(`${life.h.sim.url}/_sim/machines`)).json()) as { id: string }[])[0]!.id;
    const raise = () => fetch(`${life.h.sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity: 'High', machineId }) });
    await raise();
    await raise();
    await life.startWorker();
    const runs = await eventually(async () => {
      const rs = await db().run.findMany({ where: { flowId: flow.id }, include: { steps: true } });
      return rs.length === 2 && rs.every((r) => r.status === 'succeeded') ? rs : null;
    });
    const outputs = runs.map((r) => r.steps.find((s) => s.nodeId === 'once')?.output as { duplicate: boolean });
    expect(outputs.map((o) => o.duplicate).sort()).toEqual([false, true]);
    expect(await db().capturedEmail.count({ where: { subject: { startsWith: 'First alert on' } } })).toBe(1);
  });
});
