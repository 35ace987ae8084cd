// A 403 from Defender is almost always a missing application permission. Instead of a bare
// "Forbidden", say which permission the step needs, what the token has (MDE names both in its
// message: "Missing application roles. API required roles: A,B, application roles: C."), and
// how to fix it.
import { acceptedRoles, grantAdvice, type PermissionApi, type StepPermission } from '@/core/defender/permissions';
import { MdeApiError } from './errors';

/** What the client knows of a refused call; the worker adds the step's permission. */
export interface ForbiddenCall {
  label: string;
  /** The API that refused: its permissions are granted under its own name in Entra. */
  api: PermissionApi;
  method: string;
  path: string;
  detail: string;
}

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

function describe(p: StepPermission): string {
  return p.orAnyOf?.length ? `one of ${acceptedRoles(p).join(', ')}` : p.role;
}

export function forbiddenMessage(opts: ForbiddenCall & { stepPermission?: StepPermission }): string {
  const roles = parseMissingRoles(opts.detail);
  // The step's permission when it is one the API asked for (a step may make other calls too,
  // e.g. waiting polls the machine action); else the first role the API names.
  const step = opts.stepPermission;
  const stepApplies = step !== undefined && step.api === opts.api && (!roles || acceptedRoles(step).some((r) => roles.required.includes(r)));
  const needed: StepPermission | undefined = stepApplies ? step : roles?.required[0] ? { api: opts.api, role: roles.required[0] } : step;
  const parts = [`${opts.label} ${opts.method} ${opts.path} was refused with 403 Forbidden: the app registration lacks a permission`];
  if (needed) parts[0] += ` (this step needs ${describe(needed)}${roles && roles.required.length > 1 && !needed.orAnyOf?.length ? `; the API accepts any of ${roles.required.join(', ')}` : ''})`;
  parts[0] += '.';
  if (roles) parts.push(`The token has: ${roles.granted.length > 0 ? roles.granted.join(', ') : 'no application roles'}.`);
  parts.push(needed ? `Fix: ${grantAdvice(needed)} Then test the connection again.` : 'Fix: grant the permission the step needs to the app registration and grant admin consent, then test the connection again.');
  parts.push(`(${opts.api === 'graph' ? 'Microsoft Graph' : 'Defender'} said: ${opts.detail})`);
  return parts.join(' ');
}

/**
 * The same error with the step's own permission named (the worker knows the step and its
 * params; the client does not). Other errors pass through unchanged.
 */
export function withStepPermission(error: unknown, stepPermission: StepPermission | undefined): unknown {
  if (!(error instanceof MdeApiError) || error.status !== 403 || !stepPermission) return error;
  const meta = (error as MdeApiError & { forbidden?: ForbiddenCall }).forbidden;
  if (!meta) return error;
  const better = new MdeApiError({ status: 403, code: error.code, retryable: false, message: forbiddenMessage({ ...meta, stepPermission }), target: error.target, cause: error });
  return Object.assign(better, { forbidden: meta });
}
