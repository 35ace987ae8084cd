// "in 30 days" / "expired": the shared relative formatter only speaks about the past.
const DAY_MS = 24 * 60 * 60 * 1000;

export function formatUntil(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return '—';
  if (ms <= 0) return 'expired';
  if (ms < DAY_MS) return 'in less than a day';
  const days = Math.round(ms / DAY_MS);
  return days === 1 ? 'in 1 day' : `in ${days} days`;
}
