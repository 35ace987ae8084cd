// The permission check of MDE routes that need a specific application role: 403 Forbidden in
// MDE's wording when the bearer token's `roles` lack it.
import { sendMdeError } from './http-util';
import type { RouteContext } from './route';

export function hasMdeRole(ctx: RouteContext, role: string): boolean {
  if (ctx.roles?.includes(role)) return true;
  sendMdeError(ctx.res, 403, 'Forbidden', `Missing application roles. API required roles: ${role}, application roles: ${(ctx.roles ?? []).join(',')}.`);
  return false;
}

/** Wraps a handler so it runs only with `role` in the token. */
export function withRole(role: string, handle: (ctx: RouteContext) => void): (ctx: RouteContext) => void {
  return (ctx) => {
    if (hasMdeRole(ctx, role)) handle(ctx);
  };
}

/** MDE routes match case-insensitively (the docs themselves spell remediationTasks and remediationtasks). */
export function caseInsensitive(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, 'i');
}
