// Threat indicators (B.9): submit or update (by type and value), list with OData, delete.
import { guid } from './ids';
import type { FieldSchema } from './odata-filter';
import { sendCollection } from './paging';
import type { Route, RouteContext } from './route';
import { jsonObjectBody, sendJson, sendMdeError } from './http-util';

export const INDICATOR_TYPES = ['FileSha1', 'FileMd5', 'CertificateThumbprint', 'FileSha256', 'IpAddress', 'DomainName', 'Url'];
export const INDICATOR_ACTIONS = ['Alert', 'Warn', 'Block', 'Audit', 'BlockAndRemediate', 'AlertAndBlock', 'Allowed'];
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];
const FIELDS = ['indicatorValue', 'indicatorType', 'action', 'application', 'title', 'description', 'expirationTime', 'severity', 'recommendedActions', 'rbacGroupNames', 'educateUrl', 'generateAlert'];
const FILTER: FieldSchema = { id: 'string', indicatorValue: 'string', indicatorType: 'string', action: 'string', severity: 'string', title: 'string', creationTimeDateTimeUtc: 'date' };
/** MDE's cap on active indicators per tenant. */
const MAX_INDICATORS = 15_000;

function submit(ctx: RouteContext): void {
  const parsed = jsonObjectBody(ctx.bodyText);
  if (!parsed.ok) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', parsed.error);
  const body = parsed.body;
  const unknown = Object.keys(body).find((k) => !FIELDS.includes(k));
  if (unknown) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${unknown}'. Parameter names are case-sensitive.`);
  for (const required of ['indicatorValue', 'indicatorType', 'action', 'title', 'description']) {
    if (typeof body[required] !== 'string' || (body[required] as string).trim() === '') return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `'${required}' is required.`);
  }
  if (!INDICATOR_TYPES.includes(body.indicatorType as string)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid indicatorType '${String(body.indicatorType)}'.`);
  if (!INDICATOR_ACTIONS.includes(body.action as string)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid action '${String(body.action)}'.`);
  if (body.severity !== undefined && !SEVERITIES.includes(body.severity as string)) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid severity '${String(body.severity)}'.`);
  if (body.action === 'Audit' && body.generateAlert !== true) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', "The 'Audit' action requires generateAlert=true.");
  const existing = [...ctx.state.indicators.values()].find((i) => i.indicatorType === body.indicatorType && i.indicatorValue === body.indicatorValue);
  if (!existing && ctx.state.indicators.size >= MAX_INDICATORS) return sendMdeError(ctx.res, 400, 'InvalidRequestBody', 'The tenant has the maximum of 15,000 active indicators.');
  const now = new Date().toISOString();
  const indicator: Record<string, unknown> = {
    ...(existing ?? { id: String(Math.floor(ctx.state.settings.random() * 1e9)), creationTimeDateTimeUtc: now, createdBy: ctx.state.settings.clientId, sourceType: 'AadApp' }),
    ...body,
    lastUpdateTime: now,
    lastUpdatedBy: ctx.state.settings.clientId,
    externalID: null,
    guid: guid(ctx.state.settings.random),
  };
  ctx.state.indicators.set(String(indicator.id), indicator);
  sendJson(ctx.res, 200, { '@odata.context': `${ctx.origin}/api/$metadata#Indicators/$entity`, ...indicator });
}

function list(ctx: RouteContext): void {
  sendCollection(ctx, { entitySet: 'Indicators', records: [...ctx.state.indicators.values()], schema: FILTER });
}

function remove(ctx: RouteContext): void {
  const id = ctx.params[0] ?? '';
  if (!ctx.state.indicators.delete(id)) return sendMdeError(ctx.res, 404, 'ResourceNotFound', `Indicator ${id} was not found`);
  ctx.res.writeHead(204);
  ctx.res.end();
}

export function indicatorRoutes(api: (path: string) => RegExp): Route[] {
  return [
    { method: 'POST', pattern: api('/indicators'), handle: submit },
    { method: 'GET', pattern: api('/indicators'), handle: list },
    { method: 'DELETE', pattern: api('/indicators/([^/]+)'), handle: remove },
  ];
}
