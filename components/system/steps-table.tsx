// Step durations by node type over the histogram's window (riposte_step_duration_seconds): count,
// average (sum / count) and the bucket bound under which 95 % finished.
import { formatCount, formatSeconds } from './format';
import { SystemTable, Td, Th } from './system-section';
import type { StepView } from './types';

export function StepsTable({ rows }: { rows: StepView[] }) {
  return (
    <SystemTable
      testId="steps-table"
      head={
        <>
          <Th>Node type</Th>
          <Th numeric>Steps finished</Th>
          <Th numeric>Average</Th>
          <Th numeric>95 % within</Th>
        </>
      }
    >
      {rows.map((s) => (
        <tr key={s.nodeType} data-testid="steps-row" data-node-type={s.nodeType}>
          <Td>
            <code className="text-xs text-slate-800">{s.nodeType}</code>
          </Td>
          <Td numeric>{formatCount(s.count)}</Td>
          <Td numeric>{formatSeconds(s.averageSeconds)}</Td>
          <Td numeric>{s.p95AtMostSeconds === null ? 'over 300 s' : `≤ ${formatSeconds(s.p95AtMostSeconds)}`}</Td>
        </tr>
      ))}
    </SystemTable>
  );
}
