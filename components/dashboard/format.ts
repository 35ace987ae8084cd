import { formatAge } from '../ui/format';

// Response times as a SOC reads them: the two largest units ("8 min 48 s", "2 h 5 min", "1 d 3 h").
export function formatSpan(ms: number | null): string {
  return ms === null ? '—' : formatAge(Math.round(ms / 1000));
}

/** "42%" of a used/limit pair, capped for bar widths. */
export function usedPercent(used: number, limit: number): number {
  if (limit <= 0) return 0;
  return Math.min(100, Math.round((used / limit) * 100));
}
