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

export interface StatusCountsView {
  counts: Record<string, number>;
  total: number;
  /** More runs match than were counted (the counts cover the newest `total`). */
  limited: boolean;
  /** The server gave up counting (its time budget ran out). */
  unavailable: boolean;
}

interface StatusChipsProps {
  params: RunListParams;
  statuses: readonly { value: string; label: string }[];
  /** null while the counts are still loading (they stream in after the list). */
  counts: StatusCountsView | null;
  base: string;
}

const chip = (active: boolean) =>
  `inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm whitespace-nowrap transition-colors ${
    active ? 'border-indigo-300 bg-indigo-50 font-medium text-indigo-800' : 'border-slate-200 bg-white text-slate-600 hover:border-slate-300 hover:bg-slate-50'
  }`;

function Count({ children }: { children: string | null }) {
  if (children === null) return <span className="inline-block h-3 w-5 animate-pulse rounded bg-slate-200" aria-hidden="true" />;
  return (
    <span className="tabular-nums text-slate-500" data-testid="status-count">
      {children}
    </span>
  );
}

export function StatusChips({ params, statuses, counts, base }: StatusChipsProps) {
  const show = counts !== null && !counts.unavailable;
  // The placeholder (counts still streaming) and the counted chips can both be in the document for
  // a moment while React swaps them: only the counted ones carry the plain test ids.
  const tid = (name: string) => (counts === null ? `${name}-pending` : name);
  return (
    <nav className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-3" aria-label="Runs by status" data-testid={tid('status-chips')}>
      <Link href={runListHref(params, { status: [] }, base)} className={chip(params.status.length === 0)} aria-current={params.status.length === 0 ? 'true' : undefined} data-testid={tid('status-chip-all')}>
        All
        {counts?.unavailable ? null : <Count>{show ? formatCount(counts.total, counts.limited) : null}</Count>}
      </Link>
      {statuses.map((s) => {
        const active = params.status.includes(s.value);
        return (
          <Link
            key={s.value}
            href={runListHref(params, { status: toggleStatus(params.status, s.value) }, base)}
            className={chip(active)}
            data-active={active ? 'true' : undefined}
            data-testid={tid(`status-chip-${s.value}`)}
          >
            <span className={`h-2 w-2 rounded-full ${DOT[s.value] ?? 'bg-slate-400'}`} aria-hidden="true" />
            {s.label}
            {active && <span className="sr-only">(filter on)</span>}
            {counts?.unavailable ? null : <Count>{show ? formatCount(counts.counts[s.value] ?? 0, false) : null}</Count>}
          </Link>
        );
      })}
      {show && counts.limited && (
        <span className="ml-auto text-xs text-slate-500" data-testid="status-counts-note">
          Counts cover the newest {formatCount(counts.total, false)} matching runs
        </span>
      )}
      {counts?.unavailable && (
        <span className="ml-auto text-xs text-slate-500" data-testid="status-counts-note">
          Too many runs match to count them quickly — add a time range to see counts
        </span>
      )}
    </nav>
  );
}
