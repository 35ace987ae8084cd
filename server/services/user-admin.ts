// Admin user management: list, invite, disable/enable, change role, reset password. The last
// active admin can never be disabled or demoted, so Riposte always has someone who can manage it.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { hasUsablePassword, NO_PASSWORD } from '../auth/passwords';
import type { Principal, Role } from '../auth/roles';
import { audit } from './audit';
import { ServiceError, badRequest, fromZodIssues, notFound } from './errors';
import { issuePasswordLink, type IssuedLink } from './password-links';

const ZRole = z.enum(['admin', 'editor', 'viewer']);

export const ZInvite = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address').max(320),
  name: z.string().trim().max(200).default(''),
  role: ZRole,
});

export const ZUserPatch = z
  .object({ role: ZRole.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined, 'Send "role" and/or "disabled"');

export type UserStatus = 'active' | 'disabled' | 'invited' | 'invite_expired' | 'reset_pending';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  status: UserStatus;
  /** How the user signs in: a local password, or single sign-on (Entra ID). */
  signIn: 'local' | 'sso';
  createdAt: Date;
  lastLoginAt: Date | null;
  /** When the pending invite or reset link expires, if one is open. */
  linkExpiresAt: Date | null;
}

type UserWithLinks = Prisma.UserGetPayload<{ include: { invites: true } }>;

// The SSO helper adds User.authSource; until then (and for local users) this reads "local".
// Read loosely so this file works both before and after that column exists.
function signInOf(user: UserWithLinks): 'local' | 'sso' {
  const source = (user as { authSource?: unknown }).authSource;
  return typeof source === 'string' && source !== 'local' ? 'sso' : 'local';
}

function toRow(user: UserWithLinks, now: Date): UserRow {
  const open = user.invites.filter((i) => !i.usedAt).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const live = open && open.expiresAt > now ? open : undefined;
  const signIn = signInOf(user);
  let status: UserStatus = 'active';
  if (user.disabled) status = 'disabled';
  else if (signIn === 'local' && !hasUsablePassword(user.passwordHash)) {
    status = !open ? 'invite_expired' : !live ? 'invite_expired' : open.purpose === 'reset' ? 'reset_pending' : 'invited';
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role as Role,
    disabled: user.disabled,
    status,
    signIn,
    createdAt: user.createdAt,
    lastLoginAt: user.lastLoginAt,
    linkExpiresAt: live?.expiresAt ?? null,
  };
}

export async function listUsers(now = new Date()): Promise<UserRow[]> {
  const users = await db().user.findMany({ include: { invites: true }, orderBy: [{ email: 'asc' }] });
  return users.map((u) => toRow(u, now));
}

async function getRow(id: string, tx: Prisma.TransactionClient = db()): Promise<UserRow> {
  const user = await tx.user.findUnique({ where: { id }, include: { invites: true } });
  if (!user) throw notFound('The user');
  return toRow(user, new Date());
}

/** Creates the user with no usable password and returns the one-time link to set one (shown once). */
export async function inviteUser(principal: Principal, input: unknown): Promise<{ user: UserRow; link: IssuedLink }> {
  const parsed = ZInvite.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { email, name, role } = parsed.data;
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) throw new ServiceError(409, 'UserExists', `A user with the email ${email} already exists`);
    const created = await tx.user.create({ data: { email, name, role, passwordHash: NO_PASSWORD } });
    const link = await issuePasswordLink(tx, created.id, 'invite', principal.userId);
    await audit(principal, 'user.invite', { type: 'user', id: created.id }, { email, role }, tx);
    return { user: await getRow(created.id, tx), link };
  });
}

/** Serialises every change that can take admin rights away (also SSO sign-in's role mapping). */
export const ADMIN_LOCK = 424243;

/** Refuses (409) when the change would leave no active admin. Call inside the transaction, after the lock. */
export async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, userId: string, verb: string): Promise<void> {
  const others = await tx.user.findMany({ where: { role: 'admin', disabled: false, id: { not: userId } }, select: { passwordHash: true, lastLoginAt: true } });
  // An invited admin who never set a password cannot sign in yet, so does not count.
  const usable = others.filter((u) => hasUsablePassword(u.passwordHash) || u.lastLoginAt !== null);
  if (usable.length === 0) {
    throw new ServiceError(409, 'LastAdmin', `You cannot ${verb} the last active administrator. Make another user an administrator first.`);
  }
}

/** PATCH: role and/or disabled, each audited; the last-admin guard applies to both. */
export async function updateUser(principal: Principal, id: string, input: unknown): Promise<UserRow> {
  const parsed = ZUserPatch.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { role, disabled } = parsed.data;
  if (disabled === true && id === principal.userId) throw badRequest('You cannot disable your own account');
  return db().$transaction(async (tx) => {
    // Serialise admin changes so two admins demoting each other at once cannot both succeed.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('The user');
    const losesAdmin = user.role === 'admin' && !user.disabled && ((role !== undefined && role !== 'admin') || disabled === true);
    if (losesAdmin) await assertAnotherActiveAdmin(tx, id, disabled === true ? 'disable' : 'demote');
    if (role !== undefined && role !== user.role) {
      await tx.user.update({ where: { id }, data: { role } });
      await audit(principal, 'user.role.change', { type: 'user', id }, { email: user.email, from: user.role, to: role }, tx);
    }
    if (disabled !== undefined && disabled !== user.disabled) {
      await tx.user.update({ where: { id }, data: { disabled } });
      // Disabled: every session ends now; API tokens stop working because authenticate() refuses disabled users.
      const ended = disabled ? (await tx.session.deleteMany({ where: { userId: id } })).count : 0;
      await audit(principal, disabled ? 'user.disable' : 'user.enable', { type: 'user', id }, disabled ? { email: user.email, sessionsEnded: ended } : { email: user.email }, tx);
    }
    return getRow(id, tx);
  });
}

/** Voids the password, ends every session and issues a one-time link to set a new one. */
export async function resetUserPassword(principal: Principal, id: string): Promise<{ user: UserRow; link: IssuedLink }> {
  if (id === principal.userId) throw badRequest('Change your own password on the “Your account” page');
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound('The user');
    if (user.disabled) throw new ServiceError(409, 'UserDisabled', 'Enable the user before resetting their password');
    if (signInOf({ ...user, invites: [] }) === 'sso') throw new ServiceError(409, 'SsoUser', 'This user signs in with single sign-on and has no Riposte password');
    await tx.user.update({ where: { id }, data: { passwordHash: NO_PASSWORD } });
    const ended = await tx.session.deleteMany({ where: { userId: id } });
    // Someone who never signed in gets an invitation again rather than a "reset".
    const purpose = user.lastLoginAt === null && !hasUsablePassword(user.passwordHash) ? 'invite' : 'reset';
    const link = await issuePasswordLink(tx, id, purpose, principal.userId);
    await audit(principal, 'user.password.reset', { type: 'user', id }, { email: user.email, sessionsEnded: ended.count }, tx);
    return { user: await getRow(id, tx), link };
  });
}
