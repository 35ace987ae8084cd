// Cancel, resubmit, retry from the failed step, bulk resubmit and the reaper, on real Postgres,
// Redis, simulator and SMTP: what a SOC engineer does to runs after the fact.
import { describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eventually, flushQueues } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import type { Principal } from '@/server/auth/roles';
import { pollConnection } from '@/worker/poll-alerts';
import { reconcileRuns } from '@/worker/reconcile';
import { QUEUES } from '@/server/queue/queues';
import { signalRunsQueued } from '@/server/queue/run-signals';
import { bulkResubmitRuns, cancelRun, resubmitRun, retryRunFromFailure } from '@/server/services/run-actions';
import { createFlow, getFlow, publishFlow, setFlowEnabled, updateDraft } from '@/server/services/flows';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { ServiceError } from '@/server/services/errors';

const editor: Principal = { userId: '00000000-0000-4000-8000-00000000e001', email: 'editor@test.local', role: 'editor', via: 'session' };

const life = useHarness();

const startTestWorker = async () => {
  await life.startWorker({ pollIntervalSeconds: 3600 });
};
const runById = (id: string) => db().run.findUniqueOrThrow({ where: { id }, include: { steps: true } });
const finished = (id: string) =>
  eventually(async () => {
    const r = await runById(id);
    return ['succeeded', 'failed', 'cancelled', 'timed_out'].includes(r.status) ? r : null;
  });
const stepStatus = (run: { steps: { nodeId: string; status: string }[] }) => Object.fromEntries(run.steps.map((s) => [s.nodeId, s.status]));

async function fault(body: Record<string, unknown>): Promise<void> {
  await fetch(`${life.h.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Raises an alert and returns its run, whether our poll or the running worker's poll made it. */
async function oneQueuedRun(severity: 'High' | 'Low' = 'High'): Promise<string> {
  const alert = await life.h.raise(severity);
  // Like the poll job: enqueue after commit (a worker, when running, may have polled first).
  await signalRunsQueued((await pollConnection(life.h.defenderId, { overlapSeconds: 120 })).runIds);
  const run = await eventually(() => db().run.findFirst({ where: { flowId: life.h.flowId, alertId: alert.id }, select: { id: true } }));
  return run.id;
}

async function expectServiceError(p: Promise<unknown>, status: number, code: string): Promise<void> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ServiceError);
  expect((e as ServiceError).status).toBe(status);
  expect((e as ServiceError).code).toBe(code);
}

describe('cancel', () => {
  it('cancels a queued run: it never runs, the cancel is audited, a second cancel is refused', async () => {
    const runId = await oneQueuedRun();
    await expect(cancelRun(editor, runId)).resolves.toEqual({ id: runId, status: 'cancelled' });
    await startTestWorker();
    // Give the worker time to pick the job up if it had (wrongly) stayed in the queue.
    await new Promise((r) => setTimeout(r, 1500));
    const run = await runById(runId);
    expect(run.status).toBe('cancelled');
    expect(run.error).toMatchObject({ code: 'Cancelled', message: 'Cancelled by editor@test.local' });
    expect(run.steps).toHaveLength(0);
    // No step ran: the alert was never fetched by id.
    expect(await life.h.calls('/api/alerts/', 'GET')).toHaveLength(0);
    expect(await life.h.calls('/isolate', 'POST')).toHaveLength(0);
    const audit = await db().auditEvent.findMany({ where: { action: 'run.cancel', targetId: runId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorEmail).toBe('editor@test.local');
    await expectServiceError(cancelRun(editor, runId), 409, 'RunFinished');
  });

  it('stops a running run before its next step: get alert ran, isolate never did', async () => {
    // The get-alert call answers 503 once with Retry-After 2 s: the step is in flight while we cancel.
    await fault({ path: '/api/alerts/', method: 'GET', status: 503, retryAfterSeconds: 2, times: 1 });
    const runId = await oneQueuedRun();
    await startTestWorker();
    await eventually(async () => ((await runById(runId)).status === 'running' ? true : null));
    await cancelRun(editor, runId);
    const run = await finished(runId);
    expect(run.status).toBe('cancelled');
    // The in-flight step finished and was recorded; nothing after it started.
    await eventually(async () => (stepStatus(await runById(runId)).get_alert === 'succeeded' ? true : null));
    expect(stepStatus(await runById(runId)).isolate).not.toBe('succeeded');
    expect(await life.h.calls('/isolate', 'POST')).toHaveLength(0);
    expect((await runById(runId)).status).toBe('cancelled');
  });

  it('refuses an unknown run with 404', async () => {
    await expectServiceError(cancelRun(editor, '00000000-0000-4000-8000-000000000bad'), 404, 'NotFound');
  });
});

describe('resubmit', () => {
  it('resubmits on the same version: a new run with the same trigger data and lineage', async () => {
    await startTestWorker();
    const original = await finished(await oneQueuedRun('Low'));
    expect(original.status).toBe('succeeded');
    const { id } = await resubmitRun(editor, original.id, { version: 'same' });
    const again = await finished(id);
    expect(again.status).toBe('succeeded');
    expect(again.flowVersionId).toBe(original.flowVersionId);
    expect(again.triggerData).toEqual(original.triggerData);
    expect(again.resubmittedFromId).toBe(original.id);
    expect(again.startedById).toBe(editor.userId);
    expect(again.alertId).toBeNull();
    expect(again.summary).toEqual(original.summary);
  });

  it('resubmits on the latest published version when asked', async () => {
    await startTestWorker();
    const original = await finished(await oneQueuedRun('Low'));
    const flow = await getFlow(life.h.flowId);
    await updateDraft(null, life.h.flowId, { graph: flow.graph, name: 'Renamed', baseVersion: flow.draftVersion });
    const v2 = await publishFlow(null, life.h.flowId);
    const { id } = await resubmitRun(editor, original.id, { version: 'latest' });
    const again = await finished(id);
    expect(again.status).toBe('succeeded');
    expect(again.flowVersionId).not.toBe(original.flowVersionId);
    expect(again.flowVersionId).toBe((await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId } })).publishedVersionId);
    expect(v2).toBeTruthy();
    await expectServiceError(resubmitRun(editor, original.id, { version: 'newest' }), 400, 'BadRequest');
  });

  it('bulk-resubmits the runs it finds and says which it skipped', async () => {
    await startTestWorker();
    const a = await finished(await oneQueuedRun('Low'));
    const b = await finished(await oneQueuedRun('Low'));
    const missing = '00000000-0000-4000-8000-00000000beef';
    const result = await bulkResubmitRuns(editor, { runIds: [a.id, b.id, missing] });
    expect(result.created.map((c) => c.resubmittedFromId).sort()).toEqual([a.id, b.id].sort());
    expect(result.skipped).toEqual([{ runId: missing, reason: 'not found' }]);
    for (const c of result.created) expect((await finished(c.id)).status).toBe('succeeded');
    await expectServiceError(bulkResubmitRuns(editor, { runIds: [] }), 400, 'BadRequest');
  });
});

describe('retry from the failed step', () => {
  it('keeps the steps that succeeded and runs from the one that failed', async () => {
    // Isolate fails permanently once (403), so the run fails at that step.
    await fault({ path: '/isolate', method: 'POST', status: 403, code: 'Forbidden', message: 'Missing Machine.Isolate', times: 1 });
    await startTestWorker();
    const failed = await finished(await oneQueuedRun('High'));
    expect(failed.status).toBe('failed');
    expect(stepStatus(failed)).toMatchObject({ get_alert: 'succeeded', is_high: 'succeeded', isolate: 'failed' });
    const getAlertCalls = (await life.h.calls('/api/alerts/', 'GET')).length;

    const { id, reusedSteps } = await retryRunFromFailure(editor, failed.id);
    expect(reusedSteps).toBe(3); // trigger, get_alert, is_high
    const retried = await finished(id);
    expect(retried.status).toBe('succeeded');
    expect(stepStatus(retried)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'succeeded', notify_soc: 'succeeded' });
    // The alert was not fetched again: the recorded get_alert output was reused.
    expect((await life.h.calls('/api/alerts/', 'GET')).length).toBe(getAlertCalls);
    expect(await life.h.calls('/isolate', 'POST')).toHaveLength(2);
    expect(retried.resubmittedFromId).toBe(failed.id);
    await expectServiceError(retryRunFromFailure(editor, id), 409, 'NotRetryable');
  });
});

/** trigger → the given machine ids → for each (one at a time) → tag the item's machine. */
async function tagEachFlow(machineIds: string[]): Promise<string> {
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
      buildNode('targets', 'control.compose', { value: machineIds }),
      buildNode('loop', 'control.forEach', { items: '{{ targets.value }}', concurrency: 1 }),
      buildNode('tag', 'defender.tagMachine', { connectionId: life.h.defenderId, machineId: '{{ loop.item }}', tag: 'riposte-contained', action: 'Add' }),
    ],
    [buildEdge('trigger', 'targets'), buildEdge('targets', 'loop'), buildEdge('loop', 'tag', 'each')],
  );
  const flow = await createFlow(null, { name: 'Tag each target', graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

describe('retry from the failed step inside a for each', () => {
  it('reuses the items already done (no second Defender call) and runs only the rest', async () => {
    // Only this test's flow listens to the simulator's alerts.
    await setFlowEnabled(null, life.h.flowId, false);
    const machines = ((await (await fetch(`${life.h.sim.url}/_sim/machines`)).json()) as { id: string }[]).slice(0, 4).map((m) => m.id);
    expect(new Set(machines).size).toBe(4);
    const flowId = await tagEachFlow(machines);
    // The third item's tag call is refused once (403: permanent), so the loop stops at item index 2.
    const third = `/api/machines/${machines[2]}/tags`;
    await fault({ path: third, method: 'POST', status: 403, code: 'Forbidden', message: 'Missing Machine.ReadWrite.All', times: 1 });
    await startTestWorker();
    await life.h.raise('Medium');
    await signalRunsQueued((await pollConnection(life.h.defenderId, { overlapSeconds: 120 })).runIds);
    const first = await eventually(() => db().run.findFirst({ where: { flowId }, select: { id: true } }));
    const failed = await finished(first.id);
    expect(failed.status).toBe('failed');
    const tagRows = (run: { steps: { nodeId: string; iteration: string; status: string }[] }) =>
      Object.fromEntries(run.steps.filter((s) => s.nodeId === 'tag').map((s) => [s.iteration, s.status]));
    expect(tagRows(failed)).toEqual({ '0': 'succeeded', '1': 'succeeded', '2': 'failed' });
    const doneBefore = failed.steps.filter((s) => s.nodeId === 'tag' && s.status === 'succeeded');

    const { id, reusedSteps } = await retryRunFromFailure(editor, failed.id);
    expect(reusedSteps).toBe(4); // trigger, targets and the two items done
    const retried = await finished(id);
    expect(retried.status).toBe('succeeded');
    expect(tagRows(retried)).toEqual({ '0': 'succeeded', '1': 'succeeded', '2': 'succeeded', '3': 'succeeded' });
    // The items done before are the original's rows, carried over as they were (not run again).
    for (const before of doneBefore) {
      const after = retried.steps.find((s) => s.nodeId === 'tag' && s.iteration === before.iteration);
      expect(after).toMatchObject({ output: before.output, startedAt: before.startedAt, finishedAt: before.finishedAt, seq: before.seq });
    }
    const loop = retried.steps.find((s) => s.nodeId === 'loop');
    expect((loop?.output as { count: number }).count).toBe(4);
    // One Defender tag call per item; the third's second call is the retry after its 403.
    const callsTo = async (machineId: string) => (await life.h.calls(`/api/machines/${machineId}/tags`, 'POST')).map((c) => c.status);
    expect(await callsTo(machines[0]!)).toEqual([200]);
    expect(await callsTo(machines[1]!)).toEqual([200]);
    expect(await callsTo(machines[2]!)).toEqual([403, 200]);
    expect(await callsTo(machines[3]!)).toEqual([200]);
  });
});

describe('reaper', () => {
  it('ends a run that was started too often without finishing, and re-enqueues the rest', async () => {
    const poison = await oneQueuedRun('Low');
    const lost = await oneQueuedRun('Low');
    // Both lost their jobs (a Redis flush); one of them has already been started 20 times.
    await flushQueues();
    await db().run.update({ where: { id: poison }, data: { status: 'running', attempts: 20 } });
    await db().run.update({ where: { id: lost }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await db().run.update({ where: { id: poison }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX });
    try {
      const result = await reconcileRuns(queue, { olderThanMs: 5000 });
      expect(result.reaped).toEqual([poison]);
      expect(result.requeued).toEqual([lost]);
      const reaped = await runById(poison);
      expect(reaped.status).toBe('failed');
      expect(reaped.error).toMatchObject({ code: 'Abandoned' });
      expect(await queue.getJobState(lost)).not.toBe('unknown');
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});
