import { describe, expect, it, vi } from 'vitest';
import { MdeApiError } from '../errors';
import { createCallGate } from './call-gate';
import { familyWindows } from './limits';
import type { Reservation, SlidingWindowLimiter } from './sliding-window';

function fakeLimiter(answer: () => Promise<Reservation>) {
  const reserve = vi.fn<SlidingWindowLimiter['reserve']>(answer);
  const holdOff = vi.fn<SlidingWindowLimiter['holdOff']>(async () => undefined);
  return { reserve, holdOff };
}

function gateWith(limiter: SlidingWindowLimiter, sleep = vi.fn(async (_ms: number) => undefined)) {
  return { sleep, gate: createCallGate({ limiter, keyPrefix: 'p', tenantId: 't1', windows: familyWindows(), sleep }) };
}

async function rejection(promise: Promise<unknown>): Promise<MdeApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MdeApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('call gate', () => {
  it('books on the family key with the family windows and sleeps a short wait', async () => {
    const limiter = fakeLimiter(async () => ({ granted: true, waitMs: 700 }));
    const { gate, sleep } = gateWith(limiter);
    await gate.acquire('POST', '/api/machines/m1/isolate');
    expect(limiter.reserve).toHaveBeenCalledWith('p:rl:t1:machines', familyWindows().machines, 2000);
    expect(sleep).toHaveBeenCalledWith(700);
  });

  it('turns a long wait into a retryable RateLimited error with retryAfterMs', async () => {
    const limiter = fakeLimiter(async () => ({ granted: false, waitMs: 42_000 }));
    const { gate, sleep } = gateWith(limiter);
    const error = await rejection(gate.acquire('GET', '/api/alerts/a1'));
    expect(error).toMatchObject({ code: 'RateLimited', retryable: true, retryAfterMs: 42_000 });
    expect(error.message).toContain('alerts API of tenant t1 (100/min, 1500/h)');
    expect(sleep).not.toHaveBeenCalled();
  });

  it('fails retryably, sending nothing, when Redis is unreachable', async () => {
    const limiter = fakeLimiter(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    });
    const error = await rejection(gateWith(limiter).gate.acquire('GET', '/api/alerts'));
    expect(error).toMatchObject({ code: 'RateLimiterUnavailable', retryable: true });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('passes a Retry-After hold to the family key and never throws from it', async () => {
    const limiter = fakeLimiter(async () => ({ granted: true, waitMs: 0 }));
    limiter.holdOff.mockRejectedValueOnce(new Error('down'));
    const { gate } = gateWith(limiter);
    await expect(gate.holdOff('POST', '/api/advancedqueries/run', 5000)).resolves.toBeUndefined();
    expect(limiter.holdOff).toHaveBeenCalledWith('p:rl:t1:hunting', 5000);
  });
});
