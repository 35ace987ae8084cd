// Shared set-up for the account tests: a clean slate for users, sessions, sign-in attempts,
// password links and the audit log, and quick ways to make users and principals.
import './setup-env';
import { db } from '@/server/db/client';
import { hashPassword } from '@/server/auth/passwords';
import type { Principal, Role } from '@/server/auth/roles';

export async function resetAccounts(): Promise<void> {
  await db().$executeRawUnsafe('TRUNCATE "User", "Session", "ApiToken", "LoginAttempt", "UserInvite", "AuditEvent" CASCADE');
}

export async function makeUser(email: string, password: string | null, role: Role = 'viewer'): Promise<string> {
  const user = await db().user.create({ data: { email, name: email.split('@')[0] ?? '', role, passwordHash: password ? await hashPassword(password) : '' } });
  return user.id;
}

export function principalOf(userId: string, email: string, role: Role = 'admin'): Principal {
  return { userId, email, role, via: 'session', ip: '203.0.113.7', userAgent: 'vitest' };
}

export async function auditActions(): Promise<string[]> {
  return (await db().auditEvent.findMany({ orderBy: { at: 'asc' } })).map((e) => e.action);
}

/** Runs `fn` and returns the status and message of the ServiceError it throws (or 200 if none). */
export async function outcome(fn: () => Promise<unknown>): Promise<{ status: number; code?: string; message?: string }> {
  try {
    await fn();
    return { status: 200 };
  } catch (e) {
    const err = e as { status?: number; code?: string; message?: string };
    if (typeof err.status !== 'number') throw e;
    return { status: err.status, code: err.code, message: err.message };
  }
}
