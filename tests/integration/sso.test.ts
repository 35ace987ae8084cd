// Single sign-on end to end without a browser: the real MSAL client against the local OpenID
// provider over https (the demo certificate), the real database. Sign-in maps the Entra group
// to editor, an outsider is refused, a tampered state or a missing flow cookie is refused, the
// role follows the mapping at every sign-in (but never demotes the last active admin), and SSO
// users have no password.
import './setup-env';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { db } from '@/server/db/client';
import { authenticate, SESSION_COOKIE } from '@/server/auth/sessions';
import { SSO_FLOW_COOKIE } from '@/server/auth/sso/flow-state';
import { GET as callbackRoute } from '@/app/api/v1/auth/sso/callback/route';
import { actAs, nextHeadersMock } from '../authz/request-context';
import { login } from '@/server/services/users';
import { beginSsoSignIn, finishSsoSignIn } from '@/server/auth/sso/sign-in';
import { updateSsoSettings } from '@/server/auth/sso/settings';
import type { Principal } from '@/server/auth/roles';
import { startLocalOidcProvider, LOCAL_ACCOUNTS, EDITORS_GROUP_ID, type LocalOidcProvider } from '../oidc/local-provider';
import { driveLogin } from '../oidc/drive-login';
import { resetDatabase } from './harness';

// The callback route reads and sets cookies through next/headers: the authorisation matrix's
// stand-in gives it a cookie jar the test can fill and read (everything else is real).
vi.mock('next/headers', async () => (await import('../authz/request-context')).nextHeadersMock);

const root = path.resolve(import.meta.dirname, '../..');
const REDIRECT_URI = 'http://localhost:3999/api/v1/auth/sso/callback';
const from = { ip: '203.0.113.7', userAgent: 'vitest' };
let idp: LocalOidcProvider;
let admin: Principal;

async function configure(rules: { kind: 'group' | 'appRole'; value: string; role: 'admin' | 'editor' | 'viewer' }[]) {
  await updateSsoSettings(admin, {
    enabled: true,
    cloud: 'custom',
    authorityHost: idp.authorityHost,
    tenantId: idp.tenantId,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    rules,
    defaultRole: 'refuse',
    autoCreate: true,
  });
}

/** /start, the provider's login form, then the callback's query and the flow cookie. */
async function signInAt(account: { username: string; password: string }) {
  const begun = await beginSsoSignIn(REDIRECT_URI);
  if (!begun.ok) throw new Error(`could not begin: ${begun.reason}`);
  const { callbackUrl } = await driveLogin(begun.url, REDIRECT_URI, account);
  return { begun, query: callbackUrl.searchParams, cookie: begun.cookie };
}

/** Changes the first character of the sealed envelope's IV (every bit of it counts). */
function alter(cookie: string): string {
  const parts = cookie.split('.');
  parts[2] = `${parts[2]![0] === 'A' ? 'B' : 'A'}${parts[2]!.slice(1)}`;
  return parts.join('.');
}

async function auditActions(): Promise<{ action: string; details: unknown; actorEmail: string | null; ip: string | null }[]> {
  return db().auditEvent.findMany({ orderBy: { at: 'asc' }, select: { action: true, details: true, actorEmail: true, ip: true } });
}

beforeAll(async () => {
  await resetDatabase();
  await db().ssoSettings.deleteMany();
  const tls = { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) };
  idp = await startLocalOidcProvider({ tls, redirectUris: [REDIRECT_URI] });
  const user = await db().user.create({ data: { email: 'admin@test.local', passwordHash: 'x', role: 'admin' } });
  admin = { userId: user.id, email: user.email, role: 'admin', via: 'session', ...from };
});

beforeEach(async () => {
  await configure([{ kind: 'group', value: EDITORS_GROUP_ID, role: 'editor' }]);
  // Audit entries are append-only (a trigger refuses DELETE); TRUNCATE is the reset.
  await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
});

afterAll(async () => {
  await db().ssoSettings.deleteMany();
  await idp?.close();
  await db().$disconnect();
});

describe('SSO sign-in with the local OpenID provider', () => {
  it('asks for the code with PKCE, state and nonce', async () => {
    const begun = await beginSsoSignIn(REDIRECT_URI);
    if (!begun.ok) throw new Error(begun.reason);
    const url = new URL(begun.url);
    expect(url.origin).toBe(idp.authorityHost);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    // The verifier travels only inside the sealed cookie.
    expect(begun.cookie).not.toContain(url.searchParams.get('state')!);
  });

  it('signs a member of the mapped group in as editor, creating the user', async () => {
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
    const result = await finishSsoSignIn({ query, cookie, ...from });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user).toMatchObject({ email: LOCAL_ACCOUNTS.member.username, role: 'editor', authSource: 'sso', ssoSubject: `${idp.tenantId}:${LOCAL_ACCOUNTS.member.oid}`, name: 'Erin Editor' });
    const principal = await authenticate({ sessionToken: result.token });
    expect(principal).toMatchObject({ userId: user.id, role: 'editor', via: 'session' });
    const events = await auditActions();
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.login']);
    expect(events[1]).toMatchObject({ details: { method: 'sso', role: 'editor' }, actorEmail: user.email, ip: from.ip });
  });

  it('refuses someone outside every mapped group, and creates no account', async () => {
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.outsider);
    const result = await finishSsoSignIn({ query, cookie, ...from });
    expect(result).toEqual({ ok: false, reason: 'no_matching_rule' });
    expect(await db().user.findUnique({ where: { email: LOCAL_ACCOUNTS.outsider.username } })).toBeNull();
    const events = await auditActions();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'user.login.sso.refused', details: { method: 'sso', reason: 'no_matching_rule', email: LOCAL_ACCOUNTS.outsider.username, ip: from.ip } });
  });

  it('refuses a tampered state without redeeming the code', async () => {
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
    const tampered = new URLSearchParams(query);
    tampered.set('state', `${query.get('state')!.slice(0, -1)}x`);
    expect(await finishSsoSignIn({ query: tampered, cookie, ...from })).toEqual({ ok: false, reason: 'state_mismatch' });
    // The code was not spent on the refused attempt: the genuine callback still works.
    expect((await finishSsoSignIn({ query, cookie, ...from })).ok).toBe(true);
    expect((await auditActions()).map((e) => e.action)).toContain('user.login.sso.refused');
  });

  it("refuses a callback carrying another sign-in's state (login CSRF) and one without the flow cookie", async () => {
    const mine = await signInAt(LOCAL_ACCOUNTS.member);
    const other = await beginSsoSignIn(REDIRECT_URI);
    if (!other.ok) throw new Error(other.reason);
    expect(await finishSsoSignIn({ query: mine.query, cookie: other.cookie, ...from })).toEqual({ ok: false, reason: 'state_mismatch' });
    expect(await finishSsoSignIn({ query: mine.query, cookie: undefined, ...from })).toEqual({ ok: false, reason: 'expired' });
    expect(await finishSsoSignIn({ query: mine.query, cookie: alter(mine.cookie), ...from })).toEqual({ ok: false, reason: 'expired' });
    // The mismatch and the altered cookie are audited; a callback without any cookie is not.
    const reasons = (await auditActions()).map((e) => (e.details as { reason?: string }).reason);
    expect(reasons).toEqual(['state_mismatch', 'expired']);
  });

  it('refuses a code redeemed twice', async () => {
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
    expect((await finishSsoSignIn({ query, cookie, ...from })).ok).toBe(true);
    expect(await finishSsoSignIn({ query, cookie, ...from })).toEqual({ ok: false, reason: 'token_failed' });
  });

  it('re-applies the mapping at every sign-in and audits the role change', async () => {
    const first = await signInAt(LOCAL_ACCOUNTS.member);
    const before = await finishSsoSignIn({ query: first.query, cookie: first.cookie, ...from });
    if (!before.ok) throw new Error(before.reason);
    await configure([
      { kind: 'group', value: EDITORS_GROUP_ID, role: 'editor' },
      { kind: 'group', value: LOCAL_ACCOUNTS.member.groups[1]!, role: 'admin' },
    ]);
    // Audit entries are append-only (a trigger refuses DELETE); TRUNCATE is the reset.
  await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
    const second = await signInAt(LOCAL_ACCOUNTS.member);
    const after = await finishSsoSignIn({ query: second.query, cookie: second.cookie, ...from });
    if (!after.ok) throw new Error(after.reason);
    expect(after.userId).toBe(before.userId);
    expect((await db().user.findUniqueOrThrow({ where: { id: after.userId } })).role).toBe('admin');
    const events = await auditActions();
    expect(events.map((e) => e.action)).toEqual(['user.role.change', 'user.login']);
    expect(events[0]!.details).toEqual({ from: 'editor', to: 'admin', source: 'sso' });
  });

  it('keeps the last active admin an admin when the mapping would demote them, audits why, and demotes once another admin exists', async () => {
    const adminRule = { kind: 'group' as const, value: LOCAL_ACCOUNTS.member.groups[1]!, role: 'admin' as const };
    const editorRule = { kind: 'group' as const, value: EDITORS_GROUP_ID, role: 'editor' as const };
    await configure([editorRule, adminRule]);
    const first = await signInAt(LOCAL_ACCOUNTS.member);
    const asAdmin = await finishSsoSignIn({ query: first.query, cookie: first.cookie, ...from });
    if (!asAdmin.ok) throw new Error(asAdmin.reason);
    expect((await db().user.findUniqueOrThrow({ where: { id: asAdmin.userId } })).role).toBe('admin');
    // The only other admin has never signed in and has no usable password: it does not count.
    await db().user.update({ where: { id: admin.userId }, data: { passwordHash: 'x', lastLoginAt: null } });
    expect(await db().user.count({ where: { role: 'admin', disabled: false, id: { not: asAdmin.userId }, lastLoginAt: { not: null } } })).toBe(0);

    // The admin group's rule is removed: the mapping now says editor, but this is the last admin.
    await configure([editorRule]);
    await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
    const second = await signInAt(LOCAL_ACCOUNTS.member);
    const kept = await finishSsoSignIn({ query: second.query, cookie: second.cookie, ...from });
    if (!kept.ok) throw new Error(kept.reason);
    expect((await db().user.findUniqueOrThrow({ where: { id: kept.userId } })).role).toBe('admin');
    expect(await authenticate({ sessionToken: kept.token })).toMatchObject({ userId: kept.userId, role: 'admin' });
    const events = await auditActions();
    expect(events.map((e) => e.action)).toEqual(['user.role.change.kept', 'user.login']);
    expect(events[0]).toMatchObject({ details: { from: 'admin', to: 'editor', kept: 'admin', source: 'sso', reason: 'last_admin' }, ip: from.ip });

    // Another admin who can sign in: the same mapping now applies.
    await db().user.update({ where: { id: admin.userId }, data: { lastLoginAt: new Date() } });
    await db().$executeRawUnsafe('TRUNCATE "AuditEvent"');
    const third = await signInAt(LOCAL_ACCOUNTS.member);
    const demoted = await finishSsoSignIn({ query: third.query, cookie: third.cookie, ...from });
    if (!demoted.ok) throw new Error(demoted.reason);
    expect((await db().user.findUniqueOrThrow({ where: { id: demoted.userId } })).role).toBe('editor');
    expect((await auditActions()).map((e) => [e.action, e.details])).toEqual([
      ['user.role.change', { from: 'admin', to: 'editor', source: 'sso' }],
      ['user.login', { method: 'sso', role: 'editor' }],
    ]);
    await db().user.update({ where: { id: admin.userId }, data: { lastLoginAt: null } });
  });

  it('gives an SSO user no password to sign in with', async () => {
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
    expect((await finishSsoSignIn({ query, cookie, ...from })).ok).toBe(true);
    await expect(login({ email: LOCAL_ACCOUNTS.member.username, password: LOCAL_ACCOUNTS.member.password })).rejects.toMatchObject({ status: 401 });
  });

  it('refuses instead of taking over a password account with the same email', async () => {
    await db().user.deleteMany({ where: { email: LOCAL_ACCOUNTS.member.username } });
    await db().user.create({ data: { email: LOCAL_ACCOUNTS.member.username, passwordHash: 'x', role: 'viewer' } });
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
    expect(await finishSsoSignIn({ query, cookie, ...from })).toEqual({ ok: false, reason: 'local_account' });
    expect((await db().user.findUniqueOrThrow({ where: { email: LOCAL_ACCOUNTS.member.username } })).authSource).toBe('local');
    await db().user.deleteMany({ where: { email: LOCAL_ACCOUNTS.member.username } });
  });

  it('does not create accounts when auto-create is off', async () => {
    await db().user.deleteMany({ where: { email: LOCAL_ACCOUNTS.member.username } });
    await updateSsoSettings(admin, {
      enabled: true, cloud: 'custom', authorityHost: idp.authorityHost, tenantId: idp.tenantId, clientId: idp.clientId,
      rules: [{ kind: 'group', value: EDITORS_GROUP_ID, role: 'editor' }], defaultRole: 'refuse', autoCreate: false,
    });
    const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
    expect(await finishSsoSignIn({ query, cookie, ...from })).toEqual({ ok: false, reason: 'not_provisioned' });
  });

  it('is refused as a whole when SSO is switched off', async () => {
    await updateSsoSettings(admin, {
      enabled: false, cloud: 'custom', authorityHost: idp.authorityHost, tenantId: idp.tenantId, clientId: idp.clientId,
      rules: [], defaultRole: 'refuse', autoCreate: true,
    });
    expect(await beginSsoSignIn(REDIRECT_URI)).toEqual({ ok: false, reason: 'disabled' });
  });
});

describe('session rotation at the SSO callback', () => {
  const browser = { 'x-forwarded-for': '198.51.100.23', 'user-agent': 'Edge/131 (sessions panel)' };

  /** The browser comes back from the provider carrying `sessionToken` and the flow cookie. */
  async function callback(query: URLSearchParams, flowCookie: string, sessionToken: string) {
    actAs(sessionToken, browser);
    const jar = await nextHeadersMock.cookies();
    jar.set(SSO_FLOW_COOKIE, flowCookie);
    const res = await callbackRoute(new NextRequest(`${REDIRECT_URI}?${query.toString()}`, { headers: browser }));
    return { location: res.headers.get('location'), sessionToken: jar.get(SESSION_COOKIE)?.value };
  }

  it("deletes the session the browser came with and opens a new one carrying the browser's address and user agent", async () => {
    await db().session.deleteMany({ where: { user: { email: LOCAL_ACCOUNTS.member.username } } });
    const earlier = await signInAt(LOCAL_ACCOUNTS.member);
    const old = await finishSsoSignIn({ query: earlier.query, cookie: earlier.cookie, ...from });
    if (!old.ok) throw new Error(old.reason);
    expect(await authenticate({ sessionToken: old.token })).toMatchObject({ userId: old.userId });

    const again = await signInAt(LOCAL_ACCOUNTS.member);
    const res = await callback(again.query, again.cookie, old.token);
    expect(res.location).toBe('/dashboard');
    expect(res.sessionToken).toBeDefined();
    expect(res.sessionToken).not.toBe(old.token);
    expect(await authenticate({ sessionToken: old.token })).toBeNull();
    expect(await authenticate({ sessionToken: res.sessionToken! })).toMatchObject({ userId: old.userId, role: 'editor', via: 'session' });
    const sessions = await db().session.findMany({ where: { userId: old.userId } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ ip: browser['x-forwarded-for'], userAgent: browser['user-agent'] });
  });

  it('leaves the current session alone when the SSO sign-in is refused', async () => {
    const earlier = await signInAt(LOCAL_ACCOUNTS.member);
    const old = await finishSsoSignIn({ query: earlier.query, cookie: earlier.cookie, ...from });
    if (!old.ok) throw new Error(old.reason);
    const again = await signInAt(LOCAL_ACCOUNTS.member);
    const tampered = new URLSearchParams(again.query);
    tampered.set('state', `${again.query.get('state')!.slice(0, -1)}x`);
    const res = await callback(tampered, again.cookie, old.token);
    expect(res.location).toBe('/login?sso_error=state_mismatch');
    expect(res.sessionToken).toBe(old.token);
    expect(await authenticate({ sessionToken: old.token })).toMatchObject({ userId: old.userId });
  });
});

describe('id tokens from the wrong issuer or tenant', () => {
  it('refuses a token whose tenant is not the configured one', async () => {
    const tls = { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) };
    const rogue = await startLocalOidcProvider({ tls, redirectUris: [REDIRECT_URI], tamperClaims: (c) => ({ ...c, tid: 'f0000000-0000-4000-8000-00000000000f' }) });
    try {
      await updateSsoSettings(admin, {
        enabled: true, cloud: 'custom', authorityHost: rogue.authorityHost, tenantId: rogue.tenantId, clientId: rogue.clientId, clientSecret: rogue.clientSecret,
        rules: [{ kind: 'group', value: EDITORS_GROUP_ID, role: 'editor' }], defaultRole: 'refuse', autoCreate: true,
      });
      const { query, cookie } = await signInAt(LOCAL_ACCOUNTS.member);
      expect(await finishSsoSignIn({ query, cookie, ...from })).toEqual({ ok: false, reason: 'invalid_token' });
      const refused = (await auditActions()).find((e) => e.action === 'user.login.sso.refused');
      expect(refused?.details).toMatchObject({ reason: 'invalid_token', problem: expect.stringContaining('tenant') });
    } finally {
      await rogue.close();
    }
  });
});
