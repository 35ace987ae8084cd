// The session cookie's attributes, in one place for the sign-in form, setup, invites and the API.
// httpOnly: scripts can never read it. SameSite=Lax: other sites' forms and fetches do not carry
// it on POST (CSRF), while following a link into Riposte still works. Secure whenever the browser
// reached us over https, so the token never travels in clear.
export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  expires: Date;
}

export function sessionCookieOptions(https: boolean, expires: Date): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: https, path: '/', expires };
}

/**
 * Whether the request reached us over https: directly (the URL's protocol), via a TLS-terminating
 * proxy (X-Forwarded-Proto), or as the browser says (Origin). A spoofed header can only make the
 * cookie stricter, never weaker.
 */
export function isHttpsRequest(headers: Headers, url?: string): boolean {
  if (url?.startsWith('https:')) return true;
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return (headers.get('origin') ?? '').startsWith('https://');
}
