// Sessions: rotation at sign-in, idle (12 h) and absolute (7 d) expiry, password change signing
// out other sessions, signing sessions out, argon2id rehash, and the first-run setup guard.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import { auditActions, makeUser, outcome, principalOf, resetAccounts } from './accounts-fixtures';
import { db } from '@/server/db/client';
import { ensureAdminFromEnv, login, setupFirstAdmin } from '@/server/services/users';
import { authenticate, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@/server/auth/sessions';
import { changePassword, listSessions, revokeSessions, signOutSession } from '@/server/services/account';
import { needsRehash, verifyPassword } from '@/server/auth/passwords';
import { resetEnvCache } from '@/server/env';

const PASSWORD = 'the-right-password-42';
const HOUR = 60 * 60 * 1000;
let aliceId: string;

beforeEach(async () => {
  await resetAccounts();
  aliceId = await makeUser('alice@riposte.test', PASSWORD, 'editor');
});

afterAll(async () => {
  await db().$disconnect();
});

const signIn = (ctx: Parameters<typeof login>[1] = {}) => login({ email: 'alice@riposte.test', password: PASSWORD }, { ip: '203.0.113.9', userAgent: 'Firefox', ...ctx });

describe('sign-in', () => {
  it('rotates the session: the cookie the browser carried is deleted and a fresh one issued', async () => {
    const first = await signIn();
    const second = await signIn({ previousSessionToken: first.token });
    expect(second.token).not.toBe(first.token);
    expect(await authenticate({ sessionToken: first.token })).toBeNull();
    expect(await authenticate({ sessionToken: second.token })).toMatchObject({ userId: aliceId, role: 'editor', via: 'session' });
    expect(await db().session.count({ where: { userId: aliceId } })).toBe(1);
  });

  it('records where the session came from, the last sign-in and an audited login with the address', async () => {
    const s = await signIn();
    const row = await db().session.findUniqueOrThrow({ where: { id: s.sessionId } });
    expect(row).toMatchObject({ ip: '203.0.113.9', userAgent: 'Firefox' });
    expect((await db().user.findUniqueOrThrow({ where: { id: aliceId } })).lastLoginAt).not.toBeNull();
    expect(await db().auditEvent.findFirst({ where: { action: 'user.login' } })).toMatchObject({ actorId: aliceId, ip: '203.0.113.9', userAgent: 'Firefox' });
    expect(s.absoluteExpiresAt.getTime() - s.expiresAt.getTime()).toBe(SESSION_ABSOLUTE_MS - SESSION_IDLE_MS);
  });

  it('upgrades a hash made with weaker argon2 settings at sign-in', async () => {
    const weak = await hash(PASSWORD, { memoryCost: 4096, timeCost: 1 });
    await db().user.update({ where: { id: aliceId }, data: { passwordHash: weak } });
    await signIn();
    const upgraded = (await db().user.findUniqueOrThrow({ where: { id: aliceId } })).passwordHash;
    expect(upgraded).not.toBe(weak);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(upgraded)).toBe(false);
    expect(await verifyPassword(upgraded, PASSWORD)).toBe(true);
  });

  it('refuses disabled users and users without a password with the same answer as a wrong password', async () => {
    await makeUser('invited@riposte.test', null);
    await db().user.update({ where: { id: aliceId }, data: { disabled: true } });
    const generic = { status: 401, code: 'InvalidCredentials', message: 'Email or password is incorrect' };
    expect(await outcome(() => signIn())).toEqual(generic);
    expect(await outcome(() => login({ email: 'invited@riposte.test', password: '' }))).toMatchObject({ status: 400 });
    expect(await outcome(() => login({ email: 'invited@riposte.test', password: 'anything-at-all' }))).toEqual(generic);
  });
});

describe('expiry', () => {
  it('ends a session unused for 12 hours', async () => {
    const t0 = new Date();
    const s = await signIn({ now: t0 });
    expect(await authenticate({ sessionToken: s.token, now: new Date(t0.getTime() + SESSION_IDLE_MS - 60_000) })).not.toBeNull();
    // That use slid the idle expiry forward…
    const slid = await db().session.findUniqueOrThrow({ where: { id: s.sessionId } });
    expect(slid.expiresAt.getTime()).toBeGreaterThan(t0.getTime() + SESSION_IDLE_MS);
    // …so only 12 h after the last use does it end.
    const lastUse = slid.lastSeenAt.getTime();
    expect(await authenticate({ sessionToken: s.token, now: new Date(lastUse + SESSION_IDLE_MS + 1000) })).toBeNull();
    expect(await db().session.count({ where: { id: s.sessionId } })).toBe(0);
  });

  it('ends a session 7 days after sign-in however active it is', async () => {
    const t0 = new Date();
    const s = await signIn({ now: t0 });
    for (let h = 6; h < 7 * 24; h += 6) {
      expect(await authenticate({ sessionToken: s.token, now: new Date(t0.getTime() + h * HOUR) })).not.toBeNull();
    }
    const row = await db().session.findUniqueOrThrow({ where: { id: s.sessionId } });
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(t0.getTime() + SESSION_ABSOLUTE_MS);
    expect(await authenticate({ sessionToken: s.token, now: new Date(t0.getTime() + SESSION_ABSOLUTE_MS + 1000) })).toBeNull();
  });
});

describe('your account', () => {
  it('changing the password signs out every other session and keeps this one', async () => {
    const here = await signIn();
    const elsewhere = await signIn({ userAgent: 'Chrome' });
    const me = principalOf(aliceId, 'alice@riposte.test', 'editor');
    expect(await changePassword(me, { currentPassword: PASSWORD, newPassword: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' }, here.token)).toEqual({ otherSessionsEnded: 1 });
    expect(await authenticate({ sessionToken: here.token })).not.toBeNull();
    expect(await authenticate({ sessionToken: elsewhere.token })).toBeNull();
    expect(await outcome(() => signIn())).toMatchObject({ status: 401 });
    expect(await outcome(() => login({ email: 'alice@riposte.test', password: 'a-brand-new-password' }))).toEqual({ status: 200 });
    expect(await auditActions()).toContain('user.password.change');
  });

  it('refuses a wrong current password, a short one and a mismatched confirmation with 400s', async () => {
    const me = principalOf(aliceId, 'alice@riposte.test', 'editor');
    const change = (currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
      outcome(() => changePassword(me, { currentPassword, newPassword, confirmPassword }, undefined));
    expect(await change('not-it-at-all', 'a-brand-new-password')).toMatchObject({ status: 400, code: 'WrongPassword' });
    expect(await change(PASSWORD, 'short')).toMatchObject({ status: 400, message: 'newPassword: Password must be at least 12 characters' });
    expect(await change(PASSWORD, 'a-brand-new-password', 'a-brand-new-passwrd')).toMatchObject({ status: 400, message: 'confirmPassword: The new passwords do not match' });
    expect(await verifyPassword((await db().user.findUniqueOrThrow({ where: { id: aliceId } })).passwordHash, PASSWORD)).toBe(true);
  });

  it('lists active sessions marking this device, and signs out one, all others, or all', async () => {
    const here = await signIn({ userAgent: 'Firefox' });
    const b = await signIn({ userAgent: 'Chrome' });
    await signIn({ userAgent: 'Safari' });
    const me = principalOf(aliceId, 'alice@riposte.test', 'editor');
    const list = await listSessions(aliceId, here.token);
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['Firefox']);
    expect(await revokeSessions(me, { scope: 'one', sessionId: b.sessionId }, here.token)).toBe(1);
    expect(await authenticate({ sessionToken: b.token })).toBeNull();
    expect(await revokeSessions(me, { scope: 'others' }, here.token)).toBe(1);
    expect((await listSessions(aliceId, here.token)).map((s) => s.current)).toEqual([true]);
    // Another user's session id cannot be signed out through your account.
    const bobId = await makeUser('bob@riposte.test', PASSWORD);
    const bob = await login({ email: 'bob@riposte.test', password: PASSWORD });
    expect(await outcome(() => revokeSessions(me, { scope: 'one', sessionId: bob.sessionId }, here.token))).toMatchObject({ status: 404 });
    expect(await authenticate({ sessionToken: bob.token })).toMatchObject({ userId: bobId });
    expect(await revokeSessions(me, { scope: 'all' }, here.token)).toBe(1);
    expect(await authenticate({ sessionToken: here.token })).toBeNull();
    expect((await auditActions()).filter((a) => a === 'user.sessions.revoke')).toHaveLength(3);
  });

  it('signing out deletes the session and is audited', async () => {
    const s = await signIn();
    await signOutSession(s.token, { ip: '203.0.113.9', userAgent: 'Firefox' });
    expect(await authenticate({ sessionToken: s.token })).toBeNull();
    expect(await db().auditEvent.findFirst({ where: { action: 'user.logout' } })).toMatchObject({ actorId: aliceId, ip: '203.0.113.9' });
  });
});

describe('first-run setup', () => {
  it('creates the first admin once and refuses once one exists', async () => {
    await resetAccounts();
    const made = await setupFirstAdmin({ email: 'Root@Riposte.test', name: 'Root', password: 'a-long-enough-password' }, { ip: '203.0.113.7', userAgent: 'Setup browser' });
    expect(await db().user.findUniqueOrThrow({ where: { id: made.userId } })).toMatchObject({ email: 'root@riposte.test', role: 'admin' });
    expect(await outcome(() => setupFirstAdmin({ email: 'second@riposte.test', password: 'a-long-enough-password' }))).toMatchObject({ status: 409, code: 'AlreadySetUp' });
    expect(await db().user.count()).toBe(1);
    // The first admin is audited once, as made by the setup page, from where it was filled in.
    const entries = await db().auditEvent.findMany({ where: { action: 'user.create' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: null,
      actorEmail: 'root@riposte.test',
      targetType: 'user',
      targetId: made.userId,
      ip: '203.0.113.7',
      userAgent: 'Setup browser',
      details: { email: 'root@riposte.test', source: 'setup', role: 'admin' },
    });
  });

  it('audits the first admin made from RIPOSTE_ADMIN_EMAIL / RIPOSTE_ADMIN_PASSWORD, once, as the system', async () => {
    await resetAccounts();
    const saved = { email: process.env.RIPOSTE_ADMIN_EMAIL, password: process.env.RIPOSTE_ADMIN_PASSWORD };
    process.env.RIPOSTE_ADMIN_EMAIL = 'Env-Admin@Riposte.test';
    process.env.RIPOSTE_ADMIN_PASSWORD = 'an-env-admin-password';
    resetEnvCache();
    try {
      // Two starts at once (web and migrate step): one admin, one entry.
      await Promise.all([ensureAdminFromEnv(), ensureAdminFromEnv()]);
      await ensureAdminFromEnv();
      const admin = await db().user.findUniqueOrThrow({ where: { email: 'env-admin@riposte.test' } });
      expect(admin.role).toBe('admin');
      expect(await db().user.count()).toBe(1);
      const entries = await db().auditEvent.findMany({ where: { action: 'user.create' } });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorId: null,
        actorEmail: 'system',
        targetType: 'user',
        targetId: admin.id,
        details: { email: 'env-admin@riposte.test', source: 'env', role: 'admin' },
      });
    } finally {
      if (saved.email === undefined) delete process.env.RIPOSTE_ADMIN_EMAIL;
      else process.env.RIPOSTE_ADMIN_EMAIL = saved.email;
      if (saved.password === undefined) delete process.env.RIPOSTE_ADMIN_PASSWORD;
      else process.env.RIPOSTE_ADMIN_PASSWORD = saved.password;
      resetEnvCache();
    }
  });

  it('refuses concurrent setups but one, and short passwords', async () => {
    await resetAccounts();
    expect(await outcome(() => setupFirstAdmin({ email: 'root@riposte.test', password: 'short' }))).toMatchObject({ status: 400 });
    const results = await Promise.all([0, 1, 2].map((i) => outcome(() => setupFirstAdmin({ email: `root${i}@riposte.test`, password: 'a-long-enough-password' }))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
  });

  it('has no default admin: without RIPOSTE_ADMIN_EMAIL and RIPOSTE_ADMIN_PASSWORD nobody is created', async () => {
    await resetAccounts();
    const saved = { email: process.env.RIPOSTE_ADMIN_EMAIL, password: process.env.RIPOSTE_ADMIN_PASSWORD };
    delete process.env.RIPOSTE_ADMIN_EMAIL;
    delete process.env.RIPOSTE_ADMIN_PASSWORD;
    resetEnvCache();
    try {
      await ensureAdminFromEnv();
      expect(await db().user.count()).toBe(0);
      process.env.RIPOSTE_ADMIN_EMAIL = 'admin@riposte.test';
      resetEnvCache();
      await ensureAdminFromEnv();
      expect(await db().user.count()).toBe(0);
    } finally {
      if (saved.email === undefined) delete process.env.RIPOSTE_ADMIN_EMAIL;
      else process.env.RIPOSTE_ADMIN_EMAIL = saved.email;
      if (saved.password !== undefined) process.env.RIPOSTE_ADMIN_PASSWORD = saved.password;
      resetEnvCache();
    }
  });
});
