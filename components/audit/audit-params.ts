// The audit page's state lives in the URL (shareable, back/forward work). These helpers read it
// from Next's searchParams and build the page, pagination and export links.
import { utcInstant } from '../runs/run-list-params';

export const AUDIT_FILTER_KEYS = ['actor', 'category', 'action', 'targetType', 'targetId', 'ip', 'range', 'from', 'to'] as const;
const PAGE_KEYS = ['cursor', 'direction'] as const;
type Key = (typeof AUDIT_FILTER_KEYS)[number] | (typeof PAGE_KEYS)[number];

export type AuditListParams = Partial<Record<Key, string>>;

type SearchParams = Record<string, string | string[] | undefined>;

export function readAuditParams(raw: SearchParams): AuditListParams {
  const out: AuditListParams = {};
  for (const k of [...AUDIT_FILTER_KEYS, ...PAGE_KEYS]) {
    const v = raw[k];
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    if (s) out[k] = s.slice(0, 320);
  }
  // Dates typed without choosing "Custom" still mean a custom range.
  if (!out.range && (out.from || out.to)) out.range = 'custom';
  return out;
}

/** True when anything narrows the list (pagination aside). */
export function isAuditFiltered(p: AuditListParams): boolean {
  return AUDIT_FILTER_KEYS.some((k) => p[k] !== undefined);
}

function query(p: AuditListParams, keys: readonly Key[]): string {
  const q = new URLSearchParams();
  for (const k of keys) {
    const v = p[k];
    if (v) q.set(k, v);
  }
  return q.toString();
}

/** The page URL for these params; pagination keys are dropped unless given in `change`. */
export function auditHref(p: AuditListParams, change: AuditListParams = {}): string {
  const s = query({ ...p, cursor: undefined, direction: undefined, ...change }, [...AUDIT_FILTER_KEYS, ...PAGE_KEYS]);
  return s ? `/audit?${s}` : '/audit';
}

/**
 * The query the services read: datetime-local values are UTC (the form says so), and custom
 * dates only count with the custom range.
 */
export function auditServiceQuery(p: AuditListParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...AUDIT_FILTER_KEYS, ...PAGE_KEYS]) {
    const v = p[k];
    if (v) out[k] = v;
  }
  if (p.range !== 'custom') {
    delete out.from;
    delete out.to;
  } else {
    if (p.from) out.from = utcInstant(p.from) ?? p.from;
    if (p.to) out.to = utcInstant(p.to) ?? p.to;
  }
  return out;
}

/** The JSON lines export of exactly what the page filters (every page, not just this one). */
export function auditExportHref(p: AuditListParams): string {
  const q = new URLSearchParams(auditServiceQuery({ ...p, cursor: undefined, direction: undefined }));
  const s = q.toString();
  return s ? `/api/v1/audit/export?${s}` : '/api/v1/audit/export';
}
