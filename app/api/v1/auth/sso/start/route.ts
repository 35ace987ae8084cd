// GET /api/v1/auth/sso/start — public: sends the browser to Microsoft Entra ID's sign-in page.
// The only place it redirects to is the authorization URL MSAL builds from the configured
// authority; on any problem it goes back to /login with a refusal code.
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/server/env';
import { beginSsoSignIn } from '@/server/auth/sso/sign-in';
import { ssoRedirectUri } from '@/server/auth/sso/redirect-uri';
import { SSO_CALLBACK_PATH, SSO_FLOW_COOKIE, SSO_FLOW_TTL_MS } from '@/server/auth/sso/flow-state';
import { loginRedirect, isHttpsRequest } from '../redirects';
import { logUnexpected } from '@/server/log/unexpected';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest): Promise<Response> {
  const redirectUri = ssoRedirectUri(env().RIPOSTE_PUBLIC_URL, req.headers);
  if (!redirectUri) return loginRedirect('unavailable');
  let begun;
  try {
    begun = await beginSsoSignIn(redirectUri);
  } catch (e) {
    // e.g. the stored secret cannot be opened under the current RIPOSTE_SECRET_KEY.
    logUnexpected('sso', 'SSO start failed', e);
    return loginRedirect('unavailable');
  }
  if (!begun.ok) return loginRedirect(begun.reason);
  const res = new NextResponse(null, { status: 302, headers: { Location: begun.url, 'Cache-Control': 'no-store' } });
  // Lax: the identity provider's redirect back is a top-level GET, which Lax cookies accompany.
  res.cookies.set(SSO_FLOW_COOKIE, begun.cookie, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttpsRequest(req, redirectUri),
    path: SSO_CALLBACK_PATH,
    maxAge: Math.floor(SSO_FLOW_TTL_MS / 1000),
  });
  return res;
}
