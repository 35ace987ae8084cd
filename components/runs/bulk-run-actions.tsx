'use client';
// Bulk resubmit on the run list: wraps the table in a form, counts the ticked rows and resubmits
// them on the chosen version. The server re-checks the role and says which runs it skipped.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition, type ReactNode } from 'react';
import type { ActionResult } from '../action-result';

export interface BulkResubmitOutcome {
  created: { id: string; resubmittedFromId: string }[];
  skipped: { runId: string; reason: string }[];
}

interface BulkRunActionsProps {
  children: ReactNode;
  resubmit: (runIds: string[], version: 'same' | 'latest') => Promise<ActionResult<BulkResubmitOutcome>>;
}

export function BulkRunActions({ children, resubmit }: BulkRunActionsProps) {
  const form = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const [selected, setSelected] = useState(0);
  const [version, setVersion] = useState<'same' | 'latest'>('same');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const ids = () => (form.current ? new FormData(form.current).getAll('runIds').map(String) : []);

  function submit() {
    const runIds = ids();
    if (runIds.length === 0) return;
    setMessage(null);
    startTransition(async () => {
      const result = await resubmit(runIds, version);
      if (!result.ok) {
        setMessage({ kind: 'error', text: result.error });
        return;
      }
      const { created, skipped } = result.data;
      const text = `${created.length} run${created.length === 1 ? '' : 's'} resubmitted${skipped.length ? `; ${skipped.length} skipped (${skipped[0]?.reason})` : ''}.`;
      setMessage({ kind: skipped.length ? 'error' : 'ok', text });
      form.current?.reset();
      setSelected(0);
      router.refresh();
    });
  }

  return (
    <form ref={form} onChange={() => setSelected(ids().length)} onSubmit={(e) => e.preventDefault()} aria-label="Runs">
      <div className="flex min-h-11 flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-2 text-sm" data-testid="bulk-run-actions">
        <span className="text-slate-600" aria-live="polite">
          {selected === 0 ? 'Select runs to resubmit them together.' : `${selected} selected`}
        </span>
        {selected > 0 && (
          <>
            <label className="flex items-center gap-2 text-slate-600">
              on
              <select
                value={version}
                onChange={(e) => setVersion(e.target.value === 'latest' ? 'latest' : 'same')}
                className="rounded-md border border-slate-300 bg-white py-1 pr-7 pl-2 text-sm"
              >
                <option value="same">their own versions</option>
                <option value="latest">the latest published versions</option>
              </select>
            </label>
            <button
              type="button"
              onClick={submit}
              disabled={pending}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60"
            >
              {pending ? 'Resubmitting…' : 'Resubmit selected'}
            </button>
          </>
        )}
        {message && (
          <span role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'text-red-700' : 'text-emerald-700'}>
            {message.text}
          </span>
        )}
      </div>
      {children}
    </form>
  );
}
