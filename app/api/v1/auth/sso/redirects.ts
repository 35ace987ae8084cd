// Where the SSO routes send the browser: only fixed, same-origin paths (relative Location
// headers), never a URL taken from the request, so they cannot be used as an open redirect.
import { NextResponse, type NextRequest } from 'next/server';
import type { SsoRefusal } from '@/server/auth/sso/refusals';

export function loginRedirect(reason: SsoRefusal): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: `/login?sso_error=${reason}`, 'Cache-Control': 'no-store' } });
}

export function localRedirect(path: '/dashboard'): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });
}

/** Secure cookies when people reach Riposte over https (directly, via a proxy, or per RIPOSTE_PUBLIC_URL). */
export function isHttpsRequest(req: NextRequest, redirectUri: string): boolean {
  return redirectUri.startsWith('https://') || req.nextUrl.protocol === 'https:';
}
