// Admin user management: invitations (single use, 72 h), disable/enable, role changes, password
// resets, and the guard that keeps at least one active administrator.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditActions, makeUser, outcome, principalOf, resetAccounts } from './accounts-fixtures';
import { db } from '@/server/db/client';
import { login } from '@/server/services/users';
import { authenticate, createApiToken } from '@/server/auth/sessions';
import { inviteUser, listUsers, resetUserPassword, updateUser } from '@/server/services/user-admin';
import { findPasswordLink, PASSWORD_LINK_TTL_MS, usePasswordLink } from '@/server/services/password-links';
import type { Principal } from '@/server/auth/roles';

const PASSWORD = 'the-right-password-42';
let adminId: string;
let admin: Principal;

const tokenOf = (url: string) => url.split('/invite/')[1] ?? '';

beforeEach(async () => {
  await resetAccounts();
  adminId = await makeUser('admin@riposte.test', PASSWORD, 'admin');
  admin = principalOf(adminId, 'admin@riposte.test');
});

afterAll(async () => {
  await db().$disconnect();
});

describe('invitations', () => {
  it('creates a user with no usable password and a one-time link that sets it, once', async () => {
    const { user, link } = await inviteUser(admin, { email: 'Vera@Riposte.test', name: 'Vera', role: 'viewer' });
    expect(user).toMatchObject({ email: 'vera@riposte.test', role: 'viewer', status: 'invited', signIn: 'local' });
    expect(link.url).toMatch(/^http:\/\/localhost:\d+\/invite\/rpi_[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(PASSWORD_LINK_TTL_MS - 60_000);
    const token = tokenOf(link.url);
    // Stored hashed only.
    expect(JSON.stringify(await db().userInvite.findMany())).not.toContain(token);
    expect(await outcome(() => login({ email: 'vera@riposte.test', password: 'anything-goes-here' }))).toMatchObject({ status: 401 });

    expect(await findPasswordLink(token)).toMatchObject({ email: 'vera@riposte.test', purpose: 'invite' });
    await usePasswordLink(token, { password: 'vera-chose-this-one', confirm: 'vera-chose-this-one' }, { ip: '192.0.2.1' });
    expect(await outcome(() => login({ email: 'vera@riposte.test', password: 'vera-chose-this-one' }))).toEqual({ status: 200 });
    expect((await listUsers()).find((u) => u.email === 'vera@riposte.test')?.status).toBe('active');

    // Single use: the same link does nothing the second time.
    expect(await findPasswordLink(token)).toBeNull();
    expect(await outcome(() => usePasswordLink(token, { password: 'an-attackers-password', confirm: 'an-attackers-password' }))).toMatchObject({ status: 404, code: 'LinkInvalid' });
    expect(await outcome(() => login({ email: 'vera@riposte.test', password: 'an-attackers-password' }))).toMatchObject({ status: 401 });
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.invite', 'user.invite.accept']));
  });

  it('expires after 72 hours and is voided by a newer link', async () => {
    const { user, link } = await inviteUser(admin, { email: 'late@riposte.test', role: 'editor' });
    const token = tokenOf(link.url);
    const later = new Date(Date.now() + PASSWORD_LINK_TTL_MS + 60_000);
    expect(await findPasswordLink(token, later)).toBeNull();
    expect(await outcome(() => usePasswordLink(token, { password: 'too-late-password', confirm: 'too-late-password' }, {}, later))).toMatchObject({ status: 404 });
    expect((await listUsers(later)).find((u) => u.id === user.id)?.status).toBe('invite_expired');

    const again = await resetUserPassword(admin, user.id);
    expect(again.user.status).toBe('invited');
    expect(await findPasswordLink(token)).toBeNull();
    expect(await findPasswordLink(tokenOf(again.link.url))).toMatchObject({ purpose: 'invite' });
  });

  it('refuses bad input and duplicate emails clearly', async () => {
    expect(await outcome(() => inviteUser(admin, { email: 'not-an-email', role: 'viewer' }))).toMatchObject({ status: 400, message: 'email: Enter a valid email address' });
    expect(await outcome(() => inviteUser(admin, { email: 'x@riposte.test', role: 'owner' }))).toMatchObject({ status: 400 });
    expect(await outcome(() => inviteUser(admin, { email: 'ADMIN@riposte.test', role: 'viewer' }))).toMatchObject({ status: 409, code: 'UserExists' });
    const { link } = await inviteUser(admin, { email: 'y@riposte.test', role: 'viewer' });
    expect(await outcome(() => usePasswordLink(tokenOf(link.url), { password: 'short', confirm: 'short' }))).toMatchObject({ status: 400 });
    expect(await outcome(() => usePasswordLink(tokenOf(link.url), { password: 'long-enough-pass', confirm: 'long-enough-pazz' }))).toMatchObject({ status: 400, message: 'confirm: The passwords do not match' });
    expect(await outcome(() => usePasswordLink('rpi_garbage', { password: 'long-enough-pass', confirm: 'long-enough-pass' }))).toMatchObject({ status: 404 });
  });
});

describe('disable, enable, roles, resets', () => {
  it('disabling ends sessions and stops API tokens; enabling lets the tokens work again', async () => {
    const eveId = await makeUser('eve@riposte.test', PASSWORD, 'editor');
    const session = await login({ email: 'eve@riposte.test', password: PASSWORD });
    const apiToken = await createApiToken(eveId, 'ci', 'editor');
    expect(await authenticate({ authorization: `Bearer ${apiToken}` })).toMatchObject({ userId: eveId });

    expect(await updateUser(admin, eveId, { disabled: true })).toMatchObject({ status: 'disabled', disabled: true });
    expect(await authenticate({ sessionToken: session.token })).toBeNull();
    expect(await db().session.count({ where: { userId: eveId } })).toBe(0);
    expect(await authenticate({ authorization: `Bearer ${apiToken}` })).toBeNull();
    expect(await outcome(() => login({ email: 'eve@riposte.test', password: PASSWORD }))).toMatchObject({ status: 401 });

    await updateUser(admin, eveId, { disabled: false });
    expect(await authenticate({ authorization: `Bearer ${apiToken}` })).toMatchObject({ userId: eveId });
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('a role change takes effect at once, also capping API tokens made under the old role', async () => {
    const bobId = await makeUser('bob@riposte.test', PASSWORD, 'admin');
    const session = await login({ email: 'bob@riposte.test', password: PASSWORD });
    const apiToken = await createApiToken(bobId, 'ci', 'admin');
    await updateUser(admin, bobId, { role: 'viewer' });
    expect(await authenticate({ sessionToken: session.token })).toMatchObject({ role: 'viewer' });
    expect(await authenticate({ authorization: `Bearer ${apiToken}` })).toMatchObject({ role: 'viewer' });
    const change = await db().auditEvent.findFirst({ where: { action: 'user.role.change' } });
    expect(change).toMatchObject({ actorId: adminId, targetId: bobId, ip: '203.0.113.7', details: { from: 'admin', to: 'viewer' } });
  });

  it('a reset voids the password, ends sessions and issues a new one-time link', async () => {
    const eveId = await makeUser('eve@riposte.test', PASSWORD, 'editor');
    await login({ email: 'eve@riposte.test', password: PASSWORD });
    const { user, link } = await resetUserPassword(admin, eveId);
    expect(user.status).toBe('reset_pending');
    expect(await db().session.count({ where: { userId: eveId } })).toBe(0);
    expect(await outcome(() => login({ email: 'eve@riposte.test', password: PASSWORD }))).toMatchObject({ status: 401 });
    await usePasswordLink(tokenOf(link.url), { password: 'eve-new-password', confirm: 'eve-new-password' });
    expect(await outcome(() => login({ email: 'eve@riposte.test', password: 'eve-new-password' }))).toEqual({ status: 200 });
    expect(await auditActions()).toEqual(expect.arrayContaining(['user.password.reset', 'user.password.reset.complete']));
    expect(await outcome(() => resetUserPassword(admin, adminId))).toMatchObject({ status: 400 });
  });
});

describe('last active admin', () => {
  it('refuses to demote or disable the last active admin with a clear 409', async () => {
    expect(await outcome(() => updateUser(admin, adminId, { role: 'editor' }))).toEqual({
      status: 409,
      code: 'LastAdmin',
      message: 'You cannot demote the last active administrator. Make another user an administrator first.',
    });
    expect(await outcome(() => updateUser(admin, adminId, { disabled: true }))).toMatchObject({ status: 400, message: 'You cannot disable your own account' });
    // An invited admin who never set a password does not count as another admin.
    await inviteUser(admin, { email: 'pending@riposte.test', role: 'admin' });
    expect(await outcome(() => updateUser(admin, adminId, { role: 'viewer' }))).toMatchObject({ status: 409 });
    // Another admin who can sign in: now demoting works, and that admin cannot then be disabled.
    const otherId = await makeUser('other@riposte.test', PASSWORD, 'admin');
    expect(await updateUser(admin, adminId, { role: 'viewer' })).toMatchObject({ role: 'viewer' });
    const other = principalOf(otherId, 'other@riposte.test');
    const adminAsViewer = principalOf(adminId, 'admin@riposte.test', 'viewer');
    expect(await outcome(() => updateUser(adminAsViewer, otherId, { disabled: true }))).toMatchObject({ status: 409, message: 'You cannot disable the last active administrator. Make another user an administrator first.' });
    expect(await updateUser(other, adminId, { role: 'admin' })).toMatchObject({ role: 'admin' });
    expect((await db().user.findMany({ where: { role: 'admin', disabled: false } })).length).toBeGreaterThanOrEqual(2);
  });

  it('two admins demoting each other at once leaves one admin', async () => {
    const otherId = await makeUser('other@riposte.test', PASSWORD, 'admin');
    const other = principalOf(otherId, 'other@riposte.test');
    const results = await Promise.all([outcome(() => updateUser(admin, otherId, { role: 'editor' })), outcome(() => updateUser(other, adminId, { role: 'editor' }))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db().user.count({ where: { role: 'admin' } })).toBe(1);
  });

  it('PATCH input is validated', async () => {
    expect(await outcome(() => updateUser(admin, adminId, {}))).toMatchObject({ status: 400 });
    expect(await outcome(() => updateUser(admin, adminId, { role: 'root' }))).toMatchObject({ status: 400 });
    expect(await outcome(() => updateUser(admin, adminId, { passwordHash: 'x' }))).toMatchObject({ status: 400 });
    expect(await outcome(() => updateUser(admin, '7c9e6679-7425-40de-944b-e07fc1f90ae7', { role: 'viewer' }))).toMatchObject({ status: 404 });
  });
});
