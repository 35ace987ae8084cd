// The audit page's filter form: a GET form (works without JavaScript); selects submit on
// change, text fields on Enter or "Apply". Choosing "Custom…" shows the From / To fields.
import Link from 'next/link';
import { AutoSubmitSelect } from '../ui/auto-submit-select';
import { CleanGetForm } from '../ui/clean-get-form';
import { toDatetimeLocal } from '../runs/run-list-params';
import type { AuditListParams } from './audit-params';

export interface AuditCatalogue {
  categories: Record<string, string>;
  actions: { action: string; label: string; category: string }[];
  targetTypes: readonly string[];
}

export const AUDIT_RANGE_LABELS: Record<string, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', custom: 'Custom…' };

const field = 'flex flex-col gap-1 text-xs font-medium text-slate-500';
const input =
  'h-9 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

export function AuditFilters({ params, catalogue, clearHref }: { params: AuditListParams; catalogue: AuditCatalogue; clearHref: string | null }) {
  const actions = params.category ? catalogue.actions.filter((a) => a.category === params.category) : catalogue.actions;
  return (
    <CleanGetForm action="/audit" className="space-y-3 border-b border-slate-200 px-5 py-4" data-testid="audit-filter" role="search" aria-label="Filter the audit log">
      <div className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
        <label className={`${field} min-w-56 flex-1`}>
          Actor
          <input type="search" name="actor" defaultValue={params.actor ?? ''} maxLength={320} placeholder="Email contains… (or “system”)" className={`${input} w-full`} data-testid="audit-actor" />
        </label>
        <label className={field}>
          Category
          <AutoSubmitSelect name="category" defaultValue={params.category ?? ''} className="h-9 w-44" data-testid="audit-category">
            <option value="">All categories</option>
            {Object.entries(catalogue.categories).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </AutoSubmitSelect>
        </label>
        <label className={field}>
          Action
          <AutoSubmitSelect name="action" defaultValue={params.action ?? ''} className="h-9 w-60" data-testid="audit-action">
            <option value="">All actions</option>
            {Object.entries(catalogue.categories).map(([category, categoryLabel]) => {
              const inCategory = actions.filter((a) => a.category === category);
              return inCategory.length === 0 ? null : (
                <optgroup key={category} label={categoryLabel}>
                  {inCategory.map((a) => (
                    <option key={a.action} value={a.action}>
                      {a.label}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </AutoSubmitSelect>
        </label>
        <label className={field}>
          Time
          <AutoSubmitSelect name="range" defaultValue={params.range ?? ''} className="h-9 w-36" data-testid="audit-range">
            <option value="">Any time</option>
            {Object.entries(AUDIT_RANGE_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </AutoSubmitSelect>
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
        <label className={field}>
          Target type
          <input name="targetType" list="audit-target-types" defaultValue={params.targetType ?? ''} maxLength={50} placeholder="flow, run…" className={`${input} w-32`} data-testid="audit-target-type" />
          <datalist id="audit-target-types">
            {catalogue.targetTypes.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
        <label className={field}>
          Target id
          <input name="targetId" defaultValue={params.targetId ?? ''} maxLength={200} placeholder="Id of the flow, run…" className={`${input} w-72 font-mono text-xs`} data-testid="audit-target-id" />
        </label>
        <label className={field}>
          From where (IP)
          <input name="ip" defaultValue={params.ip ?? ''} maxLength={100} placeholder="10.0.0.5 or 10.0.*" className={`${input} w-40 font-mono text-xs`} data-testid="audit-ip" />
        </label>
        {params.range === 'custom' && (
          <>
            <label className={field}>
              From (UTC)
              <input type="datetime-local" name="from" defaultValue={toDatetimeLocal(params.from)} className={`${input} w-44 text-xs`} data-testid="audit-from" />
            </label>
            <label className={field}>
              To (UTC)
              <input type="datetime-local" name="to" defaultValue={toDatetimeLocal(params.to)} className={`${input} w-44 text-xs`} data-testid="audit-to" />
            </label>
          </>
        )}
        <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500" data-testid="audit-apply">
          Apply
        </button>
        {clearHref && (
          <Link href={clearHref} className="flex h-9 items-center px-1 text-sm font-medium whitespace-nowrap text-indigo-600 hover:text-indigo-500" data-testid="audit-clear">
            Clear filters
          </Link>
        )}
      </div>
    </CleanGetForm>
  );
}
