// The run list's filter form: a GET form (works without JavaScript); selects submit on
// change, text fields on Enter or "Apply". Statuses are chosen with the status chips above it
// and ride along as hidden fields.
import Link from 'next/link';
import { AutoSubmitSelect } from '../ui/auto-submit-select';
import { CleanGetForm } from '../ui/clean-get-form';
import { toDatetimeLocal, type RunListParams } from './run-list-params';
import { TRIGGER_KIND_LABELS } from './trigger-kind';

export const RANGE_LABELS: Record<string, string> = { '1h': 'Last 1 hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'UnSpecified'];

const field = 'flex flex-col gap-1 text-xs font-medium text-slate-500';
const input =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

interface RunFiltersProps {
  params: RunListParams;
  flows: { id: string; name: string }[];
  /** Set on a flow's own run list: the flow is fixed, so no flow picker. */
  fixedFlowId?: string;
  clearHref: string | null;
}

export function RunFilters({ params, flows, fixedFlowId, clearHref }: RunFiltersProps) {
  return (
    <CleanGetForm action="/runs" className="space-y-3 border-b border-slate-200 px-5 py-4" data-testid="runs-filter" role="search" aria-label="Filter runs">
      {params.status.length > 0 && <input type="hidden" name="status" value={params.status.join(',')} />}
      {fixedFlowId && <input type="hidden" name="flowId" value={fixedFlowId} />}
      <div className="flex flex-wrap items-center gap-3">
        <label className="relative min-w-60 flex-1">
          <span className="sr-only">Search alert titles</span>
          <input type="search" name="q" defaultValue={params.q ?? ''} maxLength={200} placeholder="Search alert titles…" className={`${input} w-full`} data-testid="runs-search" />
        </label>
        {!fixedFlowId && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Flow
            <AutoSubmitSelect name="flowId" defaultValue={params.flowId ?? ''} className="max-w-56">
              <option value="">All flows</option>
              {flows.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </AutoSubmitSelect>
          </label>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Severity
          <AutoSubmitSelect name="severity" defaultValue={params.severity ?? ''}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </AutoSubmitSelect>
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Trigger
          <AutoSubmitSelect name="triggerKind" defaultValue={params.triggerKind ?? ''}>
            <option value="">Any</option>
            {Object.entries(TRIGGER_KIND_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </AutoSubmitSelect>
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
        <label className={field}>
          Time
          <AutoSubmitSelect name="range" defaultValue={params.range ?? ''} className="h-9 w-36">
            <option value="">Any time</option>
            {Object.entries(RANGE_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </AutoSubmitSelect>
        </label>
        <label className={field}>
          From (UTC)
          <input type="datetime-local" name="from" defaultValue={toDatetimeLocal(params.from)} className={`${input} h-9 w-44 text-xs`} />
        </label>
        <label className={field}>
          To (UTC)
          <input type="datetime-local" name="to" defaultValue={toDatetimeLocal(params.to)} className={`${input} h-9 w-44 text-xs`} />
        </label>
        <label className={field}>
          Alert id
          <input name="alertId" defaultValue={params.alertId ?? ''} maxLength={200} placeholder="da637…" className={`${input} h-9 w-36 font-mono text-xs`} />
        </label>
        <label className={field}>
          Machine
          <input name="machine" defaultValue={params.machine ?? ''} maxLength={255} placeholder="Id or DNS name" className={`${input} h-9 w-40`} />
        </label>
        <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500" data-testid="runs-apply">
          Apply
        </button>
        {clearHref && (
          <Link href={clearHref} className="flex h-9 items-center px-1 text-sm font-medium whitespace-nowrap text-indigo-600 hover:text-indigo-500" data-testid="runs-clear">
            Clear filters
          </Link>
        )}
      </div>
    </CleanGetForm>
  );
}
