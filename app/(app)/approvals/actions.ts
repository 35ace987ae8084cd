'use server';
// Deciding an approval from the Approvals page: an editor (or admin), re-authorised here.
import { revalidatePath } from 'next/cache';
import { decideApproval } from '@/server/services/approvals';
import { authoriseAction } from '../../_lib/auth';
import { failure, type ActionResult } from '../../_lib/action-result';

export async function decideApprovalAction(approvalId: string, decision: 'approve' | 'reject', comment: string): Promise<ActionResult<{ outcome: string }>> {
  const auth = await authoriseAction('runs:write');
  if (!auth.ok) return { ok: false, error: auth.error };
  try {
    const out = await decideApproval(approvalId, { decision, comment: comment || undefined }, { kind: 'user', principal: auth.principal });
    revalidatePath('/approvals');
    return { ok: true, data: { outcome: out.outcome } };
  } catch (e) {
    return failure(e);
  }
}
