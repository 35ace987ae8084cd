// API tokens over the REST API (issue 7): role ceiling, optional expiry, listing your own,
// revoking (your own; admins anyone's), last-used time, and the audit trail.
import './setup-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db/client';
import type { Role } from '@/server/auth/roles';
import { hashToken } from '@/server/auth/tokens';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/tokens/route';
import { TOKEN_FROM_TOKEN_REFUSED } from '@/server/services/api-tokens';
import { DELETE as revokeRoute } from '@/app/api/v1/tokens/[id]/route';
import { GET as listFlows } from '@/app/api/v1/flows/route';
import { resetDatabase } from './harness';
import { createCallers, type Caller } from '../authz/principals';
import { callRoute, type Credential, type RouteHandler } from '../authz/route-call';

let callers: Record<Role, Caller>;
const DAY = 24 * 60 * 60 * 1000;

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

async function call(handler: RouteHandler, method: string, urlPath: string, credential: Credential, opts: { body?: unknown; params?: Record<string, string>; query?: string } = {}) {
  const res = await callRoute(handler, { method, urlPath, params: opts.params ?? {}, query: opts.query, credential, body: opts.body });
  return { status: res.status, json: (res.body ? JSON.parse(res.body) : {}) as Json, text: res.body };
}

const create = (as: Caller, body: unknown) => call(createRoute as RouteHandler, 'POST', '/api/v1/tokens', { session: as.sessionToken }, { body });
const flowsWith = async (token: string) => (await call(listFlows as RouteHandler, 'GET', '/api/v1/flows', { bearer: token })).status;
const revoke = (credential: Credential, id: string) => call(revokeRoute as RouteHandler, 'DELETE', '/api/v1/tokens/{id}', credential, { params: { id } });

beforeAll(async () => {
  await resetDatabase();
  callers = await createCallers('tokens');
});

afterAll(async () => {
  await db().$disconnect();
});

describe('creating', () => {
  it('defaults to the owner’s role and never goes above it', async () => {
    const own = await create(callers.editor, { name: 'ci' });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ name: 'ci', role: 'editor', expiresAt: null, active: true, lastUsedAt: null });
    expect(String(own.json.token)).toMatch(/^rpt_/);
    expect((await create(callers.editor, { name: 'down', role: 'viewer' })).json.role).toBe('viewer');
    const up = await create(callers.editor, { name: 'up', role: 'admin' });
    expect(up.status).toBe(403);
    expect(up.json.error?.message).toMatch(/higher role/);
    expect((await create(callers.viewer, { name: 'up', role: 'editor' })).status).toBe(403);
  });

  it('refuses a Bearer token creating tokens, whatever its role, and creates none', async () => {
    const adminToken = String((await create(callers.admin, { name: 'automation', role: 'admin', expiresInDays: 30 })).json.token);
    const viewerToken = String((await create(callers.admin, { name: 'low', role: 'viewer' })).json.token);
    const before = await db().apiToken.count();
    for (const [bearer, body] of [
      [adminToken, { name: 'forever', expiresInDays: null }],
      [adminToken, { name: 'same role', role: 'admin', expiresInDays: 30 }],
      [viewerToken, { name: 'escalate', role: 'admin' }],
      [viewerToken, { name: 'viewer too', role: 'viewer' }],
    ] as const) {
      const minted = await call(createRoute as RouteHandler, 'POST', '/api/v1/tokens', { bearer }, { body });
      expect(minted.status).toBe(403);
      expect(minted.json.error).toEqual({ code: 'Forbidden', message: TOKEN_FROM_TOKEN_REFUSED });
    }
    expect(await db().apiToken.count()).toBe(before);
    expect(await db().auditEvent.count({ where: { action: 'token.create', details: { path: ['name'], equals: 'forever' } } })).toBe(0);
    // The same admin, signed in, still can; and the token still reads (GET is not refused).
    expect((await create(callers.admin, { name: 'forever', expiresInDays: null })).status).toBe(200);
    expect((await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { bearer: adminToken })).status).toBe(200);
  });

  it('stores only the hash and shows the secret once', async () => {
    const made = await create(callers.viewer, { name: 'once' });
    const token = String(made.json.token);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: String(made.json.id) } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const list = await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { session: callers.viewer.sessionToken });
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(row.tokenHash);
  });

  it('validates name and expiry with a 400', async () => {
    expect((await create(callers.viewer, { name: '' })).status).toBe(400);
    const bad = await create(callers.viewer, { name: 'x', expiresInDays: 7 });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toMatch(/30, 90, 365/);
    expect((await create(callers.viewer, { name: 'x', role: 'root' })).status).toBe(400);
  });
});

describe('expiry', () => {
  it('sets 30 / 90 / 365 days or never, and refuses a token once expired', async () => {
    for (const days of [30, 90, 365] as const) {
      const made = await create(callers.viewer, { name: `exp ${days}`, expiresInDays: days });
      const expires = Date.parse(String(made.json.expiresAt));
      expect(Math.abs(expires - (Date.now() + days * DAY))).toBeLessThan(60_000);
      expect(await flowsWith(String(made.json.token))).toBe(200);
    }
    const never = await create(callers.viewer, { name: 'never', expiresInDays: null });
    expect(never.json.expiresAt).toBeNull();

    const soon = await create(callers.viewer, { name: 'soon', expiresInDays: 30 });
    const token = String(soon.json.token);
    expect(await flowsWith(token)).toBe(200);
    await db().apiToken.update({ where: { id: String(soon.json.id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await flowsWith(token)).toBe(401);
    const list = await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { session: callers.viewer.sessionToken });
    const items = list.json.items as { id: string; active: boolean }[];
    expect(items.find((t) => t.id === soon.json.id)?.active).toBe(false);
  });
});

describe('last used', () => {
  it('records when a token was last used', async () => {
    const made = await create(callers.editor, { name: 'used' });
    expect(made.json.lastUsedAt).toBeNull();
    const before = Date.now();
    expect(await flowsWith(String(made.json.token))).toBe(200);
    const list = await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { session: callers.editor.sessionToken });
    const item = (list.json.items as { id: string; lastUsedAt: string | null }[]).find((t) => t.id === made.json.id);
    expect(Date.parse(item?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('listing and revoking', () => {
  it('lists only your own tokens; ?all=1 is for admins', async () => {
    const mine = await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { session: callers.editor.sessionToken });
    const ids = (mine.json.items as { id: string }[]).map((t) => t.id);
    const owners = await db().apiToken.findMany({ where: { id: { in: ids } }, select: { userId: true } });
    expect(new Set(owners.map((o) => o.userId))).toEqual(new Set([callers.editor.userId]));
    expect((await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { session: callers.editor.sessionToken }, { query: '?all=1' })).status).toBe(403);
    const all = await call(listRoute as RouteHandler, 'GET', '/api/v1/tokens', { session: callers.admin.sessionToken }, { query: '?all=1' });
    expect(all.status).toBe(200);
    const emails = new Set((all.json.items as { ownerEmail: string }[]).map((t) => t.ownerEmail));
    expect(emails).toEqual(new Set([callers.viewer.email, callers.editor.email, callers.admin.email]));
  });

  it('revokes your own token at once; someone else’s is not found unless you are an admin', async () => {
    const made = await create(callers.editor, { name: 'revoke me' });
    const token = String(made.json.token);
    const id = String(made.json.id);
    expect(await flowsWith(token)).toBe(200);

    expect((await revoke({ session: callers.viewer.sessionToken }, id)).status).toBe(404);
    expect(await flowsWith(token)).toBe(200);
    // A malformed id names no token: 404, like every malformed {id} in the API (app/api/v1/_lib/handler.ts).
    expect((await revoke({ session: callers.editor.sessionToken }, 'not-a-uuid')).status).toBe(404);

    const done = await revoke({ session: callers.editor.sessionToken }, id);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ id, active: false });
    expect(done.json.revokedAt).toEqual(expect.any(String));
    expect(await flowsWith(token)).toBe(401);
    // Revoking twice is harmless and keeps the first time.
    const again = await revoke({ session: callers.editor.sessionToken }, id);
    expect(again.json.revokedAt).toBe(done.json.revokedAt);

    const other = await create(callers.viewer, { name: 'admin revokes' });
    expect((await revoke({ session: callers.admin.sessionToken }, String(other.json.id))).status).toBe(200);
    expect(await flowsWith(String(other.json.token))).toBe(401);
  });

  it('audits token.create and token.revoke without the secret', async () => {
    const made = await create(callers.viewer, { name: 'audited', expiresInDays: 90 });
    await revoke({ session: callers.viewer.sessionToken }, String(made.json.id));
    const events = await db().auditEvent.findMany({ where: { targetId: String(made.json.id) }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['token.create', 'token.revoke']);
    expect(events.every((e) => e.actorId === callers.viewer.userId && e.userAgent === 'authz-matrix')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(String(made.json.token));
  });
});
