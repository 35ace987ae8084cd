// GET /api/v1/auth/sso/status — public: whether the login page offers "Sign in with Microsoft".
// Says nothing else about the configuration.
import { NextResponse } from 'next/server';
import { ssoEnabled } from '@/server/auth/sso/settings';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return NextResponse.json({ enabled: await ssoEnabled() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    // No database: the password form still shows; SSO is simply not offered.
    return NextResponse.json({ enabled: false }, { headers: { 'Cache-Control': 'no-store' } });
  }
}
