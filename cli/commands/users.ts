// `riposte create-admin` and `riposte create-token`: the operator's way in without the browser
// (first admin on a headless install, a token for a pipeline).
import { db } from '@/server/db/client';
import { hashPassword } from '@/server/auth/passwords';
import { audit } from '@/server/services/audit';
import { ZSetup } from '@/server/services/users';
import { createTokenFor } from '@/server/services/api-tokens';
import { ServiceError, fromZodIssues } from '@/server/services/errors';
import type { Principal } from '@/server/auth/roles';
import { CliError, cliPrincipal } from '../context';

export async function createAdmin(input: { email: string; name: string; password: string; forceAnother: boolean }): Promise<{ userId: string; email: string }> {
  // The same rules as the first-run setup page (valid email, 12+ character password).
  const parsed = ZSetup.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const passwordHash = await hashPassword(parsed.data.password);
  const user = await db().$transaction(async (tx) => {
    // Same lock as setupFirstAdmin: "no admin yet" and the insert are atomic across processes.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(424242)`;
    const admins = await tx.user.count({ where: { role: 'admin' } });
    if (admins > 0 && !input.forceAnother) throw new CliError(`Riposte already has ${admins} administrator(s); pass --force-another to add one more`);
    if (await tx.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } })) {
      throw new ServiceError(409, 'EmailTaken', `A user with the email ${parsed.data.email} already exists`);
    }
    const created = await tx.user.create({ data: { email: parsed.data.email, name: parsed.data.name, passwordHash, role: 'admin' } });
    await audit(cliPrincipal(), 'user.create', { type: 'user', id: created.id }, { email: created.email, role: 'admin', via: 'cli' }, tx);
    return created;
  });
  return { userId: user.id, email: user.email };
}

export async function createToken(input: { email: string; name: string; role?: string; expiresDays?: number }): Promise<{ token: string; id: string; role: string; expiresAt: string | null }> {
  const user = await db().user.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  if (!user) throw new CliError(`No user has the email ${input.email}`);
  if (user.disabled) throw new CliError(`${user.email} is disabled; enable the account before giving it a token`);
  // The token belongs to the user and can have no higher role than theirs (createTokenFor checks);
  // the audit entry names the CLI as the actor.
  const owner: Principal = cliPrincipal({ userId: user.id, role: user.role });
  const created = await createTokenFor(owner, { name: input.name, role: input.role, expiresInDays: input.expiresDays });
  return { token: created.token, id: created.id, role: created.role, expiresAt: created.expiresAt };
}
