// Flows that pause, on a real worker with Postgres, Redis, simulator and SMTP: an approval is
// approved from the emailed link (isolate runs), rejected in the app (the other branch runs) or
// times out to its default; a delay sleeps in Redis and wakes up on time, holding no worker.
import { describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import type { Principal } from '@/server/auth/roles';
import { buildEdge, buildGraph, buildNode } from '@/core/testing/builders';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { approvalForLink, decideApproval, expireApprovals } from '@/server/services/approvals';
import { QUEUES } from '@/server/queue/queues';

const lead: Principal = { userId: '00000000-0000-4000-8000-00000000e004', email: 'lead@test.local', role: 'editor', via: 'session' };
const life = useHarness({ seedFlowOn: false, worker: true });

async function approvalFlow(timeoutOutcome: 'approved' | 'rejected' = 'rejected'): Promise<string> {
  const graph = buildGraph(
    [
      buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
      buildNode('ask', 'control.approval', {
        title: 'Isolate {{ trigger.computerDnsName }}?',
        details: '{{ trigger.title }} ({{ trigger.severity }})',
        approvers: 'duty@test.local',
        connectionId: life.h.smtpId,
        timeoutHours: 1,
        timeoutOutcome,
      }),
      buildNode('isolate', 'defender.isolateMachine', { connectionId: life.h.defenderId, machineId: '{{ trigger.machineId }}', comment: 'Approved by {{ ask.decidedBy }}' }),
      buildNode('tell', 'email.send', { connectionId: life.h.smtpId, to: 'soc@test.local', subject: 'Not isolated: {{ ask.outcome }} by {{ ask.decidedBy }}', body: '{{ ask.comment }}' }),
    ],
    [buildEdge('trigger', 'ask'), buildEdge('ask', 'isolate', 'approved'), buildEdge('ask', 'tell', 'rejected')],
  );
  const flow = await createFlow(null, { name: 'Isolate after approval', graph });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);
  return flow.id;
}

const runIn = (flowId: string, statuses: string[]) =>
  eventually(async () => {
    const r = await db().run.findFirst({ where: { flowId }, include: { steps: true } });
    return r && statuses.includes(r.status) ? r : null;
  }, 30_000);

describe('Request approval in a running flow', () => {
  it('pauses holding no job, is approved from the emailed link, and isolates', async () => {
    const flowId = await approvalFlow();
    const alert = await life.h.raise('High');
    const paused = await runIn(flowId, ['waiting']);
    expect(paused.steps.find((s) => s.nodeId === 'ask')?.status).toBe('waiting');
    // No worker is held: the job finished; the run lives on in Postgres.
    const redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.runs, { connection: redis, prefix: env().RIPOSTE_QUEUE_PREFIX });
    expect(await queue.getJobState(paused.id)).toBe('completed');
    await queue.close();
    await redis.quit();

    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { to: { has: 'duty@test.local' } } }));
    expect(mail.subject).toBe(`Approval needed: Isolate ${(paused.triggerData as { computerDnsName: string }).computerDnsName}?`);
    expect(mail.text).toContain(alert.title);
    const link = new URL(/Approve: (\S+)/.exec(mail.text)![1]!);
    const [id, d, a, s] = [link.pathname.split('/').pop()!, link.searchParams.get('d')!, link.searchParams.get('a')!, link.searchParams.get('s')!];
    expect(await approvalForLink(id, d, a, s)).toMatchObject({ status: 'pending' });
    await decideApproval(id, { decision: 'approve', comment: 'Contain it' }, { kind: 'link', approver: a, signature: s });

    const done = await runIn(flowId, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const steps = Object.fromEntries(done.steps.map((st) => [st.nodeId, st]));
    expect(steps.ask?.output).toMatchObject({ outcome: 'approved', decidedBy: 'duty@test.local', comment: 'Contain it' });
    expect(steps.isolate?.status).toBe('succeeded');
    expect(steps.tell?.status).toBe('skipped');
    const [isolate] = await life.h.calls('/isolate', 'POST');
    expect((isolate?.body as { Comment: string }).Comment).toContain('Approved by duty@test.local');
  });

  it('takes the rejected branch when an editor rejects in the app', async () => {
    const flowId = await approvalFlow();
    await life.h.raise('High');
    const paused = await runIn(flowId, ['waiting']);
    const approval = await eventually(() => db().approval.findFirst({ where: { runId: paused.id } }));
    await decideApproval(approval.id, { decision: 'reject', comment: 'False positive' }, { kind: 'user', principal: lead });
    const done = await runIn(flowId, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(await life.h.calls('/isolate', 'POST')).toHaveLength(0);
    const told = await eventually(() => db().capturedEmail.findFirst({ where: { subject: { startsWith: 'Not isolated' } } }));
    expect(told.subject).toBe('Not isolated: rejected by lead@test.local');
    expect(told.text.trim()).toBe('False positive');
  });

  it('times out to the default outcome', async () => {
    const flowId = await approvalFlow('approved');
    await life.h.raise('High');
    const paused = await runIn(flowId, ['waiting']);
    const approval = await eventually(() => db().approval.findFirst({ where: { runId: paused.id } }));
    await db().approval.update({ where: { id: approval.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // The worker's maintenance tick expires it; calling it here too must not decide twice.
    await expireApprovals();
    const done = await runIn(flowId, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.steps.find((s) => s.nodeId === 'ask')?.output).toMatchObject({ outcome: 'approved', decidedBy: 'timeout', timedOut: true });
    expect(await life.h.calls('/isolate', 'POST')).toHaveLength(1);
  });
});

describe('Delay in a running flow', () => {
  it('sleeps as a delayed job and continues when due', async () => {
    const flow = await createFlow(null, {
      name: 'Wait, then tell',
      graph: buildGraph(
        [
          buildNode('trigger', 'defender.alertCreated', { connectionId: life.h.defenderId }),
          buildNode('wait', 'control.delay', { amount: 2, unit: 'seconds' }),
          buildNode('tell', 'email.send', { connectionId: life.h.smtpId, to: 'soc@test.local', subject: 'Waited {{ wait.waitedMs }}', body: 'x' }),
        ],
        [buildEdge('trigger', 'wait'), buildEdge('wait', 'tell')],
      ),
    });
    await publishFlow(null, flow.id);
    await setFlowEnabled(null, flow.id, true);
    await life.h.raise('Low');
    const paused = await runIn(flow.id, ['waiting']);
    expect(paused.steps.find((s) => s.nodeId === 'wait')?.status).toBe('waiting');
    const done = await runIn(flow.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const wait = done.steps.find((s) => s.nodeId === 'wait')!;
    expect((wait.output as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(1900);
    expect(done.attempts).toBeLessThanOrEqual(2);
  });
});
