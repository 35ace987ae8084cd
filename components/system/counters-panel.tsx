// The worker-side counters (Defender calls, rate limiter, reconciler, reaper), one small table per
// metric with its label values, as /api/metrics exports them. A counter nothing has moved yet says so.
import { formatCount } from './format';
import type { CounterView } from './types';

const TITLES: Record<string, string> = {
  riposte_mde_calls_total: 'Defender API calls',
  riposte_rate_limiter_total: 'Rate limiter',
  riposte_reconciler_runs_total: 'Reconciler: runs re-enqueued',
  riposte_reaper_runs_total: 'Reaper: runs ended',
};

const LABEL_TEXT: Record<string, string> = { api: 'API', status: 'HTTP status', outcome: 'Outcome', action: 'Action', reason: 'Reason' };

function CounterTable({ counter }: { counter: CounterView }) {
  const total = counter.values.reduce((n, v) => n + v.value, 0);
  return (
    <div className="min-w-0 rounded-lg border border-slate-200" data-testid="counter" data-metric={counter.metric}>
      <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 bg-slate-50/80 px-4 py-2.5">
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-900">{TITLES[counter.metric] ?? counter.metric}</p>
          <code className="block truncate text-[11px] text-slate-500" title={counter.help}>
            {counter.metric}
          </code>
        </div>
        <p className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="counter-total">
          {formatCount(total)}
        </p>
      </div>
      {counter.values.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">Nothing counted since Redis last started.</p>
      ) : (
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs font-medium text-slate-500">
            <tr>
              <th scope="col" className="px-4 pt-2 pb-1 font-medium">{LABEL_TEXT[counter.labelNames[0]] ?? counter.labelNames[0]}</th>
              <th scope="col" className="px-4 pt-2 pb-1 font-medium">{LABEL_TEXT[counter.labelNames[1]] ?? counter.labelNames[1]}</th>
              <th scope="col" className="px-4 pt-2 pb-1 text-right font-medium">Count</th>
            </tr>
          </thead>
          <tbody className="text-slate-700">
            {counter.values.map((v) => (
              <tr key={v.labels.join('|')} data-testid="counter-value" data-labels={v.labels.join('|')}>
                <td className="px-4 py-1">
                  <code className="text-xs">{v.labels[0]}</code>
                </td>
                <td className="px-4 py-1">
                  <code className={`text-xs ${v.labels[1] === '429' ? 'font-semibold text-amber-800' : ''}`}>{v.labels[1]}</code>
                </td>
                <td className="px-4 py-1 text-right tabular-nums">{formatCount(v.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function CountersPanel({ counters }: { counters: CounterView[] }) {
  return (
    <div className="grid gap-4 p-5 lg:grid-cols-2">
      {counters.map((c) => (
        <CounterTable key={c.metric} counter={c} />
      ))}
    </div>
  );
}
