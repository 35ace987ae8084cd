// Worker processes and their heartbeats. A process that stopped cleanly deletes its row; a row
// not beaten within the readiness window belongs to a process that died or hangs: flagged stale.
import { Badge } from '../ui/badge';
import { RelativeTime } from '../ui/time';
import { formatUtc } from '../ui/format';
import { SystemTable, Td, Th } from './system-section';
import type { WorkerView } from './types';

export function WorkersTable({ rows, now }: { rows: WorkerView[]; now: number }) {
  return (
    <SystemTable
      testId="workers-table"
      head={
        <>
          <Th>Process</Th>
          <Th>Status</Th>
          <Th>Started</Th>
          <Th>Last heartbeat</Th>
        </>
      }
    >
      {rows.map((w) => (
        <tr key={w.id} data-testid="worker-row" data-stale={w.stale ? 'true' : 'false'} className={w.stale ? 'bg-amber-50/40' : undefined}>
          <Td>
            <span className="block font-medium text-slate-900">{w.host}</span>
            <span className="font-mono text-xs text-slate-500">pid {w.pid}</span>
          </Td>
          <Td>
            {w.stale ? (
              <Badge tone="amber" dot>
                Stale
              </Badge>
            ) : (
              <Badge tone="green" dot>
                Alive
              </Badge>
            )}
          </Td>
          <Td className="whitespace-nowrap">
            <span className="block">{formatUtc(w.startedAt)}</span>
            <span className="text-xs text-slate-500">
              <RelativeTime iso={w.startedAt} now={now} />
            </span>
          </Td>
          <Td className="whitespace-nowrap">
            <span className={`block ${w.stale ? 'font-medium text-amber-800' : ''}`}>
              <RelativeTime iso={w.lastBeatAt} now={now} />
            </span>
            <span className="text-xs text-slate-500">{formatUtc(w.lastBeatAt)}</span>
          </Td>
        </tr>
      ))}
    </SystemTable>
  );
}
