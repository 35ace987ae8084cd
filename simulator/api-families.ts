// The two REST APIs the simulator speaks behind one origin: MDE under /api and Microsoft
// Graph under /v1.0. Each has its own token audience, error format, routes and quotas.
import type { ServerResponse } from 'node:http';
import { sendGraphError, sendMdeError } from './http-util';
import { graphHuntingRoutes, mdeHuntingRoutes } from './hunting-routes';
import { mdeRoutes } from './mde-routes';
import type { Route } from './route';
import type { TokenAudience } from './types';

export interface ApiFamily {
  audience: TokenAudience;
  routes: Route[];
  sendError(res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>): void;
  unauthorized(res: ServerResponse, reason: 'missing' | 'audience'): void;
  notFound(res: ServerResponse, method: string, path: string): void;
}

const MDE: ApiFamily = {
  audience: 'mde',
  routes: [...mdeRoutes, ...mdeHuntingRoutes],
  sendError: sendMdeError,
  unauthorized(res, reason) {
    const why = reason === 'audience' ? 'the token was not issued for this API (wrong audience)' : 'a valid bearer token is required';
    sendMdeError(res, 401, 'Unauthorized', `Authorization has been denied for this request: ${why}.`, { 'www-authenticate': 'Bearer' });
  },
  notFound: (res, _method, path) => sendMdeError(res, 404, 'ResourceNotFound', `Resource ${path} was not found`),
};

const GRAPH: ApiFamily = {
  audience: 'graph',
  routes: graphHuntingRoutes,
  sendError: sendGraphError,
  unauthorized(res, reason) {
    const message = reason === 'audience' ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.';
    sendGraphError(res, 401, 'InvalidAuthenticationToken', message, { 'www-authenticate': 'Bearer' });
  },
  // Graph answers an unknown path segment with 400, not 404.
  notFound: (res, _method, path) => sendGraphError(res, 400, 'BadRequest', `Resource not found for the segment '${path.split('/').filter(Boolean).at(-1) ?? ''}'.`),
};

export function apiFamilyOf(path: string): ApiFamily | null {
  if (path.startsWith('/api/')) return MDE;
  if (path.startsWith('/v1.0/')) return GRAPH;
  return null;
}
