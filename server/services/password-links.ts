// One-time links to set a password: an invitation to a new user, or an admin's password reset.
// The link carries a random token; only its SHA-256 is stored. A link works once, expires after
// 72 hours, and issuing a new one for a user voids the old.
import { z } from 'zod';
import { db, type Prisma } from '../db/client';
import { hashPassword } from '../auth/passwords';
import { hashToken, newToken } from '../auth/tokens';
import type { Role } from '../auth/roles';
import { audit } from './audit';
import { env } from '../env';
import { ServiceError, fromZodIssues } from './errors';
import { ZNewPassword } from './users';

export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;
export type LinkPurpose = 'invite' | 'reset';

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

function publicUrl(): string {
  return (env().RIPOSTE_PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, '');
}

/** Issues a fresh link for the user (inside the caller's transaction), voiding any unused one. */
export async function issuePasswordLink(
  tx: Prisma.TransactionClient,
  userId: string,
  purpose: LinkPurpose,
  createdById: string | null,
  now = new Date(),
): Promise<IssuedLink> {
  const token = newToken('rpi');
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  await tx.userInvite.deleteMany({ where: { userId, usedAt: null } });
  await tx.userInvite.create({ data: { userId, purpose, createdById, tokenHash: hashToken(token), createdAt: now, expiresAt } });
  return { url: `${publicUrl()}/invite/${token}`, expiresAt };
}

export interface LinkInfo {
  email: string;
  name: string;
  purpose: LinkPurpose;
  expiresAt: Date;
}

const ZToken = z.string().regex(/^rpi_[A-Za-z0-9_-]{43}$/);

async function liveLink(token: string, now: Date) {
  if (!ZToken.safeParse(token).success) return null;
  const link = await db().userInvite.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!link || link.usedAt || link.expiresAt <= now || link.user.disabled) return null;
  return link;
}

/** What the invite page shows, or null when the link is unknown, used, expired or the user disabled. */
export async function findPasswordLink(token: string, now = new Date()): Promise<LinkInfo | null> {
  const link = await liveLink(token, now);
  if (!link) return null;
  return { email: link.user.email, name: link.user.name, purpose: link.purpose as LinkPurpose, expiresAt: link.expiresAt };
}

export const ZSetPassword = z
  .object({ password: ZNewPassword, confirm: z.string().max(1024) })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });

const invalidLink = () => new ServiceError(404, 'LinkInvalid', 'This link is not valid any more: it was already used, has expired, or was replaced by a newer one. Ask an administrator for a new link.');

/** Sets the password through a link, exactly once; every session of the user ends. */
export async function usePasswordLink(
  token: string,
  input: unknown,
  from: { ip?: string | null; userAgent?: string | null } = {},
  now = new Date(),
): Promise<{ email: string }> {
  const parsed = ZSetPassword.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const link = await liveLink(token, now);
  if (!link) throw invalidLink();
  const passwordHash = await hashPassword(parsed.data.password);
  await db().$transaction(async (tx) => {
    // The conditional update is the single-use guard: of two concurrent uses only one matches.
    const claimed = await tx.userInvite.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw invalidLink();
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: link.userId } });
    await audit(
      { userId: link.user.id, email: link.user.email, role: link.user.role as Role, via: 'session', ip: from.ip ?? null, userAgent: from.userAgent ?? null },
      link.purpose === 'invite' ? 'user.invite.accept' : 'user.password.reset.complete',
      { type: 'user', id: link.userId },
      undefined,
      tx,
    );
  });
  return { email: link.user.email };
}
