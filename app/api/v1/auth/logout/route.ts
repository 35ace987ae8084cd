// POST /api/v1/auth/logout: ends this session on the server (a copied cookie stops working) and clears the cookie.
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '@/server/auth/sessions';
import { signOutSession } from '@/server/services/account';
import { clientAddress, userAgentOf } from '@/server/auth/client-address';
import { assertSameOrigin, errorResponse } from '../../_lib/handler';

export async function POST(req: NextRequest): Promise<Response> {
  try {
    // A cross-site form must not be able to sign people out (logout CSRF).
    assertSameOrigin(req);
    const token = req.cookies.get(SESSION_COOKIE)?.value;
    if (token) await signOutSession(token, { ip: clientAddress(req.headers), userAgent: userAgentOf(req.headers) });
    const res = new NextResponse(null, { status: 204 });
    res.cookies.delete(SESSION_COOKIE);
    return res;
  } catch (e) {
    return errorResponse(e);
  }
}
