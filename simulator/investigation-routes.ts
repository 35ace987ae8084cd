// Automated investigations (A.2 #8, B.7): start one on a device, read one, list them. State moves
// from Running to a verdict after the simulator's action latency, computed on read. While one runs
// on a device, another start answers 400 ActiveRequestAlreadyExists (B.7: seen in practice and
// handled for startInvestigation by the Cortex responder).
import { guid } from './ids';
import type { FieldSchema } from './odata-filter';
import { sendCollection } from './paging';
import type { Route, RouteContext } from './route';
import { jsonObjectBody, sendJson, sendMdeError } from './http-util';
import { findMachine } from './state';
import type { SimInvestigation } from './types';

const FILTER: FieldSchema = { id: 'string', machineId: 'string', state: 'string', startTime: 'date' };

function view(i: SimInvestigation, nowMs: number) {
  const done = nowMs - i.startedAtMs >= i.latencyMs;
  return {
    id: i.id,
    startTime: new Date(i.startedAtMs).toISOString(),
    endTime: done ? new Date(i.startedAtMs + i.latencyMs).toISOString() : null,
    state: done ? 'Benign' : 'Running',
    cancelledBy: null,
    statusDetails: null,
    machineId: i.machineId,
    computerDnsName: i.computerDnsName,
    triggeringAlertId: null,
  };
}

function start(ctx: RouteContext): void {
  const parsed = jsonObjectBody(ctx.bodyText);
  if (!parsed.ok) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', parsed.error);
  const body = parsed.body;
  if (typeof body.Comment !== 'string' || body.Comment.trim() === '') {
    return sendMdeError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Comment' is missing.");
  }
  const unknown = Object.keys(body).find((k) => k !== 'Comment');
  if (unknown) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.`);
  const machine = findMachine(ctx.state, ctx.params[0] ?? '');
  if (!machine) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Machine ${ctx.params[0]} was not found`);
  const now = Date.now();
  if (ctx.state.investigations.some((i) => i.machineId === machine.id && view(i, now).state === 'Running')) {
    return sendMdeError(ctx.res, 400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
  }
  const investigation: SimInvestigation = {
    id: String(Math.floor(ctx.state.settings.random() * 1e6)), machineId: machine.id, computerDnsName: machine.computerDnsName, comment: body.Comment,
    startedAtMs: now, latencyMs: ctx.state.settings.actionLatencyMs,
  };
  ctx.state.investigations.push(investigation);
  sendJson(ctx.res, 201, { '@odata.context': `${ctx.origin}/api/$metadata#Investigations/$entity`, ...view(investigation, now), guid: guid(ctx.state.settings.random) });
}

function getOne(ctx: RouteContext): void {
  const found = ctx.state.investigations.find((i) => i.id === ctx.params[0]);
  if (!found) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Investigation ${ctx.params[0]} was not found`);
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Investigations/$entity`, ...view(found, Date.now()) });
}

function list(ctx: RouteContext): void {
  const now = Date.now();
  sendCollection(ctx, { entitySet: 'Investigations', records: ctx.state.investigations.map((i) => view(i, now)), schema: FILTER });
}

export function investigationRoutes(api: (path: string) => RegExp): Route[] {
  return [
    { method: 'POST', pattern: api('/machines/([^/]+)/startInvestigation'), handle: start },
    { method: 'GET', pattern: api('/investigations'), handle: list },
    { method: 'GET', pattern: api('/investigations/([^/]+)'), handle: getOne },
  ];
}
