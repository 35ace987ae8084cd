// A Redis sliding-window log shared by every worker: one sorted set per tenant and API family
// holds the time of each granted call. One atomic Lua script checks every window and reserves.
//
// Why a log and not GCRA: MDE counts calls in a window ("100 calls per minute and 1,500 per
// hour"). GCRA with a burst of 100 lets ~199 calls into one 60 s span (the burst, then one every
// 600 ms), which MDE would answer with 429. The log enforces "≤ limit calls in ANY window of that
// length" exactly, for any number of windows, at the cost of ≤ max(limit) entries per key.
//
// Reservations: when the next free slot is near (≤ maxWaitMs) the script books it at that future
// time and the caller sleeps until then, so sleepers never race each other for the same slot.
// Booked times never decrease, so the newest entry is the last booking. Further than maxWaitMs
// nothing is booked; the caller is told how long to wait (the worker then delays the job).
//
// The line: callers told to wait are spread out, each told one call-interval (window / limit of
// the window that is full) later than the previous one still waiting. Otherwise a backlog of
// 10,000 delayed runs would all wake at the same instant, one would get the slot and 9,999 would
// be delayed again, every few seconds, for hours.
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';

export interface Window {
  limit: number;
  windowMs: number;
}

export type Reservation = { granted: true; waitMs: number } | { granted: false; waitMs: number };

// KEYS[1] log, KEYS[2] hold-off (absolute ms, set after a 429's Retry-After), KEYS[3] the line
// (wake-up times told to waiting callers).
// ARGV: now (ms, or -1 = Redis TIME), maxWaitMs, member, then limit/windowMs pairs.
const RESERVE = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local maxWait = tonumber(ARGV[2])
local at = now
local newest = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if newest[2] then at = math.max(at, tonumber(newest[2])) end
local hold = redis.call('GET', KEYS[2])
if hold then at = math.max(at, tonumber(hold)) end
local longest, most, spacing = 0, 0, nil
for i = 4, #ARGV, 2 do
  local limit, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  if window > longest then longest = window end
  if limit > most then most = limit end
  if spacing == nil or window / limit < spacing then spacing = window / limit end
end
for i = 4, #ARGV, 2 do
  local limit, window = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  -- A call at 'at' fits when the limit-th newest call has left the window (t - window, t].
  local kth = redis.call('ZREVRANGE', KEYS[1], limit - 1, limit - 1, 'WITHSCORES')
  if kth[2] and tonumber(kth[2]) + window > at then
    at = tonumber(kth[2]) + window
    spacing = window / limit
  end
end
local wait = at - now
if wait > maxWait then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  local wake = math.ceil(at + redis.call('ZCARD', KEYS[3]) * spacing)
  redis.call('ZADD', KEYS[3], wake, ARGV[3])
  redis.call('PEXPIRE', KEYS[3], wake - now + 1000)
  return {0, wake - now}
end
redis.call('ZADD', KEYS[1], at, ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(most + 1))
redis.call('PEXPIRE', KEYS[1], wait + longest)
return {1, wait}
`;

// KEYS[1] hold-off key; ARGV: now (or -1), holdMs. Only ever extends an existing hold.
const HOLD = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local untilMs = now + tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[2])) end
return untilMs
`;

interface Scripts {
  rlReserve(log: string, hold: string, line: string, ...args: (string | number)[]): Promise<[number, number]>;
  rlHold(hold: string, now: number, holdMs: number): Promise<number>;
}

export interface SlidingWindowLimiter {
  /** Books a call under every window if the wait is at most maxWaitMs; else says how long to wait. */
  reserve(key: string, windows: Window[], maxWaitMs: number): Promise<Reservation>;
  /** No call on this key before holdMs from now (a 429's Retry-After applies to every worker). */
  holdOff(key: string, holdMs: number): Promise<void>;
}

export interface SlidingWindowOptions {
  /** Injected clock for tests; by default Redis TIME, one clock for every worker. */
  now?: () => number;
}

export function createSlidingWindowLimiter(redis: Redis, opts: SlidingWindowOptions = {}): SlidingWindowLimiter {
  // defineCommand loads the script once per connection (EVALSHA, falling back to EVAL).
  if (typeof (redis as unknown as Partial<Scripts>).rlReserve !== 'function') {
    redis.defineCommand('rlReserve', { numberOfKeys: 3, lua: RESERVE });
    redis.defineCommand('rlHold', { numberOfKeys: 1, lua: HOLD });
  }
  const r = redis as unknown as Scripts;
  const now = () => (opts.now ? opts.now() : -1);
  return {
    async reserve(key, windows, maxWaitMs) {
      if (windows.length === 0) return { granted: true, waitMs: 0 };
      const pairs = windows.flatMap((w) => [Math.max(1, Math.floor(w.limit)), Math.max(1, Math.ceil(w.windowMs))]);
      const member = randomBytes(8).toString('hex');
      const [granted, waitMs] = await r.rlReserve(key, `${key}:hold`, `${key}:line`, now(), Math.max(0, maxWaitMs), member, ...pairs);
      return { granted: granted === 1, waitMs: Math.max(0, Number(waitMs)) } as Reservation;
    },
    async holdOff(key, holdMs) {
      if (holdMs <= 0) return;
      await r.rlHold(`${key}:hold`, now(), Math.ceil(holdMs));
    },
  };
}
