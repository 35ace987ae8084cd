import type { Metadata } from 'next';
import { approvalForLink } from '@/server/services/approvals';
import { AuthCard } from '@/components/shell/auth-card';
import { formatUtc } from '@/components/ui/format';
import { linkPageState } from '@/components/approvals/link-state';
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
  const state = linkPageState(approval, Date.now(), formatUtc);
  const title = state.kind === 'expired' ? 'This request has expired' : state.kind === 'closed' ? 'This request is closed' : decision === 'approve' ? 'Approve this request?' : 'Reject this request?';
  return (
    <AuthCard title={title} subtitle={`${approval.flowName} asks ${approver}`}>
      <div className="space-y-4" data-testid="approval-link-page" data-status={approval.status} data-state={state.kind}>
        <div>
          <p className="font-medium text-slate-900">{approval.title}</p>
          {approval.details && <p className="mt-1 text-sm whitespace-pre-wrap text-slate-600">{approval.details}</p>}
        </div>
        {state.kind === 'open' ? (
          <>
            <p className="text-xs text-slate-500">
              Expires {formatUtc(approval.expiresAt)}; then it is {approval.timeoutOutcome}.
            </p>
            <LinkDecision link={{ approvalId: approval.id, approver, signature }} decision={decision} decide={decideByLinkAction} />
          </>
        ) : (
          <p role="status" className={`rounded-md border px-3 py-2 text-sm ${state.kind === 'expired' ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-slate-200 bg-slate-50 text-slate-700'}`}>
            {state.message}
          </p>
        )}
      </div>
    </AuthCard>
  );
}
