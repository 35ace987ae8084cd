// The time range as a segmented control of plain links (works without JS, shareable URLs).
import Link from 'next/link';

const LABELS = { '24h': '24 h', '7d': '7 days', '30d': '30 days' } as const;
export type RangeKey = keyof typeof LABELS;

export function RangeSelector({ current, basePath = '/dashboard' }: { current: RangeKey; basePath?: string }) {
  return (
    <nav aria-label="Time range" className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 shadow-xs" data-testid="range-selector">
      {(Object.keys(LABELS) as RangeKey[]).map((key) => {
        const active = key === current;
        return (
          <Link
            key={key}
            href={`${basePath}?range=${key}`}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-slate-900 text-white shadow-xs' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'}`}
          >
            {LABELS[key]}
          </Link>
        );
      })}
    </nav>
  );
}
