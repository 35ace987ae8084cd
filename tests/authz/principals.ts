// Real users of each role with real sessions and API tokens in the test database.
import { randomBytes } from 'node:crypto';
import { db } from '@/server/db/client';
import { createApiToken, createSession } from '@/server/auth/sessions';
import type { Role } from '@/server/auth/roles';

export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];
export const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export interface Caller {
  role: Role;
  userId: string;
  email: string;
  sessionToken: string;
  apiToken: string;
}

export async function createCallers(tag: string): Promise<Record<Role, Caller>> {
  const out = {} as Record<Role, Caller>;
  for (const role of ROLES) {
    const email = `${tag}-${role}-${randomBytes(3).toString('hex')}@authz.test`;
    const user = await db().user.create({ data: { email, passwordHash: 'not-a-real-hash', role } });
    const { token: sessionToken } = await createSession(user.id);
    const apiToken = await createApiToken(user.id, `${tag} ${role}`, role);
    out[role] = { role, userId: user.id, email, sessionToken, apiToken };
  }
  return out;
}
