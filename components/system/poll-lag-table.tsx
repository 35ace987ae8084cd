// Alert polling per Defender connection (tenant): the lag riposte_poll_lag_seconds reports (now −
// the newest alert seen) and when the connection was last polled, which tells a quiet tenant from
// polling that stopped.
import { Badge } from '../ui/badge';
import { RelativeTime } from '../ui/time';
import { formatUtc } from '../ui/format';
import { formatAge } from './format';
import { SystemTable, Td, Th } from './system-section';
import type { PollLagView } from './types';

export function PollLagTable({ rows, now }: { rows: PollLagView[]; now: number }) {
  return (
    <SystemTable
      testId="poll-lag-table"
      head={
        <>
          <Th>Connection</Th>
          <Th>Tenant</Th>
          <Th>Polling</Th>
          <Th>Last polled</Th>
          <Th>Newest alert seen</Th>
          <Th numeric>Lag</Th>
        </>
      }
    >
      {rows.map((c) => (
        <tr key={c.connectionId} data-testid="poll-lag-row" data-connection-id={c.connectionId}>
          <Td>
            <span className="font-medium text-slate-900">{c.name}</span>
          </Td>
          <Td>
            <span className="font-mono text-xs text-slate-600">{c.tenantId ?? '—'}</span>
          </Td>
          <Td>
            {c.polledAt === null ? (
              <Badge tone="slate">Not polled yet</Badge>
            ) : c.pollingStalled ? (
              <Badge tone="amber" dot>
                Stalled
              </Badge>
            ) : (
              <Badge tone="green" dot>
                Polling
              </Badge>
            )}
          </Td>
          <Td className="whitespace-nowrap">
            <RelativeTime iso={c.polledAt} now={now} />
          </Td>
          <Td className="whitespace-nowrap">{c.watermark ? formatUtc(c.watermark) : <span className="text-slate-400">—</span>}</Td>
          <Td numeric>
            <span data-testid="poll-lag-value">{c.lagSeconds === null ? '—' : formatAge(c.lagSeconds)}</span>
          </Td>
        </tr>
      ))}
    </SystemTable>
  );
}
