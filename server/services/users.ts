// Users: the first admin (from env, or the first-run setup page) and sign-in.
import { z } from 'zod';
import { db } from '../db/client';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { createSession } from '../auth/sessions';
import { audit } from './audit';
import { env } from '../env';
import { ServiceError, fromZodIssues } from './errors';

export const ZLogin = z.object({ email: z.string().trim().toLowerCase().email(), password: z.string().min(1).max(1024) });
export const ZSetup = z.object({
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().max(200).default(''),
  password: z.string().min(12, 'Password must be at least 12 characters').max(1024),
});

export async function userCount(): Promise<number> {
  return db().user.count();
}

/** Creates the first admin from RIPOSTE_ADMIN_EMAIL / RIPOSTE_ADMIN_PASSWORD when no user exists. */
export async function ensureAdminFromEnv(): Promise<void> {
  const { RIPOSTE_ADMIN_EMAIL: email, RIPOSTE_ADMIN_PASSWORD: password } = env();
  if (!email || !password) return;
  if ((await userCount()) > 0) return;
  await db().user.create({
    data: { email: email.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) },
  });
}

/** First-run setup: only possible while there is no user at all. */
export async function setupFirstAdmin(input: unknown): Promise<{ userId: string }> {
  const parsed = ZSetup.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const passwordHash = await hashPassword(parsed.data.password);
  // Serialise concurrent setups: the advisory lock makes "no user yet" and the insert atomic.
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(424242)`;
    if ((await tx.user.count()) > 0) throw new ServiceError(409, 'AlreadySetUp', 'Riposte already has an administrator');
    const user = await tx.user.create({ data: { ...parsed.data, passwordHash, role: 'admin' } });
    return { userId: user.id };
  });
}

// A fixed hash to verify against when the account does not exist, so timing does not reveal it.
let dummyHash: Promise<string> | undefined;

export async function login(input: unknown): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const parsed = ZLogin.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  dummyHash ??= hashPassword('riposte-timing-equaliser');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), parsed.data.password);
  if (!user || !ok || user.disabled) {
    throw new ServiceError(401, 'InvalidCredentials', 'Email or password is incorrect');
  }
  const session = await createSession(user.id);
  await audit({ userId: user.id, email: user.email, role: user.role, via: 'session' }, 'user.login', { type: 'user', id: user.id });
  return { ...session, userId: user.id };
}
