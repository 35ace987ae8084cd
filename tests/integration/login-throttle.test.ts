// Brute force: failed sign-ins are limited per account and per address, in Postgres, with an
// injected clock so the one-minute window is tested without sleeping.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditActions, makeUser, outcome, resetAccounts } from './accounts-fixtures';
import { db } from '@/server/db/client';
import { login } from '@/server/services/users';
import { throttlePolicy } from '@/server/auth/login-throttle';
import { resetEnvCache } from '@/server/env';

const PASSWORD = 'the-right-password-42';
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const IP = '198.51.100.10';

const attempt = (email: string, password: string, seconds: number, ip = IP) => outcome(() => login({ email, password }, { ip, userAgent: 'vitest', now: at(seconds) }));

beforeEach(async () => {
  await resetAccounts();
  await makeUser('alice@riposte.test', PASSWORD);
});

afterAll(async () => {
  await db().$disconnect();
});

describe('per-account limit', () => {
  it('refuses the 11th failed sign-in within a minute, then the right password too, until the window has passed', async () => {
    for (let i = 0; i < 10; i++) expect(await attempt('alice@riposte.test', 'wrong-password', i)).toMatchObject({ status: 401, code: 'InvalidCredentials' });
    // The 10th failure was at t0+9 s; the oldest of the ten (t0) leaves the window at t0+60 s.
    expect(await attempt('alice@riposte.test', 'wrong-password', 10)).toEqual({
      status: 429,
      code: 'TooManyAttempts',
      message: 'Too many failed sign-ins. Try again in 50 seconds.',
    });
    expect(await attempt('alice@riposte.test', PASSWORD, 30)).toMatchObject({ status: 429, message: 'Too many failed sign-ins. Try again in 30 seconds.' });
    expect(await attempt('alice@riposte.test', PASSWORD, 59)).toMatchObject({ status: 429 });
    // Refused attempts did not extend the lockout: once the failures age out, the right password works.
    expect(await attempt('alice@riposte.test', PASSWORD, 70)).toEqual({ status: 200 });
  });

  it('answers an unknown email exactly like a known one (no user enumeration)', async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      known.push(await attempt('alice@riposte.test', 'wrong-password', i, '198.51.100.1'));
      unknown.push(await attempt('nobody@riposte.test', 'wrong-password', i, '198.51.100.2'));
    }
    expect(unknown).toEqual(known);
    expect(known.slice(10)).toEqual([
      { status: 429, code: 'TooManyAttempts', message: 'Too many failed sign-ins. Try again in 50 seconds.' },
      { status: 429, code: 'TooManyAttempts', message: 'Too many failed sign-ins. Try again in 49 seconds.' },
    ]);
  });

  it('a successful sign-in clears the account’s earlier failures', async () => {
    for (let i = 0; i < 9; i++) await attempt('alice@riposte.test', 'wrong-password', i);
    expect(await attempt('alice@riposte.test', PASSWORD, 10)).toEqual({ status: 200 });
    for (let i = 0; i < 10; i++) expect(await attempt('alice@riposte.test', 'wrong-password', 11 + i)).toMatchObject({ status: 401 });
    expect(await attempt('alice@riposte.test', 'wrong-password', 22)).toMatchObject({ status: 429 });
  });

  it('lets at most the limit through when guesses arrive in parallel', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt('alice@riposte.test', 'wrong-password', 1)));
    const passedCheck = results.filter((r) => r.status === 401).length;
    // In-flight attempts count too, so a burst may be refused entirely: never more than the limit.
    expect(passedCheck).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.status === 429).length).toBe(20 - passedCheck);
    // Whatever the interleaving, exactly ten passwords in all get checked before the lockout.
    for (let i = passedCheck; i < 10; i++) expect(await attempt('alice@riposte.test', 'wrong-password', 2)).toMatchObject({ status: 401 });
    expect(await attempt('alice@riposte.test', PASSWORD, 3)).toMatchObject({ status: 429 });
  });
});

describe('per-address limit', () => {
  it('stops spraying many accounts from one address, while other addresses still sign in', async () => {
    const policy = { maxFailuresPerAccount: 10, maxFailuresPerIp: 5, windowMs: 60_000 };
    const spray = (i: number, password = 'wrong-password', ip = IP) =>
      outcome(() => login({ email: i < 0 ? 'alice@riposte.test' : `user${i}@riposte.test`, password }, { ip, now: at(i < 0 ? 10 : i), policy }));
    for (let i = 0; i < 5; i++) expect(await spray(i)).toMatchObject({ status: 401 });
    expect(await spray(5)).toMatchObject({ status: 429, message: 'Too many failed sign-ins. Try again in 55 seconds.' });
    // Alice's own account is not locked: from another address her password works…
    expect(await spray(-1, PASSWORD, '192.0.2.99')).toEqual({ status: 200 });
    // …but not from the locked address.
    expect(await spray(-1, PASSWORD, IP)).toMatchObject({ status: 429 });
  });
});

describe('storage and configuration', () => {
  it('keeps attempts in Postgres (so restarts and other replicas see them) and prunes old ones', async () => {
    for (let i = 0; i < 3; i++) await attempt('alice@riposte.test', 'wrong-password', i);
    expect(await db().loginAttempt.count({ where: { email: 'alice@riposte.test', outcome: 'failed' } })).toBe(3);
    await attempt('bob@riposte.test', 'wrong-password', 600);
    expect(await db().loginAttempt.count({ where: { email: 'alice@riposte.test' } })).toBe(0);
    expect(await db().loginAttempt.count()).toBe(1);
  });

  it('reads the limits from the environment, defaulting to 10 per 60 s', async () => {
    resetEnvCache();
    expect(throttlePolicy()).toEqual({ maxFailuresPerAccount: 10, maxFailuresPerIp: 50, windowMs: 60_000 });
    process.env.RIPOSTE_LOGIN_MAX_FAILURES = '3';
    process.env.RIPOSTE_LOGIN_WINDOW_SECONDS = '5';
    resetEnvCache();
    try {
      for (let i = 0; i < 3; i++) expect(await attempt('alice@riposte.test', 'wrong-password', i)).toMatchObject({ status: 401 });
      expect(await attempt('alice@riposte.test', PASSWORD, 3)).toMatchObject({ status: 429, message: 'Too many failed sign-ins. Try again in 2 seconds.' });
      expect(await attempt('alice@riposte.test', PASSWORD, 6)).toEqual({ status: 200 });
    } finally {
      delete process.env.RIPOSTE_LOGIN_MAX_FAILURES;
      delete process.env.RIPOSTE_LOGIN_WINDOW_SECONDS;
      resetEnvCache();
    }
  });

  it('audits each failure with the email tried, the reason and the address, never the password', async () => {
    await attempt('alice@riposte.test', 'wrong-password', 0);
    await attempt('nobody@riposte.test', 'some-secret-guess', 1);
    for (let i = 0; i < 10; i++) await attempt('alice@riposte.test', 'wrong-password', 2 + i);
    await attempt('alice@riposte.test', PASSWORD, 20);
    const failed = await db().auditEvent.findMany({ where: { action: 'user.login.failed' }, orderBy: { at: 'asc' } });
    expect(failed[0]).toMatchObject({ actorId: null, actorEmail: 'alice@riposte.test', ip: IP, userAgent: 'vitest', details: { email: 'alice@riposte.test', reason: 'wrong_password' } });
    expect(failed[0]?.targetId).not.toBeNull();
    expect(failed[1]).toMatchObject({ targetId: null, details: { email: 'nobody@riposte.test', reason: 'unknown_email' } });
    expect(failed.at(-1)).toMatchObject({ details: { reason: 'throttled' } });
    const all = JSON.stringify(await db().auditEvent.findMany());
    expect(all).not.toContain('wrong-password');
    expect(all).not.toContain('some-secret-guess');
    expect(all).not.toContain(PASSWORD);
    expect(await auditActions()).not.toContain('user.login');
  });
});
