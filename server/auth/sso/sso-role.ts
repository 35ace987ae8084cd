// Applies the role Entra's claims map to at sign-in, under the same last-admin guard as the
// users page (server/services/user-admin.ts): re-mapping must never leave Riposte without an
// active administrator, or nobody could manage users, connections or SSO itself any more. When it
// would, the user keeps admin, and the audit log and the ops log say why.
import { db, type User } from '../../db/client';
import { audit } from '../../services/audit';
import { ADMIN_LOCK, assertAnotherActiveAdmin } from '../../services/user-admin';
import { isServiceError } from '../../services/errors';
import { logger } from '../../log/logger';
import type { Principal, Role } from '../roles';

type From = { ip: string | null; userAgent: string | null };

/** The signing-in user as the actor (provision.ts's principalFor; not imported, which would be a cycle). */
const principalFor = (user: User, from: From): Principal => ({ userId: user.id, email: user.email, role: user.role, via: 'session', ip: from.ip, userAgent: from.userAgent });

/** Brings the user's role (and name) in line with the mapping; returns the updated user. */
export async function applyMappedRole(user: User, mapped: Role, name: string | null | undefined, from: From): Promise<User> {
  const nameChange = name ? { name } : {};
  const losesAdmin = user.role === 'admin' && mapped !== 'admin' && !user.disabled;
  if (!losesAdmin) {
    const updated = await db().user.update({ where: { id: user.id }, data: { role: mapped, ...nameChange } });
    // Entra is the source of truth for SSO users' roles: every sign-in re-applies the mapping.
    if (user.role !== mapped) await audit(principalFor(updated, from), 'user.role.change', { type: 'user', id: user.id }, { from: user.role, to: mapped, source: 'sso' });
    return updated;
  }
  return db().$transaction(async (tx) => {
    // The users page's lock: an admin demoted there and one demoted here at once cannot both go.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
    let role: Role = mapped;
    try {
      await assertAnotherActiveAdmin(tx, user.id, 'demote');
    } catch (e) {
      if (!isServiceError(e) || e.code !== 'LastAdmin') throw e;
      role = 'admin';
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { role, ...nameChange } });
    const actor = principalFor(updated, from);
    if (role === 'admin') {
      await audit(actor, 'user.role.change.kept', { type: 'user', id: user.id }, { from: 'admin', to: mapped, kept: 'admin', source: 'sso', reason: 'last_admin' }, tx);
      logger.warn({ part: 'sso', userId: user.id, mappedRole: mapped }, 'SSO mapping would demote the last active administrator: the role stays admin');
    } else {
      await audit(actor, 'user.role.change', { type: 'user', id: user.id }, { from: 'admin', to: mapped, source: 'sso' }, tx);
    }
    return updated;
  });
}
