// Run statuses in the order the dashboard stacks and lists them, with chart colours that match
// the status badges (components/ui/badge.tsx): green succeeded, reds for failures, and so on.
export const CHART_STATUSES = ['succeeded', 'failed', 'timed_out', 'cancelled', 'waiting', 'running', 'queued'] as const;
export type ChartStatus = (typeof CHART_STATUSES)[number];

export const STATUS_COLOURS: Record<ChartStatus, string> = {
  succeeded: '#10b981',
  failed: '#ef4444',
  timed_out: '#f97316',
  cancelled: '#94a3b8',
  waiting: '#f59e0b',
  running: '#0ea5e9',
  queued: '#cbd5e1',
};

export const STATUS_NAMES: Record<ChartStatus, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  timed_out: 'Timed out',
  cancelled: 'Cancelled',
  waiting: 'Waiting',
  running: 'Running',
  queued: 'Queued',
};

export type ChartBucket = Record<ChartStatus, number> & { at: string; total: number };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Axis labels in UTC (like every time in Riposte): "14:00" for hours, "Nov 28" for days. */
export function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const d = new Date(iso);
  if (bucket === 'hour') return `${String(d.getUTCHours()).padStart(2, '0')}:00`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}
