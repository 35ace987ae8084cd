// Create alert by reference (B.5) and the entities related to an alert (get-alert-related-*):
// its machine, user, files, IPs and domains. Each checks the permission MDE documents for it.
import { createAlert } from './alert-fixtures';
import { jsonObjectBody, sendJson, sendMdeError } from './http-util';
import { sendCollection } from './paging';
import { caseInsensitive, type Route, type RouteContext } from './route';
import { findMachine } from './state';
import type { SimAlert } from './types';
import { alertDomains, alertIps, alertUser, fileEntity, findFile } from './entity-fixtures';

const CREATE_FIELDS = ['machineId', 'reportId', 'eventTime', 'severity', 'category', 'title', 'description', 'recommendedAction'] as const;
const SEVERITIES = ['Low', 'Medium', 'High', 'Informational'];
/** Alert categories CreateAlertByReference accepts (reference A.4). */
export const CREATE_ALERT_CATEGORIES = [
  'General', 'CommandAndControl', 'Collection', 'CredentialAccess', 'DefenseEvasion', 'Discovery', 'Exfiltration', 'Exploit',
  'Execution', 'InitialAccess', 'LateralMovement', 'Malware', 'Persistence', 'PrivilegeEscalation', 'Ransomware', 'SuspiciousActivity',
];

const entity = (ctx: RouteContext, set: string) => `${ctx.origin}/api/$metadata#${set}/$entity`;

function withoutEvidence(alert: SimAlert): Omit<SimAlert, 'evidence'> {
  const { evidence: _omitted, ...rest } = alert;
  return rest;
}

function createByReference(ctx: RouteContext): void {
  const parsed = jsonObjectBody(ctx.bodyText);
  if (!parsed.ok) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', parsed.error);
  const body = parsed.body;
  const unknown = Object.keys(body).find((k) => !(CREATE_FIELDS as readonly string[]).includes(k));
  if (unknown) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.`);
  // MDE's own wording for a missing field (windows-itpro-docs PR #4593).
  const missing = CREATE_FIELDS.find((k) => typeof body[k] !== 'string' || (body[k] as string).trim() === '');
  if (missing) return sendMdeError(ctx.res, 400, 'BadRequest', `${missing} argument is missing`);
  const input = Object.fromEntries(CREATE_FIELDS.map((k) => [k, String(body[k])])) as Record<(typeof CREATE_FIELDS)[number], string>;
  if (!SEVERITIES.includes(input.severity)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid severity '${input.severity}'. Allowed: ${SEVERITIES.join(', ')}.`);
  if (!CREATE_ALERT_CATEGORIES.includes(input.category)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid category '${input.category}'.`);
  const eventMs = Date.parse(input.eventTime);
  if (Number.isNaN(eventMs)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid eventTime '${input.eventTime}'; an ISO 8601 date and time is expected.`);
  const machine = findMachine(ctx.state, input.machineId);
  // MDE answers 404 when no event matches machineId, reportId and eventTime; the simulator has no
  // event store, so every event on a known machine exists.
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${input.machineId} was not found`);

  // An open alert with the same title on the same device absorbs the new one (B.5): MDE answers
  // with that alert, so a retried create never makes a second alert.
  const open = ctx.state.alerts.find((a) => a.machineId === machine.id && a.title === input.title && a.status !== 'Resolved');
  if (open) return sendJson(ctx.res, 200, { '@odata.context': entity(ctx, 'Alerts'), ...withoutEvidence(open) });

  const now = new Date();
  const base = createAlert({ machine, tenantId: ctx.state.settings.tenantId, now, random: ctx.state.settings.random });
  const event = new Date(eventMs).toISOString();
  const alert: SimAlert = {
    ...base,
    title: input.title,
    description: input.description,
    severity: input.severity,
    category: input.category,
    // API-created alerts are custom detections and start an automated investigation (B.5).
    detectionSource: 'CustomDetection',
    investigationState: 'Running',
    threatFamilyName: null,
    threatName: null,
    mitreTechniques: [],
    firstEventTime: event,
    lastEventTime: event,
    relatedUser: null,
    // The referenced event is not modelled, so the alert has no evidence of its own.
    evidence: [],
  };
  ctx.state.alerts.push(alert);
  sendJson(ctx.res, 200, { '@odata.context': entity(ctx, 'Alerts'), ...withoutEvidence(alert) });
}

/** Runs `handle` with the alert of the path, or answers 404 as MDE does. */
function forAlert(handle: (ctx: RouteContext, alert: SimAlert) => void) {
  return (ctx: RouteContext) => {
    const alert = ctx.state.alerts.find((a) => a.id === ctx.params[0]);
    if (!alert) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Alert ${ctx.params[0]} was not found`);
    handle(ctx, alert);
  };
}

const relatedMachine = forAlert((ctx, alert) => {
  const machine = findMachine(ctx.state, alert.machineId);
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${alert.machineId} was not found`);
  sendJson(ctx.res, 200, { '@odata.context': entity(ctx, 'Machines'), ...machine });
});

const relatedUser = forAlert((ctx, alert) => {
  const user = alertUser(ctx.state, alert);
  if (!user) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Alert ${alert.id} has no related user`);
  sendJson(ctx.res, 200, { '@odata.context': entity(ctx, 'Users'), ...user });
});

const relatedFiles = forAlert((ctx, alert) => {
  const hashes = [...new Set(alert.evidence.filter((e) => e.entityType === 'File' && e.sha1).map((e) => e.sha1 as string))];
  const files = hashes.flatMap((h) => {
    const known = findFile(ctx.state, h);
    return known ? [fileEntity(known)] : [];
  });
  sendCollection(ctx, { entitySet: 'Files', records: files, schema: {} });
});

const relatedIps = forAlert((ctx, alert) => sendCollection(ctx, { entitySet: 'Ips', records: alertIps(alert).map((id) => ({ id })), schema: {} }));
const relatedDomains = forAlert((ctx, alert) => sendCollection(ctx, { entitySet: 'Domains', records: alertDomains(alert).map((host) => ({ host })), schema: {} }));

export function alertEntityRoutes(api: (path: string) => RegExp): Route[] {
  const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({ method, pattern: caseInsensitive(api(path)), handle });
  return [
    route('POST', '/alerts/CreateAlertByReference', createByReference),
    route('GET', '/alerts/([^/]+)/machine', relatedMachine),
    route('GET', '/alerts/([^/]+)/user', relatedUser),
    route('GET', '/alerts/([^/]+)/files', relatedFiles),
    route('GET', '/alerts/([^/]+)/ips', relatedIps),
    route('GET', '/alerts/([^/]+)/domains', relatedDomains),
  ];
}
