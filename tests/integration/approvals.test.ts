// Approval requests on real Postgres, Redis and SMTP: the email with signed links goes out once,
// a link decides once and only for its approver and decision, a decision records the waiting
// step's output and queues the run, timeouts take the default outcome, a cancel closes requests.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import type { Principal } from '@/server/auth/roles';
import { approvalForLink, decideApproval, expireApprovals, requestApproval } from '@/server/services/approvals';
import { cancelRun } from '@/server/services/run-actions';
import { ServiceError } from '@/server/services/errors';

const editor: Principal = { userId: '00000000-0000-4000-8000-00000000e002', email: 'lead@test.local', role: 'editor', via: 'session' };
const viewer: Principal = { ...editor, role: 'viewer', email: 'viewer@test.local' };

const life = useHarness();

/** A run paused at an approval step, as the worker leaves it. */
async function waitingRun(): Promise<string> {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId } });
  const id = randomUUID();
  await db().run.create({
    data: { id, flowId: flow.id, flowVersionId: flow.publishedVersionId!, status: 'waiting', triggerKind: 'manual', triggerData: {} },
  });
  await db().stepRun.create({ data: { runId: id, nodeId: 'approve', type: 'control.approval', status: 'waiting', attempt: 1, seq: 2 } });
  return id;
}

const ask = (runId: string, over: Partial<Parameters<typeof requestApproval>[0]> = {}) =>
  requestApproval({
    runId,
    nodeId: 'approve',
    title: 'Isolate ws-042?',
    details: 'High severity ransomware alert on ws-042.',
    approvers: ['SOC-Lead@Test.Local', 'duty@test.local'],
    timeoutMinutes: 60,
    timeoutOutcome: 'rejected',
    smtpConnectionId: life.h.smtpId,
    ...over,
  });

function linksIn(text: string): { approve: URL; reject: URL } {
  const approve = /Approve: (\S+)/.exec(text)?.[1];
  const reject = /Reject: +(\S+)/.exec(text)?.[1];
  if (!approve || !reject) throw new Error(`no links in: ${text}`);
  return { approve: new URL(approve), reject: new URL(reject) };
}

const linkParts = (u: URL) => ({ id: u.pathname.split('/').pop()!, d: u.searchParams.get('d')!, a: u.searchParams.get('a')!, s: u.searchParams.get('s')! });

async function expectStatus(p: Promise<unknown>, status: number): Promise<void> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ServiceError);
  expect((e as ServiceError).status).toBe(status);
}

describe('approval requests', () => {
  it('emails each approver once with links signed for them, even when the step is retried', async () => {
    const runId = await waitingRun();
    const first = await ask(runId);
    const again = await ask(runId);
    expect(again.approvalId).toBe(first.approvalId);
    const mails = await eventually(async () => {
      const m = await db().capturedEmail.findMany({ orderBy: { receivedAt: 'asc' } });
      return m.length >= 2 ? m : null;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await db().capturedEmail.count()).toBe(2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['duty@test.local', 'soc-lead@test.local']);
    expect(mails[0]?.subject).toBe('Approval needed: Isolate ws-042?');
    const lead = mails.find((m) => m.to[0] === 'soc-lead@test.local')!;
    const { approve, reject } = linksIn(lead.text);
    expect(linkParts(approve)).toMatchObject({ id: first.approvalId, d: 'approve', a: 'soc-lead@test.local' });
    expect(linkParts(reject).d).toBe('reject');
    // The page behind the link shows the request only for a genuine signature.
    const p = linkParts(approve);
    expect(await approvalForLink(p.id, p.d, p.a, p.s)).toMatchObject({ title: 'Isolate ws-042?', status: 'pending' });
    expect(await approvalForLink(p.id, 'reject', p.a, p.s)).toBeNull();
    expect(await approvalForLink(p.id, p.d, 'duty@test.local', p.s)).toBeNull();
  });

  it('a signed link decides once: the step gets the decision, the run is queued again', async () => {
    const runId = await waitingRun();
    const { approvalId } = await ask(runId);
    const mail = await eventually(() => db().capturedEmail.findFirst({ where: { to: { has: 'duty@test.local' } } }));
    const p = linkParts(linksIn(mail.text).approve);

    // Tampering: another decision or approver with this signature is refused.
    await expectStatus(decideApproval(approvalId, { decision: 'reject' }, { kind: 'link', approver: p.a, signature: p.s }), 403);
    await expectStatus(decideApproval(approvalId, { decision: 'approve' }, { kind: 'link', approver: 'soc-lead@test.local', signature: p.s }), 403);

    const out = await decideApproval(approvalId, { decision: 'approve', comment: 'Go ahead' }, { kind: 'link', approver: p.a, signature: p.s });
    expect(out).toMatchObject({ approvalId, outcome: 'approved', decidedBy: 'duty@test.local', comment: 'Go ahead', timedOut: false });
    const step = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'approve' } });
    expect(step.status).toBe('succeeded');
    expect(step.output).toMatchObject({ outcome: 'approved', decidedBy: 'duty@test.local' });
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('queued');
    // Single use: the same link (or anyone else) cannot decide again.
    await expectStatus(decideApproval(approvalId, { decision: 'approve' }, { kind: 'link', approver: p.a, signature: p.s }), 409);
    await expectStatus(decideApproval(approvalId, { decision: 'reject' }, { kind: 'user', principal: editor }), 409);
    expect(await db().auditEvent.count({ where: { action: 'approval.decide', targetId: approvalId } })).toBe(1);
  });

  it('an editor decides in the app; a viewer may not', async () => {
    const runId = await waitingRun();
    const { approvalId } = await ask(runId, { smtpConnectionId: undefined });
    await expectStatus(decideApproval(approvalId, { decision: 'approve' }, { kind: 'user', principal: viewer }), 403);
    const out = await decideApproval(approvalId, { decision: 'reject', comment: 'Not this one' }, { kind: 'user', principal: editor });
    expect(out).toMatchObject({ outcome: 'rejected', decidedBy: 'lead@test.local' });
    const row = await db().approval.findUniqueOrThrow({ where: { id: approvalId } });
    expect(row).toMatchObject({ status: 'rejected', decidedById: editor.userId, comment: 'Not this one' });
    expect(row.notifiedAt).toBeNull();
  });

  it('times out to the default outcome, and a late decision is refused', async () => {
    const runId = await waitingRun();
    const { approvalId } = await ask(runId, { smtpConnectionId: undefined, timeoutOutcome: 'approved' });
    await db().approval.update({ where: { id: approvalId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectStatus(decideApproval(approvalId, { decision: 'reject' }, { kind: 'user', principal: editor }), 409);
    expect(await expireApprovals()).toEqual([approvalId]);
    expect(await expireApprovals()).toEqual([]);
    // Audited once, as the system, saying the deadline decided.
    const decided = await db().auditEvent.findMany({ where: { action: 'approval.decide', targetId: approvalId } });
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ actorId: null, actorEmail: 'system', targetType: 'approval', details: { outcome: 'approved', decidedBy: 'timeout', via: 'timeout' } });
    const step = await db().stepRun.findFirstOrThrow({ where: { runId, nodeId: 'approve' } });
    expect(step.output).toMatchObject({ outcome: 'approved', decidedBy: 'timeout', timedOut: true });
    expect((await db().approval.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe('timed_out');
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('queued');
  });

  it('cancelling the run closes its open requests', async () => {
    const runId = await waitingRun();
    const { approvalId } = await ask(runId, { smtpConnectionId: undefined });
    await cancelRun(editor, runId);
    expect((await db().approval.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe('cancelled');
    await expectStatus(decideApproval(approvalId, { decision: 'approve' }, { kind: 'user', principal: editor }), 409);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('cancelled');
  });
});
