'use client';
// Binds the signed link to the shared decision control (a client component cannot receive a
// closure over the link from the server, so it is built here).
import { ApprovalDecision, type Decision } from '@/components/approvals/approval-decision';
import type { ActionResult } from '@/components/action-result';

type DecideByLink = (link: { approvalId: string; approver: string; signature: string }, decision: Decision, comment: string) => Promise<ActionResult<{ outcome: string }>>;

export function LinkDecision({ link, decision, decide }: { link: { approvalId: string; approver: string; signature: string }; decision: Decision; decide: DecideByLink }) {
  return <ApprovalDecision approvalId={link.approvalId} decisions={[decision]} refreshOnDone={false} decide={(_id, d, comment) => decide(link, d, comment)} />;
}
