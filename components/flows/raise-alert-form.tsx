'use client';
// Demo-mode control: asks the simulated Defender tenant to raise an alert now, so a user can
// watch an enabled flow pick it up on the next poll.
import Link from 'next/link';
import { useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '../action-result';

const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;

type Outcome = { kind: 'idle' } | { kind: 'raised'; id: string; title: string; severity: string } | { kind: 'failed'; message: string };

interface RaiseAlertFormProps {
  raise: (severity: string) => Promise<ActionResult<{ id: string; title: string; severity: string }>>;
}

export function RaiseAlertForm({ raise }: RaiseAlertFormProps) {
  const [severity, setSeverity] = useState<string>('High');
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await raise(severity);
      setOutcome(result.ok ? { kind: 'raised', ...result.data } : { kind: 'failed', message: result.error });
    });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <form onSubmit={onSubmit} className="flex items-center gap-2" data-testid="raise-alert-form">
        <label htmlFor="raise-severity" className="sr-only">
          Severity
        </label>
        <select
          id="raise-severity"
          data-testid="raise-alert-severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value)}
          className="rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none"
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button
          type="submit"
          disabled={pending}
          data-testid="raise-alert-button"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? 'Raising…' : 'Raise test alert'}
        </button>
      </form>
      {outcome.kind === 'raised' && (
        <p role="status" data-testid="raise-alert-result" data-alert-id={outcome.id} className="max-w-md text-right text-sm text-emerald-700">
          Raised {outcome.severity} alert “<span data-testid="raised-alert-title">{outcome.title}</span>”.{' '}
          <Link href="/runs" className="font-medium underline underline-offset-2">
            Watch the runs
          </Link>
        </p>
      )}
      {outcome.kind === 'failed' && (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          {outcome.message}
        </p>
      )}
    </div>
  );
}
