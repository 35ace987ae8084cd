// GET /api/v1/auth/sso/callback — public: Entra ID sends the browser back here with a code.
// The sealed flow cookie is single-use (cleared on every outcome); success opens a session
// like a password sign-in (deleting the session the browser came with) and goes to /dashboard,
// anything else to /login with a refusal code.
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { clientAddress, userAgentOf } from '@/server/auth/client-address';
import { finishSsoSignIn } from '@/server/auth/sso/sign-in';
import { SSO_CALLBACK_PATH, SSO_FLOW_COOKIE } from '@/server/auth/sso/flow-state';
import { currentSessionToken, setSessionCookie } from '@/app/_lib/auth';
import { localRedirect, loginRedirect } from '../redirects';
import { logUnexpected } from '@/server/log/unexpected';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest): Promise<Response> {
  const jar = await cookies();
  const cookie = jar.get(SSO_FLOW_COOKIE)?.value;
  jar.delete({ name: SSO_FLOW_COOKIE, path: SSO_CALLBACK_PATH });
  try {
    const result = await finishSsoSignIn({
      query: req.nextUrl.searchParams,
      cookie,
      ip: clientAddress(req.headers),
      userAgent: userAgentOf(req.headers),
      // Deleted once the sign-in succeeds, before the new session is created (rotation).
      previousSessionToken: await currentSessionToken(),
    });
    if (!result.ok) return loginRedirect(result.reason);
    await setSessionCookie(result.token, result.expiresAt);
    return localRedirect('/dashboard');
  } catch (e) {
    logUnexpected('sso', 'SSO callback failed', e);
    return loginRedirect('unavailable');
  }
}
