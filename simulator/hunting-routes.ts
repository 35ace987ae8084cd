// Advanced hunting over both APIs with one engine: MDE's legacy `POST /api/advancedqueries/run`
// (B.8, PascalCase) and Graph's `POST /v1.0/security/runHuntingQuery` (B.10, camelCase).
// Authentication and the permission check (route-permissions.ts) run before these handlers; they check the body.
import type { ServerResponse } from 'node:http';
import { isPlainObject, parseJsonBody, sendGraphError, sendJson, sendMdeError } from './http-util';
import { KqlParseError } from './hunting/kql';
import { runHuntingQuery, type QueryResult } from './hunting/run-query';
import { huntingTables } from './hunting/tables';
import { parseTimespan, TimespanError } from './hunting/timespan';
import type { Route, RouteContext } from './route';

type SendError = (res: ServerResponse, status: number, code: string, message: string) => void;

function readBody(ctx: RouteContext, sendError: SendError): Record<string, unknown> | null {
  let body: unknown;
  try {
    body = parseJsonBody(ctx.bodyText);
  } catch {
    sendError(ctx.res, 400, 'InvalidRequestBody', 'Request body is not valid JSON.');
    return null;
  }
  if (!isPlainObject(body)) {
    sendError(ctx.res, 400, 'MissingRequiredParameter', "Request body must be a JSON object with a 'Query'.");
    return null;
  }
  return body;
}

/** Runs the query, or answers 400 the way the hunting APIs report a query they cannot compile. */
function execute(ctx: RouteContext, query: unknown, window: { fromMs: number; toMs: number } | undefined, sendError: SendError): QueryResult | null {
  if (typeof query !== 'string' || query.trim() === '') {
    sendError(ctx.res, 400, 'MissingRequiredParameter', "Required parameter 'Query' is missing or empty.");
    return null;
  }
  const now = Date.now();
  try {
    return runHuntingQuery(query, huntingTables(ctx.state, now, window), now);
  } catch (error) {
    if (!(error instanceof KqlParseError)) throw error;
    sendError(ctx.res, 400, 'BadRequest', `Query could not be parsed: ${error.message}`);
    return null;
  }
}

function runMde(ctx: RouteContext): void {
  const body = readBody(ctx, sendMdeError);
  if (!body) return;
  // MDE body parameter names are case-sensitive (B.3).
  const misspelt = Object.keys(body).find((k) => k !== 'Query' && k.toLowerCase() === 'query');
  if (misspelt) {
    return sendMdeError(ctx.res, 400, 'InvalidRequestBody', `Invalid request body: unknown parameter '${misspelt}'. Parameter names are case-sensitive.`);
  }
  const result = execute(ctx, body.Query, undefined, sendMdeError);
  if (!result) return;
  sendJson(ctx.res, 200, {
    Stats: { ExecutionTime: 0.01, resource_usage: { cache: {}, cpu: {}, memory: {} }, dataset_statistics: [{ table_row_count: result.results.length }] },
    Schema: result.schema.map((c) => ({ Name: c.name, Type: c.type })),
    Results: result.results,
  });
}

function runGraph(ctx: RouteContext): void {
  const body = readBody(ctx, sendGraphError);
  if (!body) return;
  // Graph matches JSON property names without regard to case.
  const field = (name: string) => body[Object.keys(body).find((k) => k.toLowerCase() === name) ?? name];
  const timespan = field('timespan');
  let window: { fromMs: number; toMs: number } | undefined;
  if (timespan !== undefined && timespan !== null) {
    try {
      if (typeof timespan !== 'string') throw new TimespanError('Timespan must be a string.');
      window = parseTimespan(timespan, Date.now());
    } catch (error) {
      if (!(error instanceof TimespanError)) throw error;
      return sendGraphError(ctx.res, 400, 'BadRequest', error.message);
    }
  }
  const result = execute(ctx, field('query'), window, sendGraphError);
  if (!result) return;
  sendJson(ctx.res, 200, {
    '@odata.context': `${ctx.origin}/v1.0/$metadata#microsoft.graph.security.huntingQueryResults`,
    schema: result.schema.map((c) => ({ name: c.name, type: c.type })),
    results: result.results,
  });
}

export const mdeHuntingRoutes: Route[] = [
  { method: 'POST', pattern: /^\/api(?:\/v1\.0)?\/advancedqueries\/run$/, handle: runMde },
];

export const graphHuntingRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v1\.0\/security\/runHuntingQuery$/, handle: runGraph },
];
