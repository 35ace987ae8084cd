// A 403 from Defender is almost always a missing application permission. Instead of a bare
// "Forbidden", say which permission the step needs, what the token has (MDE names both in its
// message: "Missing application roles. API required roles: A,B, application roles: C."), and
// how to fix it.
import { grantAdvice } from '@/core/defender/permissions';
import { MdeApiError } from './errors';

export interface MissingRoles {
  /** Roles the API accepts (any one is enough). */
  required: string[];
  /** Roles the token carried. */
  granted: string[];
}

const ROLES_TEXT = /API required roles:\s*([^]*?),\s*application roles:\s*([^]*?)\.?\s*$/i;

function list(text: string): string[] {
  return text.split(',').map((r) => r.trim()).filter(Boolean);
}

/** The roles MDE names in its 403 message, or null when it does not name them. */
export function parseMissingRoles(message: string): MissingRoles | null {
  const match = ROLES_TEXT.exec(message);
  return match ? { required: list(match[1]), granted: list(match[2]) } : null;
}

export function forbiddenMessage(opts: { label: string; method: string; path: string; detail: string; stepPermission?: string }): string {
  const roles = parseMissingRoles(opts.detail);
  const needed = opts.stepPermission ?? roles?.required[0];
  const parts = [`${opts.label} ${opts.method} ${opts.path} was refused with 403 Forbidden: the app registration lacks a permission`];
  if (needed) parts[0] += ` (this step needs ${needed}${roles && roles.required.length > 1 ? `; the API accepts any of ${roles.required.join(', ')}` : ''})`;
  parts[0] += '.';
  if (roles) parts.push(`The token has: ${roles.granted.length > 0 ? roles.granted.join(', ') : 'no application roles'}.`);
  parts.push(needed ? `Fix: ${grantAdvice(needed)} Then test the connection again.` : 'Fix: grant the permission the step needs to the app registration and grant admin consent, then test the connection again.');
  parts.push(`(Defender said: ${opts.detail})`);
  return parts.join(' ');
}

/**
 * The same error with the step's own permission named (the worker knows the step; the client
 * does not). Other errors pass through unchanged.
 */
export function withStepPermission(error: unknown, stepPermission: string | undefined): unknown {
  if (!(error instanceof MdeApiError) || error.status !== 403 || !stepPermission) return error;
  const meta = (error as MdeApiError & { forbidden?: { label: string; method: string; path: string; detail: string } }).forbidden;
  if (!meta) return error;
  const better = new MdeApiError({ status: 403, code: error.code, retryable: false, message: forbiddenMessage({ ...meta, stepPermission }), target: error.target, cause: error });
  return Object.assign(better, { forbidden: meta });
}
