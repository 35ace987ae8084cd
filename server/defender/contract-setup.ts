// The setup the client's contract tests share: one simulator per file (reset before each test,
// tokens cleared), a real client pointed at it, and readers of what the simulator saw.
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Simulator, SimulatorOptions } from '@/simulator/create-simulator';
import { simAdmin, startTestSimulator, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT_ID } from '@/simulator/test-support';
import type { CallRecord, SimAlert, SimMachine } from '@/simulator/types';
import type { DefenderConnection } from './connection';
import { MdeApiError } from './errors';
import { createMdeClient, type MdeClientOptions } from './mde-client';
import { clearTokenCache } from './token-provider';

export interface ContractSetup {
  readonly sim: Simulator;
  client(opts?: MdeClientOptions): ReturnType<typeof createMdeClient>;
  calls(path?: string): Promise<CallRecord[]>;
  machines(): Promise<SimMachine[]>;
  raise(body?: Record<string, unknown>): Promise<SimAlert>;
}

export function useContractSimulator(options: Partial<SimulatorOptions> = {}): ContractSetup {
  let sim: Simulator | null = null;
  let conn: DefenderConnection;
  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimitPerMinute: 0, ...options });
    conn = { tenantId: TEST_TENANT_ID, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, apiBaseUrl: sim.url, authorityHost: sim.url };
  });
  afterAll(async () => sim?.stop());
  beforeEach(async () => {
    clearTokenCache();
    await simAdmin(setup.sim, 'POST', '/_sim/reset');
  });
  const setup: ContractSetup = {
    get sim() {
      if (sim === null) throw new Error('The simulator starts before the tests');
      return sim;
    },
    client: (opts = {}) => createMdeClient(conn, { sleep: async () => {}, ...opts }),
    calls: (path = '') => simAdmin<CallRecord[]>(setup.sim, 'GET', `/_sim/calls?path=${encodeURIComponent(path)}`),
    machines: () => simAdmin<SimMachine[]>(setup.sim, 'GET', '/_sim/machines'),
    raise: (body = { severity: 'High' }) => simAdmin<SimAlert>(setup.sim, 'POST', '/_sim/alerts', body),
  };
  return setup;
}

/** The MdeApiError a call rejects with (fails the test if it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<MdeApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MdeApiError);
  return error as MdeApiError;
}
