import type { Metadata } from 'next';
import { approvalForLink } from '@/server/services/approvals';
import { AuthCard } from '@/components/shell/auth-card';
import { formatUtc } from '@/components/ui/format';
import { decideByLinkAction } from './actions';
import { LinkDecision } from './link-decision';

export const metadata: Metadata = { title: 'Approval', robots: { index: false } };
export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

// Opened from the approval email. Showing the request never decides anything (mail scanners
// prefetch links); the approver confirms with the button.
export default async function ApproveByLinkPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const q = await searchParams;
  const decision = one(q.d) === 'reject' ? 'reject' : 'approve';
  const approver = one(q.a);
  const signature = one(q.s);
  const approval = await approvalForLink(id, one(q.d), approver, signature);

  if (!approval) {
    return (
      <AuthCard title="This link is not valid" subtitle="It may be incomplete or altered. Open the link from the email again, or decide in Riposte.">
        <p className="text-sm text-slate-600">Nothing was decided.</p>
      </AuthCard>
    );
  }
  const open = approval.status === 'pending' && Date.parse(approval.expiresAt) > Date.now();
  return (
    <AuthCard title={decision === 'approve' ? 'Approve this request?' : 'Reject this request?'} subtitle={`${approval.flowName} asks ${approver}`}>
      <div className="space-y-4" data-testid="approval-link-page" data-status={approval.status}>
        <div>
          <p className="font-medium text-slate-900">{approval.title}</p>
          {approval.details && <p className="mt-1 text-sm whitespace-pre-wrap text-slate-600">{approval.details}</p>}
        </div>
        {open ? (
          <>
            <p className="text-xs text-slate-500">
              Expires {formatUtc(approval.expiresAt)}; then it is {approval.timeoutOutcome}.
            </p>
            <LinkDecision link={{ approvalId: approval.id, approver, signature }} decision={decision} decide={decideByLinkAction} />
          </>
        ) : (
          <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            Already {approval.status.replace('_', ' ')}
            {approval.decidedBy ? ` by ${approval.decidedBy}` : ''}
            {approval.decidedAt ? ` on ${formatUtc(approval.decidedAt)}` : ''}. Nothing more to do.
          </p>
        )}
      </div>
    </AuthCard>
  );
}
