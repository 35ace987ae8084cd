// Finds or creates the Riposte user for an Entra identity and brings their role in line with the
// mapping. Users are matched by "<tid>:<oid>" only: an email address is mutable in Entra and
// must never hand over someone's existing account, so a local (password) account with the same
// email is refused rather than linked.
import { db, Prisma, type User } from '../../db/client';
import { audit } from '../../services/audit';
import type { Principal, Role } from '../roles';
import type { SsoIdentity } from './id-token';
import type { SsoRefusal } from './refusals';
import { applyMappedRole } from './sso-role';

/** SSO users have no password: argon2 cannot verify against an empty hash, so password sign-in fails. */
export const NO_PASSWORD = '';

export type Provisioned = { ok: true; user: User } | { ok: false; reason: SsoRefusal; user?: User };

export function principalFor(user: Pick<User, 'id' | 'email' | 'role'>, from: { ip: string | null; userAgent: string | null }): Principal {
  return { userId: user.id, email: user.email, role: user.role, via: 'session', ip: from.ip, userAgent: from.userAgent };
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

async function findOrCreate(identity: SsoIdentity & { email: string }, role: Role, autoCreate: boolean, from: { ip: string | null; userAgent: string | null }): Promise<Provisioned> {
  const existing = await db().user.findUnique({ where: { ssoSubject: identity.subject } });
  if (existing) return { ok: true, user: existing };
  const sameEmail = await db().user.findUnique({ where: { email: identity.email } });
  if (sameEmail) return { ok: false, reason: sameEmail.authSource === 'sso' ? 'account_conflict' : 'local_account', user: sameEmail };
  if (!autoCreate) return { ok: false, reason: 'not_provisioned' };
  try {
    const user = await db().user.create({
      data: { email: identity.email, name: identity.name, role, passwordHash: NO_PASSWORD, authSource: 'sso', ssoSubject: identity.subject },
    });
    await audit(principalFor(user, from), 'user.create', { type: 'user', id: user.id }, { source: 'sso', role, tenantId: identity.tenantId });
    return { ok: true, user };
  } catch (e) {
    // Two first sign-ins at once: the other one created the user.
    if (!isUniqueViolation(e)) throw e;
    const raced = await db().user.findUnique({ where: { ssoSubject: identity.subject } });
    return raced ? { ok: true, user: raced } : { ok: false, reason: 'account_conflict' };
  }
}

export async function provisionSsoUser(
  identity: SsoIdentity & { email: string },
  role: Role,
  opts: { autoCreate: boolean; ip: string | null; userAgent: string | null },
): Promise<Provisioned> {
  const from = { ip: opts.ip, userAgent: opts.userAgent };
  const found = await findOrCreate(identity, role, opts.autoCreate, from);
  if (!found.ok) return found;
  let user = found.user;
  if (user.disabled) return { ok: false, reason: 'account_disabled', user };
  // Entra is the source of truth for SSO users' roles, except that the last active admin stays one.
  if (user.role !== role || (identity.name && user.name !== identity.name)) user = await applyMappedRole(user, role, identity.name, from);
  return { ok: true, user };
}
