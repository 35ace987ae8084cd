'use client';
// Approve / Reject with an optional comment. Used on the Approvals page (signed-in editors) and
// on the signed-link page (one decision, fixed by the link). The server re-checks everything.
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '../action-result';

export type Decision = 'approve' | 'reject';

interface ApprovalDecisionProps {
  approvalId: string;
  /** Offered decisions: both in the app, the link's one on the signed-link page. */
  decisions: Decision[];
  decide: (approvalId: string, decision: Decision, comment: string) => Promise<ActionResult<{ outcome: string }>>;
  /** Refresh the page after a decision (the Approvals list); the signed-link page keeps the result shown. */
  refreshOnDone?: boolean;
}

const LABEL: Record<Decision, string> = { approve: 'Approve', reject: 'Reject' };
const STYLE: Record<Decision, string> = {
  approve: 'bg-emerald-600 text-white hover:bg-emerald-500 focus-visible:outline-emerald-600',
  reject: 'border border-red-300 bg-white text-red-700 hover:bg-red-50 focus-visible:outline-red-600',
};

export function ApprovalDecision({ approvalId, decisions, decide, refreshOnDone = true }: ApprovalDecisionProps) {
  const router = useRouter();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  function submit(decision: Decision) {
    setResult(null);
    startTransition(async () => {
      const r = await decide(approvalId, decision, comment);
      setResult(r.ok ? { ok: true, text: `Recorded: ${r.data.outcome}. The run continues.` } : { ok: false, text: r.error });
      if (r.ok && refreshOnDone) router.refresh();
    });
  }

  if (result?.ok) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="approval-result">
        {result.text}
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <label htmlFor={commentId} className="block text-xs font-medium text-slate-600">
          Comment (optional)
        </label>
        <textarea
          id={commentId}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={2000}
          rows={2}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
        />
      </div>
      <div className="flex gap-2">
        {decisions.map((d) => (
          <button
            key={d}
            type="button"
            disabled={pending}
            onClick={() => submit(d)}
            className={`rounded-md px-3 py-1.5 text-sm font-semibold shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 ${STYLE[d]}`}
          >
            {LABEL[d]}
          </button>
        ))}
      </div>
      {result && !result.ok && (
        <p role="alert" className="text-sm text-red-700">
          {result.text}
        </p>
      )}
    </div>
  );
}
