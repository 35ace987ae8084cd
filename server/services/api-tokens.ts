// API tokens: created by a user for themselves with a role no higher than theirs, shown once,
// stored hashed (design.md §7 "Authorization: Bearer <api token>").
import { z } from 'zod';
import { createApiToken } from '../auth/sessions';
import type { Principal, Role } from '../auth/roles';
import { audit } from './audit';
import { forbidden, fromZodIssues } from './errors';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export const ZCreateToken = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(['admin', 'editor', 'viewer']).optional(),
});

export async function createTokenFor(principal: Principal, input: unknown): Promise<{ token: string; name: string; role: Role }> {
  const parsed = ZCreateToken.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const role = parsed.data.role ?? principal.role;
  if (RANK[role] > RANK[principal.role]) throw forbidden(`A token cannot have a higher role (${role}) than its owner (${principal.role})`);
  const token = await createApiToken(principal.userId, parsed.data.name, role);
  await audit(principal, 'token.create', { type: 'user', id: principal.userId }, { name: parsed.data.name, role });
  return { token, name: parsed.data.name, role };
}
