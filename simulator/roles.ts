// Permission checks of MDE routes: a valid token without the application role gets 403.
import { sendMdeError } from './http-util';
import type { RouteContext } from './route';

/** True when the token carries one of `anyOf`; otherwise answers 403 Forbidden the way MDE words it. */
export function hasAnyRole(ctx: RouteContext, anyOf: readonly string[]): boolean {
  if (anyOf.some((role) => ctx.roles?.includes(role))) return true;
  sendMdeError(ctx.res, 403, 'Forbidden', `Missing application roles. API required roles: ${anyOf.join(',')}, application roles: ${(ctx.roles ?? []).join(',')}.`);
  return false;
}

/** Wraps a handler so it runs only with `role` in the token. */
export function withRole(role: string, handle: (ctx: RouteContext) => void): (ctx: RouteContext) => void {
  return (ctx) => {
    if (hasAnyRole(ctx, [role])) handle(ctx);
  };
}

/** MDE routes match case-insensitively (the docs themselves spell remediationTasks and remediationtasks). */
export function caseInsensitive(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, 'i');
}
