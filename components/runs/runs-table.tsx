// Run history rows, shared by /runs and a flow's "recent runs". Alert text is rendered as text.
import Link from 'next/link';
import { SeverityBadge, StatusBadge } from '../ui/badge';
import { RelativeTime } from '../ui/time';
import { formatDuration } from '../ui/format';
import { runTitle, triggerKindLabel, versionLabel } from './trigger-kind';

export interface RunRow {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number;
  status: string;
  triggerKind: string;
  summary: { alertId?: string; title?: string; severity?: string; computerDnsName?: string } | null;
  createdAt: string;
  startedAt: string | null;
  durationMs: number | null;
  /** Who started a manual run, a resubmit or a retry. */
  startedBy?: string | null;
}

/**
 * `selectable` adds a checkbox per row (named `runIds`), read by the BulkRunActions form that
 * wraps the table; the table itself stays a server component.
 */
export function RunsTable({ runs, showFlow = true, now, selectable = false }: { runs: RunRow[]; showFlow?: boolean; now: number; selectable?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50/80 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            {selectable && (
              <th scope="col" className="w-10 py-2.5 pl-5">
                {/* BulkRunActions ticks every row when this one changes. */}
                <input
                  type="checkbox"
                  data-select-all=""
                  aria-label="Select all runs on this page"
                  className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                />
              </th>
            )}
            <th scope="col" className="px-5 py-2.5">Status</th>
            {showFlow && <th scope="col" className="px-5 py-2.5">Flow</th>}
            <th scope="col" className="px-5 py-2.5">Trigger</th>
            <th scope="col" className="px-5 py-2.5">Started</th>
            <th scope="col" className="px-5 py-2.5 text-right">Duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id} data-status={run.status} data-alert-id={run.summary?.alertId} className="hover:bg-slate-50/60">
              {selectable && (
                <td className="w-10 py-3 pl-5">
                  <input
                    type="checkbox"
                    name="runIds"
                    value={run.id}
                    aria-label={`Select run ${run.summary?.title ?? run.id}`}
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                  />
                </td>
              )}
              <td className="px-5 py-3">
                <Link href={`/runs/${run.id}`} aria-label={`Run ${run.id}: ${run.status}`}>
                  <StatusBadge status={run.status} />
                </Link>
              </td>
              {showFlow && (
                <td className="max-w-64 px-5 py-3">
                  <Link href={`/flows/${run.flowId}`} className="line-clamp-2 text-slate-700 hover:text-indigo-600" title={run.flowName}>
                    {run.flowName}
                  </Link>
                  <span className="text-xs text-slate-400">{versionLabel(run.flowVersion)}</span>
                </td>
              )}
              <td className="max-w-xl px-5 py-3">
                <Link href={`/runs/${run.id}`} className="group flex min-w-0 items-center gap-2" data-testid="run-link">
                  {run.summary?.severity && <SeverityBadge severity={run.summary.severity} />}
                  <span className="truncate font-medium text-slate-900 group-hover:text-indigo-600" data-testid="run-title">
                    {runTitle(run)}
                  </span>
                  {run.triggerKind !== 'alert' && (
                    <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600" data-testid="run-trigger-kind">
                      {triggerKindLabel(run.triggerKind)}
                    </span>
                  )}
                </Link>
                {(run.summary?.computerDnsName || run.startedBy) && (
                  <p className="mt-0.5 truncate text-xs text-slate-500">
                    {run.summary?.computerDnsName}
                    {run.summary?.computerDnsName && run.startedBy ? ' · ' : ''}
                    {run.startedBy && <span data-testid="run-started-by">by {run.startedBy}</span>}
                  </p>
                )}
              </td>
              <td className="px-5 py-3 text-slate-600">
                <RelativeTime iso={run.startedAt ?? run.createdAt} now={now} />
              </td>
              <td className="px-5 py-3 text-right font-mono text-xs text-slate-600 tabular-nums">{formatDuration(run.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
