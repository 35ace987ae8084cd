'use client';
// Runs per hour or day, stacked by status (recharts). Only statuses that occur in the range get a
// series, so the legend lists what is there. Server-rendered pages hand it plain numbers.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel, CHART_STATUSES, STATUS_COLOURS, STATUS_NAMES, type ChartBucket } from './run-status';

export function RunsChart({ buckets, bucket }: { buckets: ChartBucket[]; bucket: 'hour' | 'day' }) {
  const present = CHART_STATUSES.filter((s) => buckets.some((b) => b[s] > 0));
  const data = buckets.map((b) => ({ ...b, label: bucketLabel(b.at, bucket) }));
  const total = buckets.reduce((n, b) => n + b.total, 0);
  return (
    <div
      className="h-72 w-full"
      data-testid="runs-chart"
      data-total={total}
      role="img"
      aria-label={`Runs per ${bucket} by status: ${total} runs in all`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={bucket === 'hour' ? 2 : '20%'}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: '#cbd5e1' }} tick={{ fontSize: 11, fill: '#64748b' }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: '#64748b' }} width={48} />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            contentStyle={{ borderRadius: 8, borderColor: '#e2e8f0', fontSize: 12 }}
            formatter={(value, name) => [value, STATUS_NAMES[name as keyof typeof STATUS_NAMES] ?? name]}
          />
          <Legend itemSorter={null} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} formatter={(name: string) => STATUS_NAMES[name as keyof typeof STATUS_NAMES] ?? name} />
          {present.map((s) => (
            <Bar key={s} dataKey={s} stackId="runs" fill={STATUS_COLOURS[s]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
