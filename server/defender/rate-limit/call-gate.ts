// The gate every MDE request of one connection passes before it is sent: it books a slot in the
// tenant's budget for the request's API family (shared by all workers through Redis), sleeps a
// short wait, and turns a long one into a retryable RateLimited error carrying retryAfterMs, so
// the worker delays the run instead of holding a slot. Without Redis it fails retryably: the run
// stays in Postgres and is retried, never sent unthrottled.
import { MdeApiError } from '../errors';
import { apiFamilyOf } from './family-of';
import type { ApiFamily } from './families';
import type { FamilyWindows } from './limits';
import type { SlidingWindowLimiter } from './sliding-window';
import type { Counters } from '@/server/metrics/counters';

export interface CallGate {
  acquire(method: string, path: string): Promise<void>;
  /** The API answered 429/503 with Retry-After: hold every worker off this family until then. */
  holdOff(method: string, path: string, ms: number): Promise<void>;
  /** A response arrived with this HTTP status (metrics: MDE calls by API family and status). */
  record?(method: string, path: string, status: number): void;
}

export interface CallGateOptions {
  limiter: SlidingWindowLimiter;
  /** Redis key prefix (RIPOSTE_QUEUE_PREFIX); keys are `<prefix>:rl:<tenantId>:<family>`. */
  keyPrefix: string;
  tenantId: string;
  windows: FamilyWindows;
  /** Waits up to this long are slept in-process; longer ones throw RateLimited. Default 2000. */
  maxInlineWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Where calls and limiter waits are counted for /api/metrics (server/metrics/counters.ts). */
  counters?: Counters;
}

export const DEFAULT_MAX_INLINE_WAIT_MS = 2000;

export function rateLimitKey(prefix: string, tenantId: string, family: ApiFamily): string {
  return `${prefix}:rl:${tenantId}:${family}`;
}

function unavailable(error: unknown): MdeApiError {
  const detail = error instanceof Error ? error.message : String(error);
  return new MdeApiError({
    status: 0, code: 'RateLimiterUnavailable', retryable: true, cause: error,
    message: `The rate limiter (Redis) is unreachable, so no Defender call is sent; the run will be retried: ${detail}`,
  });
}

export function createCallGate(opts: CallGateOptions): CallGate {
  const maxInline = opts.maxInlineWaitMs ?? DEFAULT_MAX_INLINE_WAIT_MS;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async acquire(method, path) {
      const family = apiFamilyOf(method, path);
      const windows = opts.windows[family];
      let reservation;
      try {
        reservation = await opts.limiter.reserve(rateLimitKey(opts.keyPrefix, opts.tenantId, family), windows, maxInline);
      } catch (error) {
        throw unavailable(error);
      }
      if (reservation.granted) {
        if (reservation.waitMs > 0) {
          opts.counters?.increment('rateLimiter', `${family}|waited`);
          await sleep(reservation.waitMs);
        }
        return;
      }
      opts.counters?.increment('rateLimiter', `${family}|refused`);
      const [perMinute, perHour] = windows.map((w) => w.limit);
      throw new MdeApiError({
        status: 0, code: 'RateLimited', retryable: true, retryAfterMs: reservation.waitMs,
        message: `Riposte's rate limit for the Defender ${family} API of tenant ${opts.tenantId} (${perMinute}/min, ${perHour}/h) is used up; ${method} ${path} waits ${Math.ceil(reservation.waitMs / 1000)} s.`,
      });
    },
    record(method, path, status) {
      opts.counters?.increment('mdeCalls', `${apiFamilyOf(method, path)}|${status}`);
    },
    async holdOff(method, path, ms) {
      const family = apiFamilyOf(method, path);
      try {
        await opts.limiter.holdOff(rateLimitKey(opts.keyPrefix, opts.tenantId, family), ms);
      } catch {
        // Best effort: this request honours Retry-After on its own either way.
      }
    },
  };
}
