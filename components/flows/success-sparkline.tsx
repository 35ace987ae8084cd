// A flow's last 7 days as seven small stacked bars (succeeded green, failed red, anything else
// grey), scaled to the flow's busiest day, with the success rate beside. Plain markup: it renders
// on the server, costs no chart library per row, and every bar says its numbers on hover.

/** The shape of server/services/flow-list.ts FlowStats (components never import server/). */
export interface SparklineStats {
  days: { day: string; succeeded: number; failed: number; total: number }[];
  succeeded: number;
  failed: number;
  total: number;
  successRate: number | null;
}

const pct = (rate: number) => `${Math.round(rate * 100)}%`;

export function SuccessSparkline({ stats }: { stats: SparklineStats }) {
  const max = Math.max(1, ...stats.days.map((d) => d.total));
  const label =
    stats.total === 0
      ? 'No runs in the last 7 days'
      : `${stats.total} run${stats.total === 1 ? '' : 's'} in the last 7 days: ${stats.succeeded} succeeded, ${stats.failed} failed${stats.successRate === null ? '' : ` (${pct(stats.successRate)} success)`}`;
  const tone = stats.successRate === null ? 'text-slate-400' : stats.successRate >= 0.95 ? 'text-emerald-700' : stats.successRate >= 0.8 ? 'text-amber-700' : 'text-red-700';
  return (
    <div className="flex items-center gap-3" role="img" aria-label={label} title={label} data-testid="flow-sparkline">
      <div className="flex h-7 items-end gap-[3px]" aria-hidden="true">
        {stats.days.map((d) => {
          const other = d.total - d.succeeded - d.failed;
          const h = (n: number) => `${(n / max) * 100}%`;
          return (
            <div key={d.day} className="flex h-full w-2 flex-col-reverse overflow-hidden rounded-[2px] bg-slate-100" title={`${d.day}: ${d.succeeded} succeeded, ${d.failed} failed, ${d.total} in all`}>
              <div className="bg-emerald-500" style={{ height: h(d.succeeded) }} />
              <div className="bg-red-500" style={{ height: h(d.failed) }} />
              <div className="bg-slate-300" style={{ height: h(other) }} />
            </div>
          );
        })}
      </div>
      <div className="min-w-12 text-right leading-tight">
        <p className={`text-sm font-semibold tabular-nums ${tone}`}>{stats.successRate === null ? '—' : pct(stats.successRate)}</p>
        <p className="text-[11px] text-slate-500 tabular-nums">{stats.total === 0 ? 'no runs' : `${stats.total} run${stats.total === 1 ? '' : 's'}`}</p>
      </div>
    </div>
  );
}
