import { afterEach, describe, expect, it } from 'vitest';
import { scheduleMinuteMs, scheduleSchedulerId, tickTimeOf } from './schedulers';

const env = process.env as Record<string, string | undefined>;
const saved = { NODE_ENV: process.env.NODE_ENV, RIPOSTE_TEST_MINUTE_MS: process.env.RIPOSTE_TEST_MINUTE_MS };
afterEach(() => {
  Object.assign(process.env, saved);
  if (saved.RIPOSTE_TEST_MINUTE_MS === undefined) delete process.env.RIPOSTE_TEST_MINUTE_MS;
});

describe('schedule job schedulers', () => {
  it('reads the tick time from the scheduler job id', () => {
    const id = `repeat:${scheduleSchedulerId('f0e1d2c3-0000-4000-8000-000000000001')}:1764576000000`;
    expect(tickTimeOf(id)?.toISOString()).toBe('2025-12-01T08:00:00.000Z');
    expect(tickTimeOf('manual-job', 1764576060000)?.toISOString()).toBe('2025-12-01T08:01:00.000Z');
    expect(tickTimeOf(undefined)).toBeNull();
    expect(tickTimeOf('repeat:x:abc')).toBeNull();
  });

  it('shortens a minute only in tests, and never below 100 ms', () => {
    env.NODE_ENV = 'test';
    process.env.RIPOSTE_TEST_MINUTE_MS = '1000';
    expect(scheduleMinuteMs()).toBe(1000);
    process.env.RIPOSTE_TEST_MINUTE_MS = '5';
    expect(scheduleMinuteMs()).toBe(60_000);
    env.NODE_ENV = 'production';
    process.env.RIPOSTE_TEST_MINUTE_MS = '1000';
    expect(scheduleMinuteMs()).toBe(60_000);
  });
});
