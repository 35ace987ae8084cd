// Audit log (design.md §6): every change to flows, connections, users and manual run actions.
import { db, type Prisma } from '../db/client';
import type { Principal } from '../auth/roles';

export async function audit(
  actor: Principal | null,
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
