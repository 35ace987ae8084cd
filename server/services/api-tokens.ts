// API tokens: created by a user for themselves with a role no higher than theirs, shown once,
// stored hashed, optionally expiring, revocable, with last-used time
// (design.md §7 "Authorization: Bearer <api token>").
import { z } from 'zod';
import { db } from '../db/client';
import { issueApiToken } from '../auth/sessions';
import { can, type Principal, type Role } from '../auth/roles';
import { audit } from './audit';
import { forbidden, fromZodIssues, notFound } from './errors';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The expiry choices the UI offers; null = never. */
export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;

export const ZCreateToken = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(100),
  role: z.enum(['admin', 'editor', 'viewer']).optional(),
  expiresInDays: z
    .union([z.literal(30), z.literal(90), z.literal(365), z.null()], { error: 'expiresInDays must be 30, 90, 365 or null (never)' })
    .optional(),
});

const ZTokenId = z.uuid({ error: 'Not a token id' });

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Whether a Bearer call with it would be accepted right now. */
  active: boolean;
  /** Only in the admin's list of everyone's tokens. */
  ownerEmail?: string;
}

type TokenRow = { id: string; name: string; role: Role; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null };

function toView(row: TokenRow, ownerEmail?: string): TokenView {
  const expired = row.expiresAt !== null && row.expiresAt.getTime() <= Date.now();
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    active: row.revokedAt === null && !expired,
    ...(ownerEmail !== undefined ? { ownerEmail } : {}),
  };
}

/** Why a Bearer call may not create tokens (docs/api-tokens-and-csrf.md). */
export const TOKEN_FROM_TOKEN_REFUSED = 'An API token cannot create API tokens. Create one on Account → API tokens while signed in, or with `riposte create-token`.';

/**
 * For the REST route: a leaked token must not mint a fresh one (possibly never expiring) that
 * outlives its revocation, so token creation needs a session, as a password change does. Not in
 * createTokenFor itself: the CLI's principal is token-like and may (the shell is trusted).
 */
export function assertNotTokenCaller(principal: Principal): void {
  if (principal.via === 'token') throw forbidden(TOKEN_FROM_TOKEN_REFUSED);
}

export function canAssign(owner: Role, role: Role): boolean {
  return RANK[role] <= RANK[owner];
}

export async function createTokenFor(principal: Principal, input: unknown): Promise<{ token: string } & TokenView> {
  const parsed = ZCreateToken.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const role = parsed.data.role ?? principal.role;
  if (!canAssign(principal.role, role)) throw forbidden(`A token cannot have a higher role (${role}) than its owner (${principal.role})`);
  const days = parsed.data.expiresInDays ?? null;
  const expiresAt = days === null ? null : new Date(Date.now() + days * DAY_MS);
  const { id, token } = await issueApiToken(principal.userId, parsed.data.name, role, expiresAt);
  await audit(principal, 'token.create', { type: 'apiToken', id }, { name: parsed.data.name, role, expiresAt: expiresAt?.toISOString() ?? null });
  const row = await db().apiToken.findUniqueOrThrow({ where: { id } });
  return { token, ...toView(row) };
}

/** Your own tokens, newest first; with `all` (admins only) everyone's, with the owner's email. */
export async function listTokens(principal: Principal, opts: { all?: boolean } = {}): Promise<TokenView[]> {
  if (opts.all && !can(principal.role, 'users:manage')) throw forbidden('Only admins can list everyone’s tokens');
  const rows = await db().apiToken.findMany({
    where: opts.all ? {} : { userId: principal.userId },
    orderBy: { createdAt: 'desc' },
    include: { user: { select: { email: true } } },
    take: 500,
  });
  return rows.map((r) => toView(r, opts.all ? r.user.email : undefined));
}

/** Revokes one of your own tokens; admins may revoke anyone's. Someone else's is "not found". */
export async function revokeToken(principal: Principal, id: unknown): Promise<TokenView> {
  const parsed = ZTokenId.safeParse(id);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const row = await db().apiToken.findUnique({ where: { id: parsed.data } });
  if (!row || (row.userId !== principal.userId && !can(principal.role, 'users:manage'))) throw notFound('The token');
  if (row.revokedAt) return toView(row);
  const updated = await db().apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  await audit(principal, 'token.revoke', { type: 'apiToken', id: row.id }, { name: row.name, ownerId: row.userId });
  return toView(updated);
}
