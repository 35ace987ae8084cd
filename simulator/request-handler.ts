// Dispatches every request: admin routes, then call logging and fault injection,
// then Entra routes, then authenticated and rate-limited MDE and Graph routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiFamilyOf } from './api-families';
import { entraRoutes } from './entra-routes';
import { sendFault, takeFault, takeRandomFault } from './faults';
import { parseJsonBody, queryObject, readBody, sendJson, sendMdeError } from './http-util';
import { matchRoute, type Route, type RouteContext } from './route';
import { simFamilyOf } from './rate-limits';
import { rateWindowsFor, recordActionCall, recordCall, type SimState } from './state';
import { verifyBearer } from './token-issuer';
import { missingRolesMessage, requiredRolesFor } from './route-permissions';
import type { JsonValue } from './types';

/** What the call log keeps of a body; the client secret never reaches the log. */
function loggedBody(path: string, text: string): JsonValue | undefined {
  if (text === '') return undefined;
  if (path.includes('/oauth2/')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    if ('client_secret' in form) form.client_secret = '[redacted]';
    return form;
  }
  try {
    return parseJsonBody(text) as JsonValue;
  } catch {
    return text;
  }
}

/** Who is calling: the token request's client_id, or the client a valid bearer token was issued to. */
function callerOf(state: SimState, isEntra: boolean, authorization: string | undefined, bodyText: string): string | undefined {
  if (isEntra) return new URLSearchParams(bodyText).get('client_id') ?? undefined;
  return verifyBearer(state, authorization, Date.now())?.clientId;
}

/** POST /api/machines/{id}/{action} (optionally /api/v1.0/…): the requests a latency benchmark times. */
const MACHINE_ACTION_POST = /^\/api\/(?:v1\.0\/)?machines\/([^/]+)\/([A-Za-z]+)$/;

function commentOf(bodyText: string): string | null {
  try {
    const body = parseJsonBody(bodyText) as { Comment?: unknown } | undefined;
    return typeof body?.Comment === 'string' ? body.Comment : null;
  } catch {
    return null;
  }
}

async function dispatch(state: SimState, adminRoutes: Route[], req: IncomingMessage, res: ServerResponse, fallbackHost: string) {
  // Taken before the body is read: when the request reached Defender, not when it was handled.
  const arrivedAtMs = Date.now();
  const origin = `https://${req.headers.host ?? fallbackHost}`;
  const url = new URL(req.url ?? '/', origin);
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const bodyText = await readBody(req);
  const base = { req, res, url, origin, bodyText, state };

  if (path.startsWith('/_sim/')) {
    const hit = matchRoute(adminRoutes, method, path);
    if (!hit) return sendJson(res, 404, { error: { code: 'NotFound', message: `No simulator route ${method} ${path}` } });
    return hit.route.handle({ ...base, params: hit.params });
  }

  const receivedAt = new Date(arrivedAtMs).toISOString();
  const entra = matchRoute(entraRoutes, method, path);
  const clientId = callerOf(state, entra !== null, req.headers.authorization, bodyText);
  const action = method === 'POST' ? MACHINE_ACTION_POST.exec(path) : null;
  res.on('finish', () => {
    const retryAfter = res.getHeader('retry-after');
    recordCall(state, {
      at: new Date().toISOString(), receivedAt, method, path, query: queryObject(url), status: res.statusCode,
      body: loggedBody(path, bodyText),
      ...(clientId ? { clientId } : {}),
      ...(retryAfter === undefined ? {} : { retryAfter: String(retryAfter) }),
    });
    if (action && action[2] !== 'tags') {
      recordActionCall(state, { arrivedAtMs, action: action[2], machineId: decodeURIComponent(action[1]), comment: commentOf(bodyText), status: res.statusCode });
    }
  });

  const fault = takeFault(state, method, path) ?? takeRandomFault(state, method, path);
  if (fault) return sendFault(res, fault, entra !== null);
  if (entra) return entra.route.handle({ ...base, params: entra.params });

  const family = apiFamilyOf(path);
  if (!family) return sendMdeError(res, 404, 'NotFound', `No route for ${method} ${path}`);

  const now = Date.now();
  const token = verifyBearer(state, req.headers.authorization, now);
  if (!token) return family.unauthorized(res, 'missing');
  if (token.audience !== family.audience) return family.unauthorized(res, 'audience');
  const hit = matchRoute(family.routes, method, path);
  if (!hit) return family.notFound(res, method, path);
  // One table decides what each route needs; any one of its roles is enough.
  const required = requiredRolesFor(method, path);
  // Fail closed: a route missing from the table would otherwise take any token.
  if (!required) return family.sendError(res, 500, 'InternalServerError', `Simulator error: no permission entry for ${method} ${path} (simulator/route-permissions.ts)`);
  if (!required.some((role) => token.roles.includes(role))) {
    return family.sendError(res, 403, 'Forbidden', missingRolesMessage(required, token.roles));
  }
  // One budget per tenant and API (B.4), each with a per-minute and a per-hour window.
  const api = simFamilyOf(method, path);
  // Keyed by API too: Graph (its own host and quota) never shares a budget with MDE.
  const decision = state.rateLimiter.take(`${token.tenantId}:${family.audience}:${api}`, rateWindowsFor(state.settings, api), now);
  if (!decision.allowed) {
    state.throttled.total += 1;
    state.throttled.byFamily[api] += 1;
    const per = decision.window.windowMs === state.settings.rateLimitWindows.minuteMs ? 'minute' : 'hour';
    return family.sendError(res, 429, 'TooManyRequests',
      `API calls quota reached: the limit is ${decision.window.limit} calls per ${per} for this API. Retry in ${decision.retryAfterSeconds} seconds.`,
      { 'retry-after': String(decision.retryAfterSeconds) });
  }
  const ctx: RouteContext = { ...base, params: hit.params, tenantId: token.tenantId, roles: token.roles };
  return hit.route.handle(ctx);
}

export function createRequestHandler(state: SimState, adminRoutes: Route[], fallbackHost: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(state, adminRoutes, req, res, fallbackHost()).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = error instanceof Error ? error.message : 'unexpected error';
      sendMdeError(res, 500, 'InternalServerError', `Simulator error: ${message}`);
    });
  };
}
