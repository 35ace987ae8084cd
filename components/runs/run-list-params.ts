// The run list's state lives in the URL (shareable, back/forward work, no client store). These
// helpers read it from Next's searchParams and build the links of chips and pagination.
export const RUN_LIST_KEYS = ['status', 'flowId', 'range', 'from', 'to', 'alertId', 'machine', 'severity', 'triggerKind', 'q', 'cursor', 'direction'] as const;
export type RunListKey = (typeof RUN_LIST_KEYS)[number];

export interface RunListParams {
  status: string[];
  flowId?: string;
  range?: string;
  from?: string;
  to?: string;
  alertId?: string;
  machine?: string;
  severity?: string;
  triggerKind?: string;
  q?: string;
  cursor?: string;
  direction?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

export function readRunListParams(raw: SearchParams): RunListParams {
  const one = (k: RunListKey) => {
    const v = raw[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    return s ? s.slice(0, 300) : undefined;
  };
  const statuses = [raw.status ?? []].flat().flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const out: RunListParams = { status: [...new Set(statuses)] };
  for (const k of RUN_LIST_KEYS) if (k !== 'status') out[k] = one(k);
  return out;
}

/** True when anything narrows the list (pagination aside). */
export function isFiltered(p: RunListParams): boolean {
  return p.status.length > 0 || RUN_LIST_KEYS.some((k) => k !== 'status' && k !== 'cursor' && k !== 'direction' && p[k] !== undefined);
}

/** The list URL for these params; `base` is /runs. Pagination keys are dropped unless given. */
export function runListHref(p: RunListParams, change: Partial<RunListParams> = {}, base = '/runs'): string {
  const next: RunListParams = { ...p, cursor: undefined, direction: undefined, ...change };
  const q = new URLSearchParams();
  if (next.status.length > 0) q.set('status', next.status.join(','));
  for (const k of RUN_LIST_KEYS) {
    const v = k === 'status' ? undefined : next[k];
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export function toggleStatus(statuses: string[], status: string): string[] {
  return statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status];
}

/**
 * `<input type="datetime-local">` sends "2026-12-01T08:00" with no zone; the form labels it UTC,
 * so read it as UTC. Full ISO strings (API-style) pass through.
 */
export function utcInstant(v: string | undefined): string | undefined {
  if (!v) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.length === 16 ? `${v}:00` : v}Z` : v;
}

/** An ISO instant as the datetime-local value (UTC, minutes). */
export function toDatetimeLocal(v: string | undefined): string {
  const iso = utcInstant(v);
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16);
}

/** "10,000+" once a count reached its cap. */
export function formatCount(n: number, capped: boolean): string {
  return `${n.toLocaleString('en-US')}${capped ? '+' : ''}`;
}
