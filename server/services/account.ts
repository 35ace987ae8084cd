// Your own account: change your password, see where you are signed in, sign sessions out.
import { z } from 'zod';
import { db } from '../db/client';
import { hashPassword, hasUsablePassword, verifyPassword } from '../auth/passwords';
import { hashToken } from '../auth/tokens';
import { SESSION_ABSOLUTE_MS } from '../auth/sessions';
import { beginLoginAttempt, recordLoginFailure, recordLoginSuccess } from '../auth/login-throttle';
import type { Principal } from '../auth/roles';
import { audit } from './audit';
import { ServiceError, badRequest, fromZodIssues, notFound } from './errors';
import { tooManyAttempts, ZNewPassword } from './users';

export const ZPasswordChange = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    newPassword: ZNewPassword,
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The new passwords do not match' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the current one' });

export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The user's sessions that still work, most recently used first. */
export async function listSessions(userId: string, currentToken: string | undefined, now = new Date()): Promise<SessionInfo[]> {
  const rows = await db().session.findMany({
    where: { userId, expiresAt: { gt: now }, createdAt: { gt: new Date(now.getTime() - SESSION_ABSOLUTE_MS) } },
    orderBy: { lastSeenAt: 'desc' },
  });
  const currentHash = currentToken ? hashToken(currentToken) : null;
  return rows.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent, current: s.tokenHash === currentHash }));
}

/** Sign-out of this browser: the session row goes, so a copied cookie stops working at once. */
export async function signOutSession(token: string, from: { ip: string | null; userAgent: string | null }): Promise<void> {
  const session = await db().session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!session) return;
  await db().session.delete({ where: { id: session.id } }).catch(() => undefined);
  await audit({ userId: session.user.id, email: session.user.email, role: session.user.role, via: 'session', ...from }, 'user.logout', { type: 'user', id: session.user.id });
}

export type RevokeScope = { scope: 'one'; sessionId: string } | { scope: 'others' } | { scope: 'all' };

/** Ends some of your own sessions; returns how many ended. Never touches another user's sessions. */
export async function revokeSessions(principal: Principal, what: RevokeScope, currentToken: string | undefined): Promise<number> {
  const currentHash = currentToken ? hashToken(currentToken) : '';
  const where =
    what.scope === 'one'
      ? { userId: principal.userId, id: what.sessionId }
      : what.scope === 'others'
        ? { userId: principal.userId, tokenHash: { not: currentHash } }
        : { userId: principal.userId };
  const { count } = await db().session.deleteMany({ where });
  if (what.scope === 'one' && count === 0) throw notFound('That session');
  await audit(principal, 'user.sessions.revoke', { type: 'user', id: principal.userId }, { scope: what.scope, count });
  return count;
}

/**
 * Changes your own password after checking the current one (wrong guesses count towards the
 * sign-in limit, so a stolen session cannot be used to brute-force the password), then signs out
 * every other session.
 */
export async function changePassword(principal: Principal, input: unknown, currentToken: string | undefined): Promise<{ otherSessionsEnded: number }> {
  if (principal.via !== 'session') throw badRequest('Change your password from the account page, not with an API token');
  const parsed = ZPasswordChange.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const user = await db().user.findUnique({ where: { id: principal.userId } });
  if (!user) throw notFound('Your account');
  const attempt = await beginLoginAttempt(user.email, principal.ip ?? null);
  if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterSeconds);
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    await recordLoginFailure(attempt.attemptId);
    throw new ServiceError(400, 'WrongPassword', 'Your current password is not correct', [{ path: 'currentPassword', message: 'Your current password is not correct' }]);
  }
  await recordLoginSuccess(attempt.attemptId, user.email);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const currentHash = currentToken ? hashToken(currentToken) : '';
  const [, ended] = await db().$transaction([
    db().user.update({ where: { id: user.id }, data: { passwordHash } }),
    db().session.deleteMany({ where: { userId: user.id, tokenHash: { not: currentHash } } }),
  ]);
  await audit(principal, 'user.password.change', { type: 'user', id: user.id }, { otherSessionsEnded: ended.count });
  return { otherSessionsEnded: ended.count };
}

/** What the account page shows about you (never the hash itself). */
export async function accountOf(userId: string): Promise<{ email: string; name: string; role: string; createdAt: Date; hasPassword: boolean }> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw notFound('Your account');
  return { email: user.email, name: user.name, role: user.role, createdAt: user.createdAt, hasPassword: hasUsablePassword(user.passwordHash) };
}
