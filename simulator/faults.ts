// Injected failures (POST /_sim/faults): the next N matching calls get the configured
// error, so clients' retry and Retry-After handling can be tested deterministically.
import type { ServerResponse } from 'node:http';
import { sendJson, sendMdeError, sendRaw } from './http-util';
import type { SimState } from './state';
import type { Random } from './ids';
import type { Fault, FaultRate } from './types';

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'ResourceNotFound',
  429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable',
};

/** Takes one use of the first fault matching the call, or returns undefined. */
export function takeFault(state: SimState, method: string, path: string): Fault | undefined {
  const index = state.faults.findIndex((f) => matches(f, method, path));
  if (index < 0) return undefined;
  const fault = state.faults[index];
  fault.times -= 1;
  if (fault.times <= 0) state.faults.splice(index, 1);
  return fault;
}

/** Mulberry32: a small seeded generator, so a soak test's failure pattern can be replayed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const matches = (rule: { path: string; method?: string }, method: string, path: string) =>
  path.includes(rule.path) && (!rule.method || rule.method.toUpperCase() === method.toUpperCase());

/** One draw per call: the first rule whose share the draw falls in answers it, else none. */
export function takeRandomFault(state: SimState, method: string, path: string): Fault | undefined {
  const rules = state.faultRates.rules.filter((r) => matches(r, method, path));
  if (rules.length === 0) return undefined;
  const draw = state.faultRates.random();
  let edge = 0;
  for (const rule of rules) {
    edge += rule.share;
    if (draw < edge) return toFault(rule);
  }
  return undefined;
}

function toFault(rule: FaultRate): Fault {
  return { path: rule.path, method: rule.method, status: rule.status, code: rule.code, message: rule.message, retryAfterSeconds: rule.retryAfterSeconds, times: 1 };
}

export function sendFault(res: ServerResponse, fault: Fault, isEntra: boolean): void {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
  if (fault.rawBody !== undefined) return sendRaw(res, fault.status, fault.rawBody, headers);
  const code = fault.code ?? DEFAULT_CODES[fault.status] ?? (fault.status >= 500 ? 'InternalServerError' : 'BadRequest');
  const message = fault.message ?? `Injected fault: ${code}`;
  // The token endpoint speaks Entra's error format, the API MDE's.
  if (isEntra) return sendJson(res, fault.status, { error: code, error_description: message, error_codes: [] }, headers);
  sendMdeError(res, fault.status, code, message, headers);
}
