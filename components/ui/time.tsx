// A relative time with the exact UTC time on hover and in the machine-readable attribute.
import { formatRelative, formatUtc } from './format';

export function RelativeTime({ iso, now }: { iso: string | null | undefined; now?: number }) {
  if (!iso) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={iso} title={formatUtc(iso)} className="whitespace-nowrap">
      {formatRelative(iso, now)}
    </time>
  );
}
