// Reads an MDE error response (`{ "error": { "code", "message", "target" } }`, B.3; Graph's has the same core)
// into an MdeApiError with the retry decision the executor needs.
import { z } from 'zod';
import { MdeApiError } from './errors';
import { forbiddenMessage } from './forbidden';
import type { PermissionApi } from '@/core/defender/permissions';

const ZErrorBody = z.object({
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional(), target: z.string().optional() }),
});

const FALLBACK_CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 429: 'TooManyRequests',
  500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After is seconds in MDE; the HTTP-date form is accepted too. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function errorFromResponse(opts: { method: string; path: string; status: number; bodyText: string; retryAfterMs?: number; label?: string; api?: PermissionApi }): MdeApiError {
  let parsed: z.infer<typeof ZErrorBody> | undefined;
  try {
    const result = ZErrorBody.safeParse(JSON.parse(opts.bodyText));
    if (result.success) parsed = result.data;
  } catch {
    // Gateways in front of MDE can answer with HTML or nothing; the status still decides.
  }
  const code = parsed?.error.code ?? FALLBACK_CODES[opts.status] ?? `Http${opts.status}`;
  const detail = parsed?.error.message ?? `HTTP ${opts.status}`;
  const label = opts.label ?? 'Defender API';
  // 403 = a missing application permission: say which and how to fix it, not just "Forbidden".
  const forbidden = opts.status === 403 ? { label, api: opts.api ?? 'mde', method: opts.method, path: opts.path, detail } : undefined;
  const error = new MdeApiError({
    status: opts.status,
    code,
    message: forbidden ? forbiddenMessage(forbidden) : `${label} ${opts.method} ${opts.path} failed with ${opts.status} ${code}: ${detail}`,
    retryable: isRetryableStatus(opts.status),
    retryAfterMs: opts.retryAfterMs,
    target: parsed?.error.target,
  });
  return forbidden ? Object.assign(error, { forbidden }) : error;
}
