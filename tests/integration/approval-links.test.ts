// Signed approval links are capabilities for one approval, one decision and one approver; they
// work once and only before the deadline. Each refusal says why (the page and the 409 message).
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eventually } from './harness';
import { useHarness } from './lifecycle';
import { db } from '@/server/db/client';
import { approvalForLink, decideApproval, expireApprovals, requestApproval } from '@/server/services/approvals';
import { ServiceError } from '@/server/services/errors';
import { linkPageState } from '@/components/approvals/link-state';

const life = useHarness();

async function waitingRun(): Promise<string> {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: life.h.flowId } });
  const id = randomUUID();
  await db().run.create({ data: { id, flowId: flow.id, flowVersionId: flow.publishedVersionId!, status: 'waiting', triggerKind: 'manual', triggerData: {} } });
  await db().stepRun.create({ data: { runId: id, nodeId: 'approve', type: 'control.approval', status: 'waiting', attempt: 1, seq: 2 } });
  return id;
}

/** An approval emailed to one approver; returns its id and the approve link's parts. */
async function emailedApproval(approver: string): Promise<{ approvalId: string; a: string; s: string; d: string }> {
  const runId = await waitingRun();
  const { approvalId } = await requestApproval({
    runId, nodeId: 'approve', title: 'Isolate ws-042?', approvers: [approver], timeoutMinutes: 60, timeoutOutcome: 'rejected', smtpConnectionId: life.h.smtpId,
  });
  const mail = await eventually(() => db().capturedEmail.findFirst({ where: { to: { has: approver } } }));
  const link = new URL(/Approve: (\S+)/.exec(mail.text)?.[1] ?? '');
  expect(link.pathname).toBe(`/approve/${approvalId}`);
  return { approvalId, a: link.searchParams.get('a')!, s: link.searchParams.get('s')!, d: link.searchParams.get('d')! };
}

async function refusal(p: Promise<unknown>): Promise<ServiceError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ServiceError);
  return e as ServiceError;
}

const fmt = (iso: string) => iso;

describe('signed approval links', () => {
  it('a link for one approval does not open or decide another', async () => {
    const first = await emailedApproval('first@test.local');
    const second = await emailedApproval('first2@test.local');
    // The first link's signature on the second approval (same approver and decision too).
    expect(await approvalForLink(second.approvalId, 'approve', first.a, first.s)).toBeNull();
    expect(await approvalForLink(second.approvalId, 'approve', second.a, first.s)).toBeNull();
    const e = await refusal(decideApproval(second.approvalId, { decision: 'approve' }, { kind: 'link', approver: second.a, signature: first.s }));
    expect(e.status).toBe(403);
    expect(e.message).toBe('This approval link is not valid');
    // The approve link does not reject, and a made-up or truncated signature is refused.
    expect((await refusal(decideApproval(first.approvalId, { decision: 'reject' }, { kind: 'link', approver: first.a, signature: first.s }))).status).toBe(403);
    expect(await approvalForLink(first.approvalId, 'approve', first.a, first.s.slice(0, -2))).toBeNull();
    expect((await db().approval.findUniqueOrThrow({ where: { id: second.approvalId } })).status).toBe('pending');
  });

  it('a used link is refused and its page says it was already decided', async () => {
    const l = await emailedApproval('used@test.local');
    await decideApproval(l.approvalId, { decision: 'approve' }, { kind: 'link', approver: l.a, signature: l.s });
    const again = await refusal(decideApproval(l.approvalId, { decision: 'approve' }, { kind: 'link', approver: l.a, signature: l.s }));
    expect(again.status).toBe(409);
    expect(again.message).toBe('This request was already approved by used@test.local. A decision counts once.');
    const view = await approvalForLink(l.approvalId, l.d, l.a, l.s);
    expect(view).not.toBeNull();
    const state = linkPageState(view!, Date.now(), fmt);
    expect(state.kind).toBe('closed');
    expect(state.kind !== 'open' && state.message).toMatch(/^Already approved by used@test\.local on .+\. A link decides only once/);
  });

  it('an expired link is refused, before and after maintenance closes the request', async () => {
    const l = await emailedApproval('late@test.local');
    await db().approval.update({ where: { id: l.approvalId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await refusal(decideApproval(l.approvalId, { decision: 'approve' }, { kind: 'link', approver: l.a, signature: l.s }));
    expect(before.status).toBe(409);
    expect(before.message).toBe('This request has expired: it took its default outcome. Nothing was decided.');
    expect(linkPageState((await approvalForLink(l.approvalId, l.d, l.a, l.s))!, Date.now(), fmt).kind).toBe('expired');

    expect(await expireApprovals()).toEqual([l.approvalId]);
    const after = await refusal(decideApproval(l.approvalId, { decision: 'approve' }, { kind: 'link', approver: l.a, signature: l.s }));
    expect(after.message).toMatch(/has expired/);
    const state = linkPageState((await approvalForLink(l.approvalId, l.d, l.a, l.s))!, Date.now(), fmt);
    expect(state.kind).toBe('expired');
    expect(state.kind !== 'open' && state.message).toContain('was rejected by default');
    expect((await db().approval.findUniqueOrThrow({ where: { id: l.approvalId } })).decidedBy).toBe('timeout');
  });

  it('an overlong comment is a 400 with a message', async () => {
    const l = await emailedApproval('chatty@test.local');
    const e = await refusal(decideApproval(l.approvalId, { decision: 'approve', comment: 'x'.repeat(2001) }, { kind: 'link', approver: l.a, signature: l.s }));
    expect(e.status).toBe(400);
    expect(e.message).toBe('comment: The comment is longer than 2,000 characters');
  });
});
