// The shared limiter on real Redis: two limiter instances on their own connections stand for two
// workers and share one budget; minute and hour windows; the wait it reports is the real one.
import './setup-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { env } from '@/server/env';
import { createSlidingWindowLimiter, type Window } from '@/server/defender/rate-limit/sliding-window';
import { createCallGate } from '@/server/defender/rate-limit/call-gate';
import { familyWindows } from '@/server/defender/rate-limit/limits';
import { flushQueues, resetDatabase } from './harness';
import { db } from '@/server/db/client';
import { createConnection, loadDefenderConnection } from '@/server/services/connections';

const redisA = new Redis(env().REDIS_URL);
const redisB = new Redis(env().REDIS_URL);
let clock = 1_000_000;
const now = () => clock;
const workerA = createSlidingWindowLimiter(redisA, { now });
const workerB = createSlidingWindowLimiter(redisB, { now });
const key = `${env().RIPOSTE_QUEUE_PREFIX}:rl:tenant-1:alerts`;
const MINUTE_AND_HOUR: Window[] = [{ limit: 3, windowMs: 60_000 }, { limit: 5, windowMs: 3_600_000 }];

beforeEach(async () => {
  clock = 1_000_000;
  await flushQueues();
});

afterAll(async () => {
  await flushQueues();
  await Promise.all([redisA.quit(), redisB.quit()]);
  await db().$disconnect();
});

describe('Redis sliding-window limiter', () => {
  it('shares one budget between two workers', async () => {
    const grants = [];
    for (let i = 0; i < 6; i++) grants.push(await (i % 2 === 0 ? workerA : workerB).reserve(key, MINUTE_AND_HOUR, 0));
    expect(grants.map((g) => g.granted)).toEqual([true, true, true, false, false, false]);
    // Another tenant (or family) has its own budget.
    expect(await workerB.reserve(`${env().RIPOSTE_QUEUE_PREFIX}:rl:tenant-2:alerts`, MINUTE_AND_HOUR, 0)).toEqual({ granted: true, waitMs: 0 });
  });

  it('says exactly how long until the minute window has room', async () => {
    await workerA.reserve(key, MINUTE_AND_HOUR, 0);
    clock += 10_000;
    await workerB.reserve(key, MINUTE_AND_HOUR, 0);
    await workerA.reserve(key, MINUTE_AND_HOUR, 0);
    clock += 5000;
    // The first call (at t=0) leaves the 60 s window at t=60 s; it is now t=15 s.
    expect(await workerB.reserve(key, MINUTE_AND_HOUR, 0)).toEqual({ granted: false, waitMs: 45_000 });
    clock += 45_000;
    expect(await workerB.reserve(key, MINUTE_AND_HOUR, 0)).toEqual({ granted: true, waitMs: 0 });
  });

  it('enforces the hour window after the minute window has room again', async () => {
    for (let i = 0; i < 3; i++) expect((await workerA.reserve(key, MINUTE_AND_HOUR, 0)).granted).toBe(true);
    clock += 60_000;
    for (let i = 0; i < 2; i++) expect((await workerB.reserve(key, MINUTE_AND_HOUR, 0)).granted).toBe(true);
    clock += 60_000;
    // Five calls this hour: the next one may go when the first three (t=0) leave the hour, at t=3600 s.
    expect(await workerA.reserve(key, MINUTE_AND_HOUR, 0)).toEqual({ granted: false, waitMs: 3_600_000 - 120_000 });
    clock = 1_000_000 + 3_600_000;
    expect((await workerA.reserve(key, MINUTE_AND_HOUR, 0)).granted).toBe(true);
  });

  it('books a near slot for the caller to sleep until, and queues sleepers one after another', async () => {
    const windows: Window[] = [{ limit: 2, windowMs: 1000 }];
    expect(await workerA.reserve(key, windows, 2500)).toEqual({ granted: true, waitMs: 0 });
    expect(await workerB.reserve(key, windows, 2500)).toEqual({ granted: true, waitMs: 0 });
    // Full: the next two get the slots freed at t=1 s, the two after those at t=2 s.
    expect(await workerA.reserve(key, windows, 2500)).toEqual({ granted: true, waitMs: 1000 });
    expect(await workerB.reserve(key, windows, 2500)).toEqual({ granted: true, waitMs: 1000 });
    expect(await workerA.reserve(key, windows, 2500)).toEqual({ granted: true, waitMs: 2000 });
    expect(await workerB.reserve(key, windows, 2500)).toEqual({ granted: true, waitMs: 2000 });
    // Beyond maxWaitMs nothing is booked: the caller is told to come back when a slot frees.
    expect(await workerA.reserve(key, windows, 2500)).toEqual({ granted: false, waitMs: 3000 });
    expect(await redisA.zcard(key)).toBe(2);
  });

  it('spreads the callers it turns away one call-interval apart, so a backlog does not wake at once', async () => {
    const windows: Window[] = [{ limit: 2, windowMs: 1000 }, { limit: 4, windowMs: 10_000 }];
    for (let i = 0; i < 2; i++) await workerA.reserve(key, windows, 0);
    // The minute-like window is full: 1000 ms / 2 calls = one call every 500 ms.
    const waits = [];
    for (let i = 0; i < 3; i++) waits.push((await (i % 2 ? workerB : workerA).reserve(key, windows, 0)).waitMs);
    expect(waits).toEqual([1000, 1500, 2000]);
    // Once their wake-up time has passed they leave the line; the next in line is told the next slot.
    clock += 1000;
    expect(await workerA.reserve(key, windows, 0)).toEqual({ granted: true, waitMs: 0 });
    clock += 1000;
    expect(await workerB.reserve(key, windows, 0)).toEqual({ granted: true, waitMs: 0 });
    // Now the hour-like window is full (4 calls): one call every 10 s / 4 = 2.5 s, after the first leaves at t=10 s.
    const later = [];
    for (let i = 0; i < 2; i++) later.push((await workerA.reserve(key, windows, 0)).waitMs);
    expect(later).toEqual([8000, 10_500]);
  });

  it('holds every worker off after a Retry-After, and only ever extends the hold', async () => {
    await workerA.holdOff(key, 30_000);
    await workerB.holdOff(key, 5000);
    expect(await workerB.reserve(key, MINUTE_AND_HOUR, 0)).toEqual({ granted: false, waitMs: 30_000 });
    clock += 30_000;
    expect((await workerB.reserve(key, MINUTE_AND_HOUR, 0)).granted).toBe(true);
  });

  it('expires its keys, keeping at most the largest limit of calls', async () => {
    const windows: Window[] = [{ limit: 3, windowMs: 1000 }, { limit: 4, windowMs: 5000 }];
    for (let i = 0; i < 10; i++) {
      await workerA.reserve(key, windows, 0);
      clock += 2000;
    }
    expect(await redisA.zcard(key)).toBeLessThanOrEqual(4);
    const ttl = await redisA.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
  });

  it('uses the Redis clock when none is injected', async () => {
    const real = createSlidingWindowLimiter(redisA);
    const windows: Window[] = [{ limit: 1, windowMs: 60_000 }];
    expect((await real.reserve(key, windows, 0)).granted).toBe(true);
    const second = await createSlidingWindowLimiter(redisB).reserve(key, windows, 0);
    expect(second.granted).toBe(false);
    expect(second.waitMs).toBeGreaterThan(50_000);
    expect(second.waitMs).toBeLessThanOrEqual(60_000);
  });
});

describe('call gate without Redis', () => {
  it('fails retryably and sends nothing when Redis is unreachable', async () => {
    const dead = new Redis({ port: 1, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const gate = createCallGate({ limiter: createSlidingWindowLimiter(dead), keyPrefix: 'x', tenantId: 't', windows: familyWindows() });
    await expect(gate.acquire('GET', '/api/alerts')).rejects.toMatchObject({ code: 'RateLimiterUnavailable', retryable: true });
    dead.disconnect();
  });
});

describe('connection rate-limit config', () => {
  const base = { kind: 'defender', name: 'Tenant', tenantId: 't-1', clientId: 'c-1', clientSecret: 's' };

  it('stores valid overrides and hands them to the worker', async () => {
    await resetDatabase();
    const created = await createConnection(null, { ...base, rateLimits: { alerts: { perMinute: 200 } }, rateLimitWindows: { minuteMs: 2000 } });
    expect(created.config).toMatchObject({ rateLimits: { alerts: { perMinute: 200 } }, rateLimitWindows: { minuteMs: 2000 } });
    const loaded = await loadDefenderConnection(created.id);
    expect(loaded.rateLimits).toEqual({ alerts: { perMinute: 200 } });
  });

  it('refuses unknown families and bad limits with a clear error, storing nothing', async () => {
    await resetDatabase();
    await expect(createConnection(null, { ...base, rateLimits: { alert: { perMinute: 200 } } })).rejects.toMatchObject({ message: expect.stringMatching(/rateLimits/) });
    await expect(createConnection(null, { ...base, rateLimits: { hunting: { perHour: 0 } } })).rejects.toThrow();
    await expect(createConnection(null, { ...base, rateLimitWindows: { minuteMs: 5 } })).rejects.toThrow();
    expect(await db().connection.count()).toBe(0);
  });
});
