// Failure notifications on real Postgres, Redis, simulator and SMTP capture: a run that fails
// emails the people in the trigger's "On failure" settings exactly once, with a link to the run,
// whatever restarts or sweeps follow; runs ended by the worker's maintenance (timeouts) too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db, type Prisma } from '@/server/db/client';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { buildSeedFlowGraph } from '@/core/testing/builders';
import { notifyRunFailure, sweepFailureNotifications } from '@/server/notifications/failure-notify';
import { pollConnection } from '@/worker/poll-alerts';
import { signalRunsQueued } from '@/server/queue/run-signals';
import type { TFailureNotification } from '@/core/flow/failure-notification';
import { startWebhookCapture } from '@/server/notifications/webhook-capture';
import { createConnection } from '@/server/services/connections';
import { resetEnvCache } from '@/server/env';
import { signalConnectionChanged } from '@/server/queue/connection-changes';

const life = useHarness({ seedFlowOn: false });

async function flowWithNotification(onFailure: TFailureNotification | undefined): Promise<string> {
  const graph = buildSeedFlowGraph({ defenderConnectionId: life.h.defenderId, smtpConnectionId: life.h.smtpId, socEmail: 'soc@test.local' });
  const trigger = graph.nodes.find((n) => n.id === 'trigger');
  if (trigger && onFailure) trigger.settings = { onFailure };
  const flow = await createFlow(null, { name: 'Isolate with failure alerts', graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

async function fault(body: Record<string, unknown>): Promise<void> {
  await fetch(`${life.h.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function failingRun(flowId: string): Promise<string> {
  // Forbidden is permanent: the isolate step fails at once and so does the run.
  await fault({ path: '/isolate', method: 'POST', status: 403, code: 'Forbidden', message: 'Missing Machine.Isolate', times: 1 });
  const alert = await life.h.raise('High');
  await signalRunsQueued((await pollConnection(life.h.defenderId, { overlapSeconds: 120 })).runIds);
  const run = await eventually(() => db().run.findFirst({ where: { flowId, alertId: alert.id }, select: { id: true } }));
  return run.id;
}

const failureEmails = () => db().capturedEmail.findMany({ where: { subject: { startsWith: '[Riposte] Run' } }, orderBy: { receivedAt: 'asc' } });

describe('failure notifications', () => {
  it('emails the listed people exactly once, with a link to the run, even after a worker restart', async () => {
    const flowId = await flowWithNotification({ emailTo: ['oncall@test.local', ' Lead@test.local', 'lead@test.local'], smtpConnectionId: life.h.smtpId });
    const runId = await failingRun(flowId);
    await life.startWorker({ pollIntervalSeconds: 3600 });

    const run = await eventually(async () => {
      const r = await db().run.findUniqueOrThrow({ where: { id: runId } });
      return r.status === 'failed' && r.failureNotifiedAt ? r : null;
    });
    expect(run.error).toMatchObject({ code: 'Forbidden' });
    const [email] = await eventually(async () => {
      const all = await failureEmails();
      return all.length > 0 ? all : null;
    });
    expect(email.subject).toBe(`[Riposte] Run failed: Isolate with failure alerts — ${(run.summary as { title: string }).title}`);
    // Trimmed and deduplicated, case-insensitively.
    expect(email.to.map((a) => a.toLowerCase()).sort()).toEqual(['lead@test.local', 'oncall@test.local']);
    expect(email.text).toContain(`http://localhost:3000/runs/${runId}`);
    expect(email.text).toContain('Error: Forbidden: ');

    // A restarted worker (its maintenance sweep runs at start), another sweep and a direct call
    // from a second worker all find the run claimed.
    await life.startWorker({ pollIntervalSeconds: 3600 });
    await new Promise((r) => setTimeout(r, 1500));
    await expect(sweepFailureNotifications()).resolves.toEqual([]);
    await expect(notifyRunFailure(runId)).resolves.toBe('already-claimed');
    expect(await failureEmails()).toHaveLength(1);
  });

  it('the sweep notifies runs the maintenance ended (a run past its time limit), once', async () => {
    const flowId = await flowWithNotification({ emailTo: ['oncall@test.local'], smtpConnectionId: life.h.smtpId });
    const flow = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
    const run = await db().run.create({
      data: {
        flowId, flowVersionId: flow.publishedVersionId as string, status: 'waiting', triggerKind: 'manual', triggerData: {},
        createdAt: new Date(Date.now() - 3_600_000), deadlineAt: new Date(Date.now() - 60_000),
      },
    });
    await life.startWorker({ pollIntervalSeconds: 3600 });
    const [email] = await eventually(async () => {
      const all = await failureEmails();
      return all.length > 0 ? all : null;
    });
    expect(email.subject).toBe('[Riposte] Run timed out: Isolate with failure alerts');
    expect(email.text).toContain(`/runs/${run.id}`);
    expect(email.text).toContain('Error: RunTimedOut: ');
    await new Promise((r) => setTimeout(r, 1200));
    expect(await failureEmails()).toHaveLength(1);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('timed_out');
  });

  it('a flow without the setting sends nothing, and its failed run is marked handled', async () => {
    const flowId = await flowWithNotification(undefined);
    const runId = await failingRun(flowId);
    await life.startWorker({ pollIntervalSeconds: 3600 });
    await eventually(async () => {
      const r = await db().run.findUniqueOrThrow({ where: { id: runId } });
      return r.status === 'failed' && r.failureNotifiedAt !== null;
    });
    expect(await failureEmails()).toHaveLength(0);
  });

  it('a transient SMTP failure gives the claim back, and the next sweep sends the email once', async () => {
    const flowId = await flowWithNotification({ emailTo: ['oncall@test.local'], smtpConnectionId: life.h.smtpId });
    const flow = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
    const run = await db().run.create({
      data: { flowId, flowVersionId: flow.publishedVersionId as string, status: 'failed', triggerKind: 'manual', triggerData: {}, finishedAt: new Date(), error: { code: 'X', message: 'boom' } },
    });
    const smtp = await db().connection.findUniqueOrThrow({ where: { id: life.h.smtpId } });
    const config = smtp.config as Prisma.InputJsonObject;
    // Nothing listens on port 9: the connection is refused (transient).
    await db().connection.update({ where: { id: smtp.id }, data: { config: { ...config, port: 9 } } });
    await signalConnectionChanged(smtp.id); // workers cache connections
    const logs: string[] = [];
    await expect(notifyRunFailure(run.id, { log: (m) => logs.push(m) })).resolves.toBe('retry-later');
    expect(logs).toEqual(['failure notification email not sent']);
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).failureNotifiedAt).toBeNull();

    await db().connection.update({ where: { id: smtp.id }, data: { config } });
    await signalConnectionChanged(smtp.id); // workers cache connections
    // The SMTP server is back: a sweep sends it. (A send that fails again on a loaded machine
    // gives the claim back once more, so sweep until one sends — what the maintenance tick does.)
    const sweepLogs: string[] = [];
    await eventually(async () => (await sweepFailureNotifications({ log: (m, extra) => sweepLogs.push(`${m} ${JSON.stringify(extra)}`) })).includes(run.id), 20_000, 250).catch((e: Error) => {
      throw new Error(`${e.message}; sweep logs: ${sweepLogs.join(' | ')}`);
    });
    await expect(sweepFailureNotifications()).resolves.toEqual([]);
    expect(await eventually(async () => ((await failureEmails()).length === 1 ? failureEmails() : null))).toHaveLength(1);
  });

  it('posts one Teams card with the facts and an "Open the run" button; alert text stays data', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const capture = await startWebhookCapture({ port: 0, tls: { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) } });
    const allowBefore = process.env.RIPOSTE_OUTBOUND_ALLOW;
    process.env.RIPOSTE_OUTBOUND_ALLOW = `localhost:${capture.port}`;
    resetEnvCache();
    try {
      const teams = await createConnection(null, { kind: 'webhook', name: 'SOC channel', service: 'teams', url: `${capture.url}/teams/soc` });
      const flowId = await flowWithNotification({ teamsConnectionId: teams.id });
      const flow = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
      const run = await db().run.create({
        data: {
          flowId, flowVersionId: flow.publishedVersionId as string, status: 'failed', triggerKind: 'alert', triggerData: {}, finishedAt: new Date(),
          summary: { title: '[Reset your password](https://evil.example)', severity: 'High' }, error: { code: 'Forbidden', message: 'Missing Machine.Isolate' },
        },
      });
      await expect(notifyRunFailure(run.id)).resolves.toBe('sent');
      await expect(notifyRunFailure(run.id)).resolves.toBe('already-claimed');
      const posts = await db().capturedWebhook.findMany();
      expect(posts).toHaveLength(1);
      const card = (JSON.parse(posts[0]!.body) as { attachments: { content: { body: unknown[]; actions: { title: string; url: string }[] } }[] }).attachments[0]!.content;
      expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the run', url: expect.stringMatching(new RegExp(`/runs/${run.id}$`)) }]);
      const text = JSON.stringify(card.body);
      expect(text).toContain('Run failed: Isolate with failure alerts');
      expect(text).toContain('\\\\[Reset your password\\\\](https://evil.example) (High)');
      expect(text).toContain('Forbidden: Missing Machine.Isolate');
    } finally {
      if (allowBefore === undefined) delete process.env.RIPOSTE_OUTBOUND_ALLOW;
      else process.env.RIPOSTE_OUTBOUND_ALLOW = allowBefore;
      resetEnvCache();
      await capture.close();
    }
  });
});
