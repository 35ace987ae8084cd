// Audit log (design.md §6): every change to flows, connections, users and manual run actions.
import { db, type Prisma } from '../db/client';
import type { Principal } from '../auth/roles';

/**
 * Who did it: a signed-in principal, or someone not (yet) signed in — a failed sign-in or an
 * invitation being accepted — of whom only the claimed email and the address are known.
 */
export type AuditActor = Principal | { userId: null; email: string; ip?: string | null; userAgent?: string | null };

export async function audit(
  actor: AuditActor | null,
  action: string,
  target: { type: string; id?: string },
  details?: Prisma.InputJsonValue,
  tx: Prisma.TransactionClient = db(),
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
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
