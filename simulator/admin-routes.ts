// Test and demo controls under /_sim/. They exist only on the simulator; they are not
// part of the MDE protocol, need no token and are never rate limited or logged.
import { z } from 'zod';
import type { Route, RouteContext } from './route';
import { parseJsonBody, sendJson } from './http-util';
import { isolationOf, raiseAlert, resetState, UnknownMachineError, effectiveLimit, type SimState } from './state';
import { actionView } from './machine-actions';
import { SIM_API_FAMILIES } from './rate-limits';
import type { JsonValue } from './types';
import { seededRandom } from './faults';

const ZRaiseAlert = z.object({
  severity: z.enum(['UnSpecified', 'Informational', 'Low', 'Medium', 'High']).optional(),
  title: z.string().min(1).optional(),
  description: z.string().optional(),
  category: z.string().min(1).optional(),
  machineId: z.string().min(1).optional(),
  /** Backdates the alert, e.g. to test polling watermarks. */
  alertCreationTime: z.iso.datetime({ offset: true }).optional(),
});

// Any JSON value (the point is to send what MDE's schema does not allow).
const ZJson: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(ZJson), z.record(z.string(), ZJson)]));
const ZMalform = z.object({ set: z.record(z.string(), ZJson).default({}), remove: z.array(z.string()).default([]) });

const ZRaiseAlerts = ZRaiseAlert.extend({ count: z.number().int().min(1).max(10_000) });

const ZFault = z.object({
  path: z.string(),
  method: z.string().optional(),
  status: z.number().int().min(100).max(599),
  code: z.string().optional(),
  message: z.string().optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  rawBody: z.string().optional(),
  times: z.number().int().min(1),
});

const ZPlannedOutcome = z.strictObject({
  type: z.string().min(1).max(100).optional(),
  outcome: z.enum(['Failed', 'TimeOut']),
  times: z.number().int().min(1).max(1000).default(1),
});

const ZFaultRates = z.object({
  /** Seeds the draws, so a failing soak run can be replayed with the same pattern. */
  seed: z.number().int().optional(),
  rules: z.array(z.object({
    path: z.string(),
    method: z.string().optional(),
    status: z.number().int().min(100).max(599),
    share: z.number().min(0).max(1),
    retryAfterSeconds: z.number().int().min(0).optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  })).max(50).refine((rules) => rules.reduce((sum, r) => sum + r.share, 0) <= 1 + 1e-9, 'shares add up to more than 1'),
});
const ZSeverity = z.enum(['UnSpecified', 'Informational', 'Low', 'Medium', 'High']);

const ZWindowLimit = z.number().int().min(0);
const ZConfig = z.object({
  rateLimitPerMinute: z.number().int().min(0).optional(),
  huntingRateLimitPerMinute: z.number().int().min(0).optional(),
  /** Takes effect for tokens issued afterwards, as a permission change in Entra does. */
  grantedRoles: z.object({ mde: z.array(z.string()).optional(), graph: z.array(z.string()).optional() }).optional(),
  /** Replaces all per-API overrides; `{}` restores the published limits. */
  rateLimits: z.partialRecord(z.enum(SIM_API_FAMILIES), z.strictObject({ perMinute: ZWindowLimit.optional(), perHour: ZWindowLimit.optional() })).optional(),
  rateLimitWindows: z.strictObject({ minuteMs: z.number().int().min(100).optional(), hourMs: z.number().int().min(100).optional() }).optional(),
  alertIntervalMs: z.number().int().min(0).optional(),
  /** A steady stream of alerts (a load generator); `null` or perSecond 0 stops it. */
  alertRate: z.strictObject({ perSecond: z.number().min(0).max(10_000), severity: ZSeverity.optional() }).nullable().optional(),
  actionLatencyMs: z.number().int().min(0).optional(),
  /** Hold machine-action answers this long (browser tests watch a step run). */
  actionResponseDelayMs: z.number().int().min(0).max(60_000).optional(),
});

const ZRoles = z.array(z.string().min(1).max(100)).max(100);
/** An app registration with its own roles (and secret; default: the tenant app's secret). */
const ZClient = z.object({
  clientSecret: z.string().min(1).max(1000).optional(),
  roles: z.object({ mde: ZRoles.optional(), graph: ZRoles.optional() }),
});

function configView(state: SimState) {
  const { rateLimitPerMinute, huntingRateLimitPerMinute, grantedRoles, rateLimits, rateLimitWindows, alertIntervalMs, alertRate, actionLatencyMs, actionResponseDelayMs } = state.settings;
  return { rateLimitPerMinute, huntingRateLimitPerMinute, grantedRoles, rateLimits, rateLimitWindows, alertIntervalMs, alertRate, actionLatencyMs, actionResponseDelayMs };
}

function rateLimitView(state: SimState) {
  const limits = Object.fromEntries(SIM_API_FAMILIES.map((f) => [f, effectiveLimit(state.settings, f)]));
  return { enabled: state.settings.rateLimitPerMinute > 0, windows: state.settings.rateLimitWindows, limits, throttled: state.throttled };
}

function parseBody<T>(ctx: RouteContext, schema: z.ZodType<T>): T | null {
  let raw: unknown;
  try {
    raw = parseJsonBody(ctx.bodyText) ?? {};
  } catch {
    sendJson(ctx.res, 400, { error: { code: 'InvalidRequestBody', message: 'Body is not valid JSON.' } });
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    sendJson(ctx.res, 400, { error: { code: 'InvalidRequestBody', message: z.prettifyError(parsed.error) } });
    return null;
  }
  return parsed.data;
}

export function createAdminRoutes(hooks: { onConfigChanged(): void }): Route[] {
  return [
    {
      // Sets the roles (application permissions) one client id's tokens carry, registering that
      // client in the tenant when it is new. Takes effect for tokens issued afterwards.
      method: 'PUT', pattern: /^\/_sim\/clients\/([^/]+)$/, handle(ctx) {
        const body = parseBody(ctx, ZClient);
        if (!body) return;
        const clientId = ctx.params[0];
        const key = clientId.toLowerCase();
        const existing = ctx.state.settings.clients[key];
        const clientSecret = body.clientSecret ?? existing?.clientSecret ?? ctx.state.settings.clientSecret;
        ctx.state.settings.clients[key] = { clientId, clientSecret, roles: { ...existing?.roles, ...body.roles } };
        sendJson(ctx.res, 200, { clientId, roles: ctx.state.settings.clients[key].roles });
      },
    },
    {
      method: 'GET', pattern: /^\/_sim\/clients\/([^/]+)$/, handle(ctx) {
        const client = ctx.state.settings.clients[ctx.params[0].toLowerCase()];
        if (!client) return sendJson(ctx.res, 404, { error: { code: 'NotFound', message: `No simulated client ${ctx.params[0]}` } });
        sendJson(ctx.res, 200, { clientId: client.clientId, roles: client.roles });
      },
    },
    {
      method: 'POST', pattern: /^\/_sim\/alerts$/, handle(ctx) {
        const body = parseBody(ctx, ZRaiseAlert);
        if (!body) return;
        try {
          sendJson(ctx.res, 201, raiseAlert(ctx.state, body));
        } catch (error) {
          if (!(error instanceof UnknownMachineError)) throw error;
          sendJson(ctx.res, 404, { error: { code: 'ResourceNotFound', message: error.message } });
        }
      },
    },
    {
      // Serve this alert malformed from now on (alert-malform.ts); `{}` serves it intact again.
      method: 'POST', pattern: /^\/_sim\/alerts\/([^/]+)\/malform$/, handle(ctx) {
        const body = parseBody(ctx, ZMalform);
        if (!body) return;
        if (!ctx.state.alerts.some((a) => a.id === ctx.params[0])) return sendJson(ctx.res, 404, { error: { code: 'ResourceNotFound', message: `Alert ${ctx.params[0]} was not found` } });
        if (Object.keys(body.set).length === 0 && body.remove.length === 0) ctx.state.malformed.delete(ctx.params[0]);
        else ctx.state.malformed.set(ctx.params[0], body);
        sendJson(ctx.res, 200, { id: ctx.params[0], ...body });
      },
    },
    {
      // Many alerts at once (a burst), each like POST /_sim/alerts with the same overrides.
      method: 'POST', pattern: /^\/_sim\/alerts\/bulk$/, handle(ctx) {
        const body = parseBody(ctx, ZRaiseAlerts);
        if (!body) return;
        const { count, ...overrides } = body;
        try {
          const ids: string[] = [];
          for (let i = 0; i < count; i++) ids.push(raiseAlert(ctx.state, overrides).id);
          sendJson(ctx.res, 201, { count, ids });
        } catch (error) {
          if (!(error instanceof UnknownMachineError)) throw error;
          sendJson(ctx.res, 404, { error: { code: 'ResourceNotFound', message: error.message } });
        }
      },
    },
    {
      // Effective limits per API family and the 429s sent because of them.
      method: 'GET', pattern: /^\/_sim\/rate-limits$/, handle(ctx) {
        sendJson(ctx.res, 200, rateLimitView(ctx.state));
      },
    },
    {
      method: 'GET', pattern: /^\/_sim\/calls$/, handle(ctx) {
        const filter = ctx.url.searchParams.get('path');
        sendJson(ctx.res, 200, filter ? ctx.state.calls.filter((c) => c.path.includes(filter)) : ctx.state.calls);
      },
    },
    {
      // Every alert's id and creation time (what a latency benchmark measures from), oldest first;
      // `?since=<epoch ms>` keeps those created at or after it.
      method: 'GET', pattern: /^\/_sim\/alerts$/, handle(ctx) {
        const since = Number(ctx.url.searchParams.get('since') ?? 0);
        sendJson(ctx.res, 200, ctx.state.alerts
          .filter((a) => !(since > 0) || Date.parse(a.alertCreationTime) >= since)
          .map((a) => ({ id: a.id, alertCreationTime: a.alertCreationTime, severity: a.severity, machineId: a.machineId })));
      },
    },
    {
      // Machine-action requests with the time each arrived (`?action=isolate` keeps one kind).
      method: 'GET', pattern: /^\/_sim\/action-calls$/, handle(ctx) {
        const action = ctx.url.searchParams.get('action');
        sendJson(ctx.res, 200, action ? ctx.state.actionCalls.filter((c) => c.action === action) : ctx.state.actionCalls);
      },
    },
    {
      method: 'GET', pattern: /^\/_sim\/machines$/, handle(ctx) {
        const now = Date.now();
        sendJson(ctx.res, 200, ctx.state.machines.map((m) => ({ ...m, ...isolationOf(ctx.state, m.id, now) })));
      },
    },
    {
      // Every machine action carried out, as MDE would list it: what tests count side effects by
      // (a request whose answer never reached the client still counts here, as in real life).
      method: 'GET', pattern: /^\/_sim\/actions$/, handle(ctx) {
        const now = Date.now();
        sendJson(ctx.res, 200, ctx.state.actions.map((a) => actionView(a, now)));
      },
    },
    {
      method: 'POST', pattern: /^\/_sim\/reset$/, handle(ctx) {
        resetState(ctx.state);
        sendJson(ctx.res, 200, { ok: true });
      },
    },
    {
      // The next `times` machine actions (of `type`, or any) end Failed or TimeOut instead of
      // Succeeded, after the usual latency: "wait until finished" tests see every final status.
      method: 'POST', pattern: /^\/_sim\/action-outcomes$/, handle(ctx) {
        const plan = parseBody(ctx, ZPlannedOutcome);
        if (!plan) return;
        ctx.state.plannedOutcomes.push(plan);
        sendJson(ctx.res, 201, plan);
      },
    },
    {
      method: 'POST', pattern: /^\/_sim\/faults$/, handle(ctx) {
        const fault = parseBody(ctx, ZFault);
        if (!fault) return;
        ctx.state.faults.push(fault);
        sendJson(ctx.res, 201, fault);
      },
    },
    {
      // Drops every injected fault not yet used up (an outage that ends now).
      method: 'DELETE', pattern: /^\/_sim\/faults$/, handle(ctx) {
        ctx.state.faults.length = 0;
        sendJson(ctx.res, 200, { ok: true });
      },
    },
    {
      // A share of calls fails at random until replaced (`{ "rules": [] }` turns it off).
      method: 'PUT', pattern: /^\/_sim\/fault-rates$/, handle(ctx) {
        const body = parseBody(ctx, ZFaultRates);
        if (!body) return;
        ctx.state.faultRates = { rules: body.rules, random: body.seed === undefined ? ctx.state.settings.random : seededRandom(body.seed) };
        sendJson(ctx.res, 200, { rules: body.rules });
      },
    },
    {
      method: 'GET', pattern: /^\/_sim\/config$/, handle(ctx) {
        const { tenantId, clientId } = ctx.state.settings;
        sendJson(ctx.res, 200, { tenantId, clientId, ...configView(ctx.state) });
      },
    },
    {
      method: 'PUT', pattern: /^\/_sim\/config$/, handle(ctx) {
        const patch = parseBody(ctx, ZConfig);
        if (!patch) return;
        const { grantedRoles, rateLimitWindows, ...scalars } = patch;
        Object.assign(ctx.state.settings, Object.fromEntries(Object.entries(scalars).filter(([, v]) => v !== undefined)));
        if (grantedRoles?.mde) ctx.state.settings.grantedRoles.mde = grantedRoles.mde;
        if (grantedRoles?.graph) ctx.state.settings.grantedRoles.graph = grantedRoles.graph;
        if (rateLimitWindows) ctx.state.settings.rateLimitWindows = { ...ctx.state.settings.rateLimitWindows, ...rateLimitWindows };
        hooks.onConfigChanged();
        sendJson(ctx.res, 200, configView(ctx.state));
      },
    },
  ];
}
