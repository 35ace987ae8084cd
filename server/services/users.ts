// Users: the first admin (from env, or the first-run setup page) and sign-in.
import { z } from 'zod';
import { db } from '../db/client';
import { hashPassword, hasUsablePassword, needsRehash, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../auth/passwords';
import { createSession, deleteSession, type NewSession } from '../auth/sessions';
import { beginLoginAttempt, recordLoginFailure, recordLoginSuccess, type ThrottlePolicy } from '../auth/login-throttle';
import type { Role } from '../auth/roles';
import { audit } from './audit';
import { env } from '../env';
import { ServiceError, fromZodIssues } from './errors';

export const ZLogin = z.object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) });

/** A new password: the same rule everywhere (setup, invite, reset, change). */
export const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const ZSetup = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().max(200).default(''),
  password: ZNewPassword,
});

export async function userCount(): Promise<number> {
  return db().user.count();
}

/** Creates the first admin from RIPOSTE_ADMIN_EMAIL / RIPOSTE_ADMIN_PASSWORD when no user exists. */
export async function ensureAdminFromEnv(): Promise<void> {
  const { RIPOSTE_ADMIN_EMAIL: email, RIPOSTE_ADMIN_PASSWORD: password } = env();
  if (!email || !password) return;
  if ((await userCount()) > 0) return;
  const passwordHash = await hashPassword(password);
  // The web server and the container's migrate step may both run this at start: the same lock as
  // setupFirstAdmin makes "no user yet", the insert and its audit entry one step.
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(424242)`;
    if ((await tx.user.count()) > 0) return;
    const user = await tx.user.create({ data: { email: email.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash } });
    // No one is signed in yet: the system creates the first admin from the environment.
    await audit(null, 'user.create', { type: 'user', id: user.id }, { email: user.email, source: 'env', role: 'admin' }, tx);
  });
}

/** First-run setup: only possible while there is no user at all. */
export async function setupFirstAdmin(input: unknown, ctx: { ip?: string | null; userAgent?: string | null } = {}): Promise<{ userId: string }> {
  const parsed = ZSetup.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { email, name, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  // Serialise concurrent setups: the advisory lock makes "no user yet" and the insert atomic.
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(424242)`;
    if ((await tx.user.count()) > 0) throw new ServiceError(409, 'AlreadySetUp', 'Riposte already has an administrator');
    const user = await tx.user.create({ data: { email, name, passwordHash, role: 'admin' } });
    // Audited in the same transaction: the first admin exists only with its entry.
    await audit({ email, userId: null, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null }, 'user.create', { type: 'user', id: user.id }, { email, source: 'setup', role: 'admin' }, tx);
    return { userId: user.id };
  });
}

export interface LoginContext {
  /** Client address and user agent: for the audit log, the per-address limit and the session list. */
  ip?: string | null;
  userAgent?: string | null;
  /** The session cookie the browser already carries: deleted at sign-in (session rotation). */
  previousSessionToken?: string;
  /** For tests of the failure window. */
  now?: Date;
  policy?: ThrottlePolicy;
}

export type LoginFailureReason = 'unknown_email' | 'wrong_password' | 'disabled' | 'no_password' | 'throttled';

export function tooManyAttempts(retryAfterSeconds: number): ServiceError {
  return new ServiceError(429, 'TooManyAttempts', `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
}

// A fixed hash to verify against when the account does not exist or has no password, so the
// time taken does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function login(input: unknown, ctx: LoginContext = {}): Promise<NewSession & { userId: string }> {
  const parsed = ZLogin.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { email, password } = parsed.data;
  const now = ctx.now ?? new Date();
  const from = { ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null };
  const failed = (reason: LoginFailureReason, userId?: string) =>
    audit({ userId: null, email, ...from }, 'user.login.failed', { type: 'user', id: userId }, { email, reason });

  const attempt = await beginLoginAttempt(email, from.ip, now, ctx.policy);
  if (!attempt.allowed) {
    // Refused before the password is looked at: the right password is refused too.
    await failed('throttled');
    throw tooManyAttempts(attempt.retryAfterSeconds);
  }

  const user = await db().user.findUnique({ where: { email } });
  dummyHash ??= hashPassword('riposte-timing-equaliser');
  const usable = user !== null && hasUsablePassword(user.passwordHash);
  const ok = await verifyPassword(usable ? user.passwordHash : await dummyHash, password);
  if (!user || !usable || !ok || user.disabled) {
    await recordLoginFailure(attempt.attemptId, now, ctx.policy);
    await failed(!user ? 'unknown_email' : !usable ? 'no_password' : !ok ? 'wrong_password' : 'disabled', user?.id);
    throw new ServiceError(401, 'InvalidCredentials', 'Email or password is incorrect');
  }

  await recordLoginSuccess(attempt.attemptId, email);
  if (needsRehash(user.passwordHash)) {
    // Upgrade hashes made with weaker settings while the plain password is at hand.
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  if (ctx.previousSessionToken) await deleteSession(ctx.previousSessionToken);
  const session = await createSession(user.id, from, now);
  await audit({ userId: user.id, email: user.email, role: user.role as Role, via: 'session', ...from }, 'user.login', { type: 'user', id: user.id });
  return { ...session, userId: user.id };
}
