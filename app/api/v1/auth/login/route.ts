// POST /api/v1/auth/login {email, password} → a session cookie. Throttled per account and per
// address (server/auth/login-throttle.ts): 429 with Retry-After while locked out.
import { NextResponse, type NextRequest } from 'next/server';
import { login } from '@/server/services/users';
import { SESSION_COOKIE } from '@/server/auth/sessions';
import { isHttpsRequest, sessionCookieOptions } from '@/server/auth/session-cookie';
import { clientAddress, userAgentOf } from '@/server/auth/client-address';
import { isServiceError } from '@/server/services/errors';
import { assertSameOrigin, errorResponse, readJson } from '../../_lib/handler';

export async function POST(req: NextRequest): Promise<Response> {
  try {
    assertSameOrigin(req);
    const session = await login(await readJson(req), {
      ip: clientAddress(req.headers),
      userAgent: userAgentOf(req.headers),
      previousSessionToken: req.cookies.get(SESSION_COOKIE)?.value,
    });
    const res = NextResponse.json({ userId: session.userId, expiresAt: session.expiresAt.toISOString(), absoluteExpiresAt: session.absoluteExpiresAt.toISOString() });
    res.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(isHttpsRequest(req.headers, req.url), session.absoluteExpiresAt));
    return res;
  } catch (e) {
    const res = errorResponse(e);
    if (isServiceError(e) && e.status === 429) {
      const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) res.headers.set('Retry-After', String(retry));
    }
    return res;
  }
}
