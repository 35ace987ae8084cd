// The other machine actions of B.7 (release from isolation, AV scan, investigation package,
// restrict / unrestrict app execution, stop and quarantine a file, offboard) and machine tags, with MDE's
// case-sensitive bodies, 400 ActiveRequestAlreadyExists while one of the same type is pending,
// 201 + MachineAction (tags: 200 + Machine).
import { guid } from './ids';
import type { Route, RouteContext } from './route';
import { jsonObjectBody, sendJson, sendMdeError } from './http-util';
import { actionView, isActive } from './machine-actions';
import { findMachine, takePlannedOutcome } from './state';

interface ActionSpec {
  type: string;
  /** Required body fields besides Comment, with their allowed values (null: every non-empty string). */
  fields: Record<string, readonly string[] | null>;
  /** Refused with 400 OsPlatformNotSupported on other devices (offboarding). */
  windowsOnly?: true;
}

/** URL segment → the action it starts (MDE's own segment casing). */
export const MACHINE_ACTIONS: Record<string, ActionSpec> = {
  unisolate: { type: 'Unisolate', fields: {} },
  runAntiVirusScan: { type: 'RunAntiVirusScan', fields: { ScanType: ['Quick', 'Full'] } },
  collectInvestigationPackage: { type: 'CollectInvestigationPackage', fields: {} },
  restrictCodeExecution: { type: 'RestrictCodeExecution', fields: {} },
  unrestrictCodeExecution: { type: 'UnrestrictCodeExecution', fields: {} },
  StopAndQuarantineFile: { type: 'StopAndQuarantineFile', fields: { Sha1: null } },
  offboard: { type: 'Offboard', fields: {}, windowsOnly: true },
};

/** The JSON object body, or the 400 message (a string) to answer with. */
function bodyOf(ctx: RouteContext): Record<string, unknown> | string {
  const parsed = jsonObjectBody(ctx.bodyText);
  return parsed.ok ? parsed.body : parsed.error;
}

function startAction(ctx: RouteContext): void {
  const spec = MACHINE_ACTIONS[ctx.params[1] ?? ''];
  if (!spec) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Resource ${ctx.url.pathname} was not found`);
  const body = bodyOf(ctx);
  if (typeof body === 'string') return sendMdeError(ctx.res, 400, 'InvalidRequestBody', body);
  const allowed = ['Comment', ...Object.keys(spec.fields)];
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.`);
  for (const name of allowed) {
    const value = body[name];
    if (typeof value !== 'string' || value.trim() === '') return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', `Required parameter '${name}' is missing.`);
    const values = name === 'Comment' ? null : spec.fields[name];
    if (values && !values.includes(value)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid value '${value}' for '${name}'. Allowed: ${values.join(', ')}.`);
  }
  const machine = findMachine(ctx.state, ctx.params[0] ?? '');
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  if (spec.windowsOnly && !machine.osPlatform.startsWith('Windows')) {
    return sendMdeError(ctx.res, 400, 'OsPlatformNotSupported', `${spec.type} is not supported on ${machine.osPlatform} devices; it needs Windows 10 1703+, Windows 11 or Windows Server 2012 R2 and later.`);
  }
  const now = Date.now();
  if (ctx.state.actions.some((a) => a.machineId === machine.id && a.type === spec.type && isActive(a, now))) {
    return sendMdeError(ctx.res, 400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
  }
  const record = {
    id: guid(ctx.state.settings.random),
    type: spec.type,
    scope: typeof body.ScanType === 'string' ? body.ScanType : null,
    requestor: ctx.state.settings.clientId,
    requestorComment: String(body.Comment),
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    createdAtMs: now,
    latencyMs: ctx.state.settings.actionLatencyMs,
    ...takePlannedOutcome(ctx.state, spec.type),
  };
  ctx.state.actions.push(record);
  sendJson(ctx.res, 201, { '@odata.context': `${ctx.origin}/api/$metadata#MachineActions/$entity`, ...actionView(record, now) });
}

function changeTags(ctx: RouteContext): void {
  const body = bodyOf(ctx);
  if (typeof body === 'string') return sendMdeError(ctx.res, 400, 'InvalidRequestBody', body);
  const unknown = Object.keys(body).find((k) => k !== 'Value' && k !== 'Action');
  if (unknown) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.`);
  if (typeof body.Value !== 'string' || body.Value.trim() === '') return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Value' is missing.");
  if (body.Action !== 'Add' && body.Action !== 'Remove') return sendMdeError(ctx.res, 400, 'InvalidRequestBody', "Parameter 'Action' must be Add or Remove.");
  const machine = findMachine(ctx.state, ctx.params[0] ?? '');
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  const value = body.Value;
  if (body.Action === 'Add' && !machine.machineTags.includes(value)) machine.machineTags.push(value);
  if (body.Action === 'Remove') machine.machineTags = machine.machineTags.filter((t) => t !== value);
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Machines/$entity`, ...machine });
}

function cancelAction(ctx: RouteContext): void {
  const record = ctx.state.actions.find((a) => a.id === ctx.params[0]);
  if (!record) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine action ${ctx.params[0]} was not found`);
  const body = bodyOf(ctx);
  if (typeof body === 'string') return sendMdeError(ctx.res, 400, 'InvalidRequestBody', body);
  if (typeof body.Comment !== 'string' || body.Comment.trim() === '') return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Comment' is missing.");
  const now = Date.now();
  if (!isActive(record, now)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Machine action ${record.id} is already in a final state and cannot be cancelled.`);
  record.cancelled = { atMs: now, by: ctx.state.settings.clientId, comment: body.Comment };
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#MachineActions/$entity`, ...actionView(record, now) });
}

export function machineActionRoutes(api: (path: string) => RegExp): Route[] {
  return [
    { method: 'POST', pattern: api('/machineactions/([^/]+)/cancel'), handle: cancelAction },
    { method: 'POST', pattern: api('/machines/([^/]+)/tags'), handle: changeTags },
    { method: 'POST', pattern: api(`/machines/([^/]+)/(${Object.keys(MACHINE_ACTIONS).join('|')})`), handle: startAction },
  ];
}
