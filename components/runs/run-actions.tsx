'use client';
// The run detail page's actions: Cancel (while active), Resubmit (same or latest version) and
// Retry from the failed step (after a failure). The server re-checks role and state; the buttons
// only offer what makes sense for this run.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '../action-result';

export interface RunActionHandlers {
  cancel: (runId: string) => Promise<ActionResult<{ id: string }>>;
  resubmit: (runId: string, version: 'same' | 'latest') => Promise<ActionResult<{ id: string }>>;
  retry: (runId: string) => Promise<ActionResult<{ id: string }>>;
}

interface RunActionsProps extends RunActionHandlers {
  runId: string;
  status: string;
  canWrite: boolean;
}

const ACTIVE = new Set(['queued', 'running', 'waiting']);
const RETRYABLE = new Set(['failed', 'timed_out', 'cancelled']);

const secondary =
  'inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50';
const danger =
  'inline-flex items-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-xs hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:opacity-50';

export function RunActions({ runId, status, canWrite, cancel, resubmit, retry }: RunActionsProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState<'same' | 'latest'>('same');
  if (!canWrite) return null;

  function run(action: () => Promise<ActionResult<{ id: string }>>, goToNew: boolean) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.error);
      else if (goToNew) router.push(`/runs/${result.data.id}`);
      else router.refresh();
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap items-center gap-2">
        {ACTIVE.has(status) && (
          <button type="button" className={danger} disabled={pending} onClick={() => run(() => cancel(runId), false)}>
            Cancel run
          </button>
        )}
        {RETRYABLE.has(status) && (
          <button
            type="button"
            className={secondary}
            disabled={pending}
            title="A new run that keeps the steps that succeeded and starts at the one that did not"
            onClick={() => run(() => retry(runId), true)}
          >
            Retry from failed step
          </button>
        )}
        {!ACTIVE.has(status) && (
          <span className="inline-flex items-center rounded-md shadow-xs">
            <label htmlFor="resubmit-version" className="sr-only">
              Version to resubmit on
            </label>
            <select
              id="resubmit-version"
              value={version}
              onChange={(e) => setVersion(e.target.value === 'latest' ? 'latest' : 'same')}
              className="rounded-l-md border border-r-0 border-slate-300 bg-white py-1.5 pr-7 pl-2 text-sm text-slate-700"
            >
              <option value="same">This version</option>
              <option value="latest">Latest published</option>
            </select>
            <button
              type="button"
              className={`${secondary} rounded-l-none shadow-none`}
              disabled={pending}
              onClick={() => run(() => resubmit(runId, version), true)}
            >
              Resubmit
            </button>
          </span>
        )}
      </div>
      {error && (
        <span role="alert" className="max-w-80 text-right text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
