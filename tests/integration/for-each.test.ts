// For each on real parts: a compose'd list looped with concurrency 5, each item reading Defender
// (simulator) and sending a real email (SMTP capture); one StepRun row per item per body step,
// results in item order, and a resumed run that never repeats an item that already succeeded.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { pollConnection } from '@/worker/poll-alerts';
import { executeRunById } from '@/worker/execute-run';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { getRun } from '@/server/services/runs';
import { sampleOutputs } from '@/server/services/flow-versions';
import { closeMailTransports } from '@/server/mail/mailer';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { signalConnectionChanged } from '@/server/queue/connection-changes';

let h: Harness;
let worker: WorkerHandle | null = null;
const ITEMS = Array.from({ length: 8 }, (_, i) => `item-${i}`);

beforeEach(async () => {
  await flushQueues();
  // Loops read Defender once per item: more than MDE's published 100 calls/min in one test.
  h = await startHarness({ connectionRateLimits: { rateLimits: { alerts: { perMinute: 100_000, perHour: 1_000_000 } } } });
  // Only the loop flow listens to the simulator's alerts in these tests.
  await db().flow.update({ where: { id: h.flowId }, data: { enabled: false } });
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

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | null = null;

afterEach(() => {
  if (child !== null && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

async function loopFlow(items: string[] = ITEMS, concurrency = 5): Promise<string> {
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: h.defenderId }),
      buildNode('targets', 'control.compose', { value: items }),
      buildNode('loop', 'control.forEach', { items: '{{ targets.value }}', concurrency }),
      buildNode('get_item', 'defender.getAlert', { connectionId: h.defenderId, alertId: '{{ trigger.id }}' }),
      buildNode('mail_item', 'email.send', {
        connectionId: h.smtpId,
        to: 'soc@test.local',
        subject: 'Item {{ loop.index }}: {{ loop.item }} ({{ get_item.severity }})',
        body: 'Alert {{ get_item.id }}',
      }),
      buildNode('summary', 'email.send', {
        connectionId: h.smtpId,
        to: 'soc@test.local',
        subject: 'Done: {{ loop.count }} items',
        body: 'Last: {{ loop.results[7].item }}, count {{ loop.count }}',
      }),
    ],
    [
      buildEdge('trigger', 'targets'),
      buildEdge('targets', 'loop'),
      buildEdge('loop', 'get_item', 'each'),
      buildEdge('get_item', 'mail_item'),
      buildEdge('loop', 'summary', 'done'),
    ],
  );
  const flow = await createFlow(null, { name: 'Loop over targets', graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

async function newRun(): Promise<string> {
  await h.raise('Medium');
  const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
  expect(runIds).toHaveLength(1);
  return runIds[0]!;
}

const stepsOf = (runId: string) => db().stepRun.findMany({ where: { runId }, orderBy: [{ seq: 'asc' }, { iteration: 'asc' }] });

describe('for each (integration)', () => {
  it('runs 8 items with concurrency 5 on the worker: one row per item per body step, results in order', async () => {
    const flowId = await loopFlow();
    worker = await startWorker({ pollIntervalSeconds: 1, maintenanceEveryMs: 500, log: () => undefined });
    await h.raise('High');
    const run = await eventually(async () => {
      const r = await db().run.findFirst({ where: { flowId } });
      return r !== null && r.status !== 'queued' && r.status !== 'running' ? r : null;
    });
    expect(run.status).toBe('succeeded');
    const steps = await stepsOf(run.id);
    for (const nodeId of ['get_item', 'mail_item']) {
      const rows = steps.filter((s) => s.nodeId === nodeId);
      expect(rows.map((s) => s.iteration).sort((a, b) => Number(a) - Number(b))).toEqual(ITEMS.map((_, i) => String(i)));
      expect(rows.every((s) => s.status === 'succeeded')).toBe(true);
    }
    const loop = steps.find((s) => s.nodeId === 'loop')!;
    expect(loop.iteration).toBe('');
    const output = loop.output as { count: number; results: { index: number; item: string; status: string; outputs: { mail_item: { accepted: string[] } } }[] };
    expect(output.count).toBe(8);
    expect(output.results.map((r) => [r.index, r.item, r.status])).toEqual(ITEMS.map((item, i) => [i, item, 'succeeded']));
    expect(output.results[3]!.outputs.mail_item.accepted).toEqual(['soc@test.local']);

    const mails = await db().capturedEmail.findMany();
    expect(mails.map((m) => m.subject).sort()).toEqual([...ITEMS.map((item, i) => `Item ${i}: ${item} (High)`), 'Done: 8 items'].sort());
    expect(mails.find((m) => m.subject === 'Done: 8 items')?.text).toContain('Last: item-7');

    // Run detail returns every per-item step with its iteration.
    const detail = await getRun(run.id);
    expect(detail.steps.filter((s) => s.nodeId === 'mail_item').map((s) => s.iteration).sort()).toEqual(ITEMS.map((_, i) => String(i)).sort());

    // The token picker's samples: the first item's outputs, and the loop's item/index.
    const samples = await sampleOutputs(flowId);
    expect(samples.loop).toMatchObject({ item: 'item-0', index: 0, count: 8 });
    expect((samples.mail_item as { accepted: string[] }).accepted).toEqual(['soc@test.local']);
  });

  it('a retried run skips items whose body already succeeded: no item emailed or read twice', async () => {
    await loopFlow();
    const runId = await newRun();
    // Items 0–4 read Defender; then every email fails transiently (SMTP unreachable).
    await db().connection.update({ where: { id: h.smtpId }, data: { config: { host: '127.0.0.1', port: 1, secure: false, from: 'x@test.local' } } });
    await signalConnectionChanged(h.smtpId); // workers cache connections
    await expect(executeRunById(runId, { finalAttempt: false, resumed: false })).rejects.toThrow(/SmtpUnavailable/);
    const mid = await stepsOf(runId);
    const readFirst = mid.filter((s) => s.nodeId === 'get_item' && s.status === 'succeeded').map((s) => s.iteration);
    expect(readFirst.length).toBeGreaterThan(0);
    expect(mid.some((s) => s.nodeId === 'loop')).toBe(false);
    const getsBefore = (await h.calls('/api/alerts/', 'GET')).length;

    await db().connection.update({ where: { id: h.smtpId }, data: { config: { host: '127.0.0.1', port: h.smtp.port, secure: false, from: 'x@test.local' } } });
    await signalConnectionChanged(h.smtpId); // workers cache connections
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    const getsAfter = (await h.calls('/api/alerts/', 'GET')).length;
    // Only the items that had not read Defender yet read it now.
    expect(getsAfter - getsBefore).toBe(ITEMS.length - readFirst.length);
    const mails = await db().capturedEmail.findMany();
    expect(mails).toHaveLength(ITEMS.length + 1);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(ITEMS.length + 1);
    const done = await stepsOf(runId);
    expect(done.filter((s) => s.nodeId === 'mail_item' && s.status === 'succeeded')).toHaveLength(ITEMS.length);
  });

  it('kill -9 of the worker mid-loop: the resumed run finishes every item; no succeeded item runs again', async () => {
    const items = Array.from({ length: 150 }, (_, i) => `item-${i}`);
    await loopFlow(items, 1);
    // One process (tsx as a loader, not its CLI, which would run the worker in a grandchild that
    // survives the kill).
    child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: root,
      env: { ...process.env, POLL_INTERVAL_SECONDS: '1', WORKER_CONCURRENCY: '5' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    await h.raise('Medium');
    // Kill it hard once a few items have emailed (each email is checkpointed before the next item).
    await eventually(async () => (await db().capturedEmail.count()) >= 10, 60_000, 10);
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => child?.once('exit', () => resolve()));
    const run = await db().run.findFirstOrThrow({ where: { flow: { name: 'Loop over targets' } } });
    expect(run.status).toBe('running');
    const sentBefore = (await db().capturedEmail.findMany()).map((m) => m.subject);
    const recordedBefore = await db().stepRun.findMany({ where: { runId: run.id, nodeId: 'mail_item', status: 'succeeded' } });
    expect(recordedBefore.length).toBeLessThan(items.length);
    // At most the one email in flight at the kill was sent without being recorded.
    expect(sentBefore.length - recordedBefore.length).toBeGreaterThanOrEqual(0);
    expect(sentBefore.length - recordedBefore.length).toBeLessThanOrEqual(1);

    // The job is retried (here in-process, as BullMQ would after the lock expires).
    await flushQueues();
    await expect(executeRunById(run.id, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    const subjects = (await db().capturedEmail.findMany()).map((m) => m.subject);
    const perItem = subjects.filter((s) => s.startsWith('Item '));
    // Every item emailed; items recorded before the kill exactly once.
    expect(new Set(perItem).size).toBe(items.length);
    for (const row of recordedBefore) {
      const subject = (row.output as { messageId: string } | null) === null ? '' : `Item ${row.iteration}: item-${row.iteration} (Medium)`;
      expect(perItem.filter((s) => s === subject)).toHaveLength(1);
    }
    expect(perItem.length).toBeLessThanOrEqual(items.length + 1);
    const steps = await stepsOf(run.id);
    expect(steps.filter((s) => s.nodeId === 'mail_item' && s.status === 'succeeded')).toHaveLength(items.length);
    const loop = steps.find((s) => s.nodeId === 'loop')!;
    expect((loop.output as { results: { item: string }[] }).results.map((r) => r.item)).toEqual(items);
    expect(subjects.filter((s) => s === 'Done: 150 items')).toHaveLength(1);
  });
});
