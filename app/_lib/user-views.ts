// Server rows → the plain shapes the users page and the REST API return (ISO dates, no hashes or tokens).
import type { UserRow } from '@/server/services/user-admin';
import type { IssuedLink } from '@/server/services/password-links';
import type { LinkView, UserView } from '@/components/users/types';

export function userView(u: UserRow): UserView {
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

export function linkView(l: IssuedLink): LinkView {
  return { url: l.url, expiresAt: l.expiresAt.toISOString() };
}
