// The simulator's whole world, in memory. Exposed as `simulator.state` so tests
// can inspect exactly what the API served.
import { createAlert, type AlertOverrides } from './alert-fixtures';
import type { AlertMalformation } from './alert-malform';
import { createFleet } from './machine-fixtures';
import { actionStatus } from './machine-actions';
import { pick, type Random } from './ids';
import { createRateLimiter, type RateLimiter, type RateWindow } from './rate-limiter';
import { HUNDRED_PER_MINUTE, SIM_API_FAMILIES, SIM_PUBLISHED_LIMITS, type SimApiFamily, type SimFamilyLimit } from './rate-limits';
import type { ActionCallRecord, CallRecord, Fault, FaultRate, IssuedToken, PlannedOutcome, SimActionRecord, SimAlert, SimInvestigation, SimMachine, TokenAudience } from './types';

// Bounded so a long-running demo simulator cannot grow without limit.
const MAX_CALLS = 10_000;
// Machine-action arrivals are small and a latency benchmark needs every one of a run of minutes.
const MAX_ACTION_CALLS = 200_000;

/** Alerts raised at a steady rate (a load generator), each with these overrides. */
export interface AlertRate {
  perSecond: number;
  severity?: SimAlert['severity'];
}

export interface SimSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Per-minute limit of the APIs MDE publishes at 100/min; 0 turns all rate limiting off. */
  rateLimitPerMinute: number;
  /** Advanced hunting's own quota (B.4: 45 calls/min per tenant); 0 turns it off. */
  huntingRateLimitPerMinute: number;
  /** Application permissions granted to the app, per resource; tokens carry them as `roles`. */
  grantedRoles: Record<TokenAudience, string[]>;
  /**
   * Further app registrations in the tenant (key: client id, lower case), each with its own secret
   * and, per resource, its own granted roles (absent: the tenant-wide grantedRoles).
   */
  clients: Record<string, SimClient>;
  /** Per-API overrides of the published limits (0 = that window unlimited). */
  rateLimits: Partial<Record<SimApiFamily, Partial<SimFamilyLimit>>>;
  /** Window lengths, so tests can scale time (default one minute and one hour). */
  rateLimitWindows: { minuteMs: number; hourMs: number };
  alertIntervalMs: number;
  /** A steady stream of alerts (per second, may be fractional); null or perSecond 0 = off. */
  alertRate: AlertRate | null;
  actionLatencyMs: number;
  /** Delay before answering a machine-action request that was carried out (a slow API). */
  actionResponseDelayMs: number;
  random: Random;
}

export interface SimClient {
  clientId: string;
  clientSecret: string;
  roles: Partial<Record<TokenAudience, string[]>>;
}

export interface SimState {
  settings: SimSettings;
  machines: SimMachine[];
  alerts: SimAlert[];
  actions: SimActionRecord[];
  calls: CallRecord[];
  /** Every machine-action request with its arrival time (bounded, oldest dropped). */
  actionCalls: ActionCallRecord[];
  /**
   * When each alert list (GET /api/alerts, the poller's query) was served, in ms: the scale-out
   * benchmark checks one poll per interval however many workers run. Bounded like `calls`.
   */
  alertListCalls: number[];
  faults: Fault[];
  /** Alerts served malformed (alert-malform.ts), by id. */
  malformed: Map<string, AlertMalformation>;
  /** Random failures by share of calls, with their own seeded generator (reproducible runs). */
  faultRates: { rules: FaultRate[]; random: Random };
  tokens: Map<string, IssuedToken>;
  /** Threat indicators (B.9), by id. */
  indicators: Map<string, Record<string, unknown>>;
  /** Outcomes other than Succeeded planned for the next machine actions (cleared by reset). */
  plannedOutcomes: PlannedOutcome[];
  /** Automated investigations, oldest first (cleared by reset like the machine actions). */
  investigations: SimInvestigation[];
  rateLimiter: RateLimiter;
  /** 429s sent because of rate limits (not injected faults), in total and per API family. */
  throttled: { total: number; byFamily: Record<SimApiFamily, number> };
}

function noThrottles(): SimState['throttled'] {
  return { total: 0, byFamily: Object.fromEntries(SIM_API_FAMILIES.map((f) => [f, 0])) as Record<SimApiFamily, number> };
}

export function effectiveLimit(settings: SimSettings, family: SimApiFamily): SimFamilyLimit {
  const published = SIM_PUBLISHED_LIMITS[family];
  // The common 100/min APIs follow rateLimitPerMinute; hunting has its own setting (B.4: 45).
  const perMinute = HUNDRED_PER_MINUTE.includes(family)
    ? settings.rateLimitPerMinute
    : family === 'hunting'
      ? settings.huntingRateLimitPerMinute
      : published.perMinute;
  return { perMinute, perHour: published.perHour, ...settings.rateLimits[family] };
}

/** The windows MDE enforces for one API family of a tenant; none when limiting is off. */
export function rateWindowsFor(settings: SimSettings, family: SimApiFamily): RateWindow[] {
  // Hunting has its own switch (huntingRateLimitPerMinute); every other API follows rateLimitPerMinute.
  const on = family === 'hunting' ? settings.huntingRateLimitPerMinute > 0 : settings.rateLimitPerMinute > 0;
  if (!on) return [];
  const limit = effectiveLimit(settings, family);
  return [
    { limit: limit.perMinute, windowMs: settings.rateLimitWindows.minuteMs },
    { limit: limit.perHour, windowMs: settings.rateLimitWindows.hourMs },
  ];
}

export function createState(settings: SimSettings, machineCount: number): SimState {
  return {
    settings,
    machines: createFleet(machineCount, settings.random, new Date()),
    alerts: [],
    actions: [],
    calls: [],
    actionCalls: [],
    alertListCalls: [],
    faults: [],
    malformed: new Map(),
    faultRates: { rules: [], random: settings.random },
    tokens: new Map(),
    indicators: new Map(),
    investigations: [],
    plannedOutcomes: [],
    rateLimiter: createRateLimiter(),
    throttled: noThrottles(),
  };
}

export function recordCall(state: SimState, call: CallRecord): void {
  state.calls.push(call);
  if (state.calls.length > MAX_CALLS) state.calls.splice(0, state.calls.length - MAX_CALLS);
}

export function recordActionCall(state: SimState, call: ActionCallRecord): void {
  state.actionCalls.push(call);
  if (state.actionCalls.length > MAX_ACTION_CALLS) state.actionCalls.splice(0, state.actionCalls.length - MAX_ACTION_CALLS);
}

export function recordAlertList(state: SimState, atMs: number): void {
  state.alertListCalls.push(atMs);
  if (state.alertListCalls.length > MAX_CALLS) state.alertListCalls.splice(0, state.alertListCalls.length - MAX_CALLS);
}

/** MDE accepts the device id or the computer name wherever a machine id is expected. */
export function findMachine(state: SimState, idOrName: string): SimMachine | undefined {
  const key = idOrName.toLowerCase();
  return state.machines.find((m) => m.id === key || m.computerDnsName.toLowerCase() === key);
}

export class UnknownMachineError extends Error {}

export function raiseAlert(state: SimState, overrides: AlertOverrides = {}): SimAlert {
  const machine = overrides.machineId ? findMachine(state, overrides.machineId) : pick(state.settings.random, state.machines);
  if (!machine) throw new UnknownMachineError(`Machine ${overrides.machineId ?? ''} was not found`);
  const alert = createAlert({ machine, tenantId: state.settings.tenantId, now: new Date(), random: state.settings.random, overrides });
  state.alerts.push(alert);
  return alert;
}

/** Alerts in the order MDE returns them for our queries: oldest creation first (stable for ties). */
export function alertsByCreation(state: SimState): SimAlert[] {
  return state.alerts
    .map((alert, index) => ({ alert, index }))
    .sort((a, b) => Date.parse(a.alert.alertCreationTime) - Date.parse(b.alert.alertCreationTime) || a.index - b.index)
    .map(({ alert }) => alert);
}

/** Isolation state derived from the latest Isolate action on the machine. */
export function isolationOf(state: SimState, machineId: string, nowMs: number) {
  const latest = state.actions.filter((a) => a.machineId === machineId && a.type === 'Isolate').at(-1);
  if (!latest) return { isolationState: 'NotIsolated', isolationType: null, lastActionId: null };
  const { status } = actionStatus(latest, nowMs);
  return {
    isolationState: status === 'Succeeded' ? 'Isolated' : 'Isolating',
    isolationType: latest.scope,
    lastActionId: latest.id,
  };
}

export function resetState(state: SimState): void {
  state.alerts.length = 0;
  state.actions.length = 0;
  state.calls.length = 0;
  state.actionCalls.length = 0;
  state.alertListCalls.length = 0;
  state.faults.length = 0;
  state.malformed.clear();
  state.faultRates.rules = [];
  state.indicators.clear();
  state.investigations.length = 0;
  state.plannedOutcomes.length = 0;
  state.rateLimiter.reset();
  state.throttled = noThrottles();
  state.settings.clients = {};
}

/** The record fields for how a new action of `type` will end, using up one planned outcome. */
export function takePlannedOutcome(state: SimState, type: string): Pick<SimActionRecord, 'failure' | 'timesOut'> {
  const plan = state.plannedOutcomes.find((p) => p.times > 0 && (p.type === undefined || p.type === type));
  if (!plan) return {};
  plan.times -= 1;
  return plan.outcome === 'TimeOut' ? { timesOut: true } : { failure: { commandIndex: 0, message: `The ${type} action failed on the device (simulated).` } };
}
