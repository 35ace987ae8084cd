export { API_FAMILIES, PUBLISHED_LIMITS, DEFAULT_WINDOWS, type ApiFamily, type FamilyLimit, type RateWindows } from './families';
export { apiFamilyOf } from './family-of';
export { ZRateLimitOverrides, ZRateLimitWindows, effectiveLimits, familyWindows, type RateLimitOverrides, type RateLimitWindowsInput, type FamilyWindows } from './limits';
export { createSlidingWindowLimiter, type SlidingWindowLimiter, type Window, type Reservation } from './sliding-window';
export { createCallGate, rateLimitKey, DEFAULT_MAX_INLINE_WAIT_MS, type CallGate, type CallGateOptions } from './call-gate';
