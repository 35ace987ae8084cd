// The routing contract shared by the Entra, MDE and admin handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimSettings, SimState } from './state';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Origin the client used (from the Host header), so metadata and nextLinks point back at it. */
  origin: string;
  params: string[];
  bodyText: string;
  state: SimState;
  /** Tenant of the bearer token, set for authenticated MDE routes. */
  tenantId?: string;
  /** Application roles in the bearer token, set for authenticated MDE and Graph routes. */
  roles?: string[];
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  handle(ctx: RouteContext): void | Promise<void>;
}

export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}

/** MDE routes match case-insensitively (the docs themselves spell remediationTasks and remediationtasks). */
export function caseInsensitive(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, 'i');
}
