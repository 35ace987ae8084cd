// Dispatches every request: admin routes, then call logging and fault injection,
// then Entra routes, then authenticated and rate-limited MDE routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { entraRoutes } from './entra-routes';
import { sendFault, takeFault } from './faults';
import { parseJsonBody, queryObject, readBody, sendJson, sendMdeError } from './http-util';
import { mdeRoutes } from './mde-routes';
import { matchRoute, type Route, type RouteContext } from './route';
import { simFamilyOf } from './rate-limits';
import { rateWindowsFor, recordCall, type SimState } from './state';
import { verifyBearer } from './token-issuer';
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

async function dispatch(state: SimState, adminRoutes: Route[], req: IncomingMessage, res: ServerResponse, fallbackHost: string) {
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

  res.on('finish', () => {
    recordCall(state, {
      at: new Date().toISOString(), method, path, query: queryObject(url), status: res.statusCode,
      body: loggedBody(path, bodyText),
    });
  });

  const entra = matchRoute(entraRoutes, method, path);
  const fault = takeFault(state, method, path);
  if (fault) return sendFault(res, fault, entra !== null);
  if (entra) return entra.route.handle({ ...base, params: entra.params });

  if (!path.startsWith('/api/')) return sendMdeError(res, 404, 'NotFound', `No route for ${method} ${path}`);

  const now = Date.now();
  const tenantId = verifyBearer(state, req.headers.authorization, now);
  if (!tenantId) {
    return sendMdeError(res, 401, 'Unauthorized', 'Authorization has been denied for this request: a valid bearer token is required.', {
      'www-authenticate': 'Bearer',
    });
  }
  // One budget per tenant and API (B.4), each with a per-minute and a per-hour window.
  const family = simFamilyOf(method, path);
  const decision = state.rateLimiter.take(`${tenantId}:${family}`, rateWindowsFor(state.settings, family), now);
  if (!decision.allowed) {
    state.throttled.total += 1;
    state.throttled.byFamily[family] += 1;
    const per = decision.window.windowMs === state.settings.rateLimitWindows.minuteMs ? 'minute' : 'hour';
    return sendMdeError(res, 429, 'TooManyRequests',
      `API calls quota reached: the limit is ${decision.window.limit} calls per ${per} for this API. Retry in ${decision.retryAfterSeconds} seconds.`,
      { 'retry-after': String(decision.retryAfterSeconds) });
  }
  const hit = matchRoute(mdeRoutes, method, path);
  if (!hit) return sendMdeError(res, 404, 'ResourceNotFound', `Resource ${path} was not found`);
  const ctx: RouteContext = { ...base, params: hit.params, tenantId };
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
