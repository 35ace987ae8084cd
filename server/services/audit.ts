// Audit log (design.md §6): who did what, when, to what and from where. Entries are append-only:
// this module only inserts, nothing in the app updates or deletes them, and a database trigger
// (migration 20261201130600_audit_immutable) refuses UPDATE and DELETE. Every action string is
// listed in audit-actions.ts (a unit test scans the source for calls).
import { db, type Prisma } from '../db/client';
import type { Principal } from '../auth/roles';

/**
 * Who acted: a signed-in principal, or someone known only by claimed email and address (an
 * approver following a signed email link, a failed sign-in, an invitation being accepted), or
 * null for the system. `ip` and `userAgent` say from where.
 */
export type AuditActor = Principal | { email: string; userId?: null; ip?: string | null; userAgent?: string | null };

export async function audit(
  actor: AuditActor | null,
  action: string,
  target: { type: string; id?: string },
  details?: Prisma.InputJsonValue,
  tx: Prisma.TransactionClient = db(),
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      // `||`: the CLI's principal has an empty userId (no user row behind it).
      actorId: actor?.userId || null,
      actorEmail: actor?.email ?? 'system',
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      details: details ?? undefined,
      ip: actor?.ip ?? null,
      userAgent: actor?.userAgent ?? null,
    },
  });
}
