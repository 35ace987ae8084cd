// Sessions: a random cookie token, stored hashed, with idle and absolute expiry.
import { db } from '../db/client';
import { can, type Permission, type Principal, type Role } from './roles';
import { hashToken, newToken } from './tokens';
import { forbidden, unauthorized } from '../services/errors';

export const SESSION_COOKIE = 'riposte_session';
/** A session unused this long ends (sliding: every use pushes it out). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** However active, a session ends this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Writing lastSeenAt on every request would make each page view a database write.
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface NewSession {
  token: string;
  sessionId: string;
  /** The idle expiry now; it slides forward while the session is used. */
  expiresAt: Date;
  /** The hard end; the cookie lives until then and the server enforces the idle limit. */
  absoluteExpiresAt: Date;
}

export async function createSession(
  userId: string,
  from: { ip?: string | null; userAgent?: string | null } = {},
  now = new Date(),
): Promise<NewSession> {
  const token = newToken('rps');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  const session = await db().session.create({
    data: { tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt, ip: from.ip ?? null, userAgent: from.userAgent ?? null },
  });
  await db().user.update({ where: { id: userId }, data: { lastLoginAt: now } });
  return { token, sessionId: session.id, expiresAt, absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) };
}

export async function deleteSession(token: string): Promise<void> {
  await db().session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** The session row id a cookie token belongs to (to mark "this device"), or null. */
export async function sessionIdOf(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const row = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true } });
  return row?.id ?? null;
}

function isExpired(session: { createdAt: Date; expiresAt: Date }, now: number): boolean {
  return session.expiresAt.getTime() <= now || session.createdAt.getTime() + SESSION_ABSOLUTE_MS <= now;
}

async function principalFromSession(token: string, now: number): Promise<Principal | null> {
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.user.disabled) return null;
  if (isExpired(session, now)) {
    await db().session.delete({ where: { id: session.id } }).catch(() => undefined);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Never slide past the absolute end.
    const idleEnd = Math.min(now + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_ABSOLUTE_MS);
    await db().session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(idleEnd) },
    });
  }
  return { userId: session.user.id, email: session.user.email, role: session.user.role as Role, via: 'session' };
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** The lower of two roles: a token never does more than its owner may do today. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

async function principalFromApiToken(token: string): Promise<Principal | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabled) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  // A user demoted after creating the token must not keep the old role through it.
  return { userId: row.user.id, email: row.user.email, role: lowerRole(row.role as Role, row.user.role as Role), via: 'token' };
}

/** Who is calling: a Bearer API token wins over the session cookie. */
export async function authenticate(input: {
  sessionToken?: string;
  authorization?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** For tests of expiry; defaults to the wall clock. */
  now?: Date;
}): Promise<Principal | null> {
  const bearer = input.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const now = (input.now ?? new Date()).getTime();
  const principal = bearer
    ? await principalFromApiToken(bearer)
    : input.sessionToken
      ? await principalFromSession(input.sessionToken, now)
      : null;
  if (!principal) return null;
  return { ...principal, ip: input.ip ?? null, userAgent: input.userAgent ?? null };
}

export function requirePermission(principal: Principal | null, permission: Permission): Principal {
  if (!principal) throw unauthorized();
  if (!can(principal.role, permission)) throw forbidden();
  return principal;
}

/** Returns the secret once (with the row id); only its hash is stored. `expiresAt` null = never expires. */
export async function issueApiToken(userId: string, name: string, role: Role, expiresAt: Date | null = null): Promise<{ id: string; token: string }> {
  const token = newToken('rpt');
  const row = await db().apiToken.create({ data: { userId, name, role, tokenHash: hashToken(token), expiresAt } });
  return { id: row.id, token };
}

export async function createApiToken(userId: string, name: string, role: Role, expiresAt: Date | null = null): Promise<string> {
  return (await issueApiToken(userId, name, role, expiresAt)).token;
}
