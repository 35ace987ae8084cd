// One wrapper for every REST route: authenticate (session cookie or Bearer API token), authorise
// the permission, refuse cross-origin cookie mutations, parse JSON, and map errors to
// `{ error: { code, message, details? } }` with the right status (design.md §7).
import { NextResponse, type NextRequest } from 'next/server';
import { authenticate, requirePermission, SESSION_COOKIE } from '@/server/auth/sessions';
import { clientAddress, userAgentOf } from '@/server/auth/client-address';
import type { Permission, Principal } from '@/server/auth/roles';
import { ServiceError, isServiceError, notFound } from '@/server/services/errors';
import { redactText, redactValue } from '@/server/secrets/redact';
import { logger } from '@/server/log/logger';
import { assertNotFormBody, readJsonBody } from './body';

export interface RouteContext<P> {
  req: NextRequest;
  principal: Principal;
  params: P;
  json(): Promise<unknown>;
}

export function errorResponse(e: unknown): NextResponse {
  // Messages and details can quote what a service answered or what was sent: never a secret (issue 7).
  if (isServiceError(e)) {
    const body: { error: { code: string; message: string; details?: unknown } } = { error: { code: e.code, message: redactText(e.message) } };
    if (e.details !== undefined) body.error.details = redactValue(e.details);
    return NextResponse.json(body, { status: e.status });
  }
  logger.error({ part: 'api', error: (e as Error)?.message }, 'unhandled API error');
  return NextResponse.json({ error: { code: 'InternalError', message: 'Something went wrong on the server' } }, { status: 500 });
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE: Record<string, string> = { flows: 'Flow', runs: 'Run', connections: 'Connection', tokens: 'The token', users: 'The user' };

/**
 * Every `{id}` in the API is a Postgres uuid column: a malformed one names nothing, so it is a 404
 * here, before a query whose uuid cast would fail as a 500 (found by the fuzzer, issue 9).
 */
function assertIdShape(req: NextRequest, params: Record<string, string>): void {
  const id = params.id;
  if (id === undefined || UUID.test(id)) return;
  const area = req.nextUrl.pathname.split('/')[3] ?? '';
  const what = RESOURCE[area] ?? 'The resource';
  throw notFound(what.startsWith('The ') ? what : `${what} ${id.slice(0, 100)}`);
}

/** Cookie-authenticated mutations must come from our own origin (CSRF). Bearer calls are exempt. */
export function assertSameOrigin(req: NextRequest): void {
  const crossOrigin = () => new ServiceError(403, 'CrossOrigin', 'Cross-origin requests are not allowed');
  // Fetch metadata, when the browser sends it, says where the request came from even without an
  // Origin header; page scripts cannot forge it. "none" = typed or bookmarked by the user.
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw crossOrigin();
  const origin = req.headers.get('origin');
  if (!origin) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  // An opaque "null" origin (sandboxed frames, some redirects) is not ours either.
  const originHost = URL.canParse(origin) ? new URL(origin).host : null;
  if (!host || originHost !== host) throw crossOrigin();
}

/** JSON bodies only, size-capped (body.ts): 415, 413 or 400 with a message otherwise. */
async function readJson(req: NextRequest): Promise<unknown> {
  return readJsonBody(req);
}

export async function principalOf(req: NextRequest): Promise<Principal | null> {
  return authenticate({
    sessionToken: req.cookies.get(SESSION_COOKIE)?.value,
    authorization: req.headers.get('authorization'),
    ip: clientAddress(req.headers),
    userAgent: userAgentOf(req.headers),
  });
}

export function route<P extends Record<string, string> = Record<string, never>>(
  permission: Permission,
  fn: (ctx: RouteContext<P>) => Promise<unknown>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const principal = requirePermission(await principalOf(req), permission);
      if (MUTATING.has(req.method) && principal.via === 'session') assertSameOrigin(req);
      if (MUTATING.has(req.method)) assertNotFormBody(req);
      const params = (await context?.params) ?? ({} as P);
      assertIdShape(req, params);
      const result = await fn({ req, principal, params, json: () => readJson(req) });
      if (result instanceof Response) return result;
      if (result === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export { readJson };
