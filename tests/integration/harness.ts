// Real parts for integration tests: the Defender simulator over https (the real MDE client and
// MSAL talk to it), the SMTP capture, a clean database, and the seed flow published and on.
import './setup-env';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { db } from '@/server/db/client';
import { env } from '@/server/env';
import { createSimulator, type Simulator, type SimulatorOptions } from '@/simulator';
import { startSmtpCapture } from '@/server/mail/smtp-capture';
import { createConnection } from '@/server/services/connections';
import { createFlow, publishFlow, setFlowEnabled } from '@/server/services/flows';
import { buildSeedFlowGraph, SEED_FLOW_NAME } from '@/core/testing/builders';
import type { CallRecord } from '@/simulator';

const root = path.resolve(import.meta.dirname, '../..');

export interface Harness {
  sim: Simulator;
  smtp: { port: number; close(): Promise<void> };
  defenderId: string;
  smtpId: string;
  flowId: string;
  calls(pathPart: string, method?: string): Promise<CallRecord[]>;
  raise(severity: 'High' | 'Low' | 'Medium' | 'Informational'): Promise<{ id: string; machineId: string; title: string }>;
  close(): Promise<void>;
}

export async function resetDatabase(): Promise<void> {
  await db().$executeRawUnsafe(
    'TRUNCATE "User", "Session", "ApiToken", "Connection", "Flow", "FlowVersion", "Run", "StepRun", "AlertCursor", "SeenAlert", "AuditEvent", "CapturedEmail", "CapturedWebhook", "WorkerHeartbeat" CASCADE',
  );
}

export async function flushQueues(): Promise<void> {
  const redis = new Redis(env().REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${env().RIPOSTE_QUEUE_PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
}

export interface HarnessOptions {
  rateLimitPerMinute?: number;
  actionLatencyMs?: number;
  actionResponseDelayMs?: number;
  /** Simulator per-API limits and (scaled) windows. */
  simRateLimits?: Pick<SimulatorOptions, 'rateLimits' | 'rateLimitWindows'>;
  /** The Defender connection's own `rateLimits` / `rateLimitWindows` config. */
  connectionRateLimits?: { rateLimits?: unknown; rateLimitWindows?: unknown };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  await resetDatabase();
  const creds = { tenantId: 'c0ffee00-0000-4000-8000-000000000001', clientId: 'test-client', clientSecret: randomBytes(16).toString('hex') };
  const sim = createSimulator({
    port: 0,
    tls: { cert: readFileSync(path.join(root, '.riposte/tls/cert.pem')), key: readFileSync(path.join(root, '.riposte/tls/key.pem')) },
    ...creds,
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 0,
    actionLatencyMs: opts.actionLatencyMs ?? 200,
      actionResponseDelayMs: opts.actionResponseDelayMs ?? 0,
      ...opts.simRateLimits,
    });
    await sim.start();
    const smtp = await startSmtpCapture(0);
    const defender = await createConnection(null, { kind: 'defender', name: 'Sim', ...creds, apiBaseUrl: sim.url, authorityHost: sim.url, graphBaseUrl: sim.url, ...opts.connectionRateLimits });
  const mail = await createConnection(null, { kind: 'smtp', name: 'Capture', host: '127.0.0.1', port: smtp.port, from: 'riposte@test.local' });
  const flow = await createFlow(null, {
    name: SEED_FLOW_NAME,
    graph: buildSeedFlowGraph({ defenderConnectionId: defender.id, smtpConnectionId: mail.id, socEmail: 'soc@test.local' }),
  });
  await publishFlow(null, flow.id);
  await setFlowEnabled(null, flow.id, true);

  return {
    sim,
    smtp,
    defenderId: defender.id,
    smtpId: mail.id,
    flowId: flow.id,
    async calls(pathPart, method) {
      const res = await fetch(`${sim.url}/_sim/calls`);
      const all = (await res.json()) as CallRecord[];
      return all.filter((c) => c.path.includes(pathPart) && (!method || c.method === method));
    },
    async raise(severity) {
      const res = await fetch(`${sim.url}/_sim/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ severity }) });
      return (await res.json()) as { id: string; machineId: string; title: string };
    },
    async close() {
      await sim.stop();
      await smtp.close();
    },
  };
}

/** Polls `fn` until it returns a truthy value or the deadline passes. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The first run of a flow once it has ended (succeeded or failed), with its steps. */
export function finishedRunOf(flowId: string, timeoutMs = 40_000) {
  return eventually(async () => {
    const r = await db().run.findFirst({ where: { flowId }, include: { steps: true } });
    return r && ['succeeded', 'failed'].includes(r.status) ? r : null;
  }, timeoutMs);
}
