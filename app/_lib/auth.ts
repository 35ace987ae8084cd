// Server-only helpers for pages and server actions: who is signed in, and may they do this?
// Every page and action calls one of these itself; the app shell's layout does not authorise,
// because layouts are not re-run on client navigation and must never be the only guard.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { SESSION_COOKIE, authenticate } from '@/server/auth/sessions';
import { can, type Permission, type Principal } from '@/server/auth/roles';
import { clientAddress, userAgentOf } from '@/server/auth/client-address';
import { isHttpsRequest, sessionCookieOptions } from '@/server/auth/session-cookie';

/** The signed-in user, or null. Cached per request so the shell and the page share one lookup. */
export const getPrincipal = cache(async (): Promise<Principal | null> => {
  const sessionToken = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!sessionToken) return null;
  const h = await headers();
  return authenticate({ sessionToken, ip: clientAddress(h), userAgent: userAgentOf(h) });
});

/** For pages: anonymous → /login; signed in without the permission → the 403 page. */
export async function requirePage(permission: Permission): Promise<Principal> {
  const principal = await getPrincipal();
  if (!principal) redirect('/login');
  if (!can(principal.role, permission)) redirect('/forbidden');
  return principal;
}

export type AuthCheck = { ok: true; principal: Principal } | { ok: false; error: string };

/** For server actions: never trust the UI having hidden the control; re-check here. */
export async function authoriseAction(permission: Permission): Promise<AuthCheck> {
  const principal = await getPrincipal();
  if (!principal) return { ok: false, error: 'Your session has ended. Sign in again.' };
  if (!can(principal.role, permission)) return { ok: false, error: 'Your role does not allow this.' };
  return { ok: true, principal };
}

/** Sets the session cookie (attributes in server/auth/session-cookie.ts); it lives until the absolute expiry. */
export async function setSessionCookie(token: string, expires: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(isHttpsRequest(await headers()), expires));
}

/** The session token the browser sent, if any (sign-in rotates it away). */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<string | undefined> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  jar.delete(SESSION_COOKIE);
  return token;
}

/** From where this request came (the audit log, sign-in limits, the session list). */
export async function requestOrigin(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientAddress(h), userAgent: userAgentOf(h) };
}
