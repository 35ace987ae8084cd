'use server';
// The decision behind a signed approval link: no session needed, the signature is the
// capability (bound to this approval, decision and approver); single use and expiry are
// enforced by the approval row.
import { z } from 'zod';
import { headers } from 'next/headers';
import { decideApproval } from '@/server/services/approvals';
import { clientAddress, userAgentOf } from '@/server/auth/client-address';
import { failure, type ActionResult } from '../../_lib/action-result';

const ZLink = z.object({ approvalId: z.uuid(), approver: z.email(), signature: z.string().min(10).max(200) });

export async function decideByLinkAction(
  link: { approvalId: string; approver: string; signature: string },
  decision: 'approve' | 'reject',
  comment: string,
): Promise<ActionResult<{ outcome: string }>> {
  const parsed = ZLink.safeParse(link);
  if (!parsed.success) return { ok: false, error: 'This approval link is not valid' };
  try {
    // No session: the audit entry names the approver the link was signed for, and from where it was used.
    const h = await headers();
    const by = { kind: 'link' as const, approver: parsed.data.approver, signature: parsed.data.signature, ip: clientAddress(h), userAgent: userAgentOf(h) };
    const out = await decideApproval(parsed.data.approvalId, { decision, comment: comment || undefined }, by);
    return { ok: true, data: { outcome: out.outcome } };
  } catch (e) {
    return failure(e);
  }
}
