// Next.js 16 proxy (the former middleware): runs before every request and sets the security
// headers (server/web/security-headers.ts, docs/security.md). It creates a fresh CSP nonce per
// request and hands the policy to the renderer in the request headers: Next.js reads the nonce
// from the request's Content-Security-Policy and puts it on its own scripts, which is why every
// page is rendered per request (app/layout.tsx).
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/server/env';
import { createNonce, isHttpsRequest, parseOriginList, securityHeaders } from '@/server/web/security-headers';

/** The hook for extra form-action origins (an SSO authority whose sign-in form posts there). */
function extraFormActionOrigins(): string[] {
  return parseOriginList(env().RIPOSTE_CSP_FORM_ACTION);
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    https: isHttpsRequest(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol),
    development: process.env.NODE_ENV === 'development',
    extraFormActionOrigins: extraFormActionOrigins(),
  });
  const csp = headers['Content-Security-Policy'] as string;

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Every path: pages, API responses and static assets alike get nosniff, frame and referrer rules.
export const config = { matcher: '/:path*' };
