// Runs per status for the current filters, as toggles: each chip adds or removes its status
// from the filter (several can be on). When more runs match than the server counts, the counts
// cover the newest of them and "All" reads "10,000+".
import Link from 'next/link';
import { formatCount, runListHref, toggleStatus, type RunListParams } from './run-list-params';

const DOT: Record<string, string> = {
  queued: 'bg-slate-400',
  running: 'bg-sky-500',
  waiting: 'bg-amber-500',
  succeeded: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-slate-300',
  timed_out: 'bg-orange-500',
};

interface StatusChipsProps {
  params: RunListParams;
  statuses: readonly { value: string; label: string }[];
  counts: Record<string, number>;
  total: number;
  /** More runs match than were counted (the counts cover the newest `total`). */
  limited: boolean;
  base: string;
}

const chip = (active: boolean) =>
  `inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm whitespace-nowrap transition-colors ${
    active ? 'border-indigo-300 bg-indigo-50 font-medium text-indigo-800' : 'border-slate-200 bg-white text-slate-600 hover:border-slate-300 hover:bg-slate-50'
  }`;

export function StatusChips({ params, statuses, counts, total, limited, base }: StatusChipsProps) {
  return (
    <nav className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-3" aria-label="Runs by status" data-testid="status-chips">
      <Link href={runListHref(params, { status: [] }, base)} className={chip(params.status.length === 0)} aria-current={params.status.length === 0 ? 'true' : undefined} data-testid="status-chip-all">
        All
        <span className="tabular-nums text-slate-500">{formatCount(total, limited)}</span>
      </Link>
      {statuses.map((s) => {
        const active = params.status.includes(s.value);
        return (
          <Link
            key={s.value}
            href={runListHref(params, { status: toggleStatus(params.status, s.value) }, base)}
            className={chip(active)}
            data-active={active ? 'true' : undefined}
            data-testid={`status-chip-${s.value}`}
          >
            <span className={`h-2 w-2 rounded-full ${DOT[s.value] ?? 'bg-slate-400'}`} aria-hidden="true" />
            {s.label}
            {active && <span className="sr-only">(filter on)</span>}
            <span className="tabular-nums text-slate-500" data-testid="status-count">
              {formatCount(counts[s.value] ?? 0, false)}
            </span>
          </Link>
        );
      })}
      {limited && (
        <span className="ml-auto text-xs text-slate-500" data-testid="status-counts-note">
          Counts cover the newest {formatCount(total, false)} matching runs
        </span>
      )}
    </nav>
  );
}
