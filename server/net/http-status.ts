// How an outbound step reads a non-2xx answer: 429 and 5xx are worth retrying (with the server's
// Retry-After), any other status is permanent.
import { ActionError } from '@/core/errors';
import { isRetryableStatus, parseRetryAfterMs } from '../defender/mde-error-response';

/** Caps a Retry-After so a misbehaving endpoint cannot park a run for days. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

export function statusError(code: string, what: string, status: number, headers: Record<string, string>, detail?: string): ActionError {
  const retryable = isRetryableStatus(status);
  const after = retryable ? parseRetryAfterMs(headers['retry-after'] ?? null, Date.now()) : undefined;
  return new ActionError(code, `${what} answered ${status}${detail ? `: ${detail}` : ''}.`, {
    retryable,
    ...(after !== undefined ? { retryAfterMs: Math.min(after, MAX_RETRY_AFTER_MS) } : {}),
    details: { status },
  });
}

/** A short, single-line excerpt of a response body for an error message, with `secrets` removed. */
export function excerpt(body: Buffer, secrets: readonly string[] = [], max = 300): string {
  let text = body.toString('utf8').replace(/\s+/g, ' ').trim();
  for (const s of secrets) if (s) text = text.split(s).join('[redacted]');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
