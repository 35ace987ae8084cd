import type { Metadata } from 'next';
import Link from 'next/link';
import { listApprovals, type ApprovalView } from '@/server/services/approvals';
import { can } from '@/server/auth/roles';
import { requirePage } from '../../_lib/auth';
import { Card, CardHeader, EmptyState, PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/ui/icon';
import { formatUtc } from '@/components/ui/format';
import { ApprovalDecision } from '@/components/approvals/approval-decision';
import { AutoRefresh } from '@/components/runs/auto-refresh';
import { decideApprovalAction } from './actions';

export const metadata: Metadata = { title: 'Approvals' };

const OUTCOME_STYLE: Record<string, string> = {
  approved: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  rejected: 'bg-red-50 text-red-700 ring-red-600/20',
  timed_out: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  cancelled: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

function Request({ a, children }: { a: ApprovalView; children?: React.ReactNode }) {
  return (
    <li className="grid gap-4 px-5 py-4 lg:grid-cols-[1fr_22rem]" data-testid="approval" data-approval-id={a.id} data-status={a.status}>
      <div className="min-w-0">
        <p className="font-medium text-slate-900">{a.title}</p>
        {a.details && <p className="mt-1 text-sm whitespace-pre-wrap text-slate-600">{a.details}</p>}
        <p className="mt-2 text-xs text-slate-500">
          <Link href={`/flows/${a.flowId}`} className="text-indigo-600 hover:text-indigo-500">
            {a.flowName}
          </Link>{' '}
          ·{' '}
          <Link href={`/runs/${a.runId}`} className="text-indigo-600 hover:text-indigo-500">
            run {a.runId.slice(0, 8)}
          </Link>{' '}
          · asked {formatUtc(a.requestedAt)} · {a.approvers.length > 0 ? `to ${a.approvers.join(', ')}` : 'no approvers by email'}
        </p>
      </div>
      <div>{children}</div>
    </li>
  );
}

export default async function ApprovalsPage() {
  const principal = await requirePage('runs:read');
  const canDecide = can(principal.role, 'runs:write');
  const [pending, decided] = await Promise.all([listApprovals({ status: 'pending' }), listApprovals({ status: 'decided', limit: 20 })]);

  return (
    <>
      <PageHeader
        title="Approvals"
        description="Runs waiting for a person to decide. A waiting run holds no worker; without a decision it takes the step's default outcome when the request expires."
        actions={<AutoRefresh enabled />}
      />
      <Card className="mb-6">
        <CardHeader title={`Waiting for a decision (${pending.length})`} />
        {pending.length === 0 ? (
          <EmptyState icon={<Icon name="check-circle" className="h-5 w-5" />} title="Nothing is waiting">
            When a flow reaches an Approval step, the request appears here and in the approvers&apos; inbox.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {pending.map((a) => (
              <Request key={a.id} a={a}>
                <p className="mb-2 text-xs text-slate-500">
                  Expires {formatUtc(a.expiresAt)}, then <span className="font-medium">{a.timeoutOutcome}</span>
                </p>
                {canDecide ? (
                  <ApprovalDecision approvalId={a.id} decisions={['approve', 'reject']} decide={decideApprovalAction} />
                ) : (
                  <p className="text-sm text-slate-500">Your role can see requests but not decide them.</p>
                )}
              </Request>
            ))}
          </ul>
        )}
      </Card>
      {decided.length > 0 && (
        <Card>
          <CardHeader title="Recently decided" />
          <ul className="divide-y divide-slate-100">
            {decided.map((a) => (
              <Request key={a.id} a={a}>
                <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${OUTCOME_STYLE[a.status] ?? ''}`}>{a.status.replace('_', ' ')}</span>
                <p className="mt-1 text-xs text-slate-500">
                  by {a.decidedBy ?? '—'} · {formatUtc(a.decidedAt)}
                </p>
                {a.comment && <p className="mt-1 text-sm text-slate-700">“{a.comment}”</p>}
              </Request>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
