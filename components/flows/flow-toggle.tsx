'use client';
// The On/Off switch. Optimistic: it flips at once; useOptimistic falls back to the server's
// value when the action ends, so a failure rolls back by itself and we only add the message.
import { useOptimistic, useState, useTransition } from 'react';
import type { ActionResult } from '../action-result';

interface FlowToggleProps {
  flowId: string;
  flowName: string;
  enabled: boolean;
  published: boolean;
  canWrite: boolean;
  setEnabled: (flowId: string, enabled: boolean) => Promise<ActionResult<{ enabled: boolean }>>;
}

export function FlowToggle({ flowId, flowName, enabled, published, canWrite, setEnabled }: FlowToggleProps) {
  const [optimistic, setOptimistic] = useOptimistic(enabled);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const blockedReason = !published && !enabled ? 'Publish the flow before switching it on' : null;

  function toggle() {
    const next = !optimistic;
    setError(null);
    startTransition(async () => {
      setOptimistic(next);
      const result = await setEnabled(flowId, next);
      if (!result.ok) setError(result.error);
    });
  }

  // A role that cannot switch flows sees the state only, not a control it could never use.
  if (!canWrite) {
    return (
      <span data-testid={`flow-state-${flowId}`} data-state={enabled ? 'on' : 'off'} title={enabled ? 'On: new alerts start runs' : 'Off: no new runs'} className={`text-xs font-medium ${enabled ? 'text-emerald-700' : 'text-slate-500'}`}>
        {enabled ? 'On' : 'Off'}
      </span>
    );
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <span title={blockedReason ?? (optimistic ? 'On: new alerts start runs' : 'Off: no new runs')} className="inline-flex items-center gap-2">
        <span className={`text-xs font-medium ${optimistic ? 'text-emerald-700' : 'text-slate-500'}`}>{optimistic ? 'On' : 'Off'}</span>
        <button
          type="button"
          role="switch"
          aria-checked={optimistic}
          aria-label={`${flowName}: ${optimistic ? 'on' : 'off'}`}
          data-testid={`flow-toggle-${flowId}`}
          data-state={optimistic ? 'on' : 'off'}
          data-pending={pending ? 'true' : undefined}
          disabled={blockedReason !== null}
          onClick={toggle}
          className={`relative inline-flex h-5 w-9 shrink-0 cursor-pointer rounded-full border-2 border-transparent transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 ${
            optimistic ? 'bg-emerald-600' : 'bg-slate-300'
          }`}
        >
          <span
            aria-hidden="true"
            className={`pointer-events-none inline-block h-4 w-4 rounded-full bg-white shadow-sm ring-0 transition-transform ${optimistic ? 'translate-x-4' : 'translate-x-0'}`}
          />
        </button>
      </span>
      {error && (
        <span role="alert" className="max-w-56 text-right text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
