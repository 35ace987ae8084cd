// One authenticated JSON request to the MDE API with the retry policy of design.md §5:
// 429 honours Retry-After, 5xx and network failures back off exponentially, a 401 on a
// cached token gets one fresh token, every other 4xx fails at once. With a rate-limit gate,
// every HTTP attempt first books a slot in the tenant's shared budget (rate-limit/).
import type { z } from 'zod';
import { mdeEndpointOf, type ApiEndpoint, type DefenderConnection } from './connection';
import { MdeApiError } from './errors';
import { errorFromResponse, isRetryableStatus, parseRetryAfterMs } from './mde-error-response';
import { getAccessToken } from './token-provider';
import type { CallGate } from './rate-limit/call-gate';
import { makeStorable } from './storable-json';

export interface RetryPolicy {
  maxRetries: number;
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Shared per-tenant rate limiter; without it requests are sent unthrottled (tests, web). */
  gate?: CallGate;
}

const REQUEST_TIMEOUT_MS = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;

function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

export type MdeRequest = <S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  target: string,
  schema: S,
  body?: unknown,
) => Promise<z.infer<S>>;

/** `endpoint` defaults to the MDE API; Graph calls pass Graph's base URL and scope. */
export function createMdeRequest(conn: DefenderConnection, policy: RetryPolicy, endpoint: ApiEndpoint = mdeEndpointOf(conn)): MdeRequest {
  const base = endpoint.baseUrl;
  const origin = new URL(base).origin;
  const label = endpoint.label;

  function resolve(target: string): URL {
    let url: URL;
    try {
      url = target.startsWith('/') ? new URL(`${base}${target}`) : new URL(target);
    } catch {
      throw new MdeApiError({ status: 0, code: 'MalformedResponse', retryable: false, message: `${label} returned an invalid link '${target.slice(0, 200)}'.` });
    }
    // Links come from the response (nextLink); never send our bearer token to another host.
    if (url.origin !== origin) {
      throw new MdeApiError({ status: 0, code: 'MalformedResponse', retryable: false, message: `${label} returned a link to another host (${url.origin}); refusing to follow it.` });
    }
    return url;
  }

  async function fetchOnce(method: string, url: URL, token: string, body: unknown): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(endpoint.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
      throw new MdeApiError({ status: 0, code: 'NetworkError', retryable: true, message: `Could not reach the ${label} at ${origin} (${method} ${url.pathname}): ${cause}`, cause: error });
    }
  }

  function parseSuccess<S extends z.ZodType>(method: string, path: string, text: string, schema: S): z.infer<S> {
    let json: unknown;
    try {
      json = makeStorable(JSON.parse(text));
    } catch {
      throw new MdeApiError({ status: 200, code: 'MalformedResponse', retryable: false, message: `${label} ${method} ${path} returned a body that is not valid JSON.` });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new MdeApiError({ status: 200, code: 'MalformedResponse', retryable: false, message: `${label} ${method} ${path} returned an unexpected shape: ${issues}` });
    }
    return parsed.data;
  }

  return async (method, target, schema, body) => {
    const url = resolve(target);
    let attempt = 0;
    let refreshedToken = false;
    for (;;) {
      // Token failures propagate unchanged: MSAL retries its own calls, and a wrong
      // secret must surface at once as a permanent error.
      const token = await getAccessToken(conn, { forceRefresh: refreshedToken, scope: endpoint.scope });
      let failure: MdeApiError;
      try {
        // After the token: acquiring one can take seconds and must not eat into the booked slot.
        await policy.gate?.acquire(method, url.pathname);
        const res = await fetchOnce(method, url, token, body);
        policy.gate?.record?.(method, url.pathname, res.status);
        const text = await res.text();
        // 204 No Content (deletes) or an empty 200 (batch update): nothing to parse; the schema
        // says whether that is what the call expects.
        if (res.status === 204 || (res.ok && text === '')) return schema.parse(undefined);
        if (res.ok) return parseSuccess(method, url.pathname, text, schema);
        if (res.status === 401 && !refreshedToken) {
          // The cached token may have been revoked: get a fresh one once, then give up.
          refreshedToken = true;
          continue;
        }
        const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), Date.now());
        failure = errorFromResponse({ method, path: url.pathname, status: res.status, bodyText: text, retryAfterMs, label, api: endpoint.api });
          if (retryAfterMs !== undefined && isRetryableStatus(res.status)) await policy.gate?.holdOff(method, url.pathname, retryAfterMs);
        if (!isRetryableStatus(res.status)) throw failure;
      } catch (error) {
        if (!(error instanceof MdeApiError) || !error.retryable) throw error;
        // The limiter's own verdicts go straight to the caller: the worker delays the run.
        if (error.code === 'RateLimited' || error.code === 'RateLimiterUnavailable') throw error;
        failure = error;
      }
      const waitMs = failure.retryAfterMs ?? backoffMs(attempt);
      if (attempt >= policy.maxRetries || waitMs > policy.maxRetryAfterMs) {
        throw failure.retryAfterMs === undefined && failure.status === 429
          ? new MdeApiError({ status: 429, code: failure.code, message: failure.message, retryable: true, retryAfterMs: waitMs, target: failure.target })
          : failure;
      }
      attempt += 1;
      await policy.sleep(waitMs);
    }
  };
}
