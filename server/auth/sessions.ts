// Sessions: a random cookie token, stored hashed, with idle and absolute expiry.
import { db } from '../db/client';
import { can, type Permission, type Principal, type Role } from './roles';
import { hashToken, newToken } from './tokens';
import { forbidden, unauthorized } from '../services/errors';

export const SESSION_COOKIE = 'riposte_session';
const IDLE_MS = 12 * 60 * 60 * 1000;
const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken('rps');
  const expiresAt = new Date(Date.now() + IDLE_MS);
  await db().session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function deleteSession(token: string): Promise<void> {
  await db().session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

async function principalFromSession(token: string): Promise<Principal | null> {
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session || session.user.disabled) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() < now || session.createdAt.getTime() + ABSOLUTE_MS < now) {
    await db().session.delete({ where: { id: session.id } }).catch(() => undefined);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + IDLE_MS) },
    });
  }
  return { userId: session.user.id, email: session.user.email, role: session.user.role as Role, via: 'session' };
}

async function principalFromApiToken(token: string): Promise<Principal | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabled) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
  await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { userId: row.user.id, email: row.user.email, role: row.role as Role, via: 'token' };
}

/** Who is calling: a Bearer API token wins over the session cookie. */
export async function authenticate(input: {
  sessionToken?: string;
  authorization?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<Principal | null> {
  const bearer = input.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const principal = bearer ? await principalFromApiToken(bearer) : input.sessionToken ? await principalFromSession(input.sessionToken) : null;
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
