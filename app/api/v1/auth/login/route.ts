import { NextResponse, type NextRequest } from 'next/server';
import { login } from '@/server/services/users';
import { SESSION_COOKIE } from '@/server/auth/sessions';
import { assertSameOrigin, errorResponse, readJson } from '../../_lib/handler';

export async function POST(req: NextRequest): Promise<Response> {
  try {
    assertSameOrigin(req);
    const session = await login(await readJson(req));
    const res = NextResponse.json({ userId: session.userId, expiresAt: session.expiresAt.toISOString() });
    res.cookies.set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.nextUrl.protocol === 'https:',
      path: '/',
      expires: session.expiresAt,
    });
    return res;
  } catch (e) {
    return errorResponse(e);
  }
}
