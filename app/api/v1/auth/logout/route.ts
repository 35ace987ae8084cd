import { NextResponse, type NextRequest } from 'next/server';
import { deleteSession, SESSION_COOKIE } from '@/server/auth/sessions';
import { assertSameOrigin, errorResponse } from '../../_lib/handler';

export async function POST(req: NextRequest): Promise<Response> {
  // A cross-site form must not be able to sign people out (logout CSRF).
  try {
    assertSameOrigin(req);
  } catch (e) {
    return errorResponse(e);
  }
  const token = req.cookies.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(token);
  const res = new NextResponse(null, { status: 204 });
  res.cookies.delete(SESSION_COOKIE);
  return res;
}
