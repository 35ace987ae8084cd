'use client';
// The run's steps on a time axis: a row per node in execution order, a bar per recorded try (one
// per loop item), retries marked, the step running now as an open, pulsing bar. Rows are buttons
// that select the step for the inspector. Layout comes from timeline-layout.ts.
import { formatDuration } from '../ui/format';
import { Icon } from '../ui/icon';
import { statusStyle } from './step-status';
import type { TimelineLayout } from './timeline-layout';

interface RunTimelineProps {
  layout: TimelineLayout;
  labels: Record<string, string>;
  icons: Record<string, string>;
  selectedNodeId: string | null;
  onSelect: (nodeId: string) => void;
}

export function RunTimeline({ layout, labels, icons, selectedNodeId, onSelect }: RunTimelineProps) {
  if (layout.rows.length === 0) {
    return <p className="px-5 py-10 text-center text-sm text-slate-500">No step has finished yet.</p>;
  }
  return (
    <div className="px-5 py-4" data-testid="run-timeline">
      <div className="grid grid-cols-[minmax(9rem,13rem)_1fr_4.5rem] items-end gap-x-3 pb-1 text-[11px] text-slate-400">
        <span>Step</span>
        <div className="relative h-4" aria-hidden="true">
          {layout.ticks.map((t) => (
            <span key={t.at} className={`absolute whitespace-nowrap tabular-nums ${t.left === 0 ? '' : t.left > 92 ? '-translate-x-full' : '-translate-x-1/2'}`} style={{ left: `${t.left}%` }}>
              {t.label}
            </span>
          ))}
        </div>
        <span className="text-right">Duration</span>
      </div>
      <ol className="space-y-0.5">
        {layout.rows.map((row) => {
          const selected = row.nodeId === selectedNodeId;
          const label = labels[row.nodeId] || row.nodeId;
          return (
            <li key={row.nodeId}>
              <button
                type="button"
                onClick={() => onSelect(row.nodeId)}
                aria-pressed={selected}
                data-testid="timeline-row"
                data-node-id={row.nodeId}
                className={`grid w-full grid-cols-[minmax(9rem,13rem)_1fr_4.5rem] items-center gap-x-3 rounded-md px-1 py-1.5 text-left transition-colors ${selected ? 'bg-indigo-50 ring-1 ring-indigo-200' : 'hover:bg-slate-50'}`}
              >
                <span className="flex min-w-0 items-center gap-2">
                  <Icon name={icons[row.nodeId] ?? 'box'} className="h-3.5 w-3.5 shrink-0 text-slate-400" />
                  <span className="truncate text-sm text-slate-800" title={label}>
                    {label}
                  </span>
                  {row.retried && (
                    <span className="inline-flex shrink-0 items-center gap-0.5 rounded bg-amber-50 px-1 text-[10px] font-semibold text-amber-800 ring-1 ring-amber-600/20" title={`Retried: succeeded or failed on attempt ${row.attempts}`} data-testid="timeline-attempts">
                      <Icon name="repeat" className="h-2.5 w-2.5" />×{row.attempts}
                    </span>
                  )}
                  {row.bars.length > 1 && <span className="shrink-0 text-[10px] text-slate-400 tabular-nums">{row.bars.length} items</span>}
                </span>
                <span className="relative h-5 rounded bg-slate-50">
                  {layout.ticks.map((t) => (
                    <span key={t.at} className="absolute inset-y-0 w-px bg-slate-200/70" style={{ left: `${t.left}%` }} aria-hidden="true" />
                  ))}
                  {row.bars.map((bar, i) => (
                    <span
                      key={`${bar.iteration}-${i}`}
                      className={`absolute top-1 bottom-1 rounded-sm ${statusStyle(bar.status).fill} ${row.live ? 'animate-pulse' : ''} ${row.bars.length > 1 ? 'opacity-90' : ''}`}
                      style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                      title={`${label}${bar.iteration ? ` · item ${bar.iteration}` : ''}: ${statusStyle(bar.status).label}, ${formatDuration(bar.durationMs)}${bar.attempt > 1 ? `, attempt ${bar.attempt}` : ''}`}
                      data-testid="timeline-bar"
                      data-status={bar.status}
                    />
                  ))}
                </span>
                <span className="text-right font-mono text-xs text-slate-600 tabular-nums">{row.live ? (row.bars.some((b) => b.status === 'waiting') ? 'waiting' : 'running') : formatDuration(row.spanMs)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
