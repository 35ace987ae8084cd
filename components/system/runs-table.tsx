// Runs the database holds per flow and status (riposte_runs): the same counts a scrape reports,
// with the flow's name and a link to its runs.
import Link from 'next/link';
import { formatCount } from './format';
import { SystemTable, Td, Th } from './system-section';
import type { RunCountsView } from './types';

const STATUSES: { key: string; label: string; alarm?: boolean }[] = [
  { key: 'queued', label: 'Queued' },
  { key: 'running', label: 'Running' },
  { key: 'waiting', label: 'Waiting' },
  { key: 'succeeded', label: 'Succeeded' },
  { key: 'failed', label: 'Failed', alarm: true },
  { key: 'timed_out', label: 'Timed out', alarm: true },
  { key: 'cancelled', label: 'Cancelled' },
];

export function RunsTable({ rows }: { rows: RunCountsView[] }) {
  return (
    <SystemTable
      testId="runs-table"
      head={
        <>
          <Th>Flow</Th>
          {STATUSES.map((s) => (
            <Th key={s.key} numeric>
              {s.label}
            </Th>
          ))}
          <Th numeric>Total</Th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.flowId} data-testid="runs-row" data-flow-id={r.flowId}>
          <Td className="max-w-72">
            <Link href={`/runs?flowId=${encodeURIComponent(r.flowId)}`} className="block truncate font-medium text-indigo-600 hover:text-indigo-500" title={r.flowName ?? r.flowId}>
              {r.flowName ?? <span className="font-mono text-xs">{r.flowId.slice(0, 8)} (deleted)</span>}
            </Link>
          </Td>
          {STATUSES.map((s) => {
            const n = r.counts[s.key] ?? 0;
            return (
              <Td key={s.key} numeric className={n === 0 ? 'text-slate-400' : s.alarm ? 'font-semibold text-red-700' : ''}>
                <span data-testid={`runs-${s.key}`}>{formatCount(n)}</span>
              </Td>
            );
          })}
          <Td numeric className="font-medium text-slate-900">
            {formatCount(r.total)}
          </Td>
        </tr>
      ))}
    </SystemTable>
  );
}
