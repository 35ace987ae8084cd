// Failed sign-in limits per account and per client address, kept in Postgres so they survive
// restarts and hold across web replicas. Every attempt is recorded BEFORE the password is checked
// and then counted: of N concurrent attempts, the ones whose row lands after the limit see it and
// are refused, so parallel guessing cannot slip past the check. Unknown emails are counted exactly
// like known ones (no enumeration). Refused attempts do not extend the lockout.
import { db } from '../db/client';
import { env } from '../env';

export interface ThrottlePolicy {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowMs: number;
}

export function throttlePolicy(): ThrottlePolicy {
  const e = env();
  return {
    maxFailuresPerAccount: e.RIPOSTE_LOGIN_MAX_FAILURES,
    maxFailuresPerIp: e.RIPOSTE_LOGIN_MAX_FAILURES_PER_IP,
    windowMs: e.RIPOSTE_LOGIN_WINDOW_SECONDS * 1000,
  };
}

export type AttemptStart = { allowed: true; attemptId: string } | { allowed: false; retryAfterSeconds: number; by: 'account' | 'ip' };

// Outcomes that count as failures; "pending" is counted so concurrent attempts see each other.
// "cleared" = a failure before the account's next successful sign-in: no longer held against the
// account, still against the address.
const COUNTED_FOR_ACCOUNT = ['pending', 'failed'];
const COUNTED_FOR_IP = ['pending', 'failed', 'cleared'];

/** Seconds until the failures for one key drop below the limit, or 0 if under it now. */
async function lockedFor(key: { email: string } | { ip: string }, counted: string[], limit: number, policy: ThrottlePolicy, now: Date, exceptId: string): Promise<number> {
  const since = new Date(now.getTime() - policy.windowMs);
  // The limit-th most recent counted failure (excluding this attempt): while it is inside the
  // window, there are `limit` failures already and this attempt is one too many.
  const rows = await db().loginAttempt.findMany({
    where: { ...key, outcome: { in: counted }, at: { gt: since }, id: { not: exceptId } },
    orderBy: { at: 'desc' },
    skip: limit - 1,
    take: 1,
    select: { at: true },
  });
  const pivot = rows[0];
  if (!pivot) return 0;
  return Math.max(1, Math.ceil((pivot.at.getTime() + policy.windowMs - now.getTime()) / 1000));
}

/** Records an attempt and says whether the password may even be checked. */
export async function beginLoginAttempt(email: string, ip: string | null, now = new Date(), policy = throttlePolicy()): Promise<AttemptStart> {
  const row = await db().loginAttempt.create({ data: { email, ip, at: now }, select: { id: true } });
  const account = await lockedFor({ email }, COUNTED_FOR_ACCOUNT, policy.maxFailuresPerAccount, policy, now, row.id);
  const address = ip ? await lockedFor({ ip }, COUNTED_FOR_IP, policy.maxFailuresPerIp, policy, now, row.id) : 0;
  if (account === 0 && address === 0) return { allowed: true, attemptId: row.id };
  await db().loginAttempt.update({ where: { id: row.id }, data: { outcome: 'refused' } });
  return { allowed: false, retryAfterSeconds: Math.max(account, address), by: account >= address ? 'account' : 'ip' };
}

/** A wrong password (or unknown, disabled or password-less account): count it, prune old rows. */
export async function recordLoginFailure(attemptId: string, now = new Date(), policy = throttlePolicy()): Promise<void> {
  await db().loginAttempt.update({ where: { id: attemptId }, data: { outcome: 'failed' } });
  await db().loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - policy.windowMs) } } });
}

/**
 * A successful sign-in clears the account's failures (a user who mistyped a few times starts
 * afresh) but not the address's, so one valid account cannot be used to reset an IP's count.
 */
export async function recordLoginSuccess(attemptId: string, email: string): Promise<void> {
  await db().$transaction([
    db().loginAttempt.delete({ where: { id: attemptId } }),
    db().loginAttempt.updateMany({ where: { email, outcome: 'failed' }, data: { outcome: 'cleared' } }),
  ]);
}
