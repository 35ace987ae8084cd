// PATCH /api/alerts/{id} (B.5 "Update alert"): only the fields sent change; a comment can be
// sent alone; names are case-sensitive; every change moves lastUpdateTime (what the "alert
// updated" trigger watches). 200 with the updated alert, 400 on a bad body, 404 on an unknown id.
import type { RouteContext } from './route';
import { isPlainObject, jsonObjectBody, parseJsonBody, sendJson, sendMdeError } from './http-util';
import type { SimAlert } from './types';

export const ALERT_STATUSES = ['New', 'InProgress', 'Resolved'];
export const ALERT_CLASSIFICATIONS = ['TruePositive', 'InformationalExpectedActivity', 'FalsePositive'];
export const ALERT_DETERMINATIONS = [
  'MultiStagedAttack', 'MaliciousUserActivity', 'CompromisedUser', 'Malware', 'Phishing', 'UnwantedSoftware', 'Other',
  'SecurityTesting', 'LineOfBusinessApplication', 'ConfirmedActivity', 'ConfirmedUserActivity', 'NotMalicious', 'Clean',
  'InsufficientData', 'NotAvailable', 'Apt', 'SecurityPersonnel',
];
const FIELDS = ['status', 'assignedTo', 'classification', 'determination', 'comment'];
const ENUMS: Record<string, string[]> = { status: ALERT_STATUSES, classification: ALERT_CLASSIFICATIONS, determination: ALERT_DETERMINATIONS };

type Patch = Partial<Record<'status' | 'assignedTo' | 'classification' | 'determination' | 'comment', string>>;

/** Validates a PATCH body the way MDE does; returns an error message or the patch. */
export function parseAlertPatch(body: unknown): { error: string } | { patch: Patch } {
  if (!isPlainObject(body)) return { error: 'Request body must be a JSON object.' };
  const unknown = Object.keys(body).find((k) => !FIELDS.includes(k));
  if (unknown) return { error: `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.` };
  if (Object.keys(body).length === 0) return { error: 'Request body must contain at least one property to update.' };
  const patch: Patch = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== 'string') return { error: `Parameter '${key}' must be a string.` };
    const allowed = ENUMS[key];
    if (allowed && !allowed.includes(value)) return { error: `Invalid value '${value}' for '${key}'. Allowed: ${allowed.join(', ')}.` };
    patch[key as keyof Patch] = value;
  }
  return { patch };
}

export function applyAlertPatch(alert: SimAlert, patch: Patch, by: string, now: Date): void {
  const iso = now.toISOString();
  if (patch.status !== undefined) {
    alert.status = patch.status;
    alert.resolvedTime = patch.status === 'Resolved' ? iso : null;
  }
  if (patch.assignedTo !== undefined) alert.assignedTo = patch.assignedTo;
  if (patch.classification !== undefined) alert.classification = patch.classification;
  if (patch.determination !== undefined) alert.determination = patch.determination;
  if (patch.comment !== undefined) alert.comments.push({ comment: patch.comment, createdBy: by, createdTime: iso });
  alert.lastUpdateTime = iso;
}

export function updateAlert(ctx: RouteContext): void {
  const alert = ctx.state.alerts.find((a) => a.id === ctx.params[0]);
  if (!alert) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Alert ${ctx.params[0]} was not found`);
  let body: unknown;
  try {
    body = parseJsonBody(ctx.bodyText);
  } catch {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', 'Request body is not valid JSON.');
  }
  const parsed = parseAlertPatch(body);
  if ('error' in parsed) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', parsed.error);
  applyAlertPatch(alert, parsed.patch, ctx.state.settings.clientId, new Date());
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Alerts/$entity`, ...alert });
}

/** POST /api/alerts/batchUpdate: the same fields as PATCH for many alerts (B.5); 200, empty body. */
export function batchUpdateAlerts(ctx: RouteContext): void {
  const request = jsonObjectBody(ctx.bodyText);
  if (!request.ok) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', request.error);
  const { alertIds, ...rest } = request.body;
  if (!Array.isArray(alertIds) || alertIds.length === 0 || !alertIds.every((id) => typeof id === 'string')) {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', "'alertIds' must be a non-empty list of alert ids.");
  }
  const parsed = parseAlertPatch(rest);
  if ('error' in parsed) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', parsed.error);
  const alerts = alertIds.map((id) => ctx.state.alerts.find((a) => a.id === id));
  const missing = alertIds.find((_, i) => alerts[i] === undefined);
  if (missing) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Alert ${String(missing)} was not found`);
  const now = new Date();
  for (const alert of alerts) if (alert) applyAlertPatch(alert, parsed.patch, ctx.state.settings.clientId, now);
  ctx.res.writeHead(200, { 'content-length': '0' });
  ctx.res.end();
}
