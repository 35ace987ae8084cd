// BullMQ queue depths per state and the age of the oldest waiting job (riposte_queue_jobs,
// riposte_queue_oldest_waiting_seconds). Failed jobs and a waiting job older than a minute stand out.
import { formatAge, formatCount } from './format';
import { SystemTable, Td, Th } from './system-section';
import type { QueueStateName, QueueView } from './types';

const STATES: { key: QueueStateName; label: string }[] = [
  { key: 'waiting', label: 'Waiting' },
  { key: 'prioritized', label: 'Prioritized' },
  { key: 'active', label: 'Active' },
  { key: 'delayed', label: 'Delayed' },
  { key: 'failed', label: 'Failed' },
];

const QUEUE_TEXT: Record<string, string> = {
  runs: 'Flow runs',
  poll: 'Alert polling',
  maintenance: 'Maintenance',
  schedule: 'Scheduled triggers',
};

/** A waiting job older than this means the workers are not keeping up. */
const SLOW_WAIT_SECONDS = 60;

export function QueuesTable({ rows }: { rows: QueueView[] }) {
  return (
    <SystemTable
      testId="queues-table"
      head={
        <>
          <Th>Queue</Th>
          {STATES.map((s) => (
            <Th key={s.key} numeric>
              {s.label}
            </Th>
          ))}
          <Th numeric>Oldest waiting</Th>
        </>
      }
    >
      {rows.map((q) => (
        <tr key={q.queue} data-testid="queue-row" data-queue={q.queue}>
          <Td>
            <span className="block font-medium text-slate-900">{QUEUE_TEXT[q.queue] ?? q.queue}</span>
            <code className="text-[11px] text-slate-400">{q.queue}</code>
          </Td>
          {STATES.map((s) => (
            <Td key={s.key} numeric className={s.key === 'failed' && q.counts.failed > 0 ? 'font-semibold text-red-700' : q.counts[s.key] === 0 ? 'text-slate-400' : ''}>
              <span data-testid={`queue-${s.key}`}>{formatCount(q.counts[s.key])}</span>
            </Td>
          ))}
          <Td numeric className={q.oldestWaitingSeconds > SLOW_WAIT_SECONDS ? 'font-semibold text-amber-800' : q.oldestWaitingSeconds === 0 ? 'text-slate-400' : ''}>
            {q.oldestWaitingSeconds === 0 ? '—' : formatAge(q.oldestWaitingSeconds)}
          </Td>
        </tr>
      ))}
    </SystemTable>
  );
}
