// The REST shape of a user: no password hash, no link tokens; dates as ISO strings.
import type { UserRow } from '@/server/services/user-admin';
import type { IssuedLink } from '@/server/services/password-links';

export function userJson(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    status: u.status,
    signIn: u.signIn,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    linkExpiresAt: u.linkExpiresAt?.toISOString() ?? null,
  };
}

/** The one-time link: returned once, in the response to the call that created it. */
export function linkJson(link: IssuedLink) {
  return { url: link.url, expiresAt: link.expiresAt.toISOString() };
}
