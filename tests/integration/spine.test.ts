// The spine end to end on real parts: poller → Postgres → BullMQ worker → simulator → SMTP.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { pollConnection } from '@/worker/poll-alerts';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';
import { executeRunById } from '@/worker/execute-run';
import { publishFlow, updateDraft, getFlow } from '@/server/services/flows';
import { ServiceError } from '@/server/services/errors';
import { closeMailTransports } from '@/server/mail/mailer';
import { signalConnectionChanged } from '@/server/queue/connection-changes';

let h: Harness;
let worker: WorkerHandle | null = null;

beforeEach(async () => {
  await flushQueues();
  h = await startHarness();
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

const runsOf = (flowId: string) => db().run.findMany({ where: { flowId }, include: { steps: true }, orderBy: { createdAt: 'asc' } });
const stepStatus = (run: { steps: { nodeId: string; status: string }[] }) =>
  Object.fromEntries(run.steps.map((s) => [s.nodeId, s.status]));

describe('alert poller', () => {
  it('creates one run for an alert however often it is polled', async () => {
    const alert = await h.raise('High');
    const first = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    const second = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(first.runIds).toHaveLength(1);
    expect(second.runIds).toHaveLength(0);
    const runs = await runsOf(h.flowId);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.alertId).toBe(alert.id);
    expect(runs[0]?.status).toBe('queued');
    const cursor = await db().alertCursor.findUniqueOrThrow({ where: { connectionId: h.defenderId } });
    expect(cursor.watermark.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('creates no run for a flow that is switched off', async () => {
    await db().flow.update({ where: { id: h.flowId }, data: { enabled: false } });
    await h.raise('High');
    const result = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(result.newAlerts).toBe(1);
    expect(result.runIds).toHaveLength(0);
  });
});

describe('run execution', () => {
  it('isolates and emails for a High alert and takes the "no" branch for a Low one', async () => {
    worker = await startWorker({ pollIntervalSeconds: 1, maintenanceEveryMs: 500, log: () => undefined });
    const high = await h.raise('High');
    const low = await h.raise('Low');
    const runs = await eventually(async () => {
      const rs = await runsOf(h.flowId);
      return rs.length === 2 && rs.every((r) => r.status === 'succeeded') ? rs : null;
    });
    const highRun = runs.find((r) => r.alertId === high.id)!;
    const lowRun = runs.find((r) => r.alertId === low.id)!;
    expect(stepStatus(highRun)).toEqual({ trigger: 'succeeded', get_alert: 'succeeded', is_high: 'succeeded', isolate: 'succeeded', notify_soc: 'succeeded' });
    expect(stepStatus(lowRun)).toMatchObject({ is_high: 'succeeded', isolate: 'skipped', notify_soc: 'skipped' });
    expect(lowRun.steps.find((s) => s.nodeId === 'is_high')?.output).toMatchObject({ result: false });

    const isolateCalls = await h.calls('/isolate', 'POST');
    expect(isolateCalls).toHaveLength(1);
    expect(isolateCalls[0]?.path).toContain(high.machineId);
    expect(isolateCalls[0]?.body).toMatchObject({ IsolationType: 'Full' });

    const mails = await eventually(async () => {
      const m = await db().capturedEmail.findMany();
      return m.length > 0 ? m : null;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toContain('soc@test.local');
    expect(mails[0]?.subject).toContain(high.title);
    // Resolved inputs are recorded; a step records its output and timings.
    const iso = highRun.steps.find((s) => s.nodeId === 'isolate')!;
    expect(iso.input).toMatchObject({ machineId: high.machineId, isolationType: 'Full' });
    expect(iso.startedAt).not.toBeNull();
  });

  it('does not isolate again when a job is retried after the isolate step succeeded', async () => {
    await h.raise('High');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    const runId = runIds[0]!;
    // The email step fails transiently: SMTP is unreachable, so the run must be retried.
    await db().connection.update({ where: { id: h.smtpId }, data: { config: { host: '127.0.0.1', port: 1, secure: false, from: 'x@test.local' } } });
    await signalConnectionChanged(h.smtpId); // workers cache connections
    await expect(executeRunById(runId, { finalAttempt: false, resumed: false })).rejects.toThrow(/SmtpUnavailable/);
    const mid = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(stepStatus(mid)).toMatchObject({ isolate: 'succeeded' });
    expect(mid.status).toBe('running');

    await db().connection.update({ where: { id: h.smtpId }, data: { config: { host: '127.0.0.1', port: h.smtp.port, secure: false, from: 'x@test.local' } } });
    await signalConnectionChanged(h.smtpId); // workers cache connections
    await expect(executeRunById(runId, { finalAttempt: false, resumed: true })).resolves.toBe('succeeded');
    expect(await h.calls('/isolate', 'POST')).toHaveLength(1);
    const done = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(stepStatus(done)).toMatchObject({ isolate: 'succeeded', notify_soc: 'succeeded' });
  });

  it('re-enqueues runs that Postgres holds but Redis lost, and every run completes', async () => {
    await h.raise('High');
    await h.raise('Low');
    await h.raise('Medium');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    expect(runIds).toHaveLength(3);
    // The runs were committed but never enqueued (as if Redis was flushed right after).
    await flushQueues();
    await db().run.updateMany({ where: { id: { in: runIds } }, data: { createdAt: new Date(Date.now() - 60_000) } });
    worker = await startWorker({ pollIntervalSeconds: 60, maintenanceEveryMs: 300, log: () => undefined });
    await eventually(async () => (await db().run.count({ where: { id: { in: runIds }, status: 'succeeded' } })) === 3);
  });

  it('retries a 429 from Defender after Retry-After', async () => {
    await h.raise('Low');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    await fetch(`${h.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/alerts/', method: 'GET', status: 429, code: 'TooManyRequests', retryAfterSeconds: 1, times: 1 }),
    });
    await expect(executeRunById(runIds[0]!, { finalAttempt: false, resumed: false })).resolves.toBe('succeeded');
    const gets = (await h.calls('/api/alerts/', 'GET')).filter((c) => !c.path.endsWith('/api/alerts'));
    expect(gets.map((c) => c.status)).toEqual([429, 200]);
    expect(new Date(gets[1]!.at).getTime() - new Date(gets[0]!.at).getTime()).toBeGreaterThanOrEqual(900);
  });
});

describe('failures', () => {
  const fault = (body: Record<string, unknown>) =>
    fetch(`${h.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('fails the run at once on a permanent Defender error and records it on the step', async () => {
    await h.raise('High');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    await fault({ path: '/api/alerts/', method: 'GET', status: 404, code: 'ResourceNotFound', times: 5 });
    await expect(executeRunById(runIds[0]!, { finalAttempt: false, resumed: false })).resolves.toBe('failed');
    const run = await db().run.findUniqueOrThrow({ where: { id: runIds[0]! }, include: { steps: true } });
    expect(run.error).toMatchObject({ nodeId: 'get_alert', code: 'ResourceNotFound' });
    expect(stepStatus(run)).toMatchObject({ get_alert: 'failed', is_high: 'skipped', isolate: 'skipped', notify_soc: 'skipped' });
    expect(run.finishedAt).not.toBeNull();
    expect(await h.calls('/isolate', 'POST')).toHaveLength(0);
  });

  it('treats a malformed Defender response as a clear step error, and gives up on the last attempt', async () => {
    await h.raise('High');
    const { runIds } = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    await fault({ path: '/api/alerts/', method: 'GET', status: 200, rawBody: '{"id": ', times: 1 });
    await expect(executeRunById(runIds[0]!, { finalAttempt: false, resumed: false })).resolves.toBe('failed');
    const run = await db().run.findUniqueOrThrow({ where: { id: runIds[0]! } });
    expect(run.error).toMatchObject({ code: 'MalformedResponse' });

    // A transient error that outlasts every attempt fails the run instead of retrying forever.
    await h.raise('High');
    const second = await pollConnection(h.defenderId, { overlapSeconds: 120 });
    await fault({ path: '/api/alerts/', method: 'GET', status: 500, code: 'InternalServerError', times: 50 });
    await expect(executeRunById(second.runIds[0]!, { finalAttempt: true, resumed: false })).resolves.toBe('failed');
    const last = await db().run.findUniqueOrThrow({ where: { id: second.runIds[0]! } });
    expect(last.error).toMatchObject({ nodeId: 'get_alert', code: 'InternalServerError' });
  });
});

describe('publishing', () => {
  it('refuses an invalid flow with 422 and the issues', async () => {
    const flow = await getFlow(h.flowId);
    const graph = { ...flow.graph, nodes: flow.graph.nodes.map((n) => (n.id === 'isolate' ? { ...n, params: { ...n.params, machineId: '' } } : n)) };
    await updateDraft(null, h.flowId, { graph, baseVersion: flow.draftVersion });
    const err = await publishFlow(null, h.flowId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as ServiceError).status).toBe(422);
    const issues = ((err as ServiceError).details as { issues: { nodeId?: string; severity: string }[] }).issues;
    expect(issues.some((i) => i.nodeId === 'isolate' && i.severity === 'error')).toBe(true);
  });

  it('refuses a stale draft save with 409', async () => {
    const flow = await getFlow(h.flowId);
    await updateDraft(null, h.flowId, { name: 'Renamed', baseVersion: flow.draftVersion });
    const err = await updateDraft(null, h.flowId, { name: 'Again', baseVersion: flow.draftVersion }).catch((e: unknown) => e);
    expect((err as ServiceError).status).toBe(409);
  });
});
