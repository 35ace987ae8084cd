// The Defender simulator: an https server speaking the Entra client-credentials and
// MDE REST protocols, for demo mode, development and contract tests.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createAdminRoutes } from './admin-routes';
import { createRequestHandler } from './request-handler';
import { createState, raiseAlert, type AlertRate, type SimState } from './state';
import { DEFAULT_GRANTED_ROLES } from './token-issuer';
import type { TokenAudience } from './types';
import type { SimApiFamily, SimFamilyLimit } from './rate-limits';

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  tls: { cert: string | Buffer; key: string | Buffer };
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Per tenant, over all /api calls (MDE B.4 publishes 100/min); 0 turns limiting off. */
  rateLimitPerMinute?: number;
  /** Advanced hunting calls per minute per tenant (B.4: 45); defaults to 45, or 0 when rateLimitPerMinute is 0. */
  huntingRateLimitPerMinute?: number;
  /** Application permissions granted per resource; defaults to everything the product uses. */
  grantedRoles?: Partial<Record<TokenAudience, string[]>>;
  /** Per-API overrides of the published limits (B.4), e.g. `{ alerts: { perMinute: 200 } }`. */
  rateLimits?: Partial<Record<SimApiFamily, Partial<SimFamilyLimit>>>;
  /** Shorter windows scale time in tests; default one minute and one hour. */
  rateLimitWindows?: { minuteMs?: number; hourMs?: number };
  /** Raise an alert automatically every N ms; 0 or undefined = off. */
  alertIntervalMs?: number;
  /** Raise alerts at a steady rate, e.g. `{ perSecond: 100, severity: 'High' }` (benchmarks). */
  alertRate?: AlertRate | null;
  machines?: number;
  random?: () => number;
  /** Total time a machine action spends Pending then InProgress before Succeeded. */
  actionLatencyMs?: number;
  actionResponseDelayMs?: number;
}

export interface Simulator {
  /** `https://localhost:PORT` once started (the certificate is issued for localhost). */
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly state: SimState;
}

export function createSimulator(opts: SimulatorOptions): Simulator {
  const host = opts.host ?? '127.0.0.1';
  const state = createState(
    {
      tenantId: opts.tenantId,
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      rateLimitPerMinute: opts.rateLimitPerMinute ?? 100,
      huntingRateLimitPerMinute: opts.huntingRateLimitPerMinute ?? (opts.rateLimitPerMinute === 0 ? 0 : 45),
      grantedRoles: {
        mde: [...(opts.grantedRoles?.mde ?? DEFAULT_GRANTED_ROLES.mde)],
        graph: [...(opts.grantedRoles?.graph ?? DEFAULT_GRANTED_ROLES.graph)],
      },
      clients: {},
      rateLimits: opts.rateLimits ?? {},
      rateLimitWindows: { minuteMs: 60_000, hourMs: 3_600_000, ...opts.rateLimitWindows },
      alertIntervalMs: opts.alertIntervalMs ?? 0,
      alertRate: opts.alertRate ?? null,
      actionLatencyMs: opts.actionLatencyMs ?? 2000,
      actionResponseDelayMs: opts.actionResponseDelayMs ?? 0,
      random: opts.random ?? Math.random,
    },
    opts.machines ?? 12,
  );
  let port = opts.port ?? 0;
  let server: Server | null = null;
  let alertTimer: NodeJS.Timeout | null = null;
  let rateTimer: NodeJS.Timeout | null = null;

  // A steady rate is kept by counting, not by one timer per alert: timers drift and bunch up in a
  // busy process, so each tick raises as many alerts as the elapsed time calls for (each stamped
  // with the moment it was actually raised).
  function scheduleRate(): void {
    if (rateTimer) clearInterval(rateTimer);
    rateTimer = null;
    const rate = state.settings.alertRate;
    if (!server || !rate || rate.perSecond <= 0) return;
    const startedAt = Date.now();
    let raised = 0;
    rateTimer = setInterval(() => {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * rate.perSecond);
      for (; raised < due; raised++) raiseAlert(state, rate.severity ? { severity: rate.severity } : {});
    }, 10);
    rateTimer.unref();
  }

  function scheduleAlerts(): void {
    if (alertTimer) clearInterval(alertTimer);
    alertTimer = null;
    if (server && state.settings.alertIntervalMs > 0) {
      alertTimer = setInterval(() => raiseAlert(state), state.settings.alertIntervalMs);
      // A forgotten simulator must not keep a test process or CLI alive on its own.
      alertTimer.unref();
    }
    scheduleRate();
  }

  const adminRoutes = createAdminRoutes({ onConfigChanged: scheduleAlerts });
  const handler = createRequestHandler(state, adminRoutes, () => `localhost:${port}`);

  return {
    get url() {
      return `https://localhost:${port}`;
    },
    state,
    async start() {
      if (server) return;
      const srv = createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(port, host, () => {
          srv.off('error', reject);
          resolve();
        });
      });
      port = (srv.address() as AddressInfo).port;
      server = srv;
      scheduleAlerts();
    },
    async stop() {
      const srv = server;
      if (!srv) return;
      server = null;
      scheduleAlerts();
      // Keep-alive sockets from fetch would otherwise hold close() open.
      srv.closeAllConnections();
      await new Promise<void>((resolve, reject) => srv.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
