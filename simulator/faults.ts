// Injected failures (POST /_sim/faults): the next N matching calls get the configured
// error, so clients' retry and Retry-After handling can be tested deterministically.
import type { ServerResponse } from 'node:http';
import { sendJson, sendMdeError, sendRaw } from './http-util';
import type { SimState } from './state';
import type { Fault } from './types';

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'ResourceNotFound',
  429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable',
};

/** Takes one use of the first fault matching the call, or returns undefined. */
export function takeFault(state: SimState, method: string, path: string): Fault | undefined {
  const index = state.faults.findIndex(
    (f) => path.includes(f.path) && (!f.method || f.method.toUpperCase() === method.toUpperCase()),
  );
  if (index < 0) return undefined;
  const fault = state.faults[index];
  fault.times -= 1;
  if (fault.times <= 0) state.faults.splice(index, 1);
  return fault;
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
