'use client';
// Bulk actions on the run list: wraps the table in a form, counts the ticked rows and resubmits
// them on the chosen version, or cancels the ones still in progress. The server re-checks the
// role and says which runs it skipped. While rows are ticked the live list holds still (a
// selected row must not slide away or change under the pointer).
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import type { ActionResult } from '../action-result';
import { setLivePaused } from './live-pause';

export interface BulkResubmitOutcome {
  created: { id: string; resubmittedFromId: string }[];
  skipped: { runId: string; reason: string }[];
}

export interface BulkCancelOutcome {
  cancelled: string[];
  skipped: { runId: string; reason: string }[];
}

interface BulkRunActionsProps {
  children: ReactNode;
  resubmit: (runIds: string[], version: 'same' | 'latest') => Promise<ActionResult<BulkResubmitOutcome>>;
  cancel?: (runIds: string[]) => Promise<ActionResult<BulkCancelOutcome>>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function skippedText(skipped: { reason: string }[]): string {
  return skipped.length ? `; ${skipped.length} skipped (${skipped[0]?.reason}${skipped.length > 1 ? ', …' : ''})` : '';
}

export function BulkRunActions({ children, resubmit, cancel }: BulkRunActionsProps) {
  const form = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const [selected, setSelected] = useState(0);
  const [version, setVersion] = useState<'same' | 'latest'>('same');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<'resubmit' | 'cancel' | null>(null);

  useEffect(() => {
    setLivePaused('bulk-selection', selected > 0);
  }, [selected]);
  useEffect(() => () => setLivePaused('bulk-selection', false), []);

  const boxes = () => (form.current ? [...form.current.querySelectorAll<HTMLInputElement>('input[name="runIds"]')] : []);
  const ids = () => boxes().filter((b) => b.checked).map((b) => b.value);

  function onChange(e: FormEvent<HTMLFormElement>) {
    const target = e.target as HTMLInputElement;
    if (target.dataset.selectAll !== undefined) for (const b of boxes()) b.checked = target.checked;
    setSelected(ids().length);
  }

  function done(text: string, hadSkips: boolean) {
    setMessage({ kind: hadSkips ? 'error' : 'ok', text });
    form.current?.reset();
    setSelected(0);
    router.refresh();
  }

  function run(kind: 'resubmit' | 'cancel') {
    const runIds = ids();
    if (runIds.length === 0) return;
    setMessage(null);
    setBusy(kind);
    startTransition(async () => {
      if (kind === 'resubmit') {
        const result = await resubmit(runIds, version);
        if (!result.ok) setMessage({ kind: 'error', text: result.error });
        else done(`${plural(result.data.created.length, 'run')} resubmitted${skippedText(result.data.skipped)}.`, result.data.skipped.length > 0);
      } else if (cancel) {
        const result = await cancel(runIds);
        if (!result.ok) setMessage({ kind: 'error', text: result.error });
        else done(`${plural(result.data.cancelled.length, 'run')} cancelled${skippedText(result.data.skipped)}.`, result.data.skipped.length > 0);
      }
      setBusy(null);
    });
  }

  return (
    <form ref={form} onChange={onChange} onSubmit={(e) => e.preventDefault()} aria-label="Runs">
      <div className="flex min-h-11 flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50/60 px-5 py-2 text-sm" data-testid="bulk-run-actions">
        <span className="text-slate-600" aria-live="polite">
          {selected === 0 ? `Select runs to resubmit${cancel ? ' or cancel' : ''} them together.` : `${selected} selected`}
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
              onClick={() => run('resubmit')}
              disabled={pending}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60"
            >
              {busy === 'resubmit' ? 'Resubmitting…' : 'Resubmit selected'}
            </button>
            {cancel && (
              <button
                type="button"
                onClick={() => run('cancel')}
                disabled={pending}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-red-700 shadow-xs hover:bg-red-50 disabled:opacity-60"
              >
                {busy === 'cancel' ? 'Cancelling…' : 'Cancel selected'}
              </button>
            )}
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
