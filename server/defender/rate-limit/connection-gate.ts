// The call gate of one Defender connection: its tenant's shared budget (Redis) with the
// connection's own limit overrides. Used by the worker's clients and by the designer's
// "Get columns", so a query run from the designer counts against the same budget as runs.
import { createCallGate, type CallGate } from './call-gate';
import { familyWindows, ZRateLimitOverrides, ZRateLimitWindows } from './limits';
import type { SlidingWindowLimiter } from './sliding-window';
import type { Counters } from '@/server/metrics/counters';

export function connectionGate(
  conn: { tenantId: string; rateLimits?: unknown; rateLimitWindows?: unknown },
  opts: { limiter: SlidingWindowLimiter; keyPrefix: string; maxInlineWaitMs: number; counters?: Counters },
): CallGate {
  // Stored config passed zod on save; a row edited by hand that no longer parses gets the defaults.
  const overrides = ZRateLimitOverrides.safeParse(conn.rateLimits ?? {});
  const windows = ZRateLimitWindows.safeParse(conn.rateLimitWindows ?? {});
  return createCallGate({
    limiter: opts.limiter,
    keyPrefix: opts.keyPrefix,
    tenantId: conn.tenantId,
    windows: familyWindows(overrides.success ? overrides.data : {}, windows.success ? windows.data : {}),
    maxInlineWaitMs: opts.maxInlineWaitMs,
    counters: opts.counters,
  });
}
