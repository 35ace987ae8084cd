// The MDE REST endpoints the product uses (B.5, B.7), with MDE's status codes and
// error codes. Authentication and rate limiting happen before these handlers run.
import { guid } from './ids';
import type { FieldSchema } from './odata-filter';
import { sendCollection } from './paging';
import type { Route, RouteContext } from './route';
import { isPlainObject, parseJsonBody, sendJson, sendMdeError } from './http-util';
import { actionView } from './machine-actions';
import { alertsByCreation, findMachine, recordAlertList, takePlannedOutcome } from './state';
import { findAlert, hasActiveAction } from './indexes';
import type { SimAlert } from './types';
import { served } from './alert-malform';
import { batchUpdateAlerts, updateAlert } from './alert-update';
import { machineActionRoutes } from './machine-action-routes';
import { indicatorRoutes } from './indicator-routes';
import { investigationRoutes } from './investigation-routes';
import { machineReadRoutes } from './machine-read-routes';
import { liveResponseRoutes } from './live-response-routes';
import { alertEntityRoutes } from './alert-entity-routes';
import { fileRoutes } from './file-routes';
import { remediationRoutes } from './remediation-routes';

const ALERT_FILTER: FieldSchema = {
  alertCreationTime: 'date', lastUpdateTime: 'date', firstEventTime: 'date', lastEventTime: 'date',
  id: 'string', severity: 'string', status: 'string', category: 'string', detectionSource: 'string',
  machineId: 'string', computerDnsName: 'string', assignedTo: 'string', incidentId: 'number', investigationId: 'number',
};
const MACHINE_FILTER: FieldSchema = {
  id: 'string', computerDnsName: 'string', healthStatus: 'string', osPlatform: 'string', riskScore: 'string',
  exposureLevel: 'string', onboardingStatus: 'string', lastIpAddress: 'string', lastSeen: 'date', rbacGroupId: 'number',
};
const ACTION_FILTER: FieldSchema = {
  id: 'string', status: 'string', machineId: 'string', type: 'string', requestor: 'string', creationDateTimeUtc: 'date',
};
const ISOLATION_TYPES = ['Full', 'Selective', 'UnManagedDevice'];

function withoutEvidence(alert: SimAlert): Omit<SimAlert, 'evidence'> {
  const { evidence: _omitted, ...rest } = alert;
  return rest;
}

function listAlerts(ctx: RouteContext): void {
  recordAlertList(ctx.state, Date.now());
  // Evidence is only included in list results with $expand=evidence (B.6).
  const expand = (ctx.url.searchParams.get('$expand') ?? '').split(',').map((s) => s.trim().toLowerCase());
  const alerts = alertsByCreation(ctx.state);
  const records = expand.includes('evidence') ? alerts : alerts.map(withoutEvidence);
  sendCollection(ctx, { entitySet: 'Alerts', records, schema: ALERT_FILTER, present: (a) => served(ctx.state, a) });
}

function getAlert(ctx: RouteContext): void {
  const alert = findAlert(ctx.state.alerts, ctx.params[0]);
  if (!alert) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Alert ${ctx.params[0]} was not found`);
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Alerts/$entity`, ...served(ctx.state, alert) });
}

function listMachines(ctx: RouteContext): void {
  sendCollection(ctx, { entitySet: 'Machines', records: ctx.state.machines, schema: MACHINE_FILTER });
}

function getMachine(ctx: RouteContext): void {
  const machine = findMachine(ctx.state, ctx.params[0]);
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Machines/$entity`, ...machine });
}

/** Rejects body keys whose letter case differs from MDE's: MDE treats them as invalid (B.3). */
function wrongCaseKey(body: Record<string, unknown>, expected: string[]): string | undefined {
  return Object.keys(body).find((key) => !expected.includes(key) && expected.some((e) => e.toLowerCase() === key.toLowerCase()));
}

function isolate(ctx: RouteContext): void {
  let body: unknown;
  try {
    body = parseJsonBody(ctx.bodyText);
  } catch {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', 'Request body is not valid JSON.');
  }
  if (body === undefined) return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Request body is missing; 'Comment' is required.");
  if (!isPlainObject(body)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', 'Request body must be a JSON object.');
  const misspelt = wrongCaseKey(body, ['Comment', 'IsolationType']);
  if (misspelt) {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${misspelt}'. Parameter names are case-sensitive.`);
  }
  if (body.Comment === undefined || body.Comment === null) {
    return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Comment' is missing.");
  }
  if (typeof body.Comment !== 'string' || body.Comment.trim() === '') {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', "Parameter 'Comment' must be a non-empty string.");
  }
  // IsolationType is optional in the MDE docs; Full is the documented default behaviour.
  const isolationType = body.IsolationType ?? 'Full';
  if (typeof isolationType !== 'string' || !ISOLATION_TYPES.includes(isolationType)) {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid IsolationType '${String(isolationType)}'. Allowed values: ${ISOLATION_TYPES.join(', ')}.`);
  }

  const machine = findMachine(ctx.state, ctx.params[0]);
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  const now = Date.now();
  const active = hasActiveAction(ctx.state.actions, machine.id, 'Isolate', now);
  if (active) return sendMdeError(ctx.res, 400, 'ActiveRequestAlreadyExists', 'Action is already in progress');

  const record = {
    id: guid(ctx.state.settings.random),
    type: 'Isolate',
    scope: isolationType,
    requestor: ctx.state.settings.clientId,
    requestorComment: body.Comment,
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    createdAtMs: now,
    latencyMs: ctx.state.settings.actionLatencyMs,
    ...takePlannedOutcome(ctx.state, 'Isolate'),
  };
  ctx.state.actions.push(record);
  const answer = () => sendJson(ctx.res, 201, { '@odata.context': `${ctx.origin}/api/$metadata#MachineActions/$entity`, ...actionView(record, now) });
  // A slow answer to an action already carried out: the window in which a crashed client has
  // isolated the machine without knowing it (crash-safety tests aim their kills at it).
  const delay = ctx.state.settings.actionResponseDelayMs;
  if (delay > 0) setTimeout(answer, delay);
  else answer();
}

function listMachineActions(ctx: RouteContext): void {
  const now = Date.now();
  // Newest first, so `$top=1` gives the latest action for a machine.
  const records = [...ctx.state.actions].reverse().map((a) => actionView(a, now));
  sendCollection(ctx, { entitySet: 'MachineActions', records, schema: ACTION_FILTER });
}

function getMachineAction(ctx: RouteContext): void {
  const record = ctx.state.actions.find((a) => a.id === ctx.params[0]);
  if (!record) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine action ${ctx.params[0]} was not found`);
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#MachineActions/$entity`, ...actionView(record, Date.now()) });
}

// MDE accepts an optional version segment: /api/v1.0/alerts is the same as /api/alerts (B.1).
const api = (rest: string) => new RegExp(`^/api(?:/v1\\.0)?${rest}$`);

export const mdeRoutes: Route[] = [
  { method: 'GET', pattern: api('/alerts'), handle: listAlerts },
  { method: 'GET', pattern: api('/alerts/([^/]+)'), handle: getAlert },
  { method: 'POST', pattern: api('/alerts/batchUpdate'), handle: batchUpdateAlerts },
  { method: 'PATCH', pattern: api('/alerts/([^/]+)'), handle: updateAlert },
  // Before `/machines/{id}`: `findbytag` and `findbyip(…)` are not machine ids.
  ...machineReadRoutes(api),
  ...liveResponseRoutes(api),
  { method: 'GET', pattern: api('/machines'), handle: listMachines },
  { method: 'GET', pattern: api('/machines/([^/]+)'), handle: getMachine },
  { method: 'POST', pattern: api('/machines/([^/]+)/isolate'), handle: isolate },
  ...machineActionRoutes(api),
  ...indicatorRoutes(api),
  ...investigationRoutes(api),
  ...alertEntityRoutes(api),
  ...fileRoutes(api),
  ...remediationRoutes(api),
  { method: 'GET', pattern: api('/machineactions'), handle: listMachineActions },
  { method: 'GET', pattern: api('/machineactions/([^/]+)'), handle: getMachineAction },
];
