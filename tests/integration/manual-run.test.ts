// POST /api/v1/flows/{id}/run through the real route handler (Bearer tokens, roles), the real MDE
// client against the simulator, Postgres and an in-process worker that executes the runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { eventually, flushQueues, startHarness, type Harness } from './harness';
import { db } from '@/server/db/client';
import { createApiToken } from '@/server/auth/sessions';
import { createFlow, getFlow, publishFlow, setFlowEnabled, updateDraft } from '@/server/services/flows';
import { listVersions } from '@/server/services/flow-versions';
import { recentAlerts } from '@/server/services/manual-runs';
import { closeWebQueues } from '@/server/queue/web-queues';
import { closeMailTransports } from '@/server/mail/mailer';
import { startWorker, type WorkerHandle } from '@/worker/start-worker';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { POST } from '@/app/api/v1/flows/[id]/run/route';

let h: Harness;
let worker: WorkerHandle;
const tokens: Record<'editor' | 'viewer', { token: string; userId: string }> = {} as never;

async function makeUser(role: 'editor' | 'viewer') {
  const user = await db().user.create({ data: { email: `${role}@test.local`, passwordHash: 'x', role } });
  tokens[role] = { token: await createApiToken(user.id, `${role} token`, role), userId: user.id };
}

async function run(flowId: string, body: unknown, as: 'editor' | 'viewer' | null = 'editor') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as) headers.authorization = `Bearer ${tokens[as].token}`;
  const req = new NextRequest(`http://localhost/api/v1/flows/${flowId}/run`, { method: 'POST', headers, body: JSON.stringify(body) });
  const res = await POST(req, { params: Promise.resolve({ id: flowId }) });
  return { status: res.status, body: (await res.json()) as { runId?: string; error?: { code: string; message: string; details?: unknown } } };
}

const finished = (runId: string) =>
  eventually(async () => {
    const r = await db().run.findUnique({ where: { id: runId }, include: { flowVersion: true } });
    return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
  }, 30_000);

beforeAll(async () => {
  await flushQueues();
  h = await startHarness();
  // Manual runs work with the flow switched off; off also keeps the poller from adding runs.
  await setFlowEnabled(null, h.flowId, false);
  await makeUser('editor');
  await makeUser('viewer');
  worker = await startWorker({ pollIntervalSeconds: 600, maintenanceEveryMs: 1000, log: () => undefined });
});

afterAll(async () => {
  await worker?.close();
  await closeWebQueues();
  closeMailTransports();
  await h.close();
  await flushQueues();
  await db().$disconnect();
});

describe('POST /api/v1/flows/{id}/run', () => {
  let firstRunId: string;

  it('runs the published version on an alert fetched from Defender by id', async () => {
    const alert = await h.raise('High');
    const res = await run(h.flowId, { alertId: alert.id });
    expect(res.status).toBe(202);
    firstRunId = res.body.runId as string;
    const r = await finished(firstRunId);
    expect(r.status).toBe('succeeded');
    expect(r.triggerKind).toBe('manual');
    expect(r.startedById).toBe(tokens.editor.userId);
    expect(r.alertId).toBeNull();
    expect(r.flowVersion.isTest).toBe(false);
    // The full alert entity, as Defender returns it, not only the id.
    expect(r.triggerData).toMatchObject({ id: alert.id, title: alert.title, machineId: alert.machineId, severity: 'High' });
    expect(r.summary).toMatchObject({ alertId: alert.id, title: alert.title });
    expect(await h.calls(`/machines/${alert.machineId}/isolate`, 'POST')).toHaveLength(1);
    const audit = await db().auditEvent.findFirst({ where: { action: 'run.manual', targetId: firstRunId } });
    expect(audit).toMatchObject({ actorId: tokens.editor.userId, details: { flowId: h.flowId, version: 'published', source: 'alert', alertId: alert.id } });
  });

  it('runs the same alert again (manual runs are not deduplicated like polled alerts)', async () => {
    const again = await run(h.flowId, { fromRunId: firstRunId });
    expect(again.status).toBe(202);
    const r = await finished(again.body.runId as string);
    const first = await db().run.findUniqueOrThrow({ where: { id: firstRunId } });
    expect(r.triggerData).toEqual(first.triggerData);
    expect(r.status).toBe('succeeded');
  });

  it('runs on pasted trigger data', async () => {
    const alert = await h.raise('Low');
    const res = await run(h.flowId, { payload: { id: alert.id, title: 'Pasted by hand' } });
    expect(res.status).toBe(202);
    const r = await finished(res.body.runId as string);
    expect(r.triggerData).toEqual({ id: alert.id, title: 'Pasted by hand' });
    // get_alert read the real alert through the pasted id; Low severity takes the false branch.
    expect(r.status).toBe('succeeded');
    const steps = await db().stepRun.findMany({ where: { runId: r.id } });
    expect(steps.find((s) => s.nodeId === 'isolate')?.status).toBe('skipped');
  });

  it('rejects bad input with 400 or 404 and creates nothing', async () => {
    const before = await db().run.count();
    expect((await run(h.flowId, { payload: [1, 2] })).status).toBe(400);
    expect((await run(h.flowId, { payload: 'text' })).body.error?.message).toContain('JSON object');
    expect((await run(h.flowId, { alertId: 'a', payload: {} })).status).toBe(400);
    expect((await run(h.flowId, { version: 'latest' })).status).toBe(400);
    expect((await run(h.flowId, { surprise: true })).status).toBe(400);
    expect((await run(h.flowId, {})).body.error?.message).toContain('Choose the trigger data');
    const unknownAlert = await run(h.flowId, { alertId: 'da000000000000000000_0' });
    expect(unknownAlert.status).toBe(404);
    expect((await run(h.flowId, { fromRunId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await run('00000000-0000-4000-8000-000000000000', { payload: {} })).status).toBe(404);
    expect(await db().run.count()).toBe(before);
  });

  it('lists recent alerts of the trigger connection for the dialog, newest first, searchable by title or id', async () => {
    const newest = await h.raise('Medium');
    const all = await recentAlerts(h.flowId, '');
    expect(all[0]?.id).toBe(newest.id);
    const times = all.map((a) => Date.parse(a.alertCreationTime ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byTitle = await recentAlerts(h.flowId, newest.title.slice(3, 15).toUpperCase());
    expect(byTitle.map((a) => a.title.toLowerCase())).toEqual(byTitle.map(() => expect.stringContaining(newest.title.slice(3, 15).toLowerCase())));
    expect(byTitle.map((a) => a.id)).toContain(newest.id);
    expect((await recentAlerts(h.flowId, newest.id)).map((a) => a.id)).toEqual([newest.id]);
    expect(await recentAlerts(h.flowId, 'no alert is called this')).toEqual([]);
  });

  it('refuses viewers (403) and anonymous callers (401)', async () => {
    const viewer = await run(h.flowId, { payload: {} }, 'viewer');
    expect(viewer.status).toBe(403);
    expect((await run(h.flowId, { payload: {} }, null)).status).toBe(401);
  });

  it('a draft must pass the publish check first: 422 with the issues, nothing created', async () => {
    const flow = await getFlow(h.flowId);
    const broken = { ...flow.graph, nodes: flow.graph.nodes.map((n) => (n.id === 'notify_soc' ? { ...n, params: { ...n.params, to: '' } } : n)) };
    await updateDraft(null, h.flowId, { graph: broken, baseVersion: flow.draftVersion });
    const versionsBefore = await db().flowVersion.count({ where: { flowId: h.flowId } });
    const res = await run(h.flowId, { version: 'draft', payload: { id: 'x' } });
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('FlowInvalid');
    expect((res.body.error?.details as { issues: { nodeId: string; path: string[] }[] }).issues).toContainEqual(expect.objectContaining({ nodeId: 'notify_soc', path: ['to'] }));
    expect(await db().flowVersion.count({ where: { flowId: h.flowId } })).toBe(versionsBefore);
  });

  it('runs a valid draft on a hidden snapshot that version history does not list', async () => {
    const flow = await getFlow(h.flowId);
    const changed = { ...flow.graph, nodes: flow.graph.nodes.map((n) => (n.id === 'notify_soc' ? { ...n, params: { ...n.params, to: 'soc@test.local', subject: 'DRAFT {{ get_alert.title }}' } } : n)) };
    await updateDraft(null, h.flowId, { graph: changed, baseVersion: flow.draftVersion });
    const alert = await h.raise('High');
    const res = await run(h.flowId, { version: 'draft', alertId: alert.id, connectionId: h.defenderId });
    expect(res.status).toBe(202);
    const r = await finished(res.body.runId as string);
    expect(r.status).toBe('succeeded');
    expect(r.flowVersion.isTest).toBe(true);
    expect(r.flowVersion.version).toBeLessThan(0);
    const email = await db().stepRun.findFirstOrThrow({ where: { runId: r.id, nodeId: 'notify_soc' } });
    expect(JSON.stringify(email.input)).toContain('DRAFT ');
    const listed = await listVersions(h.flowId);
    expect(listed.map((v) => v.version)).toEqual([1]);
    // Publishing afterwards still numbers versions 1, 2, …
    expect((await publishFlow(null, h.flowId)).version).toBe(2);
  });

  it('runs a schedule flow now without trigger data, and says when a flow was never published', async () => {
    const graph = buildGraph(
      [
        buildNode('trigger', 'schedule.recurrence', { mode: 'interval', every: 1, unit: 'days', at: '08:00', timezone: 'Europe/Paris' }),
        buildNode('check', 'control.condition', { combinator: 'and', rules: [{ left: '{{ trigger.timezone }}', operator: 'equals', right: 'Europe/Paris' }] }),
      ],
      [buildEdge('trigger', 'check')],
    );
    const flow = await createFlow(null, { name: 'Daily', graph });
    const unpublished = await run(flow.id, {});
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.error?.code).toBe('NotPublished');
    await publishFlow(null, flow.id);
    const res = await run(flow.id, {});
    expect(res.status).toBe(202);
    const r = await finished(res.body.runId as string);
    expect(r.status).toBe('succeeded');
    expect(r.triggerKind).toBe('manual');
    expect(r.scheduledFor).toBeNull();
    expect(r.triggerData).toMatchObject({ timezone: 'Europe/Paris', scheduledFor: expect.any(String), firedAt: expect.any(String) });
    const check = await db().stepRun.findFirstOrThrow({ where: { runId: r.id, nodeId: 'check' } });
    expect(check.output).toMatchObject({ result: true });
  });
});
